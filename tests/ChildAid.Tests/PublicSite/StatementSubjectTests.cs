using ChildAid.PublicSite.Localization;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Needs;
using Microsoft.Extensions.Localization;

namespace ChildAid.Tests.PublicSite;

/// <summary>The statement's "where" and "what" cells, as a reader sees them.</summary>
public class StatementSubjectTests
{
    private sealed class Vietnamese : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] => this[name];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private static StatementLine Line(string? item = null, decimal? quantity = null, string? unit = null, NeedCategory? category = null,
        string? unitName = null, string? school = null) =>
        new(1, DateTime.UtcNow, new DateOnly(2026, 12, 1), LedgerEntryKind.Distribution, 0, null, null, null, null, null, null, null, null, "", "", null, "")
        {
            Item = item, Quantity = quantity, UnitOfMeasure = unit, Category = category, UnitCode = unitName is null ? null : "23535", UnitName = unitName, SchoolName = school,
        };

    [Fact]
    public void What_a_line_is_about_reads_as_people_say_it()
    {
        var t = new Vietnamese();
        Assert.Equal("Dinh dưỡng (bữa ăn): 40 suất ăn trưa", PublicText.Subject(Line("Suất ăn trưa", 40m, "suất", NeedCategory.Nutrition), t));
        Assert.Equal("Đồ ấm: 120 chiếc Áo ấm mùa đông", PublicText.Subject(Line("Áo ấm mùa đông", 120m, "chiếc", NeedCategory.WarmClothes), t));
        Assert.Equal("Đồ ấm", PublicText.Subject(Line(category: NeedCategory.WarmClothes), t));
        Assert.Equal("12,5 kg Gạo", PublicText.Subject(Line("Gạo", 12.5m, "kg"), t));
        Assert.Equal("Đồ ấm: 1.200 chiếc Áo len", PublicText.Subject(Line("Áo len", 1200m, "chiếc", NeedCategory.WarmClothes), t));
        Assert.Equal("—", PublicText.Subject(Line(), t));
    }

    [Fact]
    public void Where_names_the_school_with_its_commune_and_never_invents_one()
    {
        Assert.Equal("Trường TH-THCS Ia Đal, Xã Ia Đal", PublicText.Place(Line(unitName: "Xã Ia Đal", school: "Trường TH-THCS Ia Đal")));
        Assert.Equal("Xã Ia Đal", PublicText.Place(Line(unitName: "Xã Ia Đal")));
        Assert.Equal("—", PublicText.Place(Line()));
    }
}
