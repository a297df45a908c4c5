using ChildAid.Shared.Audit;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Text;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Children;

/// <summary>One side of a possible duplicate, as shown side by side.</summary>
public sealed record DuplicateSide(int Id, string FullName, DateOnly DateOfBirth, bool DateOfBirthEstimated, Sex Sex, string UnitName,
    string? SchoolName, string? ClassName, string? GuardianName, int Measurements, int Enrolments, int Consents, int NeedLines);

public sealed record DuplicatePair(DuplicateSide First, DuplicateSide Second);

/// <summary>A merge that can still be undone, as listed under the duplicates.</summary>
public sealed record MergeRecord(int Id, int KeptId, string KeptName, int MergedId, string MergedName, string MergedBy, DateTime MergedAt);

/// <summary>
/// Possible duplicates in the registry and what a person decides about them: merge (one record survives and takes the
/// other's history; the other is kept as "merged into #n") or "not the same child" (never proposed again).
/// <para>
/// Two records of the same village (or commune) are a possible duplicate when their dates of birth are at most
/// <see cref="MaxBirthDaysApart"/> days apart and their names match after folding (no diacritics, lower case, no spaces
/// at all: "Rơ Châm H'Nhi" = "ro cham h'nhi" = "Rơchâm H'Nhi") or differ by one letter (inserted, removed or replaced — a
/// typing slip such as "Nguyen Van An" / "Nguyen Van Anh") when both folded names have at least
/// <see cref="MinLengthForOneEdit"/> letters, so that short names ("A Di" / "A Du") are not paired by a single letter.
/// </para>
/// <para>
/// Records of two different places (a family that moved to another village, a child entered by both villages) are
/// compared more strictly, since many children of a commune share a common name: the same folded name, the same sex and
/// the same date of birth — within <see cref="MaxBirthDaysApart"/> days only when either date is an estimate.
/// </para>
/// </summary>
public class ChildDuplicates(ChildAidDbContext db, AuditActor actor, GrowthReference growth, TimeProvider clock)
{
    public const int MaxBirthDaysApart = 31;
    public const int MinLengthForOneEdit = 8;
    public const string NotFound = "Không tìm thấy trẻ em trong phạm vi đơn vị của bạn.";

    /// <summary>The name as compared: folded (no diacritics, lower case) and without any space.</summary>
    public static string NameKey(string name) => TextFolding.Fold(name).Replace(" ", "", StringComparison.Ordinal);

    public static bool NamesMatch(string a, string b)
    {
        var x = NameKey(a);
        var y = NameKey(b);
        if (x == y) return true;
        return x.Length >= MinLengthForOneEdit && y.Length >= MinLengthForOneEdit && WithinOneEdit(x, y);
    }

    public static bool IsPossibleDuplicate(Child a, Child b) =>
        a.Id != b.Id && (a.AdminUnitId == b.AdminUnitId
            ? Math.Abs(a.DateOfBirth.DayNumber - b.DateOfBirth.DayNumber) <= MaxBirthDaysApart && NamesMatch(a.FullName, b.FullName)
            : IsSameChildElsewhere(a, b));

    /// <summary>The stricter rule for records of two different places: same folded name, same sex, same date of birth (or close, when estimated).</summary>
    private static bool IsSameChildElsewhere(Child a, Child b) =>
        a.Sex == b.Sex && NameKey(a.FullName) == NameKey(b.FullName)
        && (a.DateOfBirth == b.DateOfBirth
            || ((a.DateOfBirthEstimated || b.DateOfBirthEstimated) && Math.Abs(a.DateOfBirth.DayNumber - b.DateOfBirth.DayNumber) <= MaxBirthDaysApart));

    /// <summary>True when one insertion, deletion or substitution turns one string into the other (or none).</summary>
    public static bool WithinOneEdit(string x, string y)
    {
        if (Math.Abs(x.Length - y.Length) > 1) return false;
        var i = 0;
        while (i < x.Length && i < y.Length && x[i] == y[i]) i++;
        if (x.Length == y.Length) return x.AsSpan(Math.Min(i + 1, x.Length)).SequenceEqual(y.AsSpan(Math.Min(i + 1, y.Length)));
        return x.Length > y.Length ? x.AsSpan(i + 1).SequenceEqual(y.AsSpan(i)) : x.AsSpan(i).SequenceEqual(y.AsSpan(i + 1));
    }

