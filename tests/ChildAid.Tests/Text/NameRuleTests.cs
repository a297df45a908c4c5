using ChildAid.Shared.Validation;

namespace ChildAid.Tests.Text;

public class NameRuleTests
{
    private static string? Check(string? name) => NameRule.Check(name, 300, "empty", "too long");

    [Theory]
    [InlineData("Nguyễn Văn An")]
    [InlineData("Công ty TNHH Ánh Dương")]
    [InlineData("Rơ Châm Hơ Lan")]
    [InlineData("Nguye\u0302\u0303n")]      // decomposed diacritics are marks, not hidden characters
    [InlineData("山田 太郎")]
    [InlineData("  Trần Thị Bình  ")]
    public void Real_names_are_accepted(string name) => Assert.Null(Check(name));

    [Theory]
    [InlineData("\u200B")]                 // shows as empty, yet is not anonymous
    [InlineData("An\u200DBình")]
    [InlineData("Nguyễn \u202Ena\u202C")]  // reverses the text after it on the statement
    [InlineData("\u2066An\u2069")]
    [InlineData("\u200FAn")]
    [InlineData("\uFEFFAn")]
    [InlineData("An\u0007")]
    [InlineData("An\u2028Bình")]
    public void Invisible_and_direction_changing_characters_are_refused_with_a_Vietnamese_message(string name) =>
        Assert.StartsWith("Tên chứa ký tự vô hình hoặc ký tự điều khiển (U+", Check(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \u00a0\u3000 ")]
    public void A_name_empty_after_trimming_is_refused(string? name) => Assert.Equal("empty", Check(name));

    [Fact]
    public void A_name_longer_than_its_column_is_refused() => Assert.Equal("too long", Check(new string('a', 301)));
}
