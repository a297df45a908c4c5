using System.Net;
using System.Text.RegularExpressions;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static System.Globalization.CultureInfo;

namespace ChildAid.Tests.BackOffice;

/// <summary>
/// A receipt belongs to the unit that received it, whoever registered its donor; the donor registry is shared for
/// picking by name, contacts only within scope.
/// </summary>
public abstract partial class ReceiptsByReceivingUnitTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private sealed record World(int IaDal, int IaToi, Donor Local, Donor Elsewhere);

    private async Task<World> WorldAsync()
    {
        await using var db = Db.NewContext();
        var iaDal = await TestData.UnitAsync(db, "Xã Ia Đal", "23535");
        var iaToi = await TestData.UnitAsync(db, "Xã Ia Tơi", "23538");
        var local = await TestData.DonorAsync(db, iaDal.Id, "Trần Thị Bình");
        var elsewhere = await TestData.DonorAsync(db, iaToi.Id, "Lê Văn Cường");
        local.Phone = "0901 000 001";
        elsewhere.Phone = "0909 999 999";
        local.RefreshSearchText();
        elsewhere.RefreshSearchText();
        await db.SaveChangesAsync();
        return new World(iaDal.Id, iaToi.Id, local, elsewhere);
    }

    private async Task RecordAsync(int donorId, int unitId, int count)
    {
        await using var sp = Db.Services();
        await using var scope = Scope(sp, "cli");
        var service = scope.ServiceProvider.GetRequiredService<ContributionService>();
        for (var i = 0; i < count; i++) Assert.True((await service.RecordAsync(TestData.Cash(donorId, unitId, 10_000 + i))).Succeeded);
    }

    [Fact]
    public async Task Commune_officer_sees_every_receipt_of_their_commune_whoever_registered_the_donor_and_counts_agree_with_pages()
    {
        var w = await WorldAsync();
        await RecordAsync(w.Elsewhere.Id, w.IaDal, 15);
        await RecordAsync(w.Local.Id, w.IaDal, 10);
        await RecordAsync(w.Elsewhere.Id, w.IaToi, 5);
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], w.IaDal);
        var client = await LogInAsync("xa-iadal");

        var page1 = await client.GetPageAsync("/Contributions");
        var page2 = await client.GetPageAsync("/Contributions?p=2");
        var numbers = ReceiptLink().Matches(page1 + page2).Select(m => m.Groups[1].Value).ToHashSet();
        int someElsewhereGift;
        await using (var db = Db.NewContext())
        {
            var ours = await db.Contributions.Where(c => c.AdminUnitId == w.IaDal).Select(c => c.ReceiptNumber).ToListAsync();
            Assert.Equal(ours.ToHashSet(), numbers);
            someElsewhereGift = await db.Contributions.Where(c => c.AdminUnitId == w.IaDal && c.DonorId == w.Elsewhere.Id).Select(c => c.Id).FirstAsync();
        }
        var details = await client.GetPageAsync($"/Contributions/Details/{someElsewhereGift}");
        var search = await client.GetPageAsync("/Contributions?q=le van cuong");

        Assert.Equal(25, numbers.Count);
        Assert.Contains("(25 mục)", page1);
        Assert.Contains("Lê Văn Cường", details);
        Assert.Contains("15 mục", search);
    }

    [Fact]
    public async Task A_commune_officer_cannot_find_another_units_donor_in_the_receipt_search_by_phone_email_or_tax_code()
    {
        var w = await WorldAsync();
        await using (var db = Db.NewContext())
        {
            var elsewhere = await db.Donors.SingleAsync(d => d.Id == w.Elsewhere.Id);
            elsewhere.Email = "cuong.le@example.vn";
            elsewhere.TaxCode = "0312345678";
            elsewhere.RefreshSearchText();
            var onlyThere = await TestData.DonorAsync(db, w.IaToi, "Phạm Thị Dung");
            onlyThere.Phone = "0977 123 456";
            onlyThere.RefreshSearchText();
            await db.SaveChangesAsync();
            await RecordAsync(onlyThere.Id, w.IaToi, 2);
        }
        await RecordAsync(w.Elsewhere.Id, w.IaDal, 3);
        await RecordAsync(w.Elsewhere.Id, w.IaToi, 2);
        await RecordAsync(w.Local.Id, w.IaDal, 1);
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], w.IaDal);
        var attacker = await LogInAsync("xa-iadal");

        var byPhone = await attacker.GetPageAsync("/Contributions?q=0909%20999%20999");
        var byPhoneOfOneWhoGaveOnlyThere = await attacker.GetPageAsync("/Contributions?q=0977%20123%20456");
        var byEmail = await attacker.GetPageAsync("/Contributions?q=cuong.le%40example.vn");
        var byTaxCode = await attacker.GetPageAsync("/Contributions?q=0312345678");
        var byName = await attacker.GetPageAsync("/Contributions?q=le%20van%20cuong");
        var byOurDonorsPhone = await attacker.GetPageAsync("/Contributions?q=0901%20000%20001");

        Assert.Empty(ReceiptLink().Matches(byPhone));
        Assert.DoesNotContain("Lê Văn Cường", byPhone);
        Assert.Empty(ReceiptLink().Matches(byPhoneOfOneWhoGaveOnlyThere));
        Assert.Empty(ReceiptLink().Matches(byEmail));
        Assert.Empty(ReceiptLink().Matches(byTaxCode));
        Assert.Equal(3, ReceiptLink().Matches(byName).Count);
        Assert.Single(ReceiptLink().Matches(byOurDonorsPhone));
    }

    [Fact]
    public async Task The_record_form_finds_any_donor_by_name_without_diacritics_but_shows_contacts_only_within_scope()
    {
        var w = await WorldAsync();
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], w.IaDal);
        var client = await LogInAsync("xa-iadal");

        var elsewhere = await client.GetPageAsync("/Contributions/Record?DonorQuery=le van cuong");
        var local = await client.GetPageAsync("/Contributions/Record?DonorQuery=tran thi binh");
        var byTheirPhone = await client.GetPageAsync("/Contributions/Record?DonorQuery=0909%20999%20999");
        var byOurPhone = await client.GetPageAsync("/Contributions/Record?DonorQuery=0901%20000%20001");
        var form = await client.GetPageAsync("/Contributions/Record");
        var found = await client.PostWithTokenAsync("/Contributions/Record?handler=FindDonor", StaffClient.Token(form), new()
        {
            ["DonorQuery"] = "CUONG", ["Input.IdempotencyKey"] = StaffClient.Hidden(form, "Input.IdempotencyKey"), ["Input.AmountVnd"] = "250.000",
        });
        var foundHtml = await found.Content.ReadAsStringAsync();

        Assert.Contains("Lê Văn Cường", elsewhere);
        Assert.DoesNotContain("0909 999 999", elsewhere);
        Assert.Contains("Trần Thị Bình", local);
        Assert.Contains("0901 000 001", local);
        Assert.DoesNotContain("Lê Văn Cường", byTheirPhone);
        Assert.Contains("Trần Thị Bình", byOurPhone);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains($"value=\"{w.Elsewhere.Id}\"", foundHtml);
        Assert.Matches("value=\"250\\.?000\"", foundHtml);
    }

    [Fact]
    public async Task A_commune_officer_records_a_gift_from_a_donor_registered_elsewhere_and_it_belongs_to_their_commune()
    {
        var w = await WorldAsync();
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], w.IaDal);
        var client = await LogInAsync("xa-iadal");
        var form = await client.GetPageAsync("/Contributions/Record");

        var posted = await client.PostWithTokenAsync("/Contributions/Record", StaffClient.Token(form), new()
        {
            ["Input.IdempotencyKey"] = StaffClient.Hidden(form, "Input.IdempotencyKey"), ["Input.DonorId"] = w.Elsewhere.Id.ToString(InvariantCulture),
            ["Input.AdminUnitId"] = w.IaDal.ToString(InvariantCulture), ["Input.ReceivedOn"] = Vn(Today), ["Input.Method"] = "Cash", ["Input.AmountVnd"] = "300.000",
        });

        Assert.Contains("Lê Văn Cường", await client.FollowAsync(posted));
        await using var db = Db.NewContext();
        var gift = await db.Contributions.SingleAsync();
        Assert.Equal((w.IaDal, w.Elsewhere.Id), (gift.AdminUnitId, gift.DonorId));
    }

    [Fact]
    public async Task A_new_donor_is_registered_inline_with_the_gift_for_the_receiving_unit()
    {
        var w = await WorldAsync();
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], w.IaDal);
        var client = await LogInAsync("xa-iadal");
        var form = await client.GetPageAsync("/Contributions/Record");
        var fields = new Dictionary<string, string>
        {
            ["Input.IdempotencyKey"] = StaffClient.Hidden(form, "Input.IdempotencyKey"), ["NewDonor.Name"] = "Hợp tác xã Cà Phê Ia Đal",
            ["NewDonor.Kind"] = "Business", ["NewDonor.DisplayChoice"] = "NameAmount", ["NewDonor.Phone"] = "0912 345 678",
            ["Input.AdminUnitId"] = w.IaDal.ToString(InvariantCulture), ["Input.ReceivedOn"] = Vn(Today), ["Input.Method"] = "Cash", ["Input.AmountVnd"] = "",
        };

        var refused = await client.PostWithTokenAsync("/Contributions/Record", StaffClient.Token(form), fields);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        await using (var db = Db.NewContext()) Assert.Equal(2, await db.Donors.CountAsync());
        fields["Input.AmountVnd"] = "500.000";
        var posted = await client.PostWithTokenAsync("/Contributions/Record", StaffClient.Token(form), fields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Vui lòng nhập số tiền.", refusedHtml);
        Assert.Contains("Hợp tác xã Cà Phê Ia Đal", await client.FollowAsync(posted));
        await using var check = Db.NewContext();
        var donor = await check.Donors.SingleAsync(d => d.Name == "Hợp tác xã Cà Phê Ia Đal");
        Assert.Equal((w.IaDal, DonorKind.Business, "0912 345 678"), (donor.AdminUnitId, donor.Kind, donor.Phone));
        Assert.Equal(donor.Id, (await check.Contributions.SingleAsync()).DonorId);
    }

    [Fact]
    public async Task The_form_offers_only_units_valid_on_the_receipt_date_and_refuses_a_unit_that_was_merged_away()
    {
        int district, oldCommune, newCommune;
        Donor donor;
        await using (var db = Db.NewContext())
        {
            district = (await TestData.UnitAsync(db, "Huyện Ia H'Drai", "618", level: AdminUnitLevel.District)).Id;
            var old = await TestData.UnitAsync(db, "Xã Ia Dom", "23537", district);
            var merged = await TestData.UnitAsync(db, "Xã Ia Tơi (2025)", "23538", district);
            old.ValidTo = new DateOnly(2025, 6, 30);
            old.MergedIntoId = merged.Id;
            merged.ValidFrom = new DateOnly(2025, 7, 1);
            await db.SaveChangesAsync();
            (oldCommune, newCommune) = (old.Id, merged.Id);
            donor = await TestData.DonorAsync(db, merged.Id, "Lê Văn Cường");
        }
        await StaffAsync("chuongtrinh", [Roles.ProgrammeOfficer], district, newCommune);
        var client = await LogInAsync("chuongtrinh");
        var form = await client.GetPageAsync("/Contributions/Record");

        var posted = await client.PostWithTokenAsync("/Contributions/Record", StaffClient.Token(form), new()
        {
            ["Input.IdempotencyKey"] = StaffClient.Hidden(form, "Input.IdempotencyKey"), ["Input.DonorId"] = donor.Id.ToString(InvariantCulture),
            ["Input.AdminUnitId"] = oldCommune.ToString(InvariantCulture), ["Input.ReceivedOn"] = Vn(Today), ["Input.Method"] = "Cash", ["Input.AmountVnd"] = "100.000",
        });
        var html = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());

        Assert.DoesNotContain($"<option value=\"{oldCommune}\"", form);
        Assert.Contains($"<option value=\"{newCommune}\"", form);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains($"Xã Ia Dom không có hiệu lực vào ngày nhận {Vn(Today)}", html);
        await using var check = Db.NewContext();
        Assert.Equal(0, await check.Contributions.CountAsync());
    }

    [Fact]
    public async Task A_cash_gift_form_is_short_goods_rows_appear_for_goods()
    {
        var w = await WorldAsync();
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], w.IaDal);
        var client = await LogInAsync("xa-iadal");
        var form = await client.GetPageAsync("/Contributions/Record");

        var goods = await client.PostWithTokenAsync("/Contributions/Record", StaffClient.Token(form), new()
        {
            ["Input.IdempotencyKey"] = StaffClient.Hidden(form, "Input.IdempotencyKey"), ["Input.DonorId"] = w.Local.Id.ToString(InvariantCulture),
            ["Input.AdminUnitId"] = w.IaDal.ToString(InvariantCulture), ["Input.ReceivedOn"] = Vn(Today), ["Input.Method"] = "InKind",
        });

        Assert.Contains("<details id=\"goods\">", form);
        Assert.DoesNotContain("<select id=\"Input_DonorId\"", form);
        Assert.Contains("<details id=\"goods\" open=\"open\">", await goods.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_that_comes_back_with_goods_rows_typed_shows_them_open_and_a_cash_gift_keeps_them_closed()
    {
        var w = await WorldAsync();
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], w.IaDal);
        var client = await LogInAsync("xa-iadal");
        var form = await client.GetPageAsync("/Contributions/Record");
        Dictionary<string, string> Fields(string method) => new()
        {
            ["Input.IdempotencyKey"] = StaffClient.Hidden(form, "Input.IdempotencyKey"), ["Input.DonorId"] = w.Local.Id.ToString(InvariantCulture),
            ["Input.AdminUnitId"] = w.IaDal.ToString(InvariantCulture), ["Input.ReceivedOn"] = "", ["Input.Method"] = method,
        };

        var withGoods = Fields("Cash");
        withGoods["Input.GoodsLines[0].Item"] = "Chăn bông";
        withGoods["Input.GoodsLines[0].Quantity"] = "40";
        var goodsBack = await client.PostWithTokenAsync("/Contributions/Record", StaffClient.Token(form), withGoods);
        var cash = Fields("Cash");
        cash["Input.AmountVnd"] = "200.000";
        var cashBack = await client.PostWithTokenAsync("/Contributions/Record", StaffClient.Token(form), cash);
        var goodsHtml = await goodsBack.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, goodsBack.StatusCode);
        Assert.Contains("<details id=\"goods\" open=\"open\">", goodsHtml);
        Assert.Contains("value=\"Chăn bông\"", WebUtility.HtmlDecode(goodsHtml));
        Assert.Contains("<details id=\"goods\">", await cashBack.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"/Contributions/Details/\d+"">([0-9]{4}-[0-9]{6})</a>")]
    private static partial Regex ReceiptLink();
}

public class ReceiptsByReceivingUnitTestsOnSqlite() : ReceiptsByReceivingUnitTests(DatabaseProvider.Sqlite);

public class ReceiptsByReceivingUnitTestsOnPostgres() : ReceiptsByReceivingUnitTests(DatabaseProvider.Postgres);