    /// <summary>
    /// Pairs of children in the reader's units (both of them: the query filter reads only those) that may be the same
    /// child, except those a person marked "not the same child": compared within each village, and across places among
    /// records of the same folded name (the stricter rule needs the same name, so only those are compared).
    /// </summary>
    public async Task<IReadOnlyList<DuplicatePair>> PairsAsync(CancellationToken ct = default)
    {
        var children = await db.Children.AsNoTracking().InRegistry().ToListAsync(ct);
        var distinct = (await db.ChildDistinctPairs.AsNoTracking().IgnoreQueryFilters().Select(p => new { p.FirstChildId, p.SecondChildId }).ToListAsync(ct))
            .Select(p => (p.FirstChildId, p.SecondChildId)).ToHashSet();
        var pairs = new List<(int, int)>();
        void Compare(IEnumerable<Child> group, bool acrossPlaces)
        {
            var list = group.OrderBy(c => c.Id).ToList();
            for (var i = 0; i < list.Count; i++)
                for (var j = i + 1; j < list.Count; j++)
                    if ((list[i].AdminUnitId != list[j].AdminUnitId) == acrossPlaces && IsPossibleDuplicate(list[i], list[j])
                        && !distinct.Contains((list[i].Id, list[j].Id)))
                        pairs.Add((list[i].Id, list[j].Id));
        }
        foreach (var village in children.GroupBy(c => c.AdminUnitId)) Compare(village, acrossPlaces: false);
        foreach (var name in children.GroupBy(c => NameKey(c.FullName)).Where(g => g.Select(c => c.AdminUnitId).Distinct().Skip(1).Any()))
            Compare(name, acrossPlaces: true);
        if (pairs.Count == 0) return [];
        var ids = pairs.SelectMany(p => new[] { p.Item1, p.Item2 }).Distinct().ToList();
        var sides = (await SidesAsync(ids, ct)).ToDictionary(s => s.Id);
        return pairs.Select(p => new DuplicatePair(sides[p.Item1], sides[p.Item2])).ToList();
    }

    /// <summary>The possible duplicates of one record (to warn on the form and the import).</summary>
    public static IEnumerable<Child> Among(IEnumerable<Child> registry, Child candidate) => registry.Where(c => IsPossibleDuplicate(c, candidate));

