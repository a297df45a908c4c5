using System.Net;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.BackOffice;

/// <summary>A commune officer of Ia Đal works on Ia Đal only, whatever URL they type.</summary>
public abstract class UnitScopeTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private sealed record World(int UnitA, int VillageA, int UnitB, Donor DonorA, Donor DonorB, Contribution GiftA, Contribution GiftB);

    private async Task<World> TwoCommunesAsync()
    {
        await using var db = Db.NewContext();
        var district = await TestData.UnitAsync(db, "Huyện Ia H'Drai", "618", level: AdminUnitLevel.District);
        var a = await TestData.UnitAsync(db, "Xã Ia Đal", "23535", district.Id);
        var village = await TestData.UnitAsync(db, "Thôn 1 (demo)", "D1", a.Id, AdminUnitLevel.Village);
        var b = await TestData.UnitAsync(db, "Xã Ia Dom", "23537", district.Id);
        var donorA = await TestData.DonorAsync(db, village.Id, "Trần Thị Bình");
        var donorB = await TestData.DonorAsync(db, b.Id, "Lê Văn Cường");
        await using var sp = Db.Services();
        await using var scope = Scope(sp, "cli");
        var service = scope.ServiceProvider.GetRequiredService<ContributionService>();
        var giftA = (await service.RecordAsync(TestData.Cash(donorA.Id, a.Id, 111_000))).Value!;
        var giftB = (await service.RecordAsync(TestData.Cash(donorB.Id, b.Id, 222_000))).Value!;
        return new World(a.Id, village.Id, b.Id, donorA, donorB, giftA, giftB);
    }

    [Fact]
    public async Task Commune_officer_sees_donors_of_their_commune_and_its_villages_only()
    {
        var w = await TwoCommunesAsync();
        await StaffAsync("xa-a", [Roles.CommuneOfficer], w.UnitA);
        var client = await LogInAsync("xa-a");

        var list = await client.GetPageAsync("/Donors");
        var search = await client.GetPageAsync("/Donors?q=le van cuong");
        var (detail, _) = await client.GetAsync($"/Donors/Edit/{w.DonorB.Id}");

        Assert.Contains("Trần Thị Bình", list);
        Assert.DoesNotContain("Lê Văn Cường", list);
        Assert.DoesNotContain("Lê Văn Cường", search);
        Assert.Contains(detail.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Donors/Edit/{w.DonorA.Id}")).Response.StatusCode);
    }

    [Fact]
    public async Task Commune_officer_cannot_change_another_communes_donor_nor_register_one_there()
    {
        var w = await TwoCommunesAsync();
        await StaffAsync("xa-a", [Roles.CommuneOfficer], w.UnitA);
        var client = await LogInAsync("xa-a");
        var token = StaffClient.Token(await client.GetPageAsync("/Donors/Edit"));
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Đổi tên trái phép", ["Input.Kind"] = "Person", ["Input.Origin"] = "Domestic",
            ["Input.DisplayChoice"] = "NameAmount", ["Input.AdminUnitId"] = w.UnitB.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var edit = await client.PostWithTokenAsync($"/Donors/Edit/{w.DonorB.Id}", token, fields);
        var create = await client.PostWithTokenAsync("/Donors/Edit", token, fields);
        fields["Input.AdminUnitId"] = w.UnitA.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var moveIn = await client.PostWithTokenAsync($"/Donors/Edit/{w.DonorB.Id}", token, fields);

        Assert.Contains(edit.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Contains(moveIn.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        await using var db = Db.NewContext();
        Assert.Equal("Lê Văn Cường", (await db.Donors.SingleAsync(d => d.Id == w.DonorB.Id)).Name);
        Assert.Equal(2, await db.Donors.CountAsync());
    }

    [Fact]
    public async Task Commune_officer_cannot_see_record_or_reverse_another_communes_contributions_but_books_any_donors_gift_to_their_own()
    {
        var w = await TwoCommunesAsync();
        await StaffAsync("xa-a", [Roles.CommuneOfficer], w.UnitA);
        var client = await LogInAsync("xa-a");

        var list = await client.GetPageAsync("/Contributions");
        var byNumber = await client.GetPageAsync($"/Contributions?q={w.GiftB.ReceiptNumber}");
        var dashboard = await client.GetPageAsync("/");
        var (detail, _) = await client.GetAsync($"/Contributions/Details/{w.GiftB.Id}");
        var token = StaffClient.Token(await client.GetPageAsync($"/Contributions/Reverse/{w.GiftA.Id}"));
        var reverse = await client.PostWithTokenAsync($"/Contributions/Reverse/{w.GiftB.Id}", token, new() { ["Input.Reason"] = "thử" });
        var form = await client.GetPageAsync("/Contributions/Record");
        var recordThere = await client.PostWithTokenAsync("/Contributions/Record", StaffClient.Token(form), new()
        {
            ["Input.IdempotencyKey"] = StaffClient.Hidden(form, "Input.IdempotencyKey"), ["Input.DonorId"] = w.DonorB.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.AdminUnitId"] = w.UnitB.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.ReceivedOn"] = Vn(Today), ["Input.Method"] = "Cash", ["Input.AmountVnd"] = "1000",
        });
        var foreignDonor = await client.PostWithTokenAsync("/Contributions/Record", StaffClient.Token(form), new()
        {
            ["Input.IdempotencyKey"] = Guid.NewGuid().ToString(), ["Input.DonorId"] = w.DonorB.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.AdminUnitId"] = w.UnitA.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.ReceivedOn"] = Vn(Today), ["Input.Method"] = "Cash", ["Input.AmountVnd"] = "1000",
        });

        Assert.Contains(w.GiftA.ReceiptNumber, list);
        Assert.DoesNotContain(w.GiftB.ReceiptNumber, list);
        Assert.DoesNotContain($">{w.GiftB.ReceiptNumber}</a>", byNumber);
        Assert.Contains("Không có phiếu thu nào.", byNumber);
        Assert.Contains("111.000 ₫", dashboard);
        Assert.DoesNotContain("222.000 ₫", dashboard);
        Assert.DoesNotContain("333.000 ₫", dashboard);
        Assert.Contains(detail.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.Contains(reverse.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.Equal(HttpStatusCode.Forbidden, recordThere.StatusCode);
        // The donor registry is shared: a gift from a donor registered elsewhere is booked to the unit that received it.
        Assert.Equal(HttpStatusCode.Redirect, foreignDonor.StatusCode);
        await using var db = Db.NewContext();
        Assert.Equal(3, await db.Contributions.CountAsync());
        Assert.Equal(w.UnitA, (await db.Contributions.OrderBy(c => c.Id).LastAsync()).AdminUnitId);
        Assert.Equal(0, await db.ContributionReversals.CountAsync());
    }

    [Fact]
    public async Task Staff_member_without_units_sees_nothing_and_admin_sees_everything()
    {
        var w = await TwoCommunesAsync();
        await StaffAsync("khong-don-vi", [Roles.Accountant]);
        var none = await LogInAsync("khong-don-vi");
        var admin = await LogInAsAdminAsync();

        var noneList = await none.GetPageAsync("/Contributions");
        var adminList = await admin.GetPageAsync("/Contributions");

        Assert.DoesNotContain(w.GiftA.ReceiptNumber, noneList);
        Assert.DoesNotContain(w.GiftB.ReceiptNumber, noneList);
        Assert.Contains(w.GiftA.ReceiptNumber, adminList);
        Assert.Contains(w.GiftB.ReceiptNumber, adminList);
    }

    [Fact]
    public async Task Commune_officer_is_refused_campaigns_users_and_audit()
    {
        var w = await TwoCommunesAsync();
        await StaffAsync("xa-a", [Roles.CommuneOfficer], w.UnitA);
        var client = await LogInAsync("xa-a");

        foreach (var url in new[] { "/Campaigns", "/Campaigns/Edit", "/Users", "/Users/Edit", "/Audit" })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).Response.StatusCode);
    }
}

public class UnitScopeTestsOnSqlite() : UnitScopeTests(DatabaseProvider.Sqlite);

public class UnitScopeTestsOnPostgres() : UnitScopeTests(DatabaseProvider.Postgres);
