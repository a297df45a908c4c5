namespace ChildAid.Shared.Needs;

/// <summary>What the criteria look at for one line: the child's circumstances and age, and the place's conditions.</summary>
/// <param name="Circumstances">The child's groups; None for a school's or the commune's line.</param>
/// <param name="AgeAtPeriodStart">The child's age in whole years when the need's period starts; null without a child.</param>
/// <param name="ColdHighland">The child's village, or the school's or commune's unit, is in a cold highland zone.</param>
/// <param name="DisasterYear">The last year the place was hit by a disaster, if any.</param>
/// <param name="ReviewYear">The review's year.</param>
public sealed record PriorityFacts(CircumstanceGroups Circumstances, int? AgeAtPeriodStart, bool ColdHighland, int? DisasterYear, int ReviewYear);

/// <summary>A line's level, the score it came from, and the criteria that fired, in the order they are published.</summary>
public sealed record PriorityResult(int Level, int Score, IReadOnlyList<PriorityCriterionKind> Fired);

/// <summary>
/// The priority assessment: every active criterion that holds adds its weight; the scale turns the points into a level.
/// Pure, so the published rule is the tested rule.
/// </summary>
public static class PriorityAssessment
{
    public const int YoungChildUnderYears = 6;

    public static PriorityResult Assess(PriorityFacts facts, IEnumerable<PriorityCriterion> criteria, PriorityScale scale)
    {
        var fired = criteria.Where(c => c.IsActive && c.Weight > 0 && Holds(c.Kind, facts)).OrderByDescending(c => c.Weight).ThenBy(c => c.Kind).ToList();
        var score = fired.Sum(c => c.Weight);
        return new PriorityResult(scale.LevelFor(score), score, fired.Select(c => c.Kind).ToList());
    }

    public static bool Holds(PriorityCriterionKind kind, PriorityFacts f) => kind switch
    {
        PriorityCriterionKind.OrphanBothParents => f.Circumstances.HasFlag(CircumstanceGroups.OrphanBothParents),
        // Both orphan criteria never add up: losing both parents is the stronger one.
        PriorityCriterionKind.OrphanOneParent => f.Circumstances.HasFlag(CircumstanceGroups.OrphanOneParent)
                                                 && !f.Circumstances.HasFlag(CircumstanceGroups.OrphanBothParents),
        PriorityCriterionKind.Disability => f.Circumstances.HasFlag(CircumstanceGroups.Disability),
        PriorityCriterionKind.PoorHousehold => f.Circumstances.HasFlag(CircumstanceGroups.PoorHousehold),
        // Likewise a poor household is not near-poor as well.
        PriorityCriterionKind.NearPoorHousehold => f.Circumstances.HasFlag(CircumstanceGroups.NearPoorHousehold)
                                                   && !f.Circumstances.HasFlag(CircumstanceGroups.PoorHousehold),
        PriorityCriterionKind.WithoutCare => f.Circumstances.HasFlag(CircumstanceGroups.WithoutCare),
        PriorityCriterionKind.AffectedByHiv => f.Circumstances.HasFlag(CircumstanceGroups.AffectedByHiv),
        PriorityCriterionKind.EthnicMinority => f.Circumstances.HasFlag(CircumstanceGroups.EthnicMinority),
        PriorityCriterionKind.ColdHighland => f.ColdHighland,
        PriorityCriterionKind.DisasterAffected => f.DisasterYear is { } y && y >= f.ReviewYear - 1 && y <= f.ReviewYear + 1,
        PriorityCriterionKind.YoungChild => f.AgeAtPeriodStart is { } age && age < YoungChildUnderYears,
        _ => false,
    };

    /// <summary>Age in whole years on <paramref name="on"/>.</summary>
    public static int AgeOn(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        if (on < birth.AddYears(age)) age--;
        return Math.Max(age, 0);
    }
}
