using ChildAid.Shared.Ledger;
using ChildAid.Shared.Text;

namespace ChildAid.Tests.Text;

public class DiacriticFoldingTests
{
    [Theory]
    [InlineData("Nguyễn Văn An", "nguyen van an")]
    [InlineData("NGUYỄN  VĂN   AN ", "nguyen van an")]
    [InlineData("Đỗ Thị Đào", "do thi dao")]
    [InlineData("Ia Đal, Ia Tơi", "ia dal, ia toi")]
    [InlineData("Công ty TNHH Ánh Dương", "cong ty tnhh anh duong")]
    [InlineData("Bữa trưa có thịt", "bua trua co thit")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Folding_drops_diacritics_case_and_extra_spaces(string? text, string expected) =>
        Assert.Equal(expected, TextFolding.Fold(text));

    [Fact]
    public void Composed_and_decomposed_vietnamese_fold_alike() =>
        Assert.Equal(TextFolding.Fold("Nguy\u1EC5n"), TextFolding.Fold("Nguye\u0302\u0303n"));

    [Fact]
    public void A_search_is_split_into_folded_words_that_must_all_occur()
    {
        Assert.Equal(["nguyen", "van", "an"], StatementQuery.Terms("  Nguyễn   VĂN an "));
        Assert.Equal(["2026-000123"], StatementQuery.Terms("2026-000123"));
        Assert.Empty(StatementQuery.Terms("   "));
        Assert.Empty(StatementQuery.Terms(null));
    }
}
