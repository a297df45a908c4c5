using System.Net;
using ChildAid.Shared.CampaignUpdates;
using ChildAid.Shared.Data;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.CampaignUpdates;

/// <summary>
/// BackOffice's anonymous confirm page (<c>/theo-doi/{token}</c>) and one-click unsubscribe (<c>/huy-nhan-tin/{token}</c>,
/// RFC 8058): opening a link changes nothing, the button does; a mail program's POST unsubscribes with no cookie, page
/// or anti-forgery token; a forged or expired token is a 404 and nothing changes.
/// </summary>
public abstract class FollowerPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private const string ConfirmToken = "confirm-token-0123456789-abcdefghijklmnopqr";
    private const string UnsubscribeToken = "unsubscribe-0123456789-abcdefghijklmnopqrst";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Clock => _clock;

    private async Task<int> FollowerAsync(bool confirmed = false)
    {
        await using var db = Db.NewContext();
        var campaign = await TestData.CampaignAsync(db);
        var follower = new CampaignFollower
        {
            CampaignId = campaign.Id, Email = "lan@example.org", ConfirmToken = ConfirmToken, UnsubscribeToken = UnsubscribeToken,
            CreatedAt = _clock.GetUtcNow().UtcDateTime, ConfirmRequestedAt = _clock.GetUtcNow().UtcDateTime,
        };
        if (confirmed) follower.Confirm(_clock.GetUtcNow().UtcDateTime);
        db.CampaignFollowers.Add(follower);
        await db.SaveChangesAsync();
        return follower.Id;
    }

    private async Task<FollowerState> StateAsync()
    {
        await using var db = Db.NewContext();
        return await db.CampaignFollowers.AsNoTracking().Select(f => f.State).SingleAsync();
    }

    private static FormUrlEncodedContent OneClick() => new(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });

    [Fact]
    public async Task Opening_the_confirm_link_shows_a_button_and_only_pressing_it_starts_the_news()
    {
        await FollowerAsync();
        var client = App.NewClient();

        var page = await client.GetPageAsync("/theo-doi/" + ConfirmToken);
        Assert.Contains("Áo ấm cho em", page, StringComparison.Ordinal);
        Assert.Equal(FollowerState.Pending, await StateAsync());

        var confirmed = await client.PostWithTokenAsync("/theo-doi/" + ConfirmToken, StaffClient.Token(page), []);
        var after = await client.FollowAsync(confirmed);
        Assert.Contains("Cảm ơn quý vị", after, StringComparison.Ordinal);
        Assert.Equal(FollowerState.Confirmed, await StateAsync());
    }

    [Fact]
    public async Task A_forged_or_expired_confirm_link_is_not_found_and_confirms_nothing()
    {
        await FollowerAsync();
        var client = App.NewClient();
        var forged = ConfirmToken[..^1] + "x";
        var token = StaffClient.Token(await client.GetPageAsync("/theo-doi/" + ConfirmToken));

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/theo-doi/" + forged)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync("/theo-doi/" + forged, token, [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/theo-doi/short")).StatusCode);
        _clock.Advance(TimeSpan.FromDays(CampaignFollower.ConfirmDays + 1));
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/theo-doi/" + ConfirmToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync("/theo-doi/" + ConfirmToken, token, [])).StatusCode);
        Assert.Equal(FollowerState.Pending, await StateAsync());
    }

    [Fact]
    public async Task A_mail_programs_one_click_post_unsubscribes_without_cookie_page_or_anti_forgery_token()
    {
        await FollowerAsync(confirmed: true);
        using var mailProgram = App.CreateClient();

        var response = await mailProgram.PostAsync("/huy-nhan-tin/" + UnsubscribeToken, OneClick());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FollowerState.Unsubscribed, await StateAsync());
        // Posting again (a retry) is harmless.
        Assert.Equal(HttpStatusCode.OK, (await mailProgram.PostAsync("/huy-nhan-tin/" + UnsubscribeToken, OneClick())).StatusCode);
    }

    [Fact]
    public async Task Opening_the_unsubscribe_link_only_shows_the_button()
    {
        await FollowerAsync(confirmed: true);

        var page = await App.NewClient().GetPageAsync("/huy-nhan-tin/" + UnsubscribeToken);

        Assert.Contains("<form method=\"post\"", page, StringComparison.Ordinal);
        Assert.Equal(FollowerState.Confirmed, await StateAsync());
    }

    [Fact]
    public async Task A_forged_unsubscribe_token_is_not_found_and_changes_nothing()
    {
        await FollowerAsync(confirmed: true);
        using var mailProgram = App.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await mailProgram.PostAsync("/huy-nhan-tin/" + UnsubscribeToken[..^1] + "x", OneClick())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mailProgram.PostAsync("/huy-nhan-tin/not-a-token", OneClick())).StatusCode);
        Assert.Equal(FollowerState.Confirmed, await StateAsync());
    }
}

public class FollowerPagesTestsOnSqlite() : FollowerPagesTests(DatabaseProvider.Sqlite);

public class FollowerPagesTestsOnPostgres() : FollowerPagesTests(DatabaseProvider.Postgres);
