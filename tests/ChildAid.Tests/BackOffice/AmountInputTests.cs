using System.Net;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.BackOffice;

/// <summary>The record form reads amounts one way only, refuses the ambiguous, and keeps within the database's limits.</summary>
public abstract class AmountInputTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private async Task<(StaffClient Client, int UnitId, int DonorId)> OfficerWithDonorAsync()
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        var donor = await TestData.DonorAsync(db, unit.Id, "Công ty TNHH Ánh Dương");
        await StaffAsync("canbo", [Roles.ProgrammeOfficer], unit.Id);
        return (await LogInAsync("canbo"), unit.Id, donor.Id);
    }

    private static Dictionary<string, string> Form(string form, int donorId, int unitId, string method = "Cash") => new()
    {
        ["Input.IdempotencyKey"] = StaffClient.Hidden(form, "Input.IdempotencyKey"),
        ["Input.DonorId"] = donorId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.AdminUnitId"] = unitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.ReceivedOn"] = Vn(Today),
        ["Input.Method"] = method,
        ["Input.CampaignId"] = "",
    };

    private async Task<string> PostAsync(StaffClient client, Action<Dictionary<string, string>> fill, string method = "Cash")
    {
        var form = await client.GetPageAsync("/Contributions/Record");
        var fields = Form(form, _donorId, _unitId, method);
        fill(fields);
        var response = await client.PostWithTokenAsync("/Contributions/Record", StaffClient.Token(form), fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private int _unitId, _donorId;

    private async Task<StaffClient> SignedInAsync()
    {
        var (client, unitId, donorId) = await OfficerWithDonorAsync();
        (_unitId, _donorId) = (unitId, donorId);
        return client;
    }

    private async Task AssertNothingBookedAsync()
    {
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.Contributions.CountAsync());
        Assert.Equal(0, await db.LedgerEntries.CountAsync());
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1.5")]
    [InlineData("+7")]
    [InlineData("1.50.000")]
    public async Task A_dong_amount_that_is_not_digits_grouped_by_three_is_refused_next_to_the_field(string typed)
    {
        var client = await SignedInAsync();

        var html = await PostAsync(client, f => f["Input.AmountVnd"] = typed);

        Assert.Matches("id=\"Input_AmountVnd-error\"[^>]*>Vui lòng nhập số nguyên \\(đồng\\): chỉ gồm chữ số", html);
        await AssertNothingBookedAsync();
    }

    [Fact]
    public async Task A_rate_that_could_be_thousands_or_decimals_is_refused_with_both_readings()
    {
        var client = await SignedInAsync();

        var html = await PostAsync(client, f =>
        {
            f["Input.AmountVnd"] = "";
            f["Input.OriginalCurrency"] = "USD";
            f["Input.OriginalAmount"] = "100";
            f["Input.ExchangeRate"] = "25.450";
        }, "BankTransfer");

        Assert.Matches("id=\"Input_ExchangeRate-error\"[^>]*>Không rõ “25.450” là 25450 hay 25,45", html);
        await AssertNothingBookedAsync();
    }

    [Fact]
    public async Task Dollars_with_three_decimals_are_refused_next_to_the_amount()
    {
        var client = await SignedInAsync();

        var html = await PostAsync(client, f =>
        {
            f["Input.OriginalCurrency"] = "USD";
            f["Input.OriginalAmount"] = "1000,555";
            f["Input.ExchangeRate"] = "25450,1234567";
        }, "BankTransfer");

        Assert.Matches("id=\"Input_OriginalAmount-error\"[^>]*>Số tiền USD có nhiều nhất 2 chữ số thập phân", html);
        Assert.Matches("id=\"Input_ExchangeRate-error\"[^>]*>Tỷ giá có nhiều nhất 6 chữ số thập phân", html);
        await AssertNothingBookedAsync();
    }

    [Fact]
    public async Task A_decimal_comma_is_read_as_typed_and_the_receipt_shows_the_same_digits()
    {
        var client = await SignedInAsync();
        var form = await client.GetPageAsync("/Contributions/Record");
        var fields = Form(form, _donorId, _unitId, "BankTransfer");
        fields["Input.OriginalCurrency"] = "USD";
        fields["Input.OriginalAmount"] = "100,55";
        fields["Input.ExchangeRate"] = "25450,123456";

        var receipt = await client.FollowAsync(await client.PostWithTokenAsync("/Contributions/Record", StaffClient.Token(form), fields));

        Assert.Contains("100,55 USD × tỷ giá 25.450,123456", receipt);
        Assert.Contains("2.559.010 ₫", receipt);
        await using var db = Db.NewContext();
        var entry = await db.LedgerEntries.SingleAsync();
        Assert.Equal((100.55m, 25_450.123456m), (entry.OriginalAmount, entry.ExchangeRate));
    }

    [Fact]
    public async Task Goods_too_long_for_the_public_statement_get_a_message_not_a_server_error()
    {
        var client = await SignedInAsync();
        var item = new string('á', 190);

        var html = await PostAsync(client, f =>
        {
            for (var i = 0; i < 3; i++)
            {
                f[$"Input.GoodsLines[{i}].Item"] = item;
                f[$"Input.GoodsLines[{i}].Quantity"] = "10";
                f[$"Input.GoodsLines[{i}].Unit"] = "cái";
                f[$"Input.GoodsLines[{i}].UnitValueVnd"] = "100.000";
            }
            f["Input.GoodsLines[3].Item"] = "Chăn";
            f["Input.GoodsLines[3].Quantity"] = "10";
            f["Input.GoodsLines[3].Unit"] = new string('x', 40);
            f["Input.GoodsLines[3].UnitValueVnd"] = "100.000";
        }, "InKind");

        Assert.Contains("Đơn vị tính tối đa 30 ký tự.", html);
        await AssertNothingBookedAsync();
        var withoutLongUnit = await PostAsync(client, f =>
        {
            for (var i = 0; i < 3; i++)
            {
                f[$"Input.GoodsLines[{i}].Item"] = item;
                f[$"Input.GoodsLines[{i}].Quantity"] = "10";
                f[$"Input.GoodsLines[{i}].Unit"] = "cái";
                f[$"Input.GoodsLines[{i}].UnitValueVnd"] = "100.000";
            }
        }, "InKind");
        Assert.Contains("Mô tả công khai của hàng hiện vật dài", withoutLongUnit);
        await AssertNothingBookedAsync();
    }
}

public class AmountInputTestsOnSqlite() : AmountInputTests(DatabaseProvider.Sqlite);

public class AmountInputTestsOnPostgres() : AmountInputTests(DatabaseProvider.Postgres);
