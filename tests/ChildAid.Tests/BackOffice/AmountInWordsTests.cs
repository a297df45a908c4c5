using ChildAid.Shared.Text;

namespace ChildAid.Tests.BackOffice;

/// <summary>The receipt prints the amount in words the way Vietnamese receipts do (../shared/vn/conventions.md §1).</summary>
public class AmountInWordsTests
{
    [Theory]
    [InlineData(0, "Không đồng")]
    [InlineData(5, "Năm đồng")]
    [InlineData(15, "Mười lăm đồng")]
    [InlineData(21, "Hai mươi mốt đồng")]
    [InlineData(24, "Hai mươi tư đồng")]
    [InlineData(105, "Một trăm linh năm đồng")]
    [InlineData(1_005, "Một nghìn không trăm linh năm đồng")]
    [InlineData(5_061, "Năm nghìn không trăm sáu mươi mốt đồng")]
    [InlineData(1_030_000, "Một triệu không trăm ba mươi nghìn đồng")]
    [InlineData(1_200_000, "Một triệu hai trăm nghìn đồng")]
    [InlineData(2_000_500, "Hai triệu năm trăm đồng")]
    [InlineData(25_600_000, "Hai mươi lăm triệu sáu trăm nghìn đồng")]
    [InlineData(1_000_000_000, "Một tỷ đồng")]
    [InlineData(1_000_005, "Một triệu không trăm linh năm đồng")]
    [InlineData(1_200_000_000, "Một tỷ hai trăm triệu đồng")]
    [InlineData(1_000_000_005_000, "Một nghìn tỷ không trăm linh năm nghìn đồng")]
    [InlineData(10_010, "Mười nghìn không trăm mười đồng")]
    [InlineData(114, "Một trăm mười bốn đồng")]
    [InlineData(2_000_000_001_000, "Hai nghìn tỷ không trăm linh một nghìn đồng")]
    [InlineData(-300_000, "Âm ba trăm nghìn đồng")]
    public void Amount_is_read_in_Vietnamese_words(long amount, string expected) =>
        Assert.Equal(expected, VietnameseNumberWords.Dong(amount));
}
