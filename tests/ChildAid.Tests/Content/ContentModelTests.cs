using System.Data.Common;
using ChildAid.Shared.Consent;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Content;

/// <summary>The content model's rules the database itself keeps, whatever writes to it.</summary>
public abstract class ContentModelTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static readonly DateTime Now = new(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_saved_content_version_is_never_changed_by_the_database()
    {
        await using var db = Db.NewContext();
        var page = Page("gioi-thieu");
        page.Versions.Add(new ContentVersion { Number = 1, Title = "Giới thiệu", Slug = "gioi-thieu", CreatedBy = "bientap", CreatedAt = Now });
        db.ContentItems.Add(page);
        await db.SaveChangesAsync();

        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"UPDATE content_versions SET title = 'Đã sửa'"));

        await using var fresh = Db.NewContext();
        Assert.Equal("Giới thiệu", (await fresh.ContentVersions.SingleAsync()).Title);
    }

    [Fact]
    public async Task A_campaign_page_without_a_campaign_or_a_published_item_without_a_published_version_is_refused()
    {
        await using var db = Db.NewContext();
        db.ContentItems.Add(new ContentItem
        {
            Type = ContentType.CampaignPage, Slug = "ao-am", Path = "/chien-dich/ao-am", CreatedBy = "bientap", CreatedAt = Now, UpdatedAt = Now,
        });
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        var page = Page("lien-he");
        page.State = ContentState.Published;
        db.ContentItems.Add(page);
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Two_items_cannot_share_a_public_path()
    {
        await using var db = Db.NewContext();
        db.ContentItems.Add(Page("gioi-thieu"));
        await db.SaveChangesAsync();
        db.ContentItems.Add(Page("gioi-thieu"));

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_consent_for_a_child_needs_the_guardian_and_a_scope_and_no_child_means_no_child()
    {
        await using var db = Db.NewContext();
        var commune = await TestData.UnitAsync(db);
        var child = await TestData.ChildAsync(db, commune.Id, "Lò Thị Mai");

        db.ConsentRecords.Add(new ConsentRecord { AdminUnitId = commune.Id, ChildId = child.Id, RecordedBy = "xa", RecordedAt = Now });
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        db.ConsentRecords.Add(new ConsentRecord
        {
            AdminUnitId = commune.Id, ChildId = child.Id, GuardianName = "Lò Văn Páo", GuardianConsentOn = new DateOnly(2026, 11, 2),
            Scope = ConsentScope.Website, RecordedBy = "xa", RecordedAt = Now,
        });
        db.ConsentRecords.Add(new ConsentRecord { AdminUnitId = commune.Id, NoIdentifiableChild = true, RecordedBy = "xa", RecordedAt = Now });
        await db.SaveChangesAsync();

        db.ConsentRecords.Add(new ConsentRecord { AdminUnitId = commune.Id, NoIdentifiableChild = true, ChildId = child.Id, RecordedBy = "xa", RecordedAt = Now });
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    private static ContentItem Page(string slug) => new()
    {
        Type = ContentType.Page, Slug = slug, Path = ContentPaths.For(ContentType.Page, [], slug), CreatedBy = "bientap", CreatedAt = Now, UpdatedAt = Now,
    };
}

public class ContentModelTestsOnSqlite() : ContentModelTests(DatabaseProvider.Sqlite);

public class ContentModelTestsOnPostgres() : ContentModelTests(DatabaseProvider.Postgres);

public class ContentPathsTests
{
    [Theory]
    [InlineData("Áo ấm đến Bản Phăng!", "ao-am-den-ban-phang")]
    [InlineData("  Đường   lên  Mù Cang Chải ", "duong-len-mu-cang-chai")]
    [InlineData("Bữa trưa 15.000 ₫", "bua-trua-15-000")]
    public void A_slug_is_suggested_from_a_Vietnamese_title(string title, string slug) => Assert.Equal(slug, ContentPaths.SlugFrom(title));

    [Theory]
    [InlineData("ao-am", true)]
    [InlineData("ao-am-2026", true)]
    [InlineData("Ao-am", false)]
    [InlineData("ao--am", false)]
    [InlineData("-ao-am", false)]
    [InlineData("áo-ấm", false)]
    [InlineData("../etc", false)]
    [InlineData("", false)]
    public void Only_lower_case_ascii_words_joined_by_hyphens_are_slugs(string slug, bool valid) => Assert.Equal(valid, ContentPaths.IsValidSlug(slug));

    [Fact]
    public void A_page_path_runs_through_its_parents() =>
        Assert.Equal("/trang/gioi-thieu/cach-lam-viec", ContentPaths.For(ContentType.Page, ["gioi-thieu"], "cach-lam-viec"));

    [Fact]
    public void Consent_is_valid_only_in_its_scope_until_it_expires_or_is_withdrawn()
    {
        var consent = new ConsentRecord
        {
            ChildId = 1, GuardianName = "Lò Văn Páo", GuardianConsentOn = new DateOnly(2026, 11, 2), Scope = ConsentScope.Website,
            ExpiresOn = new DateOnly(2027, 11, 1), RecordedBy = "xa",
        };
        Assert.True(consent.IsValidOn(new DateOnly(2027, 11, 1), ConsentScope.Website));
        Assert.False(consent.IsValidOn(new DateOnly(2027, 11, 2), ConsentScope.Website));
        Assert.False(consent.IsValidOn(new DateOnly(2026, 12, 1), ConsentScope.SocialMedia));
        consent.WithdrawnAt = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.False(consent.IsValidOn(new DateOnly(2026, 12, 1), ConsentScope.Website));
    }
}
