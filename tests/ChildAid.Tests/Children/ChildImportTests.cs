using System.Net;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Import;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Checkups;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ChildAid.Tests.Children;

/// <summary>The children import as a commune officer uses it: template, all or nothing, error workbook, duplicate warnings.</summary>
public abstract class ChildImportTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private CheckupWorld W = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
    }

    private static Dictionary<string, object?> Child(string name, object born, string sex, string place, string? estimated = null, string? school = null,
        string? relation = null, object? phone = null) => new()
    {
        [ChildSheet.FullName.Header] = name, [ChildSheet.DateOfBirth.Header] = born, [ChildSheet.Estimated.Header] = estimated, [ChildSheet.Sex.Header] = sex,
        [ChildSheet.EthnicGroup.Header] = "Gia Rai", [ChildSheet.Place.Header] = place, [ChildSheet.School.Header] = school,
        [ChildSheet.ClassName.Header] = null, [ChildSheet.Guardian.Header] = "Ksor Y Blih", [ChildSheet.GuardianRelation.Header] = relation,
        [ChildSheet.GuardianPhone.Header] = phone,
    };

    private static byte[] Workbook(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    private async Task<(StaffClient Client, string Token)> OfficerAsync()
    {
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], W.Own);
        var client = await LogInAsync("xa-iadal");
        return (client, StaffClient.Token(await client.GetPageAsync("/Children/Import")));
    }

    private static Task<HttpResponseMessage> PostAsync(StaffClient client, string token, byte[] file) =>
        client.PostFileAsync("/Children/Import", token, [], "Upload", "tre-em.xlsx", file, ChildExport.ContentType);

    [Fact]
    public async Task The_template_has_the_columns_an_example_row_and_the_officers_places()
    {
        var (client, _) = await OfficerAsync();

        var response = await client.Http.GetAsync("/Children/Import?handler=Template");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(ChildSheet.All.Select(c => c.Header), rows[0].Keys);
        Assert.Equal("Xã Ia Đal", rows[0][ChildSheet.Place.Header]?.ToString());
        file.Position = 0;
        var places = file.Query(useHeaderRow: true, sheetName: "Thon xa").Cast<IDictionary<string, object?>>().Select(r => r["Thôn/xã"]?.ToString()).ToList();
        Assert.Equal(["Xã Ia Đal"], places);
    }

    [Fact]
    public async Task A_file_with_bad_rows_writes_nothing_lists_every_bad_row_and_offers_the_file_back_with_an_error_column()
    {
        var (client, token) = await OfficerAsync();
        var file = Workbook(
            Child("Ksor H'Lim", "2019", "Nữ", "Xã Ia Đal"),
            Child("Siu Văn Nam", "03/04/2017", "trai", "Xã Ia Tơi"),
            Child("Rơ Mah Hiền", "32/13/2017", "X", "Xã Ia Đal"));

        var response = await PostAsync(client, token, file);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Chưa ghi dòng nào", html);
        Assert.Contains("Không tìm thấy thôn/xã “Xã Ia Tơi” trong phạm vi đơn vị của bạn.", html);
        Assert.Contains("Giới tính: ghi «Nữ» hoặc «Nam».", html);
        Assert.Contains("không phải ngày", html);
        var link = System.Text.RegularExpressions.Regex.Match(html, "id=\"error-workbook\"[^>]*href=\"data:[^;]+;base64,([^\"]+)\"");
        Assert.True(link.Success, "no error workbook link");
        using var errors = new MemoryStream(Convert.FromBase64String(link.Groups[1].Value));
        var rows = errors.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Null(rows[0][ErrorWorkbook.ErrorHeader]);
        Assert.Contains("Xã Ia Tơi", rows[1][ErrorWorkbook.ErrorHeader]?.ToString());
        Assert.Contains("Giới tính", rows[2][ErrorWorkbook.ErrorHeader]?.ToString());
        await using var db = Db.NewContext();
        Assert.Equal(3, await db.Children.CountAsync());
    }

    [Fact]
    public async Task A_good_file_writes_every_child_a_year_alone_is_estimated_and_possible_duplicates_are_warnings()
    {
        var (client, token) = await OfficerAsync();
        var file = Workbook(
            Child("Ksor H'Lim", 2019d, "Nữ", "Xã Ia Đal"),
            Child("Ro Cham H Nhi", "12/05/2018", "Nữ", "23535", school: "Trường TH Ia Đal"),
            Child("Ksor H Lim", "2019", "nu", "xa ia dal"));

        var response = await PostAsync(client, token, file);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Đã nhập 3 trẻ từ tệp.", html);
        Assert.Contains($"Có thể trùng với hồ sơ số {W.OwnGirl} (Rơ Châm H'Nhi, sinh 10/05/2018) đã có.", html);
        Assert.Contains("Có thể trùng với dòng 2 của tệp (Ksor H'Lim).", html);
        await using var db = Db.NewContext();
        var lim = await db.Children.Where(c => c.SearchText == "ksor h'lim").SingleAsync();
        Assert.Equal(new DateOnly(2019, 7, 1), lim.DateOfBirth);
        Assert.True(lim.DateOfBirthEstimated);
        Assert.Equal(W.Own, lim.AdminUnitId);
        var copy = await db.Children.SingleAsync(c => c.FullName == "Ro Cham H Nhi");
        Assert.Equal((W.OwnSchool, false), (copy.SchoolId!.Value, copy.DateOfBirthEstimated));
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Child) && a.Action == "Added"));
    }

    [Fact]
    public async Task A_possible_duplicate_of_a_row_in_an_earlier_batch_is_warned_once()
    {
        // Row 2 and the last row (2,002: past the pipeline's batches of 2,000) are the same girl; the rows between are
        // children whose names differ by at least two letters.
        static string Letters(int i) => $"{(char)('a' + i / 676 % 26)}{(char)('a' + i / 26 % 26)}{(char)('a' + i % 26)}";
        var rows = new List<Dictionary<string, object?>> { Child("Ksor H'Lim", "2019", "Nữ", "Xã Ia Đal") };
        rows.AddRange(Enumerable.Range(0, Shared.Import.ImportPipeline.DefaultBatchSize - 1)
            .Select(i => Child($"Rơ Mah {Letters(i)}h {Letters(i)}k", "2018", i % 2 == 0 ? "Nam" : "Nữ", "Xã Ia Đal")));
        rows.Add(Child("Ksor H Lim", "2019", "Nữ", "Xã Ia Đal"));
        var (client, token) = await OfficerAsync();

        var html = WebUtility.HtmlDecode(await (await PostAsync(client, token, Workbook([.. rows]))).Content.ReadAsStringAsync());

        Assert.Contains($"Đã nhập {rows.Count} trẻ từ tệp.", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "Có thể trùng"));
        Assert.Contains("Có thể trùng với dòng 2 của tệp (Ksor H'Lim).", html);
    }

    [Fact]
    public async Task A_child_already_registered_in_another_place_of_the_commune_is_a_warning_naming_that_place()
    {
        await using (var db = Db.NewContext())
        {
            db.AdminUnits.Add(new Shared.AdminUnits.AdminUnit { Name = "Thôn Plei Ring", Level = Shared.AdminUnits.AdminUnitLevel.Village, ParentId = W.Own, Code = "VT-PLEI-RING" });
            await db.SaveChangesAsync();
        }
        var (client, token) = await OfficerAsync();
        var file = Workbook(
            Child("A Dung", "10/05/2018", "Nam", "Thôn Plei Ring"),
            // Same name and birth date, but a girl; a namesake born another day: neither is the boy.
            Child("A Dũng", "10/05/2018", "Nữ", "Thôn Plei Ring"),
            Child("A Dũng", "11/05/2018", "Nam", "Thôn Plei Ring"));

        var html = WebUtility.HtmlDecode(await (await PostAsync(client, token, file)).Content.ReadAsStringAsync());

        Assert.Contains("Đã nhập 3 trẻ từ tệp.", html);
        Assert.Contains($"Có thể trùng với hồ sơ số {W.OwnBoy} (A Dũng, sinh 10/05/2018) ở Xã Ia Đal: gia đình có thể đã chuyển nơi ở.", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "Có thể trùng với hồ sơ số"));
    }

    [Fact]
    public async Task The_guardians_relation_and_phone_are_read_and_a_wrong_one_is_named_next_to_its_column()
    {
        var (client, token) = await OfficerAsync();
        var bad = await PostAsync(client, token, Workbook(
            Child("Ksor H'Lim", "2019", "Nữ", "Xã Ia Đal", relation: "ba", phone: "0912 345"),
            Child("Siu Văn Nam", "2018", "Nam", "Xã Ia Đal", relation: "Bà nội", phone: "+84 912 345 678")));
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Chưa ghi dòng nào", html);
        // "ba" is a father in the south and "bà", a grandmother, typed without accents: never guessed.
        Assert.Contains("Quan hệ với trẻ “ba” chưa rõ: ghi một trong Mẹ, Bố, Ông/bà, Anh/chị, Họ hàng khác, Người giám hộ khác.", html);
        Assert.Contains(ChildService.GuardianPhoneInvalid, html);

        var good = await PostAsync(client, token, Workbook(
            Child("Ksor H'Lim", "2019", "Nữ", "Xã Ia Đal", relation: "me", phone: 912345678d),
            Child("Siu Văn Nam", "2018", "Nam", "Xã Ia Đal", relation: "Bà nội", phone: "+84 912 345 678"),
            Child("Rơ Mah Hiền", "2017", "Nữ", "Xã Ia Đal")));
        Assert.Contains("Đã nhập 3 trẻ từ tệp.", WebUtility.HtmlDecode(await good.Content.ReadAsStringAsync()));
        await using var db = Db.NewContext();
        var lim = await db.Children.SingleAsync(c => c.FullName == "Ksor H'Lim");
        Assert.Equal((GuardianRelation.Mother, "0912345678"), (lim.GuardianRelation!.Value, lim.GuardianPhone));
        var nam = await db.Children.SingleAsync(c => c.FullName == "Siu Văn Nam");
        Assert.Equal((GuardianRelation.Grandparent, "0912345678"), (nam.GuardianRelation!.Value, nam.GuardianPhone));
        var hien = await db.Children.SingleAsync(c => c.FullName == "Rơ Mah Hiền");
        Assert.Equal((null, null), (hien.GuardianRelation, hien.GuardianPhone));
    }
}

public class ChildImportTestsOnSqlite() : ChildImportTests(DatabaseProvider.Sqlite);

public class ChildImportTestsOnPostgres() : ChildImportTests(DatabaseProvider.Postgres);
