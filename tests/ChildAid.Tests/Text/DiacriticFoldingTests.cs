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
    public void A_search_is_split_into_folded_words_of_letters_and_digits()
    {
        Assert.Equal(["nguyen", "van", "an"], StatementSearch.Words("  Nguyễn   VĂN an "));
        Assert.Equal(["2026", "000123"], StatementSearch.Words("2026-000123"));
        Assert.Equal(["siu", "h", "mai"], StatementSearch.Words("Siu H'Mai"));
        Assert.Equal(["an", "ha"], StatementSearch.Words("\"an\"* & (ha) | an:*"));
        Assert.Equal(["北京"], StatementSearch.Words("“北京”"));
        Assert.Equal(StatementSearch.MaxWords, StatementSearch.Words(string.Join(' ', Enumerable.Range(1, 20))).Count);
        Assert.Empty(StatementSearch.Words(" * : & | ! ( ) ' \" "));
        Assert.Empty(StatementSearch.Words(null));
    }

    [Fact]
    public void Search_words_are_quoted_prefixes_for_either_database()
    {
        // PostgreSQL stores every prefix of up to 7 characters as a lexeme: a Vietnamese word is matched exactly,
        // only a longer word is a prefix lexeme; a character is a code point, as PostgreSQL counts it.
        Assert.Equal("'an' & 'ha' & 'nghieng' & 'internat':*", StatementSearch.PostgresQuery(["an", "ha", "nghieng", "internat"]));
        Assert.Equal("'it''s' & 'a\\\\b'", StatementSearch.PostgresQuery(["it's", "a\\b"]));
        Assert.Equal("'𠀀𠀀𠀀𠀀𠀀𠀀𠀀' & '𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀':*", StatementSearch.PostgresQuery(["𠀀𠀀𠀀𠀀𠀀𠀀𠀀", "𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀"]));
        Assert.Equal("\"an\"* \"ha\"*", StatementSearch.SqliteQuery(["an", "ha"]));
    }
}
