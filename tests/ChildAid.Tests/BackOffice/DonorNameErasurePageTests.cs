using System.Net;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.BackOffice;

/// <summary>
/// An admin honours a donor's right to erasure from the donor's page: a confirmation page that says what will happen
/// (and how many v1 entries must keep the name), a reason, the real form with its anti-forgery token; afterwards the
/// public statement neither shows nor finds the name, and the audit log says what happened in Vietnamese.
/// </summary>
public abstract class DonorNameErasurePageTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private const string Name = "Lê Thị Hồng Nhung";

    private async Task<(int Unit, int Donor)> DonorWithGiftsAsync(int gifts)
    {
        int unit, donor;
        await using (var db = Db.NewContext())
        {
            unit = (await TestData.UnitAsync(db, "Xã Ia Đal", "23535")).Id;
            donor = (await TestData.DonorAsync(db, unit, Name, DisplayChoice.NameAmountMessage)).Id;
        }
        await using var sp = Db.Services();
        await using var scope = Scope(sp, "cli");
        var service = scope.ServiceProvider.GetRequiredService<ContributionService>();
        for (var i = 0; i < gifts; i++) Assert.True((await service.RecordAsync(TestData.Cash(donor, unit, 100_000 + i))).Succeeded);
        return (unit, donor);
    }

    [Fact]
    public async Task An_admin_erases_a_donors_name_from_the_donors_page_and_the_public_statement_no_longer_shows_or_finds_it()
    {
        var (_, donor) = await DonorWithGiftsAsync(2);
        await using var site = new PublicSiteFactory(Db);
        var visitor = site.CreateClient();
        Assert.Contains(Name, await visitor.GetStringAsync("/sao-ke?q=hong+nhung"));
        var admin = await LogInAsAdminAsync();

        var donorPage = await admin.GetPageAsync($"/Donors/Edit/{donor}");
        var confirm = await admin.GetPageAsync($"/Donors/EraseName/{donor}");
        var withoutReason = await admin.PostWithTokenAsync($"/Donors/EraseName/{donor}", StaffClient.Token(confirm), new()
        {
            ["Input.Reason"] = " ", ["Input.Confirmed"] = "true",
        });
        var withoutReasonHtml = await withoutReason.Content.ReadAsStringAsync();
        await using (var db = Db.NewContext()) Assert.Equal(0, await db.LedgerEntries.CountAsync(e => e.DonorDisplay == null));
        var erased = await admin.PostWithTokenAsync($"/Donors/EraseName/{donor}", StaffClient.Token(confirm), new()
        {
            ["Input.Reason"] = "Đơn yêu cầu của nhà tài trợ ngày 01/12/2026", ["Input.Confirmed"] = "true",
        });

        Assert.Contains($"href=\"/Donors/EraseName/{donor}\"", donorPage);
        Assert.Contains("<strong>2</strong> mục sao kê (định dạng v2)", confirm);
        Assert.Contains("Không có mục sao kê định dạng v1 nào", confirm);
        Assert.Equal(HttpStatusCode.OK, withoutReason.StatusCode);
        Assert.Contains("Vui lòng nhập lý do xóa tên", withoutReasonHtml);
        Assert.Equal($"/Donors/Edit/{donor}", erased.Headers.Location?.OriginalString);
        Assert.Contains("Đã xóa tên công khai của nhà tài trợ khỏi 2 mục sao kê", WebUtility.HtmlDecode(await admin.FollowAsync(erased)));

        var statement = await visitor.GetStringAsync("/sao-ke");
        var search = await visitor.GetStringAsync("/sao-ke?q=hong+nhung");
        var api = await visitor.GetStringAsync("/api/v1/statement?q=nhung");
        Assert.Contains("100.000", statement);
        Assert.DoesNotContain("Nhung", statement);
        Assert.DoesNotContain("Nhung", search);
        Assert.Contains("\"items\":[]", api);

        var audit = WebUtility.HtmlDecode(await admin.GetPageAsync("/Audit"));
        Assert.Contains($"đã xóa tên công khai của nhà tài trợ số {donor} khỏi 2 mục sao kê. Lý do: Đơn yêu cầu của nhà tài trợ ngày 01/12/2026", audit);
        await using var check = Db.NewContext();
        Assert.Equal(2, await check.LedgerEntries.CountAsync(e => e.DonorDisplay == null && e.DonorCommitment != null));
    }

    [Fact]
    public async Task The_confirmation_page_says_how_many_v1_entries_cannot_be_erased_and_they_keep_the_name()
    {
        var (unit, donor) = await DonorWithGiftsAsync(1);
        await OldV1GiftAsync(donor, unit);
        var admin = await LogInAsAdminAsync();

        var confirm = await admin.GetPageAsync($"/Donors/EraseName/{donor}");
        var unconfirmed = await admin.PostWithTokenAsync($"/Donors/EraseName/{donor}", StaffClient.Token(confirm), new()
        {
            ["Input.Reason"] = "Đơn yêu cầu của nhà tài trợ",
        });
        var unconfirmedHtml = await unconfirmed.Content.ReadAsStringAsync();
        var erased = await admin.PostWithTokenAsync($"/Donors/EraseName/{donor}", StaffClient.Token(confirm), new()
        {
            ["Input.Reason"] = "Đơn yêu cầu của nhà tài trợ", ["Input.Confirmed"] = "true",
        });

        Assert.Contains("<strong>1</strong> mục sao kê (định dạng v2)", confirm);
        Assert.Contains("<strong>1</strong> mục sao kê định dạng v1 <strong>không thể xóa tên</strong>", confirm);
        Assert.Contains("Vui lòng đánh dấu xác nhận", unconfirmedHtml);
        Assert.Contains("1 mục định dạng v1 vẫn giữ tên (không thể xóa)", WebUtility.HtmlDecode(await admin.FollowAsync(erased)));
        await using var db = Db.NewContext();
        var entries = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([(2, (string?)null), (1, Name)], entries.Select(e => (e.FormatVersion, e.DonorDisplay)).ToList());
    }

    [Fact]
    public async Task Only_an_admin_may_erase_a_name_other_staff_get_403_and_nothing_changes()
    {
        var (unit, donor) = await DonorWithGiftsAsync(1);
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], unit);
        var officer = await LogInAsync("xa-iadal");

        var donorPage = await officer.GetPageAsync($"/Donors/Edit/{donor}");
        var page = await officer.GetAsync($"/Donors/EraseName/{donor}");
        var posted = await officer.PostWithTokenAsync($"/Donors/EraseName/{donor}", StaffClient.Token(donorPage), new()
        {
            ["Input.Reason"] = "thử", ["Input.Confirmed"] = "true",
        });

        Assert.DoesNotContain("/Donors/EraseName", donorPage);
        Assert.Equal(HttpStatusCode.Forbidden, page.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        await using var db = Db.NewContext();
        Assert.Equal(Name, (await db.LedgerEntries.SingleAsync()).DonorDisplay);
    }

    /// <summary>A gift booked before canonical form v2: its entry hashes the name itself (valid chain, written as v1 was).</summary>
    private async Task OldV1GiftAsync(int donorId, int unitId)
    {
        await using var sp = Db.Services();
        await using var scope = Scope(sp, "cli");
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var slot = await scope.ServiceProvider.GetRequiredService<LedgerWriter>().ReserveSlotAsync();
        var entry = new LedgerEntry
        {
            Sequence = slot.Sequence, PreviousHash = slot.PreviousHash, FormatVersion = 1, Kind = LedgerEntryKind.Receipt,
            RecordedAt = LedgerCanonicalForm.TruncateToMicroseconds(DateTime.UtcNow), ValueDate = new DateOnly(2025, 11, 20),
            AmountVnd = 50_000, ReceiptNumber = "2025-000001", Description = "Tiền mặt", DonorDisplay = Name,
        };
        entry.Hash = LedgerCanonicalForm.ComputeHash(entry);
        entry.SearchText = LedgerWriter.SearchTextOf(entry);
        db.LedgerEntries.Add(entry);
        db.Contributions.Add(new Contribution
        {
            ReceiptNumber = "2025-000001", FiscalYear = 2025, ReceiptSequence = 1, DonorId = donorId, AdminUnitId = unitId, Method = ContributionMethod.Cash,
            AmountVnd = 50_000, ReceivedOn = entry.ValueDate, RecordedById = "cli", RecordedAt = entry.RecordedAt, LedgerSequence = entry.Sequence,
        });
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE ledger_heads SET last_hash = {0} WHERE id = 1", entry.Hash);
        await tx.CommitAsync();
    }
}

public class DonorNameErasurePageTestsOnSqlite() : DonorNameErasurePageTests(DatabaseProvider.Sqlite);

public class DonorNameErasurePageTestsOnPostgres() : DonorNameErasurePageTests(DatabaseProvider.Postgres);
