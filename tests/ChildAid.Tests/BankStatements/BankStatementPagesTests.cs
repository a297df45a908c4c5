using System.Net;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.BankStatements;

/// <summary>An accountant adds an account, uploads a statement through the real form, and clears the queue, with anti-forgery tokens.</summary>
public abstract class BankStatementPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task An_accountant_adds_an_account_imports_a_statement_and_records_the_unmatched_line_as_an_anonymous_gift()
    {
        int unitId;
        await using (var db = Db.NewContext())
        {
            var unit = await TestData.UnitAsync(db);
            unitId = unit.Id;
            var campaign = await TestData.CampaignAsync(db);
            var donor = await TestData.DonorAsync(db, unit.Id);
            db.Pledges.Add(new Pledge
            {
                Reference = "CA7K3M9Q7", IntakeId = Guid.NewGuid(), DonorId = donor.Id, CampaignId = campaign.Id, AdminUnitId = unit.Id,
                AmountVnd = 500_000, CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        await StaffAsync("ketoan", [Roles.Accountant], unitId);
        var client = await LogInAsync("ketoan");

        var bad = await client.PostFormAsync("/BankStatements/Account", new() { ["Input.Code"] = "vcb quy", ["Input.Bin"] = "97043" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Mã BIN của ngân hàng gồm 6 chữ số", badHtml);
        Assert.Contains("Mã tài khoản gồm chữ cái không dấu", badHtml);
        var saved = await client.PostFormAsync("/BankStatements/Account", new()
        {
            ["Input.Code"] = "vcb-quy", ["Input.BankName"] = "Vietcombank", ["Input.Bin"] = "970436", ["Input.AccountNumber"] = "0000000000",
            ["Input.AccountName"] = "QUY BAO TRO TRE EM", ["Input.AdminUnitId"] = unitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Preset"] = "VCB",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        int accountId;
        await using (var db = Db.NewContext()) accountId = (await db.BankAccounts.SingleAsync(a => a.Code == "VCB-QUY")).Id;

        var page = $"/BankStatements/Import?accountId={accountId}";
        var token = StaffClient.Token(await client.GetPageAsync(page));
        await using var sample = StatementParsingTests.Sample("vcb.csv");
        var bytes = new byte[sample.Length];
        await sample.ReadExactlyAsync(bytes);
        var posted = await client.PostFileAsync(page, token, [], "Upload", "vcb.csv", bytes, "text/csv");
        var report = await ResultAsync(client, posted);

        Assert.Contains("Đã nhập 3 giao dịch (2 khoản tiền vào) từ tệp “vcb.csv”.", report);
        Assert.Contains("Đã ghi nhận 1 khoản theo mã cam kết (có phiếu thu); 1 khoản", report);

        var queue = await client.GetPageAsync("/BankStatements/Queue");
        Assert.Contains("1.000.000 ₫", queue);
        long lineId;
        await using (var db = Db.NewContext()) lineId = (await db.BankStatementLines.SingleAsync(l => l.Status == BankLineStatus.Unmatched)).Id;
        var recorded = await client.PostWithTokenAsync("/BankStatements/Queue?handler=Unsolicited", StaffClient.Token(queue),
            new() { ["LineId"] = lineId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["NewDonorName"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Contains("Không còn khoản nào chờ đối chiếu.", await client.GetPageAsync("/BankStatements/Queue"));
        await using var check = Db.NewContext();
        Assert.Equal([ContributionChannel.BankStatement, ContributionChannel.Unsolicited],
            await check.Contributions.OrderBy(c => c.Id).Select(c => c.Channel).ToListAsync());
    }

    [Fact]
    public async Task A_refused_statement_comes_back_as_a_workbook_with_its_title_lines_and_an_error_column_for_its_uploader_only()
    {
        int unitId, accountId;
        await using (var db = Db.NewContext())
        {
            unitId = (await TestData.UnitAsync(db)).Id;
            accountId = (await BankTestData.AccountAsync(db, unitId, StatementPreset.Vietcombank)).Id;
        }
        await StaffAsync("ketoan", [Roles.Accountant], unitId);
        await StaffAsync("ketoan2", [Roles.Accountant], unitId);
        var client = await LogInAsync("ketoan");
        var csv = "SAO KÊ TÀI KHOẢN / STATEMENT OF ACCOUNT\nSố tài khoản/Account Number:,0000000000\n"
            + "Ngày giao dịch/Transaction Date,Số tham chiếu/Reference No,Số tiền ghi nợ/Debit,Số tiền ghi có/Credit,Số dư/Balance,Mô tả/Description\n"
            + "05/11/2026,5243.1,,\"500,000\",,ung ho ao am\n"
            + "31/11/2026,5243.2,,\"100,000\",,ung ho tre em\n";

        var page = $"/BankStatements/Import?accountId={accountId}";
        var posted = await client.PostFileAsync(page, StaffClient.Token(await client.GetPageAsync(page)), [], "Upload", "thang-11.csv",
            System.Text.Encoding.UTF8.GetBytes(csv), "text/csv");
        var report = await ResultAsync(client, posted);
        Assert.Contains("Chưa ghi dòng nào", report);
        var link = System.Text.RegularExpressions.Regex.Match(report, "id=\"error-workbook\" href=\"([^\"]+)\"").Groups[1].Value.Replace("&amp;", "&");
        Assert.StartsWith("/BankStatements/Import?handler=Errors", link);

        var (response, _) = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("loi-thang-11.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes)).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("SAO KÊ TÀI KHOẢN / STATEMENT OF ACCOUNT", rows[0]["A"]);
        Assert.Equal("Lỗi", rows[2]["G"]);
        Assert.Null(rows[3]["G"]);
        Assert.Equal("ung ho tre em", rows[4]["F"]);
        Assert.Contains("“31/11/2026” không phải ngày", (string)rows[4]["G"]!);
        Assert.Equal(5, rows.Count);

        var other = await LogInAsync("ketoan2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(link)).Response.StatusCode);
        await using var check = Db.NewContext();
        Assert.Equal(0, await check.BankStatementLines.CountAsync());
    }

    [Fact]
    public async Task Waiting_lines_naming_a_pledge_are_booked_from_the_queue_by_the_button_for_the_users_own_accounts_only()
    {
        int own, other;
        long ownLine, otherLine;
        await using (var db = Db.NewContext())
        {
            own = (await TestData.UnitAsync(db)).Id;
            other = (await TestData.UnitAsync(db, "Xã Ia Tơi")).Id;
            ownLine = await BankTestData.WaitingLineAsync(db, await BankTestData.AccountAsync(db, own, StatementPreset.Vietcombank), 500_000, "CA7K3M9Q7 ung ho");
            otherLine = await BankTestData.WaitingLineAsync(db, await BankTestData.AccountAsync(db, other, StatementPreset.Vietcombank, code: "VCB-IATOI"), 300_000, "CAB4NH2TG ung ho");
            await db.BankStatementLines.Where(l => l.Id == ownLine).ExecuteUpdateAsync(u => u.SetProperty(l => l.FoundReference, "CA7K3M9Q7"));
            await db.BankStatementLines.Where(l => l.Id == otherLine).ExecuteUpdateAsync(u => u.SetProperty(l => l.FoundReference, "CAB4NH2TG"));
            // The pledges arrive after the statement (still in PublicSite's intake when it was imported).
            foreach (var (reference, unit) in new[] { ("CA7K3M9Q7", own), ("CAB4NH2TG", other) })
                db.Pledges.Add(new Pledge
                {
                    Reference = reference, IntakeId = Guid.NewGuid(), DonorId = (await TestData.DonorAsync(db, unit)).Id, AdminUnitId = unit,
                    AmountVnd = 500_000, CreatedAt = DateTime.UtcNow,
                });
            await db.SaveChangesAsync();
        }
        await StaffAsync("ketoan", [Roles.Accountant], own);
        var client = await LogInAsync("ketoan");

        var queue = await client.GetPageAsync("/BankStatements/Queue");
        Assert.Contains("Ghi nhận ngay", queue);
        var booked = await client.PostWithTokenAsync("/BankStatements/Queue?handler=Rematch", StaffClient.Token(queue), []);

        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var after = await client.GetPageAsync("/BankStatements/Queue");
        Assert.Contains("Đã ghi nhận 1 khoản có mã cam kết.", after);
        Assert.DoesNotContain("Ghi nhận ngay", after);
        await using var check = Db.NewContext();
        var lines = await check.BankStatementLines.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Status);
        Assert.Equal((BankLineStatus.Matched, BankLineStatus.Unmatched), (lines[ownLine], lines[otherLine])); // another unit's line is not theirs to book
        Assert.Equal(ContributionChannel.BankStatement, (await check.Contributions.SingleAsync()).Channel);
    }

    [Fact]
    public async Task An_account_with_its_own_column_mapping_keeps_it_and_imports_its_banks_export_with_it()
    {
        int unitId;
        await using (var db = Db.NewContext())
        {
            var unit = await TestData.UnitAsync(db);
            unitId = unit.Id;
            var donor = await TestData.DonorAsync(db, unit.Id);
            db.Pledges.Add(new Pledge
            {
                Reference = "CA7K3M9Q7", IntakeId = Guid.NewGuid(), DonorId = donor.Id, AdminUnitId = unit.Id, AmountVnd = 750_000, CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        await StaffAsync("ketoan", [Roles.Accountant], unitId);
        var client = await LogInAsync("ketoan");

        // A small bank with none of the presets: the accountant names its columns once, for this account.
        var saved = await client.PostFormAsync("/BankStatements/Account", new()
        {
            ["Input.Code"] = "qtd-iadal", ["Input.BankName"] = "Quỹ tín dụng nhân dân Ia Đal", ["Input.Bin"] = "970400", ["Input.AccountNumber"] = "123456789",
            ["Input.AccountName"] = "BAN VAN DONG IA DAL", ["Input.AdminUnitId"] = unitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Preset"] = StatementPreset.CustomCode, ["Input.HeaderDate"] = "Ngày hạch toán", ["Input.HeaderDescription"] = "Diễn giải",
            ["Input.HeaderCredit"] = "Phát sinh có", ["Input.HeaderDebit"] = "Phát sinh nợ", ["Input.HeaderTransactionId"] = "Số chứng từ",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        int accountId;
        await using (var db = Db.NewContext()) accountId = (await db.BankAccounts.SingleAsync(a => a.Code == "QTD-IADAL")).Id;
        var form = await client.GetPageAsync($"/BankStatements/Account?id={accountId}");
        Assert.Contains("value=\"Phát sinh có\"", System.Net.WebUtility.HtmlDecode(form));

        var csv = "Số chứng từ,Ngày hạch toán,Diễn giải,Phát sinh nợ,Phát sinh có\n" +
                  "CT001,07/11/2026,NGUYEN VAN AN chuyen tien CA7K 3M9Q7,,750.000\n" +
                  "CT002,07/11/2026,Phi quan ly tai khoan,5.500,\n";
        var page = $"/BankStatements/Import?accountId={accountId}";
        var posted = await client.PostFileAsync(page, StaffClient.Token(await client.GetPageAsync(page)), [], "Upload", "qtd.csv",
            System.Text.Encoding.UTF8.GetBytes(csv), "text/csv");
        var report = await ResultAsync(client, posted);

        Assert.Contains("Đã nhập 2 giao dịch (1 khoản tiền vào) từ tệp “qtd.csv”.", report);
        Assert.Contains("Đã ghi nhận 1 khoản theo mã cam kết (có phiếu thu)", report);
        await using var check = Db.NewContext();
        var line = await check.BankStatementLines.SingleAsync(l => l.AmountVnd > 0);
        Assert.Equal(("id:CT001", BankLineStatus.Matched, 750_000L), (line.DedupeKey, line.Status, line.AmountVnd));
    }

    [Fact]
    public async Task An_unmatched_line_is_recorded_for_a_donor_found_without_diacritics_and_a_wrong_entry_is_told_next_to_its_field()
    {
        int unitId, donorId;
        long lineId;
        await using (var db = Db.NewContext())
        {
            unitId = (await TestData.UnitAsync(db)).Id;
            donorId = (await TestData.DonorAsync(db, unitId, "Nguyễn Văn An")).Id;
            await TestData.DonorAsync(db, unitId, "Trần Thị Bình");
            lineId = await BankTestData.WaitingLineAsync(db, await BankTestData.AccountAsync(db, unitId, StatementPreset.Vietcombank), 300_000, "CK tu NGUYEN VAN AN");
        }
        await StaffAsync("ketoan", [Roles.Accountant], unitId);
        var client = await LogInAsync("ketoan");
        var id = lineId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var found = await client.GetPageAsync($"/BankStatements/Queue?FindFor={id}&DonorQuery=nguyen+van+an");
        Assert.Contains($"id=\"donor-{id}-{donorId}\"", found);
        Assert.Contains("Nguyễn Văn An", found);
        Assert.DoesNotContain("Trần Thị Bình", found);

        var both = await client.PostWithTokenAsync("/BankStatements/Queue?handler=Unsolicited", StaffClient.Token(found), new()
        {
            ["LineId"] = id, ["DonorId"] = donorId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["NewDonorName"] = "Người khác",
            ["FindFor"] = id, ["DonorQuery"] = "nguyen van an",
        });
        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        var bothHtml = System.Net.WebUtility.HtmlDecode(await both.Content.ReadAsStringAsync());
        Assert.Matches($"id=\"donor-error-{id}\">{System.Text.RegularExpressions.Regex.Escape(BankStatementMatcher.BothDonors)}<", bothHtml);
        Assert.Contains($"aria-describedby=\"donor-error-{id}\"", bothHtml);
        Assert.Contains($"id=\"donor-{id}-{donorId}\"", bothHtml); // the search is still there

        var wrongRef = await client.PostWithTokenAsync("/BankStatements/Queue?handler=Match", StaffClient.Token(found),
            new() { ["LineId"] = id, ["PledgeReference"] = "CA0000000" });
        Assert.Matches($"id=\"ref-error-{id}\">Không tìm thấy cam kết có mã này", System.Net.WebUtility.HtmlDecode(await wrongRef.Content.ReadAsStringAsync()));

        var recorded = await client.PostWithTokenAsync("/BankStatements/Queue?handler=Unsolicited", StaffClient.Token(found),
            new() { ["LineId"] = id, ["DonorId"] = donorId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["NewDonorName"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        await using var check = Db.NewContext();
        var gift = await check.Contributions.SingleAsync();
        Assert.Equal((donorId, 300_000L, ContributionChannel.Unsolicited), (gift.DonorId, gift.AmountVnd, gift.Channel));
        Assert.Equal(2, await check.Donors.CountAsync());
    }

    private static async Task<string> ResultAsync(StaffClient client, HttpResponseMessage posted)
    {
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var url = posted.Headers.Location!.OriginalString;
        for (var i = 0; ; i++)
        {
            var (response, html) = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (!response.Headers.Contains("Refresh")) return html;
            Assert.True(i < 100, "the import did not finish");
            await Task.Delay(200);
        }
    }
}

public class BankStatementPagesTestsOnSqlite() : BankStatementPagesTests(DatabaseProvider.Sqlite);

public class BankStatementPagesTestsOnPostgres() : BankStatementPagesTests(DatabaseProvider.Postgres);
