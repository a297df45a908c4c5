using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Interventions;

/// <summary>One child's stored z-scores, flags and classification at one visit.</summary>
public readonly record struct VisitScores(decimal? Waz, decimal? Haz, decimal? Whz, decimal? Baz, GrowthFlags Flags, NutritionStatus Status);

/// <summary>An enrolled child measured at both the baseline and the endline session.</summary>
public sealed record PairedVisit(int ChildId, Sex Sex, int AgeMonthsAtBaseline, string School, VisitScores Before, VisitScores After)
{
    public int? SchoolId { get; init; }
}

public enum Indicator { WeightForAge, LengthForAge, WeightForLength, BmiForAge }

public enum Condition { Stunting, Underweight, WastingOrThinness, Overweight }

/// <summary>Mean change of one z-score among the pairs where both visits have it unflagged.</summary>
public sealed record IndicatorChange(Indicator Indicator, int Pairs, int ExcludedFlagged, MeanChange? Change);

/// <summary>Prevalence of one condition before and after among the pairs classifiable at both visits.</summary>
public sealed record PrevalenceChange(Condition Condition, int Pairs, int ExcludedFlagged, Proportion Before, Proportion After, McNemar Test);

public sealed record GroupEvaluation(int Pairs, IReadOnlyList<IndicatorChange> Changes, IReadOnlyList<PrevalenceChange> Prevalences);

/// <summary>A breakdown's group: by sex ("Female"), age group at baseline ("5-9") or school (its name).</summary>
public sealed record GroupResult(string Breakdown, string Group, GroupEvaluation Evaluation);

public sealed record EvaluationResult(int Enrolled, int MeasuredAtBoth, GroupEvaluation All, IReadOnlyList<GroupResult> Groups);

/// <summary>
/// Before/after evaluation of an intervention among its enrolled children measured at both its baseline and endline
/// sessions: mean change of WAZ, HAZ, WHZ and BAZ (paired t 95 % CI), prevalence of stunting, underweight,
/// wasting/thinness and overweight before and after (Wilson 95 % CI) with McNemar's test; by sex, age group and
/// school. A value WHO flags as implausible at either visit takes that child out of that indicator only, and is counted.
/// </summary>
public class InterventionEvaluation(ChildAidDbContext db)
{
    public const string BySex = "sex", ByAge = "age", BySchool = "school";

    /// <summary>Null when the intervention is not in the reader's scope or has no baseline and endline session yet.</summary>
    public async Task<EvaluationResult?> EvaluateAsync(int interventionId, CancellationToken ct = default)
    {
        var pairs = await PairsAsync(db, interventionId, wholeProgramme: false, ct);
        if (pairs is null) return null;
        var enrolled = await db.InterventionChildren.CountAsync(c => c.InterventionId == interventionId, ct);
        return Evaluate(enrolled, pairs);
    }

