using System.Globalization;
using System.Net;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Children;
using ChildAid.Shared.Consent;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Media;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Checkups;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ChildAid.Tests.Children;

/// <summary>
/// Erasure at the guardian's request, as an admin does it after the child's record was changed, read and measured:
/// afterwards no page and no row of any table holds the old name (every text column of every table is scanned).
/// </summary>
public abstract class ChildErasureTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private CheckupWorld W = null!;
    private const string Secret = "Rơ Châm";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
    }

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>The girl's record changed through the form, read on her growth page, measured with a note, a consent with an audit row.</summary>
    private async Task HistoryAsync()
    {
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], W.Own);
        var officer = await LogInAsync("xa-iadal");
        var saved = await officer.PostFormAsync($"/Children/Edit/{S(W.OwnGirl)}", new()
        {
            ["Input.FullName"] = "Rơ Châm Thị H'Nhi", ["Input.DateOfBirth"] = "10/05/2018", ["Input.Sex"] = "Female",
            ["Input.AdminUnitId"] = S(W.Own), ["Input.SchoolId"] = S(W.OwnSchool),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Rơ Châm Thị", await officer.GetPageAsync($"/Checkups/Child/{S(W.OwnGirl)}"));
        await using var db = Db.NewContext();
        db.Measurements.Add(new Measurement
        {
            SessionId = W.OwnSession, ChildId = W.OwnGirl, AdminUnitId = W.Own, WeightKg = 19.5m, LengthCm = 118.2m, Position = MeasuredPosition.Standing,
            Findings = "Rơ Châm Thị H'Nhi ho nhẹ", Referral = "Trạm y tế", RecordedBy = "test", RecordedAt = DateTime.UtcNow,
        });
        var consent = new ConsentRecord
        {
            AdminUnitId = W.Own, ChildId = W.OwnGirl, GuardianName = "Rơ Châm Y Bi", GuardianConsentOn = new DateOnly(2026, 9, 1), ChildConsentOn = new DateOnly(2026, 9, 1),
            Scope = ConsentScope.Website, Note = "mẹ của Rơ Châm Thị H'Nhi", RecordedBy = "test", RecordedAt = DateTime.UtcNow,
        };
        db.ConsentRecords.Add(consent);
        await db.SaveChangesAsync();
        // What the audit interceptor writes when staff record a consent (this context has no interceptor).
        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTime.UtcNow, Actor = "test", EntityType = nameof(ConsentRecord), EntityKey = S(consent.Id), Action = "Added", AdminUnitId = W.Own,
            Label = "người giám hộ Rơ Châm Y Bi", After = "{\"GuardianName\":\"Rơ Châm Y Bi\"}",
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task After_erasure_no_page_and_no_row_of_any_table_holds_the_name_and_the_measurement_stays_as_anonymous_statistics()
    {
        await HistoryAsync();
        await using (var before = Db.NewContext())
            Assert.NotEmpty(await WhereTextAppearsAsync(before, Secret));
        var admin = await LogInAsAdminAsync();

        var form = await admin.GetPageAsync($"/Children/Erase/{S(W.OwnGirl)}");
        var erased = await admin.PostFormAsync($"/Children/Erase/{S(W.OwnGirl)}", new() { ["Input.Reason"] = "Đơn yêu cầu của người giám hộ ngày 01/12/2026", ["Input.Confirmed"] = "true" });

        Assert.Contains("Rơ Châm Thị", form);
        Assert.Contains("1 kết quả đo", form);
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        var list = await admin.FollowAsync(erased);
        Assert.Contains($"Đã xóa dữ liệu cá nhân của hồ sơ số {S(W.OwnGirl)}", list);
        var audit = await admin.GetPageAsync("/Audit");
        Assert.Contains($"đã xóa dữ liệu cá nhân của hồ sơ trẻ em số {S(W.OwnGirl)} theo yêu cầu. Lý do: Đơn yêu cầu của người giám hộ ngày 01/12/2026", audit);
        foreach (var page in new[] { list, audit, await admin.GetPageAsync("/Children?q=cham"), await admin.GetPageAsync("/Checkups"),
                                     await admin.GetPageAsync($"/Checkups/Session/{S(W.OwnSession)}?class=3A") })
            // "Rơ Châm" alone is also the list's search hint («ro cham» finds «Rơ Châm»): the names as they were.
            foreach (var name in new[] { "Rơ Châm Thị", "Rơ Châm H", "Rơ Châm Y Bi" }) Assert.DoesNotContain(name, page);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Children/Edit/{S(W.OwnGirl)}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Children/Erase/{S(W.OwnGirl)}")).Response.StatusCode);

        await using var db = Db.NewContext();
        Assert.Empty(await WhereTextAppearsAsync(db, Secret));
        Assert.Empty(await WhereTextAppearsAsync(db, "H'Nhi"));
        var child = await db.Children.SingleAsync(c => c.Id == W.OwnGirl);
        Assert.Equal(ChildErasure.ErasedName, child.FullName);
        Assert.Equal(Today, child.ErasedOn);
        Assert.Equal("Đơn yêu cầu của người giám hộ ngày 01/12/2026", child.ErasureReason);
        Assert.Equal(DateOnly.MinValue, child.DateOfBirth);
        Assert.Null(child.GuardianName);
        Assert.Null(child.ClassName);
        Assert.Equal(Shared.Children.Sex.Female, child.Sex);
        var m = await db.Measurements.SingleAsync();
        Assert.Equal(W.OwnGirl, m.ChildId);
        Assert.Equal(19.5m, m.WeightKg);
        Assert.Equal(CheckupWorld.SessionDay.DayNumber - new DateOnly(2018, 5, 10).DayNumber, m.AgeDays);
        Assert.Null(m.Findings);
        Assert.Null(m.Referral);
        var consent = await db.ConsentRecords.SingleAsync();
        Assert.Equal("", consent.GuardianName);
        Assert.NotNull(consent.WithdrawnAt);
        var row = await db.AuditEntries.SingleAsync(a => a.Action == ChildErasure.EraseAction);
        Assert.Equal((nameof(Child), S(W.OwnGirl)), (row.EntityType, row.EntityKey));
        Assert.Contains("Đơn yêu cầu của người giám hộ", row.After);
        // The trail still says who changed and read the record, and when: only the values are gone.
        Assert.True(await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Child) && a.EntityKey == S(W.OwnGirl)) >= 3);
    }

    [Fact]
    public async Task Erasure_deletes_the_childs_photos_files_and_rows_and_keeps_unpublished_a_photo_a_page_uses()
    {
        var privateRoot = Path.Combine(App.MediaRoot, "private");
        var publicRoot = Path.Combine(App.MediaRoot, "public");
        MediaItem alone, onPage, other;
        int page;
        await using (var db = Db.NewContext())
        {
            var consent = new ConsentRecord
            {
                AdminUnitId = W.Own, ChildId = W.OwnGirl, GuardianName = "Rơ Châm Y Bi", GuardianConsentOn = new DateOnly(2026, 9, 1), ChildConsentOn = new DateOnly(2026, 9, 1),
                Scope = ConsentScope.Website, RecordedBy = "test", RecordedAt = DateTime.UtcNow,
            };
            db.ConsentRecords.Add(consent);
            await db.SaveChangesAsync();
            // A published photo no content uses any more, a photo on a published story, a photo of no child.
            alone = await ContentTestData.ImageAsync(db, privateRoot, publicRoot, consent.Id, alt: "Rơ Châm H'Nhi nhận áo ấm");
            onPage = await ContentTestData.ImageAsync(db, privateRoot, publicRoot, consent.Id, alt: "Rơ Châm H'Nhi ở lớp học");
            other = await ContentTestData.ImageAsync(db, privateRoot, publicRoot);
            page = (await ContentTestData.ItemAsync(db, new ContentSpec(ContentType.Story, "ao-am-ia-dal", "Áo ấm về Ia Dal") { HeroMediaId = onPage.Id }, publish: true)).Id;
            db.AuditEntries.Add(new AuditEntry
            {
                At = DateTime.UtcNow, Actor = "bientap", EntityType = nameof(MediaItem), EntityKey = S(alone.Id), Action = "Added", Label = "Rơ Châm H'Nhi nhận áo ấm",
            });
            await db.SaveChangesAsync();
        }
        Assert.True(Directory.Exists(Path.Combine(privateRoot, alone.FileKey)));
        var admin = await LogInAsAdminAsync();

        var form = await admin.GetPageAsync($"/Children/Erase/{S(W.OwnGirl)}");
        var erased = await admin.PostFormAsync($"/Children/Erase/{S(W.OwnGirl)}", new() { ["Input.Reason"] = "Đơn yêu cầu của người giám hộ ngày 01/12/2026", ["Input.Confirmed"] = "true" });

        Assert.Contains("1 ảnh liên quan bị xóa hẳn", form);
        Assert.Contains("1 ảnh còn được dùng trong nội dung: được gỡ khỏi trang công khai", form);
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        var list = await admin.FollowAsync(erased);
        Assert.Contains("Đã xóa 1 ảnh của trẻ (tệp và hồ sơ ảnh).", list);
        Assert.Contains("1 ảnh còn được dùng trong nội dung nên được giữ lại", list);
        // The library reminds editors until the story's photo is replaced and deleted.
        var library = WebUtility.HtmlDecode(await admin.GetPageAsync("/Media"));
        Assert.Contains("1 ảnh của trẻ đã xóa theo yêu cầu vẫn nằm trong nội dung", library);
        Assert.Contains($"Ảnh số {S(onPage.Id)}: <a href=\"/Content/Edit/{S(page)}\">Áo ấm về Ia Dal</a>", library);
        // The photo only of her: gone from both areas of the store and from the library.
        Assert.False(Directory.Exists(Path.Combine(privateRoot, alone.FileKey)));
        Assert.False(Directory.Exists(Path.Combine(publicRoot, alone.FileKey)));
        // The photo the story uses: kept privately for the editor, no longer public, without description.
        Assert.True(Directory.Exists(Path.Combine(privateRoot, onPage.FileKey)));
        Assert.False(Directory.Exists(Path.Combine(publicRoot, onPage.FileKey)));
        // Another photo is untouched.
        Assert.True(Directory.Exists(Path.Combine(publicRoot, other.FileKey)));
        await using var check = Db.NewContext();
        Assert.False(await check.MediaItems.AnyAsync(m => m.Id == alone.Id));
        Assert.False(await check.PublishedMedia.AnyAsync(p => p.MediaItemId == alone.Id || p.MediaItemId == onPage.Id));
        Assert.True(await check.PublishedMedia.AnyAsync(p => p.MediaItemId == other.Id));
        var kept = await check.MediaItems.SingleAsync(m => m.Id == onPage.Id);
        Assert.Equal(ChildErasure.ErasedName, kept.Alt);
        Assert.NotNull(kept.ErasedOn);
        // A new description does not take it off the list: the erasure is recorded on the photo, not read from its text.
        await using (var edit = Db.NewContext())
            await edit.MediaItems.Where(m => m.Id == onPage.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Alt, "Áo ấm"));
        Assert.Contains("1 ảnh của trẻ đã xóa theo yêu cầu vẫn nằm trong nội dung", WebUtility.HtmlDecode(await admin.GetPageAsync("/Media")));
        Assert.True(await check.ContentMediaUses.AnyAsync(u => u.ContentItemId == page && u.MediaItemId == onPage.Id));
        var deleted = await check.AuditEntries.SingleAsync(a => a.EntityType == nameof(MediaItem) && a.EntityKey == S(alone.Id) && a.Action == ChildErasure.PhotoDeletedAction);
        Assert.Equal(ChildErasure.ErasedName, deleted.Label);
        var row = await check.AuditEntries.SingleAsync(a => a.Action == ChildErasure.EraseAction);
        Assert.Contains("\"PhotosDeleted\":1", row.After);
        Assert.Contains("\"PhotosKept\":1", row.After);
        Assert.Empty(await WhereTextAppearsAsync(check, "H'Nhi"));
    }

    [Fact]
    public async Task A_reason_is_required_may_not_name_the_child_and_the_erasure_must_be_confirmed()
    {
        await HistoryAsync();
        var admin = await LogInAsAdminAsync();
        var url = $"/Children/Erase/{S(W.OwnGirl)}";

        var empty = WebUtility.HtmlDecode(await (await admin.PostFormAsync(url, new() { ["Input.Reason"] = "", ["Input.Confirmed"] = "true" })).Content.ReadAsStringAsync());
        var named = WebUtility.HtmlDecode(await (await admin.PostFormAsync(url, new() { ["Input.Reason"] = "Mẹ của Rơ Châm Thị H'Nhi yêu cầu", ["Input.Confirmed"] = "true" })).Content.ReadAsStringAsync());
        var unconfirmed = WebUtility.HtmlDecode(await (await admin.PostFormAsync(url, new() { ["Input.Reason"] = "Đơn ngày 01/12/2026" })).Content.ReadAsStringAsync());

        Assert.Matches("id=\"Input_Reason-error\"[^>]*>[^<]*Vui lòng nhập lý do", empty);
        Assert.Matches("id=\"Input_Reason-error\"[^>]*>[^<]*Lý do không được chứa họ tên", named);
        Assert.Contains("Vui lòng đánh dấu xác nhận: việc xóa không hoàn tác được.", unconfirmed);
        await using var db = Db.NewContext();
        Assert.Null((await db.Children.SingleAsync(c => c.Id == W.OwnGirl)).ErasedOn);
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == ChildErasure.EraseAction));
    }

    [Fact]
    public async Task The_page_lists_the_need_line_notes_and_pages_that_still_write_the_childs_name_diacritics_ignored()
    {
        Needs.NeedsPlace p;
        int story, other;
        int noted, unrelated;
        await using (var db = Db.NewContext())
        {
            p = await Needs.NeedsPlace.CreateAsync(db, "23599", "Xã Thử Xoá", "Trường TH Thử Xoá");
            await using (var sp = Db.Services())
            await using (var scope = Scope(sp))
            {
                var imported = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Shared.Needs.NeedsImport>(scope.ServiceProvider)
                    .RunAsync(p.ReviewId, Needs.NeedsWorkbook.Write([Needs.NeedsWorkbook.Jacket(p.Hien), Needs.NeedsWorkbook.Jacket(p.Duc)]), "a.xlsx");
                Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
            }
            var lines = await db.NeedLines.OrderBy(l => l.Id).Select(l => l.Id).ToListAsync();
            (noted, unrelated) = (lines[0], lines[1]);
            await db.NeedLines.Where(l => l.Id == noted).ExecuteUpdateAsync(s => s.SetProperty(l => l.Note, "em RO MAH HIEN can ao am co lon"));
            await db.NeedLines.Where(l => l.Id == unrelated).ExecuteUpdateAsync(s => s.SetProperty(l => l.Note, "Rơ Mah Hiềnh (một em khác)"));
            story = (await ContentTestData.ItemAsync(db, new ContentSpec(ContentType.Story, "ao-am-ia-dal", "Áo ấm về Ia Đal")
                { BodyHtml = "<p>Em Rơ Mah Hiền, lớp 2, nhận áo mới.</p>" }, publish: true)).Id;
            other = (await ContentTestData.ItemAsync(db, new ContentSpec(ContentType.Story, "bua-trua", "Bữa trưa") { BodyHtml = "<p>Bữa trưa ở trường.</p>" }, publish: false)).Id;
        }
        var admin = await LogInAsAdminAsync();

        var page = WebUtility.HtmlDecode(await admin.GetPageAsync($"/Children/Erase/{S(p.Hien)}"));

        Assert.Contains("Tên của trẻ còn được viết ở 2 chỗ", page);
        Assert.Contains($"<a href=\"/Content/Edit/{S(story)}\">Áo ấm về Ia Đal</a> (đang công khai)", page);
        Assert.Contains($"href=\"/Needs/Line/{S(p.ReviewId)}/{noted.ToString(CultureInfo.InvariantCulture)}\"", page);
        Assert.DoesNotContain($"/Needs/Line/{S(p.ReviewId)}/{unrelated.ToString(CultureInfo.InvariantCulture)}\"", page);
        Assert.DoesNotContain($"/Content/Edit/{S(other)}\"", page);
        var done = await admin.PostFormAsync($"/Children/Erase/{S(p.Hien)}", new() { ["Input.Reason"] = "Đơn ngày 01/12/2026", ["Input.Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = WebUtility.HtmlDecode(await admin.FollowAsync(done));
        var message = after[after.IndexOf("Đã xóa dữ liệu cá nhân", StringComparison.Ordinal)..];
        Assert.StartsWith($"Đã xóa dữ liệu cá nhân của hồ sơ số {S(p.Hien)} theo yêu cầu; kết quả đo chỉ còn là số liệu thống kê ẩn danh. Tên của trẻ còn được viết ở 2 chỗ, cần sửa tay: dòng nhu cầu số {S(noted)} (ghi chú); Áo ấm về Ia Đal.", message);
    }

    [Fact]
    public async Task Only_admins_erase_and_a_commune_officer_is_refused()
    {
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], W.Own);
        var officer = await LogInAsync("xa-iadal");

        var (response, _) = await officer.GetAsync($"/Children/Erase/{S(W.OwnGirl)}");
        var edit = await officer.GetPageAsync($"/Children/Edit/{S(W.OwnGirl)}");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("/Children/Erase/", edit);
        await using var db = Db.NewContext();
        Assert.Null((await db.Children.SingleAsync(c => c.Id == W.OwnGirl)).ErasedOn);
    }

    /// <summary>Every text column of every table of the model that holds the text: "table.column: rows".</summary>
    public static async Task<List<string>> WhereTextAppearsAsync(ChildAidDbContext db, string text)
    {
        var hits = new List<string>();
        var seen = new HashSet<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table) continue;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var qualified = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{table}\"" : $"\"{table}\"";
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                if (property.GetColumnName(store) is not { } column || !seen.Add($"{qualified}.{column}")) continue;
                // Names from the model, never from input; the searched text is a parameter.
                var sql = "SELECT COUNT(*) AS \"Value\" FROM " + qualified + " WHERE CAST(\"" + column + "\" AS TEXT) LIKE {0}";
                var rows = await db.Database.SqlQueryRaw<long>(sql, $"%{text}%").SingleAsync();
                if (rows > 0) hits.Add($"{table}.{column}: {rows}");
            }
        }
        return hits;
    }
}

public class ChildErasureTestsOnSqlite() : ChildErasureTests(DatabaseProvider.Sqlite);

public class ChildErasureTestsOnPostgres() : ChildErasureTests(DatabaseProvider.Postgres);
