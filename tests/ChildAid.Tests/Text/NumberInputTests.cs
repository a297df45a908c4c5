using ChildAid.Shared.Text;

namespace ChildAid.Tests.Text;

public class NumberInputTests
{
    [Theory]
    [InlineData("1500000", 1_500_000L)]
    [InlineData("1.500.000", 1_500_000L)]
    [InlineData("1 500 000", 1_500_000L)]
    [InlineData(" 50.000 ", 50_000L)]
    [InlineData("1\u00a0500", 1_500L)]
    [InlineData("7", 7L)]
    public void Whole_dong_accepts_digits_grouped_by_three_with_points_or_spaces(string text, long expected) =>
        Assert.Equal(expected, NumberInput.ParseWhole(text));

    [Theory]
    [InlineData("1,5")]        // read as 15 before
    [InlineData("1.5")]        // read as 15 before
    [InlineData("+7")]         // read as 7 before
    [InlineData("-7")]
    [InlineData("1.50.000")]
    [InlineData("1.500,000")]
    [InlineData("1.500 000")]
    [InlineData("0.500")]
    [InlineData("1500000₫")]
    [InlineData("năm trăm")]
    [InlineData("99999999999999999999")]
    public void Whole_dong_refuses_anything_else(string text) =>
        Assert.Null(NumberInput.ParseWhole(text));

    [Theory]
    [InlineData("100,55", "100.55")]
    [InlineData("100.55", "100.55")]
    [InlineData("25450", "25450")]
    [InlineData("25450,123456", "25450.123456")]
    [InlineData("0,125", "0.125")]
    [InlineData("1,2500", "1.25")]
    [InlineData("165,5", "165.5")]
    public void A_decimal_has_one_decimal_comma_or_point(string text, string expected)
    {
        var (value, error) = NumberInput.ParseDecimal(text);

        Assert.Null(error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("25.450", "25450", "25,45")]   // read as 25.45 before
    [InlineData("1,250", "1250", "1,25")]
    [InlineData("100.555", "100555", "100,555")]
    public void Three_digits_after_a_single_separator_could_be_thousands_and_are_refused_with_both_readings(string text, string whole, string fraction)
    {
        var (value, error) = NumberInput.ParseDecimal(text);

        Assert.Null(value);
        Assert.Contains($"Không rõ “{text}” là {whole} hay {fraction}", error);
    }

    [Theory]
    [InlineData("25.450,5")]
    [InlineData("25,450.5")]
    [InlineData("+100")]
    [InlineData("-100")]
    [InlineData("1e5")]
    [InlineData("100 USD")]
    [InlineData(",5")]
    public void A_decimal_with_thousands_separators_signs_or_letters_is_refused(string text)
    {
        var (value, error) = NumberInput.ParseDecimal(text);

        Assert.Null(value);
        Assert.StartsWith("Số không hợp lệ", error);
    }

    [Theory]
    [InlineData("100.50", 1)]
    [InlineData("100.555", 3)]
    [InlineData("25450.000000", 0)]
    [InlineData("25450.1234567", 7)]
    public void Significant_decimals_ignore_trailing_zeros(string value, int expected) =>
        Assert.Equal(expected, NumberInput.SignificantDecimals(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
