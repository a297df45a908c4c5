using ChildAid.Shared.Children;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Interventions;

namespace ChildAid.Tests.Interventions;

/// <summary>The evaluation's statistics against small examples computed by hand (the computation is in each comment).</summary>
public class PairedStatisticsTests
{
    [Fact]
    public void The_mean_change_has_a_paired_t_interval()
    {
        // d = 0.1, 0.3, 0.2, 0.4: mean 0.25; squared deviations .0225 + .0025 + .0025 + .0225 = .05; s² = .05 / 3,
        // s = 0.129099; se = s / √4 = 0.0645497; t(0.975, 3) = 3.182446; half-width 0.205426 → [0.044574, 0.455426].
        var change = PairedStatistics.PairedMean([0.1, 0.3, 0.2, 0.4])!;

        Assert.Equal(4, change.N);
        Assert.Equal(0.25, change.Mean, 1e-12);
        Assert.Equal(0.044574, change.Low, 1e-6);
        Assert.Equal(0.455426, change.High, 1e-6);
    }

    [Fact]
    public void One_pair_has_no_interval()
    {
        Assert.Null(PairedStatistics.PairedMean([0.3]));
    }

    [Fact]
    public void A_prevalence_has_a_wilson_interval()
    {
        // 3 of 10, z = 1.959964, z² = 3.841459: denominator 1 + z²/n = 1.384146; centre (0.3 + z²/20) / 1.384146 = 0.355507;
        // half-width z / 1.384146 · √(0.3 · 0.7 / 10 + z² / 400) = 1.415996 · 0.174939 = 0.247715 → [0.107791, 0.603222].
        var p = PairedStatistics.Wilson(3, 10);

        Assert.Equal(0.3, p.Value, 1e-12);
        Assert.Equal(0.107791, p.Low, 1e-6);
        Assert.Equal(0.603222, p.High, 1e-6);
    }

    [Fact]
    public void No_case_in_a_group_still_has_an_upper_bound()
    {
        // 0 of 10: centre (z²/20) / 1.384146 = 0.138766 and half-width 1.415996 · √(z²/400) = 0.138766 → [0, 0.277533].
        var p = PairedStatistics.Wilson(0, 10);

        Assert.Equal(0, p.Low, 1e-12);
        Assert.Equal(0.277533, p.High, 1e-6);
    }

    [Fact]
    public void Mcnemar_is_exact_binomial_with_few_discordant_pairs()
    {
        // b = 1 recovered, c = 6 new cases, 7 discordant: P(X ≤ 1) for Binomial(7, ½) = (1 + 7) / 128; two-sided 16/128 = 0.125.
        var test = PairedStatistics.McNemarTest(1, 6);

        Assert.True(test.Exact);
        Assert.Equal(0.125, test.PValue, 1e-12);
    }

    [Fact]
    public void Mcnemar_uses_the_continuity_corrected_chi_square_with_many_discordant_pairs()
    {
        // b = 10, c = 25: (|10 − 25| − 1)² / 35 = 196 / 35 = 5.6; P(χ²₁ > 5.6) = erfc(√2.8) = 0.0179605.
        var test = PairedStatistics.McNemarTest(10, 25);

        Assert.False(test.Exact);
        Assert.Equal(0.0179605, test.PValue, 1e-6);
    }

    private static VisitScores Z(decimal? waz, decimal? haz, NutritionStatus status = NutritionStatus.None, GrowthFlags flags = GrowthFlags.None) =>
        new(waz, haz, null, 0m, flags, status);

    [Fact]
    public void The_evaluation_leaves_out_flagged_values_per_indicator_and_counts_them()
    {
        // Four children 8 years old. HAZ changes +0.2, +0.4, +0.3; the fourth child's height is flagged at the endline, so HAZ
        // and stunting use 3 pairs (1 flagged) while WAZ uses all 4. Stunting: child 1 recovers, child 2 stays stunted →
        // before 2/3, after 1/3, b = 1, c = 0, exact p = min(1, 2 · ½) = 1.
        var pairs = new[]
        {
            new PairedVisit(1, Sex.Female, 96, "A", Z(-1.0m, -2.1m, NutritionStatus.Stunting), Z(-0.9m, -1.9m)),
            new PairedVisit(2, Sex.Male, 100, "A", Z(-1.5m, -3.2m, NutritionStatus.Stunting | NutritionStatus.SevereStunting), Z(-1.2m, -2.8m, NutritionStatus.Stunting)),
            new PairedVisit(3, Sex.Female, 99, "B", Z(0.1m, -0.5m), Z(0.3m, -0.2m)),
            new PairedVisit(4, Sex.Male, 97, "B", Z(0.2m, 0.1m), Z(0.4m, 6.5m, flags: GrowthFlags.LengthForAge)),
        };

        var result = InterventionEvaluation.Evaluate(5, pairs);

        Assert.Equal((5, 4), (result.Enrolled, result.MeasuredAtBoth));
        var haz = result.All.Changes.Single(c => c.Indicator == Indicator.LengthForAge);
        Assert.Equal((3, 1), (haz.Pairs, haz.ExcludedFlagged));
        Assert.Equal(0.3, haz.Change!.Mean, 1e-12);
        var waz = result.All.Changes.Single(c => c.Indicator == Indicator.WeightForAge);
        Assert.Equal((4, 0), (waz.Pairs, waz.ExcludedFlagged));
        // WAZ changes +0.1, +0.3, +0.2, +0.2: mean 0.2.
        Assert.Equal(0.2, waz.Change!.Mean, 1e-12);
        var stunting = result.All.Prevalences.Single(p => p.Condition == Condition.Stunting);
        Assert.Equal((3, 1, 2, 1), (stunting.Pairs, stunting.ExcludedFlagged, stunting.Before.Count, stunting.After.Count));
        Assert.Equal((1, 0, true), (stunting.Test.Recovered, stunting.Test.NewCases, stunting.Test.Exact));
        Assert.Equal(1.0, stunting.Test.PValue, 1e-12);
        Assert.Equal(["Female", "Male"], result.Groups.Where(g => g.Breakdown == InterventionEvaluation.BySex).Select(g => g.Group));
        Assert.Equal(["5-9"], result.Groups.Where(g => g.Breakdown == InterventionEvaluation.ByAge).Select(g => g.Group));
        Assert.Equal(2, result.Groups.Single(g => g.Group == "B").Evaluation.Pairs);
    }
}
