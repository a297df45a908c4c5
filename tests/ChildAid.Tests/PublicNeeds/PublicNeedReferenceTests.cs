using ChildAid.Shared.Needs;
using ChildAid.Shared.PublicNeeds;

namespace ChildAid.Tests.PublicNeeds;

/// <summary>What the statement reads from a need reference: its category and school, and the patterns its category filter matches.</summary>
public class PublicNeedReferenceTests
{
    private static readonly Dictionary<string, NeedCategory> Catalogue =
        NeedItemConfiguration.Catalogue.ToDictionary(i => i.Code, i => i.Category, StringComparer.Ordinal);

    [Theory]
    [InlineData("23535-2026-winter-jacket-Age6To8-T12", NeedCategory.WarmClothes, 12)]
    [InlineData("23535-2026-lunch-meal-T7", NeedCategory.Nutrition, 7)]
    [InlineData("23535-2026-play-area", NeedCategory.Recreation, null)]
    [InlineData("23535-2026-WarmClothes", NeedCategory.WarmClothes, null)]
    [InlineData("23535-2026-HealthCheckUp-T3", NeedCategory.HealthCheckUp, 3)]
    public void A_reference_names_its_category_and_school(string reference, NeedCategory category, int? school)
    {
        Assert.Equal(category, PublicNeedReference.CategoryOf(reference, Catalogue));
        Assert.Equal(school, PublicNeedReference.SchoolOf(reference));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("23535-2026-unknown-item")]
    [InlineData("23535-2026-5")]
    [InlineData("not a reference")]
    public void Anything_else_names_no_category(string? reference) => Assert.Null(PublicNeedReference.CategoryOf(reference, Catalogue));

    /// <summary>SQL LIKE, as both databases read these patterns: '%' any run, '_' one character.</summary>
    private static bool Like(string text, string pattern) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, "^" + string.Concat(pattern.Select(c => c switch { '%' => ".*", '_' => ".", _ => System.Text.RegularExpressions.Regex.Escape(c.ToString()) })) + "$");

    [Fact]
    public void Each_category_matches_the_references_of_its_own_items_and_no_other_categorys()
    {
        var references = NeedItemConfiguration.Catalogue.SelectMany(i => new[]
        {
            ($"23535-2026-{i.Code}", i.Category), ($"23535-2026-{i.Code}-T12", i.Category), ($"23535-2026-{i.Code}-Age9To11-T4", i.Category),
        }).Concat(Enum.GetValues<NeedCategory>().Select(c => ($"23535-2026-{c}", c))).ToList();
        foreach (var category in Enum.GetValues<NeedCategory>())
        {
            var patterns = PublicNeedReference.CategoryPatterns(category, Catalogue.Where(i => i.Value == category).Select(i => i.Key));
            foreach (var (reference, of) in references)
                Assert.True(patterns.Any(p => Like(reference, p)) == (of == category), $"{category} vs {reference}");
        }
    }
}