    private async Task<List<DuplicateSide>> SidesAsync(List<int> ids, CancellationToken ct) =>
        await db.Children.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new DuplicateSide(c.Id, c.FullName, c.DateOfBirth, c.DateOfBirthEstimated, c.Sex,
            c.AdminUnit!.Name, c.School!.Name, c.ClassName, c.GuardianName,
            db.Measurements.IgnoreQueryFilters().Count(m => m.ChildId == c.Id),
            db.InterventionChildren.IgnoreQueryFilters().Count(e => e.ChildId == c.Id),
            db.ConsentRecords.IgnoreQueryFilters().Count(r => r.ChildId == c.Id),
            db.NeedLines.IgnoreQueryFilters().Count(l => l.ChildId == c.Id))).ToListAsync(ct);

    /// <summary>
    /// Merges <paramref name="otherId"/> into <paramref name="keepId"/>: every measurement (z-scores recomputed with the
    /// surviving record's date of birth and sex), enrolment, consent record, need line and declared support of the other
    /// moves to the survivor, records merged earlier into the other now point at the survivor, and the other is kept as
    /// "merged into #keep" (never deleted, no longer shown). One transaction, audited row by row. Both must be in the
    /// reader's units and still in the registry.
    /// </summary>
    public async Task<Outcome<Child>> MergeAsync(int keepId, int otherId, CancellationToken ct = default)
    {
        if (keepId == otherId) return Outcome<Child>.Fail("", "Chọn hai hồ sơ khác nhau để gộp.");
        var keep = await db.Children.InRegistry().FirstOrDefaultAsync(c => c.Id == keepId, ct);
        var other = await db.Children.InRegistry().FirstOrDefaultAsync(c => c.Id == otherId, ct);
        if (keep is null || other is null) return Outcome<Child>.Fail("", NotFound);

        // The other's history is the child's history, wherever it was recorded: the reader's filters do not narrow it.
        var measurements = await db.Measurements.IgnoreQueryFilters().Include(m => m.Session).Where(m => m.ChildId == otherId).ToListAsync(ct);
        var keptSessions = await db.Measurements.IgnoreQueryFilters().Where(m => m.ChildId == keepId).Select(m => m.SessionId).ToListAsync(ct);
        if (measurements.FirstOrDefault(m => keptSessions.Contains(m.SessionId)) is { } clash)
            return Outcome<Child>.Fail("", Localization.Messages.Format("Cả hai hồ sơ đều có kết quả đo trong buổi khám ngày {0}: xóa một kết quả trước khi gộp.",
                VietnameseFormat.Date(clash.Session!.HeldOn)));

        var now = clock.GetUtcNow().UtcDateTime;
        // What moves is written down row by row, so that a mistaken merge can be undone (UndoMergeAsync).
        var merge = new ChildMerge { KeptChildId = keepId, MergedChildId = otherId, AdminUnitId = keep.AdminUnitId, MergedBy = actor.Name, MergedAt = now };
        void Moved(MergedRow row, long id, bool keptHadIt = false) => merge.Moves.Add(new ChildMergeMove { Row = row, RowId = id, KeptHadIt = keptHadIt });

        var calculator = growth.TryGetCalculator(out var c, out _) ? c : null;
        foreach (var m in measurements)
        {
            m.ChildId = keepId;
            if (calculator is not null) MeasurementScores.Apply(m, keep.Sex, keep.DateOfBirth, m.Session!.HeldOn, calculator);
            Moved(MergedRow.Measurement, m.Id);
        }
        var enrolments = await db.InterventionChildren.IgnoreQueryFilters().Where(e => e.ChildId == otherId).ToListAsync(ct);
        var keptEnrolments = await db.InterventionChildren.IgnoreQueryFilters().Where(e => e.ChildId == keepId).Select(e => e.InterventionId).ToListAsync(ct);
        foreach (var e in enrolments)
        {
            db.InterventionChildren.Remove(e);
            var keptHadIt = keptEnrolments.Contains(e.InterventionId);
            if (!keptHadIt) db.InterventionChildren.Add(new Interventions.InterventionChild { InterventionId = e.InterventionId, ChildId = keepId });
            Moved(MergedRow.Enrolment, e.InterventionId, keptHadIt);
        }
        foreach (var r in await db.ConsentRecords.IgnoreQueryFilters().Where(r => r.ChildId == otherId).ToListAsync(ct)) { r.ChildId = keepId; Moved(MergedRow.Consent, r.Id); }
        foreach (var l in await db.NeedLines.IgnoreQueryFilters().Where(l => l.ChildId == otherId).ToListAsync(ct)) { l.ChildId = keepId; Moved(MergedRow.NeedLine, l.Id); }
        foreach (var d in await db.DeclaredSupports.IgnoreQueryFilters().Where(d => d.ChildId == otherId).ToListAsync(ct)) { d.ChildId = keepId; Moved(MergedRow.DeclaredSupport, d.Id); }
        foreach (var earlier in await db.Children.IgnoreQueryFilters().Where(x => x.MergedIntoId == otherId).ToListAsync(ct))
        {
            earlier.MergedIntoId = keepId;
            Moved(MergedRow.EarlierMerge, earlier.Id);
        }
        other.MergedIntoId = keepId;
        other.MergedAt = now;
        db.ChildMerges.Add(merge);
        await db.SaveChangesAsync(ct);
        return Outcome<Child>.Ok(keep);
    }

    public const string CannotUndo = "Không hoàn tác được lần gộp này.";

    /// <summary>The merges not undone in the reader's units (both records readable), newest first, for the undo button.</summary>
    public async Task<IReadOnlyList<MergeRecord>> RecentMergesAsync(int take = 50, CancellationToken ct = default)
    {
        var merges = await db.ChildMerges.AsNoTracking().Where(m => m.UndoneAt == null).OrderByDescending(m => m.Id).Take(take)
            .Select(m => new { m.Id, m.KeptChildId, m.MergedChildId, m.MergedBy, m.MergedAt }).ToListAsync(ct);
        var ids = merges.SelectMany(m => new[] { m.KeptChildId, m.MergedChildId }).Distinct().ToList();
        var names = await db.Children.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.FullName, ct);
        return [.. merges.Where(m => names.ContainsKey(m.KeptChildId) && names.ContainsKey(m.MergedChildId))
            .Select(m => new MergeRecord(m.Id, m.KeptChildId, names[m.KeptChildId], m.MergedChildId, names[m.MergedChildId], m.MergedBy, m.MergedAt))];
    }

    /// <summary>
    /// Undoes a merge made by mistake: the rows it moved go back to the merged record (measurements re-scored with that
    /// record's date of birth and sex; an enrolment the kept record already had stays with it too), records merged earlier
    /// into it point at it again, and it is back in the registry. Refused when the kept record was merged or erased since
    /// (undo that first), or when either record is outside the reader's units. The pair may be proposed as a duplicate again.
    /// </summary>
    public async Task<Outcome<Child>> UndoMergeAsync(int mergeId, CancellationToken ct = default)
    {
        var merge = await db.ChildMerges.Include(m => m.Moves).FirstOrDefaultAsync(m => m.Id == mergeId, ct);
        if (merge is null) return Outcome<Child>.Fail("", NotFound);
        var keep = await db.Children.FirstOrDefaultAsync(x => x.Id == merge.KeptChildId, ct);
        var other = await db.Children.FirstOrDefaultAsync(x => x.Id == merge.MergedChildId, ct);
        if (keep is null || other is null) return Outcome<Child>.Fail("", NotFound);
        if (merge.UndoneAt is not null) return Outcome<Child>.Fail("", "Lần gộp này đã được hoàn tác.");
        if (!keep.InRegistry || other.MergedIntoId != keep.Id || other.ErasedOn is not null)
            return Outcome<Child>.Fail("", Localization.Messages.Format(
                "{0} Hồ sơ số {1} đã được gộp tiếp hoặc đã xóa sau lần gộp này: hãy hoàn tác lần gộp sau trước.", CannotUndo, keep.Id));

        // The database lets a merged record back only when its latest merge is stamped undone: stamp, un-merge, then move
        // the rows back (records merged into it can point at it only once it is no longer merged itself). One transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        merge.UndoneBy = actor.Name;
        merge.UndoneAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        other.MergedIntoId = null;
        other.MergedAt = null;
        await db.SaveChangesAsync(ct);

        List<int> Ids(MergedRow row) => [.. merge.Moves.Where(x => x.Row == row).Select(x => (int)x.RowId)];
        var measurementIds = merge.Moves.Where(x => x.Row == MergedRow.Measurement).Select(x => x.RowId).ToList();
        var calculator = growth.TryGetCalculator(out var c, out _) ? c : null;
        foreach (var m in await db.Measurements.IgnoreQueryFilters().Include(m => m.Session).Where(m => measurementIds.Contains(m.Id) && m.ChildId == keep.Id).ToListAsync(ct))
        {
            m.ChildId = other.Id;
            if (calculator is not null) MeasurementScores.Apply(m, other.Sex, other.DateOfBirth, m.Session!.HeldOn, calculator);
        }
        var keptEnrolments = await db.InterventionChildren.IgnoreQueryFilters().Where(e => e.ChildId == keep.Id).ToListAsync(ct);
        foreach (var move in merge.Moves.Where(x => x.Row == MergedRow.Enrolment))
        {
            if (!move.KeptHadIt && keptEnrolments.FirstOrDefault(e => e.InterventionId == move.RowId) is { } added) db.InterventionChildren.Remove(added);
            db.InterventionChildren.Add(new Interventions.InterventionChild { InterventionId = (int)move.RowId, ChildId = other.Id });
        }
        var consentIds = Ids(MergedRow.Consent);
        foreach (var r in await db.ConsentRecords.IgnoreQueryFilters().Where(r => consentIds.Contains(r.Id) && r.ChildId == keep.Id).ToListAsync(ct)) r.ChildId = other.Id;
        var lineIds = Ids(MergedRow.NeedLine);
        foreach (var l in await db.NeedLines.IgnoreQueryFilters().Where(l => lineIds.Contains(l.Id) && l.ChildId == keep.Id).ToListAsync(ct)) l.ChildId = other.Id;
        var supportIds = Ids(MergedRow.DeclaredSupport);
        foreach (var d in await db.DeclaredSupports.IgnoreQueryFilters().Where(d => supportIds.Contains(d.Id) && d.ChildId == keep.Id).ToListAsync(ct)) d.ChildId = other.Id;
        var earlierIds = Ids(MergedRow.EarlierMerge);
        foreach (var earlier in await db.Children.IgnoreQueryFilters().Where(x => earlierIds.Contains(x.Id) && x.MergedIntoId == keep.Id).ToListAsync(ct))
            earlier.MergedIntoId = other.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<Child>.Ok(other);
    }

    /// <summary>"Not the same child": the pair is not proposed again. Both must be in the reader's units.</summary>
    public async Task<Outcome<ChildDistinctPair>> MarkDistinctAsync(int a, int b, CancellationToken ct = default)
    {
        var (first, second) = a < b ? (a, b) : (b, a);
        var children = await db.Children.AsNoTracking().InRegistry().Where(c => c.Id == first || c.Id == second).ToListAsync(ct);
        if (first == second || children.Count != 2) return Outcome<ChildDistinctPair>.Fail("", NotFound);
        var existing = await db.ChildDistinctPairs.IgnoreQueryFilters().FirstOrDefaultAsync(p => p.FirstChildId == first && p.SecondChildId == second, ct);
        if (existing is not null) return Outcome<ChildDistinctPair>.Ok(existing);
        var pair = db.ChildDistinctPairs.Add(new ChildDistinctPair
        {
            FirstChildId = first, SecondChildId = second, AdminUnitId = children.Single(c => c.Id == first).AdminUnitId,
            DecidedBy = actor.Name, DecidedAt = clock.GetUtcNow().UtcDateTime,
        }).Entity;
        await db.SaveChangesAsync(ct);
        return Outcome<ChildDistinctPair>.Ok(pair);
    }
}
