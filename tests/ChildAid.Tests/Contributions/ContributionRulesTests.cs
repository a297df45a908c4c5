using ChildAid.Shared.Contributions;

namespace ChildAid.Tests.Contributions;

public class ContributionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static ContributionInput Valid() => new()
    {
        DonorId = 1, AdminUnitId = 1, AmountVnd = 50_000, Method = ContributionMethod.BankTransfer, ReceivedOn = new DateOnly(2026, 11, 28),
    };

    [Fact]
    public void A_student_giving_fifty_thousand_dong_is_valid()
    {
        var errors = ContributionRules.Validate(Valid(), Today, out var amount);

        Assert.Empty(errors);
        Assert.Equal(50_000, amount);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(100_000_000_001L)]
    public void Amounts_outside_sane_bounds_are_refused_next_to_the_amount(long value)
    {
        var input = Valid();
        input.AmountVnd = value;

        var errors = ContributionRules.Validate(input, Today, out _);

        Assert.Contains(nameof(ContributionInput.AmountVnd), errors.Keys);
    }

    [Fact]
    public void A_foreign_gift_needs_currency_and_rate_and_is_converted_to_whole_dong()
    {
        var input = Valid();
        input.AmountVnd = null;
        input.OriginalCurrency = "usd";
        input.OriginalAmount = 100.50m;
        input.ExchangeRate = 25_400.5m;

        var errors = ContributionRules.Validate(input, Today, out var amount);
        input.ExchangeRate = null;
        var withoutRate = ContributionRules.Validate(input, Today, out _);
        input.OriginalCurrency = "VND";
        var vnd = ContributionRules.Validate(input, Today, out _);

        Assert.Empty(errors);
        Assert.Equal(2_552_750L, amount); // 100.50 × 25 400.5 = 2 552 750.25 → 2 552 750
        Assert.Contains(nameof(ContributionInput.ExchangeRate), withoutRate.Keys);
        Assert.Contains(nameof(ContributionInput.OriginalCurrency), vnd.Keys);
    }

    [Fact]
    public void Goods_are_valued_line_by_line_and_a_bad_line_is_named()
    {
        var input = Valid();
        input.Method = ContributionMethod.InKind;
        input.AmountVnd = null;
        input.GoodsLines =
        [
            new GoodsLineInput { Item = "Áo ấm trẻ em 6–10 tuổi", Quantity = 300, Unit = "cái", UnitValueVnd = 150_000 },
            new GoodsLineInput(),
            new GoodsLineInput { Item = "Chăn", Quantity = 0, Unit = "cái", UnitValueVnd = 200_000 },
        ];

        var errors = ContributionRules.Validate(input, Today, out _);
        input.GoodsLines.RemoveAt(2);
        var ok = ContributionRules.Validate(input, Today, out var amount);

        Assert.Equal("Số lượng phải là số nguyên dương.", errors["GoodsLines[2].Quantity"]);
        Assert.Empty(ok);
        Assert.Equal(45_000_000, amount);
    }

    [Fact]
    public void A_date_in_the_future_is_refused()
    {
        var input = Valid();
        input.ReceivedOn = Today.AddDays(1);

        Assert.Contains(nameof(ContributionInput.ReceivedOn), ContributionRules.Validate(input, Today, out _).Keys);
    }
}
