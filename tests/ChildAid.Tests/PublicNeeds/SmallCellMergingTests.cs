using ChildAid.Shared.Needs;
using ChildAid.Shared.PublicNeeds;
using static ChildAid.Shared.PublicNeeds.PublicNeedsProjection;

namespace ChildAid.Tests.PublicNeeds;

/// <summary>The merging rule alone, over many generated communes (fixed seeds, so a failure repeats).</summary>
public class SmallCellMergingTests
{
    private static readonly DateOnly YearStart = NeedsReview.SchoolYearStart(2026), YearEnd = NeedsReview.SchoolYearEnd(2026);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Every_cell_but_one_remainder_describes_five_children_or_more_and_nothing_is_lost(int seed)
    {
        var random = new Random(seed);
        for (var commune = 0; commune < 200; commune++)
        {
            var lines = Lines(random, random.Next(1, 60)).ToList();

            var cells = Cells(lines, YearStart, YearEnd);

            Assert.True(cells.Count(c => c.Children < MinimumChildren) <= 1, "at most one remainder");
            var remainder = cells.SingleOrDefault(c => c.Children < MinimumChildren);
            if (remainder is not null) Assert.Equal(new CellKey(YearStart, YearEnd, null, null, null, null, null, null), remainder.Key);
            Assert.Equal(lines.Sum(l => (long)l.Quantity), cells.Sum(c => c.Quantity));
            Assert.Equal(lines.Sum(l => l.Quantity * l.UnitCostVnd), cells.Sum(c => c.CostVnd));
            Assert.Equal(cells.Count, cells.Select(c => c.Key).Distinct().Count());
        }
    }

    [Fact]
    public void A_child_with_several_lines_in_one_cell_counts_once()
    {
        var child = Line(childId: 7, item: 6);

        var cells = Cells([child, child with { Quantity = 3 }, .. Enumerable.Range(1, 3).Select(i => Line(childId: i, item: 6))], YearStart, YearEnd);

        Assert.Equal(4, Assert.Single(cells).Children);
    }

    [Fact]
    public void A_small_cell_merges_into_a_published_cell_of_the_same_key_rather_than_beside_it()
    {
        // The school's own line serves 30 children with no school-specific dimension left to drop; a child's line of the same item joins it.
        var lines = new[] { Line(childId: null, item: 9, school: null, children: 30), Line(childId: 1, item: 9, school: 4) };

        var cells = Cells(lines, YearStart, YearEnd);

        Assert.Equal(31, Assert.Single(cells).Children);
    }

    private static NeedFacts Line(int? childId, int item, int? school = null, int children = 1, int level = 1) =>
        new(childId is null ? (school is null ? NeedTarget.Commune : NeedTarget.School) : NeedTarget.Child, childId, school, level,
            NeedItemConfiguration.Catalogue[item - 1].Category, item, null, NeedItemConfiguration.Catalogue[item - 1].Unit, 1, 1000,
            childId is null ? children : 1, YearStart, YearEnd, 0, 0, 0);

    private static IEnumerable<NeedFacts> Lines(Random random, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var item = NeedItemConfiguration.Catalogue[random.Next(NeedItemConfiguration.Catalogue.Length)];
            var forSchool = random.Next(10) == 0;
            var winter = random.Next(2) == 0;
            yield return new NeedFacts(forSchool ? NeedTarget.School : NeedTarget.Child, forSchool ? null : random.Next(1, 40),
                random.Next(4) == 0 ? null : random.Next(1, 4), random.Next(1, 5), item.Category, item.Id,
                item.HasSizeBand ? (SizeBand)random.Next(1, 5) : null, item.Unit, random.Next(1, 200), random.Next(1, 500) * 1000L,
                forSchool ? random.Next(1, 9) : 1, winter ? new DateOnly(2026, 11, 1) : YearStart, winter ? new DateOnly(2027, 2, 28) : YearEnd,
                0, 0, 0);
        }
    }
}
