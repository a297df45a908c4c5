using ChildAid.Shared.Contributions;

namespace ChildAid.Tests.Contributions;

/// <summary>Precision of foreign gifts and limits of in-kind gifts, checked before anything is written.</summary>
public class MoneyLimitsRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static ContributionInput Foreign(string currency, decimal amount, decimal rate) => new()
    {
        DonorId = 1, AdminUnitId = 1, Method = ContributionMethod.BankTransfer, ReceivedOn = new DateOnly(2026, 11, 28),
        OriginalCurrency = currency, OriginalAmount = amount, ExchangeRate = rate,
    };

    private static ContributionInput Goods(params GoodsLineInput[] lines) => new()
    {
        DonorId = 1, AdminUnitId = 1, Method = ContributionMethod.InKind, ReceivedOn = new DateOnly(2026, 11, 28), GoodsLines = [.. lines],
    };

    private static GoodsLineInput Line(string item = "Áo ấm", int quantity = 10, string unit = "cái", long unitValue = 100_000) =>
        new() { Item = item, Quantity = quantity, Unit = unit, UnitValueVnd = unitValue };

    [Fact]
    public void Dollars_with_three_decimals_are_refused_next_to_the_amount_in_Vietnamese()
    {
        var errors = ContributionRules.Validate(Foreign("USD", 100.555m, 25_450.123456m), Today, out var amount);

        Assert.Equal("Số tiền USD có nhiều nhất 2 chữ số thập phân; vui lòng kiểm tra lại.", errors[nameof(ContributionInput.OriginalAmount)]);
        Assert.Equal(0, amount);
    }

    [Fact]
    public void A_rate_with_seven_decimals_is_refused_next_to_the_rate()
    {
        var errors = ContributionRules.Validate(Foreign("USD", 100.55m, 25_450.1234567m), Today, out _);

        Assert.Equal("Tỷ giá có nhiều nhất 6 chữ số thập phân; vui lòng kiểm tra lại.", errors[nameof(ContributionInput.ExchangeRate)]);
    }

    [Fact]
    public void Yen_and_won_have_no_decimals()
    {
        Assert.Contains(nameof(ContributionInput.OriginalAmount), ContributionRules.Validate(Foreign("JPY", 5_000.5m, 165.5m), Today, out _).Keys);
        Assert.Contains(nameof(ContributionInput.OriginalAmount), ContributionRules.Validate(Foreign("KRW", 10_000.1m, 18.2m), Today, out _).Keys);
        Assert.Empty(ContributionRules.Validate(Foreign("JPY", 5_000m, 165.5m), Today, out var yen));
        Assert.Equal(827_500, yen);
    }

    [Fact]
    public void Trailing_zeros_are_not_decimals_and_dollars_convert_half_away_from_zero()
    {
        var errors = ContributionRules.Validate(Foreign("usd", 100.550m, 25_450.123456m), Today, out var amount);

        Assert.Empty(errors);
        Assert.Equal(2_559_010, amount); // 100.55 × 25 450.123456 = 2 559 009.913 → 2 559 010
    }

    [Fact]
    public void A_currency_outside_the_documented_list_is_refused()
    {
        var errors = ContributionRules.Validate(Foreign("BHD", 10m, 69_000m), Today, out _);

        Assert.StartsWith("Chưa nhận ngoại tệ BHD. Các mã được nhận: ", errors[nameof(ContributionInput.OriginalCurrency)]);
    }

    [Fact]
    public void Ninety_three_lines_at_the_maximum_do_not_wrap_to_a_negative_total()
    {
        var input = Goods([.. Enumerable.Range(0, 93).Select(_ => Line(quantity: ContributionRules.MaxQuantity, unitValue: ContributionRules.MaxAmountVnd))]);

        var errors = ContributionRules.Validate(input, Today, out var amount);

        Assert.NotEmpty(errors);
        Assert.Equal(0, amount);
        Assert.Contains(nameof(ContributionInput.GoodsLines), errors.Keys);
    }

    [Fact]
    public void A_line_worth_more_than_the_limit_is_named_next_to_its_unit_value()
    {
        var errors = ContributionRules.Validate(Goods(Line(quantity: 1_000_000, unitValue: 200_000_000)), Today, out var amount);

        Assert.Equal("Thành tiền của dòng này (số lượng × đơn giá) vượt quá giới hạn 100.000.000.000 ₫.", errors["GoodsLines[0].UnitValueVnd"]);
        Assert.Equal(0, amount);
    }

    [Fact]
    public void Lines_worth_more_than_the_limit_together_are_refused_as_a_whole()
    {
        var errors = ContributionRules.Validate(Goods(Line(quantity: 1_000, unitValue: 60_000_000), Line(quantity: 1_000, unitValue: 60_000_000)), Today, out _);

        Assert.Equal("Tổng giá trị hiện vật vượt quá giới hạn 100.000.000.000 ₫.", errors[nameof(ContributionInput.GoodsLines)]);
    }

    [Fact]
    public void A_unit_longer_than_the_column_is_refused_next_to_it()
    {
        var errors = ContributionRules.Validate(Goods(Line(unit: new string('x', 31))), Today, out _);

        Assert.Equal("Đơn vị tính tối đa 30 ký tự.", errors["GoodsLines[0].Unit"]);
    }

    [Fact]
    public void Goods_whose_public_description_would_not_fit_the_ledger_are_refused_with_a_message()
    {
        var item = new string('á', 190);
        var errors = ContributionRules.Validate(Goods(Line(item), Line(item), Line(item)), Today, out _);

        Assert.StartsWith("Mô tả công khai của hàng hiện vật dài", errors[nameof(ContributionInput.GoodsLines)]);
    }
}
