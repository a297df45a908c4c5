using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.CampaignUpdates;

/// <summary>
/// PublicSite's "follow this campaign" form posted as a browser posts it: the request lands in campaign_follow_intake
/// through the intake login (PostgreSQL: INSERT only), a bot filling the honeypot stores nothing, a post without the
/// anti-forgery token is refused, and the answer never says whether the address already follows.
/// </summary>
public abstract class FollowFormTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    private async Task<(HttpResponseMessage Response, string Slug)> PostAsync(string email, string website = "", bool withToken = true)
    {
        var campaign = await WithDbAsync(db => TestData.CampaignAsync(db));
        var client = Site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var url = $"/chien-dich/{campaign.Slug}/theo-doi";
        var form = await client.GetStringAsync(url);
        var fields = new Dictionary<string, string> { ["Email"] = email, ["Website"] = website };
        if (withToken) fields["__RequestVerificationToken"] = StaffClient.Token(form);
        return (await client.PostAsync(url, new FormUrlEncodedContent(fields)), campaign.Slug);
    }

    private Task<List<Shared.CampaignUpdates.CampaignFollowIntake>> IntakeAsync() =>
        WithDbAsync(db => db.CampaignFollowIntake.AsNoTracking().ToListAsync());

    [Fact]
    public async Task The_campaign_page_links_to_the_follow_form_which_takes_an_address_into_the_intake()
    {
        var (response, slug) = await PostAsync("lan.pham@example.com");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/chien-dich/{slug}/theo-doi?da-gui=true", response.Headers.Location!.OriginalString);
        var row = Assert.Single(await IntakeAsync());
        Assert.Equal((slug, "lan.pham@example.com", "vi"), (row.CampaignSlug, row.Email, row.Culture));
        Assert.Null(row.ProcessedAt);
        var campaignPage = await Site.CreateClient().GetStringAsync($"/chien-dich/{slug}");
        Assert.Contains($"href=\"/chien-dich/{slug}/theo-doi\"", campaignPage, StringComparison.Ordinal);
        var answer = await Site.CreateClient().GetStringAsync(response.Headers.Location.OriginalString);
        Assert.Contains("thư xin xác nhận", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_address_is_refused_next_to_the_field_and_nothing_is_stored()
    {
        var (response, _) = await PostAsync("lan.pham@");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"e-Email\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Empty(await IntakeAsync());
    }

    [Fact]
    public async Task A_bot_that_fills_the_honeypot_gets_the_same_answer_and_nothing_is_stored()
    {
        var (response, slug) = await PostAsync("bot@example.com", website: "http://spam.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("da-gui", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Empty(await IntakeAsync());
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused()
    {
        var (response, _) = await PostAsync("lan.pham@example.com", withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await IntakeAsync());
    }
}

public class FollowFormTestsOnSqlite() : FollowFormTests(DatabaseProvider.Sqlite);

public class FollowFormTestsOnPostgres() : FollowFormTests(DatabaseProvider.Postgres);
