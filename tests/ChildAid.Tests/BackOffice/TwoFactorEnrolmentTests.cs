using System.Net;
using System.Text.RegularExpressions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace ChildAid.Tests.BackOffice;

/// <summary>Enrolling an authenticator changes nothing until the person proves they have it.</summary>
public abstract partial class TwoFactorEnrolmentTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private async Task<StaffUser> OfficerAsync()
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        return await StaffAsync("canbo", [Roles.CommuneOfficer], unit.Id);
    }

    private async Task<(string Stamp, bool Enabled, int Tokens)> StateAsync(string userId)
    {
        await using var db = Db.NewContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        return (user.SecurityStamp!, user.TwoFactorEnabled, await db.UserTokens.CountAsync(t => t.UserId == userId));
    }

    [Fact]
    public async Task Opening_the_enrolment_page_twice_changes_nothing_until_a_code_is_confirmed()
    {
        var user = await OfficerAsync();
        var phone = await LogInAsync("canbo");
        var desk = await LogInAsync("canbo");
        var before = await StateAsync(user.Id);

        var first = await desk.AuthenticatorKeyAsync();
        var second = await desk.AuthenticatorKeyAsync();

        Assert.Equal(first, second);
        Assert.Equal(before, await StateAsync(user.Id));
        Assert.Contains("Tổng quan năm", await phone.GetPageAsync("/"));

        var wrong = await desk.PostFormAsync("/Account/EnrolTwoFactor", new() { ["Input.Code"] = Totp(first) == "000000" ? "111111" : "000000" });
        Assert.Contains("Mã xác thực không đúng", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(before, await StateAsync(user.Id));

        var confirmed = await desk.PostFormAsync("/Account/EnrolTwoFactor", new() { ["Input.Code"] = Totp(first) });
        Assert.Contains("recovery-codes", await confirmed.Content.ReadAsStringAsync());
        var after = await StateAsync(user.Id);
        Assert.True(after.Enabled);
        Assert.NotEqual(before.Stamp, after.Stamp);
        await using var db = Db.NewContext();
        Assert.Equal(first, await db.UserTokens.Where(t => t.UserId == user.Id && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleAsync());
    }

    [Fact]
    public async Task Enrolment_page_shows_a_QR_code_of_the_otpauth_link_beside_the_key()
    {
        await OfficerAsync();
        var client = await LogInAsync("canbo");

        var html = await client.GetPageAsync("/Account/EnrolTwoFactor");

        var uri = WebUtility.HtmlDecode(Regex.Match(html, "id=\"authenticator-uri\" href=\"([^\"]+)\"").Groups[1].Value);
        Assert.StartsWith("otpauth://totp/", uri);
        Assert.Contains("secret=" + await client.AuthenticatorKeyAsync(), uri);
        var svg = QrSvg().Match(html);
        Assert.True(svg.Success, "no QR code on the enrolment page");
        Assert.Equal(uri, Decode(svg.Value));
    }

    /// <summary>Draws the SVG's dark modules (one path of h-runs, one unit per module) into pixels and reads them as a camera would.</summary>
    private static string Decode(string svg)
    {
        var size = int.Parse(Regex.Match(svg, "viewBox=\"0 0 (\\d+) \\d+\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        const int scale = 4;
        var pixels = Enumerable.Repeat((byte)255, size * scale * size * scale).ToArray();
        foreach (Match run in Regex.Matches(svg, "M(\\d+) (\\d+)h(\\d+)v1h-\\d+z"))
        {
            var (x0, y, length) = (int.Parse(run.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(run.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(run.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
            for (var x = x0; x < x0 + length; x++)
                for (var dy = 0; dy < scale; dy++)
                    for (var dx = 0; dx < scale; dx++)
                        pixels[((y * scale) + dy) * size * scale + (x * scale) + dx] = 0;
        }
        var source = new RGBLuminanceSource(pixels, size * scale, size * scale, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        Assert.NotNull(result);
        return result.Text;
    }

    [GeneratedRegex("<svg[^>]*id=\"authenticator-qr\"[\\s\\S]*?</svg>")]
    private static partial Regex QrSvg();
}

public class TwoFactorEnrolmentTestsOnSqlite() : TwoFactorEnrolmentTests(DatabaseProvider.Sqlite);

public class TwoFactorEnrolmentTestsOnPostgres() : TwoFactorEnrolmentTests(DatabaseProvider.Postgres);
