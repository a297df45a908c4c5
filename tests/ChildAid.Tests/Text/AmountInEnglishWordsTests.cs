using ChildAid.Shared.Text;

namespace ChildAid.Tests.Text;

/// <summary>Donors abroad read their receipt's amount in English words.</summary>
public class AmountInEnglishWordsTests
{
    [Theory]
    [InlineData(0, "Zero dong")]
    [InlineData(5, "Five dong")]
    [InlineData(15, "Fifteen dong")]
    [InlineData(21, "Twenty-one dong")]
    [InlineData(105, "One hundred five dong")]
    [InlineData(1_005, "One thousand five dong")]
    [InlineData(1_000_005, "One million five dong")]
    [InlineData(1_200_000, "One million two hundred thousand dong")]
    [InlineData(1_200_000_000, "One billion two hundred million dong")]
    [InlineData(2_000_000_001_000, "Two trillion one thousand dong")]
    [InlineData(-300_000, "Minus three hundred thousand dong")]
    [InlineData(long.MaxValue, "Nine quintillion two hundred twenty-three quadrillion three hundred seventy-two trillion thirty-six billion eight hundred fifty-four million seven hundred seventy-five thousand eight hundred seven dong")]
    public void Amount_is_read_in_English_words(long amount, string expected) =>
        Assert.Equal(expected, EnglishNumberWords.Dong(amount));
}
