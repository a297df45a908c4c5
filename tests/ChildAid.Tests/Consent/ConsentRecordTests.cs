using ChildAid.Shared.Consent;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.Consent;

/// <summary>Consent records: the guardian's and (from 7) the child's own consent, scope, expiry, withdrawal, unit scope.</summary>
public abstract class ConsentRecordTests(DatabaseProvider provider) : DatabaseTest(provider), IDisposable
{
    // 1 December 2026, 09:00 in Vietnam.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly string root = Path.Combine(Path.GetTempPath(), "childaid-consent-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider services = null!;
    private int communeId, otherCommuneId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        services = MediaWorld.Services(Db, root, s => s.AddSingleton<TimeProvider>(clock));
        await using var db = Db.NewContext();
        communeId = (await TestData.UnitAsync(db, "Xã Ia Đal")).Id;
        otherCommuneId = (await TestData.UnitAsync(db, "Xã Mù Cang Chải")).Id;
    }

    public override async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await base.DisposeAsync();
    }

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<int> ChildAsync(string name, DateOnly born, int? unit = null)
    {
        await using var db = Db.NewContext();
        return (await TestData.ChildAsync(db, unit ?? communeId, name, born)).Id;
    }

    private static ConsentInput ForChild(int childId, DateOnly? own = null) => new()
    {
        ChildId = childId, GuardianName = "Lò Văn Páo", GuardianConsentOn = new DateOnly(2026, 11, 20), ChildConsentOn = own,
        ScopeWebsite = true, ExpiresOn = new DateOnly(2027, 11, 20),
    };

    /// <summary>A scope as a staff member whose units are <paramref name="units"/> (null: every unit).</summary>
    private AsyncServiceScope As(string actor, params int[]? units)
    {
        var scope = Scope(services, actor);
        scope.ServiceProvider.GetRequiredService<ChildAidDbContext>().UnitScope = units;
        return scope;
    }

    private static ConsentService Consents(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<ConsentService>();

    [Fact]
    public async Task A_child_of_eight_without_their_own_consent_is_refused()
    {
        var child = await ChildAsync("Lò Thị Mai", new DateOnly(2018, 5, 1));  // 8 on 20/11/2026
        await using var scope = As("xa", communeId);

        var refused = await Consents(scope).RecordAsync(ForChild(child), "xa");
        Assert.StartsWith("Trẻ đã 8 tuổi vào ngày 20/11/2026: cần cả sự đồng ý của chính trẻ", refused.Errors[nameof(ConsentInput.ChildConsentOn)]);

        var recorded = await Consents(scope).RecordAsync(ForChild(child, own: new DateOnly(2026, 11, 21)), "xa");
        Assert.True(recorded.Succeeded);
        Assert.Equal(communeId, recorded.Value!.AdminUnitId);
    }

    [Fact]
    public async Task A_child_of_six_needs_the_guardian_only_and_turning_seven_later_changes_nothing()
    {
        var child = await ChildAsync("Lò Văn Tú", new DateOnly(2019, 11, 21));  // 6 on 20/11/2026, 7 the day after
        await using var scope = As("xa", communeId);
        Assert.True((await Consents(scope).RecordAsync(ForChild(child), "xa")).Succeeded);
        Assert.Equal(6, ConsentService.AgeOn(new DateOnly(2019, 11, 21), new DateOnly(2026, 11, 20)));
        Assert.Equal(7, ConsentService.AgeOn(new DateOnly(2019, 11, 21), new DateOnly(2026, 11, 21)));
        Assert.Equal(7, ConsentService.AgeOn(new DateOnly(2016, 2, 29), new DateOnly(2023, 2, 28)));
    }

    [Fact]
    public async Task A_record_names_a_child_or_says_none_is_identifiable_and_has_a_scope_a_guardian_and_an_expiry()
    {
        var child = await ChildAsync("Lò Thị Mai", new DateOnly(2021, 5, 1));
        await using var scope = As("xa", communeId);
        var service = Consents(scope);

        var neither = await service.RecordAsync(new ConsentInput { ScopeWebsite = true }, "xa");
        Assert.Contains(nameof(ConsentInput.ChildId), neither.Errors.Keys);
        var both = await service.RecordAsync(new ConsentInput { ChildId = child, NoIdentifiableChild = true, ScopeWebsite = true }, "xa");
        Assert.Contains(nameof(ConsentInput.ChildId), both.Errors.Keys);

        var bare = await service.RecordAsync(new ConsentInput { ChildId = child }, "xa");
        Assert.Equal([nameof(ConsentInput.ExpiresOn), nameof(ConsentInput.GuardianConsentOn), nameof(ConsentInput.GuardianName), nameof(ConsentInput.ScopeWebsite)],
            bare.Errors.Keys.Order());

        var future = ForChild(child);
        future.GuardianConsentOn = new DateOnly(2026, 12, 2);
        Assert.Equal("Ngày đồng ý không được sau hôm nay.", (await service.RecordAsync(future, "xa")).Errors[nameof(ConsentInput.GuardianConsentOn)]);

        var noChild = await service.RecordAsync(new ConsentInput { NoIdentifiableChild = true, AdminUnitId = communeId, ScopeSocialMedia = true }, "xa");
        Assert.True(noChild.Succeeded);
        Assert.True(noChild.Value!.IsValidOn(new DateOnly(2030, 1, 1), ConsentScope.Website));
    }

    [Fact]
    public async Task Scope_decides_where_the_image_may_appear()
    {
        var child = await ChildAsync("Lò Thị Mai", new DateOnly(2021, 5, 1));
        await using var scope = As("xa", communeId);
        var record = (await Consents(scope).RecordAsync(ForChild(child), "xa")).Value!;
        Assert.True(record.IsValidOn(new DateOnly(2026, 12, 1), ConsentScope.Website));
        Assert.False(record.IsValidOn(new DateOnly(2026, 12, 1), ConsentScope.SocialMedia));
        Assert.False(record.IsValidOn(new DateOnly(2027, 11, 21), ConsentScope.Website));
    }

    [Fact]
    public async Task Staff_see_and_record_consents_only_for_children_of_their_units()
    {
        var here = await ChildAsync("Lò Thị Mai", new DateOnly(2021, 5, 1));
        var there = await ChildAsync("Giàng A Sùng", new DateOnly(2021, 5, 1), otherCommuneId);
        await using (var admin = As("admin", null))
        {
            Assert.True((await Consents(admin).RecordAsync(ForChild(here), "admin")).Succeeded);
            Assert.True((await Consents(admin).RecordAsync(ForChild(there), "admin")).Succeeded);
        }

        await using var scope = As("xa", communeId);
        Assert.Equal(["Lò Thị Mai"], (await Consents(scope).ListAsync(null, 1)).Items.Select(r => r.Subject));
        Assert.Single(await Consents(scope).ChoicesAsync());
        var refused = await Consents(scope).RecordAsync(ForChild(there), "xa");
        Assert.Equal("Không tìm thấy trẻ em trong phạm vi đơn vị của bạn.", refused.Errors[nameof(ConsentInput.ChildId)]);
        var otherUnit = await Consents(scope).RecordAsync(new ConsentInput { NoIdentifiableChild = true, AdminUnitId = otherCommuneId, ScopeWebsite = true }, "xa");
        Assert.Contains(nameof(ConsentInput.AdminUnitId), otherUnit.Errors.Keys);
        await using var db = Db.NewContext();
        var theirs = await db.ConsentRecords.SingleAsync(c => c.ChildId == there);
        Assert.False((await Consents(scope).WithdrawAsync(theirs.Id, "xa")).Succeeded);
    }

    [Fact]
    public async Task Withdrawing_records_who_and_when_ends_validity_and_lists_what_depends_on_it()
    {
        var child = await ChildAsync("Lò Thị Mai", new DateOnly(2021, 5, 1));
        int consentId, mediaId, storyId;
        await using (var scope = As("xa", communeId))
        {
            consentId = (await Consents(scope).RecordAsync(ForChild(child), "xa")).Value!.Id;
            var media = await scope.ServiceProvider.GetRequiredService<MediaLibrary>().UploadAsync("mai.jpg", TestImages.Jpeg(600, 400),
                new MediaInput { Alt = "Em Mai nhận áo ấm", ShowsChild = true, ConsentRecordId = consentId }, "xa");
            mediaId = media.Value!.Id;
        }
        await using (var db = Db.NewContext())
        {
            var story = new ContentItem
            {
                Type = ContentType.Story, Slug = "mai", Path = "/tin-tuc/mai", ShowsChild = true, ConsentRecordId = consentId, CreatedBy = "bientap",
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.ContentItems.Add(story);
            await db.SaveChangesAsync();
            storyId = story.Id;
        }

        clock.Advance(TimeSpan.FromHours(1));
        await using (var scope = As("xa", communeId))
        {
            var withdrawn = await Consents(scope).WithdrawAsync(consentId, "xa");
            Assert.True(withdrawn.Succeeded);
            Assert.Equal(("xa", new DateTime(2026, 12, 1, 3, 0, 0)), (withdrawn.Value!.WithdrawnBy, withdrawn.Value.WithdrawnAt!.Value));
            Assert.False(withdrawn.Value.IsValidOn(new DateOnly(2026, 12, 1), ConsentScope.Website));
            Assert.False((await Consents(scope).WithdrawAsync(consentId, "xa")).Succeeded);
            Assert.Equal(ConsentStatus.Withdrawn, (await Consents(scope).ListAsync(null, 1)).Items.Single().Status);
            Assert.Empty(await Consents(scope).ChoicesAsync());
        }

        await using var background = Scope(services);
        var queries = background.ServiceProvider.GetRequiredService<ConsentQueries>();
        var dependents = await queries.ItemsDependingOnAsync(consentId);
        Assert.Equal([mediaId], dependents.MediaItemIds);
        Assert.Equal([storyId], dependents.ContentItemIds);
        Assert.Equal([consentId], await queries.EndedWithDependentsAsync());

        await using var audit = Db.NewContext();
        Assert.Equal(["Added", "Modified"], await audit.AuditEntries.Where(a => a.EntityType == nameof(ConsentRecord)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task A_media_item_cannot_link_a_withdrawn_consent_or_one_outside_the_users_units()
    {
        var there = await ChildAsync("Giàng A Sùng", new DateOnly(2021, 5, 1), otherCommuneId);
        int consentId;
        await using (var admin = As("admin", null)) consentId = (await Consents(admin).RecordAsync(ForChild(there), "admin")).Value!.Id;

        await using var scope = As("xa", communeId);
        var outcome = await scope.ServiceProvider.GetRequiredService<MediaLibrary>().UploadAsync("a.jpg", TestImages.Jpeg(300, 200),
            new MediaInput { Alt = "Em Sùng", ShowsChild = true, ConsentRecordId = consentId }, "xa");
        Assert.Equal("Không tìm thấy hồ sơ đồng ý trong phạm vi đơn vị của bạn.", outcome.Errors[nameof(MediaInput.ConsentRecordId)]);
    }
}

public class ConsentRecordTestsOnSqlite() : ConsentRecordTests(DatabaseProvider.Sqlite);

public class ConsentRecordTestsOnPostgres() : ConsentRecordTests(DatabaseProvider.Postgres);
