using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.BackOffice;

/// <summary>Names with invisible or direction-changing characters never reach the database, on either provider.</summary>
public abstract class NameInputTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private const string Hidden = "Tên chứa ký tự vô hình hoặc ký tự điều khiển";

    [Theory]
    [InlineData("\u200B")]
    [InlineData("Công ty \u202EgnơưD hnÁ")]
    public async Task A_donor_name_with_hidden_characters_is_refused_next_to_the_name(string name)
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        await StaffAsync("canbo", [Roles.ProgrammeOfficer], unit.Id);
        var client = await LogInAsync("canbo");

        var refused = await client.PostFormAsync("/Donors/Edit", new()
        {
            ["Input.Name"] = name, ["Input.Kind"] = "Business", ["Input.Origin"] = "Domestic",
            ["Input.DisplayChoice"] = "NameAmount", ["Input.AdminUnitId"] = unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches($"id=\"Input_Name-error\"[^>]*>{Hidden}", await refused.Content.ReadAsStringAsync());
        await using var check = Db.NewContext();
        Assert.Equal(0, await check.Donors.CountAsync());
    }

    [Fact]
    public async Task A_staff_display_name_with_a_right_to_left_override_is_refused_next_to_the_name()
    {
        var admin = await LogInAsAdminAsync();
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);

        var refused = await admin.PostFormAsync("/Users/Edit", new()
        {
            ["Input.UserName"] = "xa-iadal", ["Input.Password"] = "Mat-khau-xa-2026", ["Input.FullName"] = "Rơ Châm \u202EnaL",
            ["Input.Roles"] = Roles.CommuneOfficer, ["Input.UnitIds"] = unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches($"id=\"Input_FullName-error\"[^>]*>{Hidden}", await refused.Content.ReadAsStringAsync());
        await using var check = Db.NewContext();
        Assert.False(await check.Users.AnyAsync(u => u.UserName == "xa-iadal"));
    }
}

public class NameInputTestsOnSqlite() : NameInputTests(DatabaseProvider.Sqlite);

public class NameInputTestsOnPostgres() : NameInputTests(DatabaseProvider.Postgres);
