using System.Text.RegularExpressions;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.CampaignUpdates;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Mail;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Media;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.CampaignUpdates;

/// <summary>
/// Campaign updates by mail, end to end below the web: a follow request goes in through PublicSite's intake login, the
/// worker (as BackOffice's login) makes a pending follower and its confirmation mail; a story published on the campaign
/// reaches the confirmed followers only, once per story and follower however often it is published or the worker runs.
/// </summary>
public abstract partial class CampaignUpdateTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
    private readonly string _mediaRoot = Path.Combine(Path.GetTempPath(), $"childaid-updates-{Guid.NewGuid():N}");
    private ServiceProvider? _services;

    private ServiceProvider Services => _services ??= Db.Services(s =>
    {
        s.AddSingleton<TimeProvider>(_clock);
        s.Configure<DonorLinkOptions>(o => o.PublicBaseUrl = "https://nha.childaid.example");
        s.Configure<PublicSiteLinkOptions>(o => o.BaseUrl = "https://childaid.example");
        s.Configure<MediaOptions>(o => { o.Root = Path.Combine(_mediaRoot, "private"); o.PublicRoot = Path.Combine(_mediaRoot, "public"); });
        s.AddCampaignUpdateWorker(new ConfigurationBuilder().Build(), worker: false);
    }, asApp: true);

    public override async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (Directory.Exists(_mediaRoot)) Directory.Delete(_mediaRoot, recursive: true);
        await base.DisposeAsync();
    }

    private Task PassAsync() => Services.GetRequiredService<CampaignUpdateWorker>().PassAsync(CancellationToken.None);

    private async Task<T> WithDbAsync<T>(Func<ChildAidDbContext, Task<T>> work)
    {
        await using var db = Db.NewContext();
        return await work(db);
    }

    /// <summary>What PublicSite's follow form does: one INSERT through the intake login.</summary>
    private async Task FollowAsync(string slug, string email, string culture = "vi")
    {
        await using var intake = IntakeDbContext.Create(Db.IntakeOptions);
        intake.CampaignFollowIntake.Add(new CampaignFollowIntake
        {
            Id = Guid.NewGuid(), CampaignSlug = slug, Email = email, Culture = culture, ReceivedAt = _clock.GetUtcNow().UtcDateTime,
        });
        await intake.SaveChangesAsync();
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        (db.UnitScope, db.OrganisationScope) = (null, null);
        return await work(scope.ServiceProvider);
    }

    private Task<bool> ConfirmAsync(string token) => InScopeAsync(sp => sp.GetRequiredService<CampaignFollowers>().ConfirmAsync(token));

    /// <summary>A story on the campaign, published by the real publisher (as an editor's "Đăng" does).</summary>
    private async Task<int> PublishStoryAsync(int? campaignId, string slug)
    {
        var item = await WithDbAsync(db => ContentTestData.ItemAsync(db,
            new ContentSpec(ContentType.Story, slug, "Những chiếc áo đầu tiên đã đến Ia Đal") { CampaignId = campaignId, Summary = "300 chiếc áo ấm." }, publish: false));
        await RepublishAsync(item.Id);
        return item.Id;
    }

    private Task RepublishAsync(int itemId) => InScopeAsync(async sp =>
    {
        var published = await sp.GetRequiredService<ContentPublisher>().PublishAsync(itemId, "bientap");
        Assert.True(published.Succeeded, string.Join("; ", published.Errors.Values));
        return 0;
    });

    private Task<List<MailOutboxMessage>> MailsAsync(MailMessageKind kind) =>
        WithDbAsync(db => db.MailOutbox.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.ToAddress).ToListAsync());

    private Task<CampaignFollower> FollowerAsync(string email) =>
        WithDbAsync(db => db.CampaignFollowers.AsNoTracking().SingleAsync(f => f.Email == email));

    /// <summary>The confirm link's token, read from the mail as the follower would.</summary>
    private static string ConfirmToken(MailOutboxMessage mail) => ConfirmLink().Match(mail.TextBody).Groups[1].Value;

    [GeneratedRegex("https://nha\\.childaid\\.example/theo-doi/([A-Za-z0-9_-]{43})")]
    private static partial Regex ConfirmLink();

    private async Task<Campaign> CampaignAsync() => await WithDbAsync(db => TestData.CampaignAsync(db));

    /// <summary>A follower confirmed through their own mail.</summary>
    private async Task ConfirmedFollowerAsync(string slug, string email)
    {
        await FollowAsync(slug, email);
        await PassAsync();
        var mail = (await MailsAsync(MailMessageKind.FollowConfirmation)).Single(m => m.ToAddress == email);
        Assert.True(await ConfirmAsync(ConfirmToken(mail)));
    }

    [Fact]
    public async Task A_follow_request_becomes_a_pending_follower_and_one_confirmation_mail_and_nothing_is_sent_until_the_link_is_confirmed()
    {
        var campaign = await CampaignAsync();
        await FollowAsync(campaign.Slug, "Lan.Pham@Example.com");

        await PassAsync();

        var follower = await FollowerAsync("lan.pham@example.com");
        Assert.Equal((FollowerState.Pending, campaign.Id), (follower.State, follower.CampaignId));
        var confirmation = Assert.Single(await MailsAsync(MailMessageKind.FollowConfirmation));
        Assert.Equal("lan.pham@example.com", confirmation.ToAddress);
        Assert.Contains("Áo ấm cho em", confirmation.Subject, StringComparison.Ordinal);
        Assert.Null(confirmation.UnsubscribeUrl);

        await PublishStoryAsync(campaign.Id, "truoc-khi-xac-nhan");
        await PassAsync();
        Assert.Empty(await MailsAsync(MailMessageKind.CampaignUpdate));

        Assert.True(await ConfirmAsync(ConfirmToken(confirmation)));
        Assert.Equal(FollowerState.Confirmed, (await FollowerAsync("lan.pham@example.com")).State);
        await PublishStoryAsync(campaign.Id, "sau-khi-xac-nhan");
        await PassAsync();
        var update = Assert.Single(await MailsAsync(MailMessageKind.CampaignUpdate));
        Assert.Equal("lan.pham@example.com", update.ToAddress);
        Assert.Contains("https://childaid.example/tin-tuc/sau-khi-xac-nhan", update.TextBody, StringComparison.Ordinal);
        Assert.Equal("https://nha.childaid.example/huy-nhan-tin/" + follower.UnsubscribeToken, update.UnsubscribeUrl);
    }

    [Fact]
    public async Task Following_the_same_campaign_again_with_the_same_address_adds_no_second_follower_or_mail()
    {
        var campaign = await CampaignAsync();
        await FollowAsync(campaign.Slug, "lan.pham@example.com");
        await PassAsync();
        await FollowAsync(campaign.Slug, " LAN.PHAM@example.com ");
        await FollowAsync(campaign.Slug, "lan.pham@example.com");

        await PassAsync();

        Assert.Equal(1, await WithDbAsync(db => db.CampaignFollowers.CountAsync()));
        Assert.Single(await MailsAsync(MailMessageKind.FollowConfirmation));
        Assert.Equal(0, await WithDbAsync(db => db.CampaignFollowIntake.CountAsync(i => i.ProcessedAt == null)));
    }

    [Fact]
    public async Task A_story_reaches_each_confirmed_follower_once_however_often_it_is_published_or_the_worker_runs()
    {
        var campaign = await CampaignAsync();
        await ConfirmedFollowerAsync(campaign.Slug, "an@example.org");
        await ConfirmedFollowerAsync(campaign.Slug, "binh@example.org");
        await ConfirmedFollowerAsync(campaign.Slug, "cuong@example.org");
        await FollowAsync(campaign.Slug, "chua-xac-nhan@example.org");
        await PassAsync();
        var cuong = await FollowerAsync("cuong@example.org");
        Assert.True(await InScopeAsync(sp => sp.GetRequiredService<CampaignFollowers>().UnsubscribeAsync(cuong.UnsubscribeToken)));

        var story = await PublishStoryAsync(campaign.Id, "ao-da-den");
        // Publishing only records the run; the mails are the worker's.
        Assert.Empty(await MailsAsync(MailMessageKind.CampaignUpdate));
        await PassAsync();
        await PassAsync();
        // An edit published again, and a worker that crashed after queuing but before it marked the run done.
        await WithDbAsync(async db => { await ContentTestData.SaveVersionAsync(db, story, "Những chiếc áo đầu tiên (đã sửa)", "Đã sửa."); return 0; });
        await RepublishAsync(story);
        await WithDbAsync(db => db.CampaignUpdateRuns.ExecuteUpdateAsync(u => u.SetProperty(r => r.QueuedAt, (DateTime?)null)));
        await PassAsync();

        var updates = await MailsAsync(MailMessageKind.CampaignUpdate);
        Assert.Equal(["an@example.org", "binh@example.org"], updates.Select(m => m.ToAddress));
        Assert.All(updates, m => Assert.StartsWith("update:" + story + ":", m.DedupeKey, StringComparison.Ordinal));
        var run = await WithDbAsync(db => db.CampaignUpdateRuns.AsNoTracking().SingleAsync());
        Assert.Equal((story, 2), (run.ContentItemId, run.MailsQueued));
    }

    [Fact]
    public async Task The_outbox_refuses_a_second_update_for_the_same_story_and_follower_in_the_database()
    {
        var campaign = await CampaignAsync();
        await ConfirmedFollowerAsync(campaign.Slug, "an@example.org");
        var story = await PublishStoryAsync(campaign.Id, "ao-da-den");
        await PassAsync();
        var sent = Assert.Single(await MailsAsync(MailMessageKind.CampaignUpdate));

        // A second writer that skipped every check: the UNIQUE dedupe key stops it, not a check in memory.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => WithDbAsync(async db =>
        {
            db.MailOutbox.Add(new MailOutboxMessage
            {
                Kind = MailMessageKind.CampaignUpdate, DedupeKey = sent.DedupeKey, ToAddress = sent.ToAddress, Subject = "x", CreatedAt = DateTime.UtcNow,
                NextAttemptAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(CampaignUpdateMails.DedupeKey(story, (await FollowerAsync("an@example.org")).Id), sent.DedupeKey);
    }

    [Fact]
    public async Task Stories_without_a_campaign_and_campaign_pages_send_nothing()
    {
        var campaign = await CampaignAsync();
        await ConfirmedFollowerAsync(campaign.Slug, "an@example.org");

        await PublishStoryAsync(null, "tin-chung");
        await PassAsync();

        Assert.Empty(await MailsAsync(MailMessageKind.CampaignUpdate));
        Assert.Equal(0, await WithDbAsync(db => db.CampaignUpdateRuns.CountAsync()));
    }

    [Fact]
    public async Task An_expired_or_forged_confirm_link_confirms_nothing_and_a_new_request_mails_a_new_link()
    {
        var campaign = await CampaignAsync();
        await FollowAsync(campaign.Slug, "lan@example.org");
        await PassAsync();
        var first = ConfirmToken(Assert.Single(await MailsAsync(MailMessageKind.FollowConfirmation)));

        Assert.False(await ConfirmAsync(first[..^1] + (first[^1] == 'A' ? 'B' : 'A')));
        _clock.Advance(TimeSpan.FromDays(CampaignFollower.ConfirmDays).Add(TimeSpan.FromMinutes(1)));
        Assert.False(await ConfirmAsync(first));
        Assert.Equal(FollowerState.Pending, (await FollowerAsync("lan@example.org")).State);

        await FollowAsync(campaign.Slug, "lan@example.org");
        await PassAsync();
        var mails = await MailsAsync(MailMessageKind.FollowConfirmation);
        Assert.Equal(2, mails.Count);
        var second = mails.Select(ConfirmToken).Single(t => t != first);
        Assert.False(await ConfirmAsync(first));
        Assert.True(await ConfirmAsync(second));
    }

    [Fact]
    public async Task A_pledge_with_the_updates_box_ticked_makes_the_donor_a_pending_follower_with_a_confirmation_mail()
    {
        var campaign = await CampaignAsync();
        await WithDbAsync(db => TestData.UnitAsync(db, "Xã Ia Đal", code: "99002"));
        await using var processing = Db.Services(s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.AddPledgeProcessing(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Pledges:ReceivingUnitCode"] = "99002", ["PublicSite:BaseUrl"] = "https://childaid.example",
                ["PublicSite:Giving:BankName"] = "Ngân hàng DEMO", ["PublicSite:Giving:BankBin"] = "970422",
                ["PublicSite:Giving:AccountNumber"] = "0000000000", ["PublicSite:Giving:AccountName"] = "CHILDAID DEMO",
            }).Build(), worker: false);
        }, asApp: true);
        await using (var intake = IntakeDbContext.Create(Db.IntakeOptions))
            await new Shared.Pledges.PledgeIntakeService(intake, _clock).SubmitAsync(new Shared.Pledges.PledgeRequest
            {
                Campaign = campaign.Slug, Amount = 300_000, Display = "name-amount", FollowCampaign = true,
                Donor = new Shared.Pledges.PledgeDonor { Kind = "individual", Name = "Phạm Thị Lan", Email = "lan.pham@example.com" },
            }, Guid.NewGuid().ToString());

        Assert.Equal(1, await processing.GetRequiredService<Shared.Pledges.PledgeIntakeProcessor>().ProcessPendingAsync());

        var follower = await FollowerAsync("lan.pham@example.com");
        var donorId = await WithDbAsync(db => db.Donors.Where(d => d.Email == "lan.pham@example.com").Select(d => d.Id).SingleAsync());
        Assert.Equal((FollowerState.Pending, (int?)donorId, "Phạm Thị Lan"), (follower.State, follower.DonorId, follower.Name));
        var mail = Assert.Single(await MailsAsync(MailMessageKind.FollowConfirmation));
        Assert.Contains("Kính gửi Phạm Thị Lan", mail.TextBody, StringComparison.Ordinal);
    }
}

public class CampaignUpdateTestsOnSqlite() : CampaignUpdateTests(DatabaseProvider.Sqlite);

public class CampaignUpdateTestsOnPostgres() : CampaignUpdateTests(DatabaseProvider.Postgres);
