using ChildAid.Shared.Needs;

namespace ChildAid.Tests.Needs;

/// <summary>The published rule, as the public reads it: points of the criteria that hold, thresholds turn them into a level.</summary>
public class PriorityAssessmentTests
{
    private static readonly PriorityCriterion[] Criteria = PriorityCriterionConfiguration.Defaults;
    private static readonly PriorityScale Scale = new() { Level1From = 50, Level2From = 30, Level3From = 15 };

    private static PriorityResult Assess(CircumstanceGroups groups, int? age = 8, bool cold = false, int? disaster = null, int year = 2026) =>
        PriorityAssessment.Assess(new PriorityFacts(groups, age, cold, disaster, year), Criteria, Scale);

    [Fact]
    public void A_child_with_no_criterion_is_level_4_with_no_reasons()
    {
        var result = Assess(CircumstanceGroups.None);

        Assert.Equal((4, 0), (result.Level, result.Score));
        Assert.Empty(result.Fired);
    }

    [Theory]
    [InlineData(CircumstanceGroups.NearPoorHousehold, 4)]            // 10
    [InlineData(CircumstanceGroups.PoorHousehold, 3)]                // 20
    [InlineData(CircumstanceGroups.OrphanBothParents, 2)]            // 40
    [InlineData(CircumstanceGroups.OrphanBothParents | CircumstanceGroups.Disability, 1)] // 70
    public void Points_become_levels_by_the_thresholds(CircumstanceGroups groups, int level) =>
        Assert.Equal(level, Assess(groups).Level);

    [Fact]
    public void The_reasons_are_the_criteria_that_fired_strongest_first()
    {
        var result = Assess(CircumstanceGroups.PoorHousehold | CircumstanceGroups.Disability, cold: true);

        Assert.Equal([PriorityCriterionKind.Disability, PriorityCriterionKind.PoorHousehold, PriorityCriterionKind.ColdHighland], result.Fired);
        Assert.Equal(65, result.Score);
    }

    [Fact]
    public void An_orphan_of_both_parents_does_not_also_count_as_orphan_of_one()
    {
        var result = Assess(CircumstanceGroups.OrphanBothParents | CircumstanceGroups.OrphanOneParent);

        Assert.Equal([PriorityCriterionKind.OrphanBothParents], result.Fired);
    }

    [Fact]
    public void A_poor_household_does_not_also_count_as_near_poor()
    {
        var result = Assess(CircumstanceGroups.PoorHousehold | CircumstanceGroups.NearPoorHousehold);

        Assert.Equal([PriorityCriterionKind.PoorHousehold], result.Fired);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void A_child_under_6_at_the_start_of_the_period_is_young(int age, bool young) =>
        Assert.Equal(young, Assess(CircumstanceGroups.None, age: age).Fired.Contains(PriorityCriterionKind.YoungChild));

    [Fact]
    public void A_school_line_has_no_age_and_is_never_young() =>
        Assert.DoesNotContain(PriorityCriterionKind.YoungChild, Assess(CircumstanceGroups.None, age: null).Fired);

    [Fact]
    public void Age_is_counted_in_whole_years_on_the_day()
    {
        Assert.Equal(5, PriorityAssessment.AgeOn(new DateOnly(2020, 11, 2), new DateOnly(2026, 11, 1)));
        Assert.Equal(6, PriorityAssessment.AgeOn(new DateOnly(2020, 11, 1), new DateOnly(2026, 11, 1)));
    }

    [Theory]
    [InlineData(2024, false)]
    [InlineData(2025, true)]
    [InlineData(2026, true)]
    [InlineData(2027, true)]
    [InlineData(2028, false)]
    public void A_disaster_counts_in_the_review_year_and_the_year_either_side(int disasterYear, bool counts) =>
        Assert.Equal(counts, Assess(CircumstanceGroups.None, disaster: disasterYear, year: 2026).Fired.Contains(PriorityCriterionKind.DisasterAffected));

    [Fact]
    public void An_inactive_or_zero_weight_criterion_never_fires()
    {
        var criteria = Criteria.Select(c => new PriorityCriterion
        {
            Id = c.Id, Kind = c.Kind, NameVi = c.NameVi, NameEn = c.NameEn, ExplanationVi = c.ExplanationVi, ExplanationEn = c.ExplanationEn,
            Weight = c.Kind == PriorityCriterionKind.Disability ? 0 : c.Weight, IsActive = c.Kind != PriorityCriterionKind.PoorHousehold,
        }).ToList();

        var result = PriorityAssessment.Assess(new PriorityFacts(CircumstanceGroups.Disability | CircumstanceGroups.PoorHousehold, 8, false, null, 2026), criteria, Scale);

        Assert.Empty(result.Fired);
        Assert.Equal(4, result.Level);
    }
}
