using System.Net;
using ChildAid.Shared.Consent;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Tests.Content;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ChildAid.Shared.Media;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.PublicSite;

/// <summary>A consent withdrawn or expired takes everything depending on it off the public site on the next tick.</summary>
public abstract class ConsentSweepTests(DatabaseProvider provider) : ContentSiteTest(provider)
{
    private static readonly DateTime Now = new(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc);

    private Task<int> ConsentAsync(DateOnly? expires = null) => WithDbAsync(async db =>
    {
        var unit = await TestData.UnitAsync(db);
        var child = await TestData.ChildAsync(db, unit.Id, "Lò Thị Mai");
        var consent = new ConsentRecord
        {
            AdminUnitId = unit.Id, ChildId = child.Id, GuardianName = "Lò Văn Páo", GuardianConsentOn = new DateOnly(2026, 11, 2),
            Scope = ConsentScope.Website, ExpiresOn = expires, RecordedBy = "xa", RecordedAt = Now.AddDays(-30),
        };
        db.ConsentRecords.Add(consent);
        await db.SaveChangesAsync();
        return consent.Id;
    });

    private async Task<ScheduleTick> TickAsync()
    {
        var clock = new FakeTimeProvider(Now);
        await using var services = Db.Services(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton(new MediaStore(Options.Create(new MediaOptions { Root = PrivateRoot, PublicRoot = Site.MediaPublicRoot })));
        });
        var runner = new ContentScheduleRunner(services.GetRequiredService<IServiceScopeFactory>(), new ScheduleTestSteps().Steps,
            clock, NullLogger<ContentScheduleRunner>.Instance);
        return await runner.TickAsync();
    }

    [Fact]
    public async Task After_a_withdrawal_and_one_tick_the_story_and_its_image_are_gone_from_the_public_site()
    {
        var consent = await ConsentAsync();
        var image = await WithDbAsync(db => ContentTestData.ImageAsync(db, PrivateRoot, Site.MediaPublicRoot, consent));
        await PublishAsync(new ContentSpec(ContentType.Story, "mai-den-truong", "Mai đến trường") { HeroMediaId = image.Id });
        await PublishAsync(new ContentSpec(ContentType.Story, "cau-chuyen-cua-mai", "Câu chuyện của Mai") { ConsentRecordId = consent });
        await PublishAsync(new ContentSpec(ContentType.Story, "khong-lien-quan", "Tin không liên quan"));
        var client = Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tin-tuc/mai-den-truong")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/media/{image.FileKey}/w960.webp")).StatusCode);
        Assert.Equal(new ScheduleTick(0, 0, 0, 0, 0), await TickAsync());

        await WithDbAsync(async db =>
        {
            var record = await db.ConsentRecords.SingleAsync(c => c.Id == consent);
            record.WithdrawnAt = Now.AddMinutes(-1);
            record.WithdrawnBy = "xa";
            return await db.SaveChangesAsync();
        });
        var tick = await TickAsync();

        Assert.Equal(2, tick.SweptItems);
        Assert.Equal(1, tick.SweptMedia);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/tin-tuc/mai-den-truong")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/tin-tuc/cau-chuyen-cua-mai")).StatusCode);
        foreach (var name in ContentTestData.FileNames)
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{image.FileKey}/{name}")).StatusCode);
        var list = await GetHtmlAsync(client, "/tin-tuc");
        Assert.DoesNotContain("Mai", list);
        Assert.Contains("Tin không liên quan", list);
        Assert.False(Directory.Exists(Path.Combine(Site.MediaPublicRoot, image.FileKey)));
        Assert.True(Directory.Exists(Path.Combine(PrivateRoot, image.FileKey)), "the library keeps its private renditions");
        var audited = await WithDbAsync(db => db.AuditEntries.Where(a => a.Actor == ContentScheduleRunner.ConsentActor).Select(a => a.EntityType).ToListAsync());
        Assert.Contains(nameof(ContentItem), audited);
        Assert.Contains(nameof(Shared.Media.PublishedMedia), audited);
        Assert.Equal(new ScheduleTick(0, 0, 0, 0, 0), await TickAsync());
    }

    [Fact]
    public async Task A_newer_draft_using_an_image_under_an_ended_consent_does_not_take_the_published_version_down()
    {
        var consent = await ConsentAsync();
        var image = await WithDbAsync(db => ContentTestData.ImageAsync(db, PrivateRoot, publicRoot: null, consent));
        var story = await PublishAsync(new ContentSpec(ContentType.Story, "ban-da-dang", "Bản đã đăng không có ảnh") { BodyHtml = "<p>Không ảnh.</p>" });
        await WithDbAsync(async db =>
        {
            await ContentTestData.SaveVersionAsync(db, story.Id, "Bản nháp mới có ảnh", $"![Mai](media:{image.Id})");
            // As ContentService keeps it: the uses hold the images of the latest and of the published version.
            db.ContentMediaUses.Add(new ContentMediaUse { ContentItemId = story.Id, MediaItemId = image.Id });
            var record = await db.ConsentRecords.SingleAsync(c => c.Id == consent);
            record.WithdrawnAt = Now.AddMinutes(-1);
            record.WithdrawnBy = "xa";
            return await db.SaveChangesAsync();
        });

        var tick = await TickAsync();

        Assert.Equal(0, tick.SweptItems);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/tin-tuc/ban-da-dang")).StatusCode);
        Assert.Equal(ContentState.Published, await WithDbAsync(db => db.ContentItems.Where(i => i.Id == story.Id).Select(i => i.State).SingleAsync()));
    }

    [Fact]
    public async Task An_expired_consent_takes_its_story_down_the_day_after_it_ends_in_vietnam()
    {
        var lastDay = DateOnly.FromDateTime(Shared.Time.VietnamClock.ToVietnamTime(Now)).AddDays(-1);
        var expired = await ConsentAsync(expires: lastDay);
        var valid = await ConsentAsync(expires: lastDay.AddDays(1));
        await PublishAsync(new ContentSpec(ContentType.Story, "het-han", "Giấy đồng ý đã hết hạn") { ConsentRecordId = expired });
        await PublishAsync(new ContentSpec(ContentType.Story, "con-han", "Giấy đồng ý còn hạn hôm nay") { ConsentRecordId = valid });

        var tick = await TickAsync();
        var client = Client();

        Assert.Equal(1, tick.SweptItems);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/tin-tuc/het-han")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tin-tuc/con-han")).StatusCode);
    }
}

public class ConsentSweepTestsOnSqlite() : ConsentSweepTests(DatabaseProvider.Sqlite);

public class ConsentSweepTestsOnPostgres() : ConsentSweepTests(DatabaseProvider.Postgres);