    /// <summary>
    /// The intervention's enrolled children measured at both its sessions; null when it has no baseline and endline yet
    /// (or is outside the reader's scope). <paramref name="wholeProgramme"/> reads past the reader's unit scope: only for
    /// the public projection, which publishes aggregates of ten children or more.
    /// </summary>
    public static async Task<List<PairedVisit>?> PairsAsync(ChildAidDbContext db, int interventionId, bool wholeProgramme, CancellationToken ct)
    {
        IQueryable<T> Read<T>(IQueryable<T> q) where T : class => wholeProgramme ? q.IgnoreQueryFilters() : q;
        var intervention = await Read(db.Interventions).AsNoTracking().Where(i => i.Id == interventionId)
            .Select(i => new { i.BaselineSessionId, i.EndlineSessionId, Baseline = (DateOnly?)i.BaselineSession!.HeldOn }).FirstOrDefaultAsync(ct);
        if (intervention is not { BaselineSessionId: { } baseline, EndlineSessionId: { } endline, Baseline: { } baselineDay }) return null;
        var rows = await Read(db.Measurements).AsNoTracking()
            .Where(m => (m.SessionId == baseline || m.SessionId == endline)
                        && db.InterventionChildren.Any(c => c.InterventionId == interventionId && c.ChildId == m.ChildId))
            .Select(m => new
            {
                m.ChildId, m.SessionId, m.Child!.Sex, m.Child.DateOfBirth, m.Child.ErasedOn, m.AgeDays, m.Child.SchoolId, School = m.Child.School!.Name,
                Scores = new VisitScores(m.WeightForAge, m.LengthForAge, m.WeightForLength, m.BmiForAge, m.Flags, m.Status),
            })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.ChildId)
            .Where(g => g.Any(r => r.SessionId == baseline) && g.Any(r => r.SessionId == endline))
            .Select(g =>
            {
                var before = g.First(r => r.SessionId == baseline);
                // An erased child's date of birth is gone: the completed months come from the age stored at the baseline visit.
                var born = before.ErasedOn is not null && before.AgeDays is { } age ? baselineDay.AddDays(-age) : before.DateOfBirth;
                var months = (baselineDay.Year - born.Year) * 12 + baselineDay.Month - born.Month - (baselineDay.Day < born.Day ? 1 : 0);
                return new PairedVisit(g.Key, before.Sex, months, before.School ?? "", before.Scores, g.First(r => r.SessionId == endline).Scores)
                    { SchoolId = before.SchoolId };
            }).ToList();
    }

    public static EvaluationResult Evaluate(int enrolled, IReadOnlyList<PairedVisit> pairs)
    {
        var groups = new List<GroupResult>();
        foreach (var g in pairs.GroupBy(p => p.Sex).OrderBy(g => g.Key)) groups.Add(new GroupResult(BySex, g.Key.ToString(), Group(g.ToList())));
        foreach (var g in pairs.GroupBy(p => AgeGroup(p.AgeMonthsAtBaseline)).OrderBy(g => g.Key, StringComparer.Ordinal))
            groups.Add(new GroupResult(ByAge, g.Key, Group(g.ToList())));
        foreach (var g in pairs.GroupBy(p => p.School).OrderBy(g => g.Key, StringComparer.Ordinal)) groups.Add(new GroupResult(BySchool, g.Key, Group(g.ToList())));
        return new EvaluationResult(enrolled, pairs.Count, Group(pairs), groups);
    }

    /// <summary>Under 5 (0-4), 5-9, 10-14, 15-19 years at the baseline visit: WHO's growth references change at 5 years.</summary>
    public static string AgeGroup(int months) => (months / 12) switch
    {
        < 5 => "0-4",
        < 10 => "5-9",
        < 15 => "10-14",
        _ => "15-19",
    };

    private static readonly (Indicator Indicator, GrowthFlags Flag, Func<VisitScores, decimal?> Z)[] Indicators =
    [
        (Indicator.WeightForAge, GrowthFlags.WeightForAge, s => s.Waz),
        (Indicator.LengthForAge, GrowthFlags.LengthForAge, s => s.Haz),
        (Indicator.WeightForLength, GrowthFlags.WeightForLength, s => s.Whz),
        (Indicator.BmiForAge, GrowthFlags.BmiForAge, s => s.Baz),
    ];

    // Which classification, which flags make it implausible, and which z-scores it is read from (under 5: WHZ; after: BAZ).
    private static readonly (Condition Condition, NutritionStatus Status, GrowthFlags Flags, Func<VisitScores, bool> Classifiable)[] Conditions =
    [
        (Condition.Stunting, NutritionStatus.Stunting, GrowthFlags.LengthForAge, s => s.Haz is not null),
        (Condition.Underweight, NutritionStatus.Underweight, GrowthFlags.WeightForAge, s => s.Waz is not null),
        (Condition.WastingOrThinness, NutritionStatus.Wasting | NutritionStatus.Thinness, GrowthFlags.WeightForLength | GrowthFlags.BmiForAge, s => s.Whz is not null || s.Baz is not null),
        (Condition.Overweight, NutritionStatus.Overweight, GrowthFlags.WeightForLength | GrowthFlags.BmiForAge, s => s.Whz is not null || s.Baz is not null),
    ];

    public static GroupEvaluation Group(IReadOnlyList<PairedVisit> pairs)
    {
        var changes = Indicators.Select(i =>
        {
            var flagged = pairs.Count(p => ((p.Before.Flags | p.After.Flags) & i.Flag) != 0);
            var differences = pairs.Where(p => ((p.Before.Flags | p.After.Flags) & i.Flag) == 0 && i.Z(p.Before) is not null && i.Z(p.After) is not null)
                .Select(p => (double)(i.Z(p.After)!.Value - i.Z(p.Before)!.Value)).ToList();
            return new IndicatorChange(i.Indicator, differences.Count, flagged, PairedStatistics.PairedMean(differences));
        }).ToList();
        var prevalences = Conditions.Select(c =>
        {
            var flagged = pairs.Count(p => ((p.Before.Flags | p.After.Flags) & c.Flags) != 0);
            var usable = pairs.Where(p => ((p.Before.Flags | p.After.Flags) & c.Flags) == 0 && c.Classifiable(p.Before) && c.Classifiable(p.After)).ToList();
            bool Has(VisitScores s) => (s.Status & c.Status) != 0;
            return new PrevalenceChange(c.Condition, usable.Count, flagged,
                PairedStatistics.Wilson(usable.Count(p => Has(p.Before)), usable.Count),
                PairedStatistics.Wilson(usable.Count(p => Has(p.After)), usable.Count),
                PairedStatistics.McNemarTest(usable.Count(p => Has(p.Before) && !Has(p.After)), usable.Count(p => !Has(p.Before) && Has(p.After))));
        }).ToList();
        return new GroupEvaluation(pairs.Count, changes, prevalences);
    }
}
