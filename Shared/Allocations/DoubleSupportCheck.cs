using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Allocations;

/// <summary>
/// "Has this child (or school) already received help of this kind for this period?" — asked before an allocation is
/// proposed and again before it is approved. It counts what was really given, not what was only asked for: another need
/// of the same child or school, same category, overlapping period, that holds an approved allocation (this programme,
/// any commune: a child who moved), and the support other agencies declared in the register. It reuses
/// <see cref="DuplicateCheck"/>, the needs review's question, so the two never disagree on what "the same support" is.
/// A finding blocks the allocation unless a programme manager writes why it is still needed (<see cref="Allocation.AllowDoubleSupport"/>).
/// </summary>
public class DoubleSupportCheck(ChildAidDbContext db, DuplicateCheck duplicates)
{
    /// <summary>What the target of <paramref name="line"/> has already received, in words for the officer (Vietnamese); empty when nothing.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(NeedLine line, CancellationToken ct = default) =>
        (await FindAsync([Candidate(line)], ct))[0];

    public static DuplicateCandidate Candidate(NeedLine line) =>
        new(line.Target, line.ChildId, line.SchoolId, line.Category, line.PeriodStart, line.PeriodEnd, line.NeedsReviewId, line.Key);

    /// <summary>The same question for many lines at once (the suggestion run): a few queries, not one per line.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> FindAsync(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken ct = default)
    {
        var findings = await duplicates.FindAsync(candidates, ct);
        var keys = findings.SelectMany(f => f).Where(f => f.Key is not null).Select(f => f.Key!.Value).Distinct().ToList();
        var given = new Dictionary<Guid, long>();
        foreach (var chunk in keys.Chunk(500))
            foreach (var g in await db.Allocations.IgnoreQueryFilters()
                         .Where(a => chunk.Contains(a.NeedLineKey) && a.State == AllocationState.Approved)
                         .GroupBy(a => a.NeedLineKey).Select(g => new { g.Key, Amount = g.Sum(a => a.AmountVnd) }).ToListAsync(ct))
                given[g.Key] = g.Amount;
        var result = findings.Select(found =>
        {
            var words = new List<string>();
            foreach (var f in found)
            {
                if (f.Source == DuplicateSource.DeclaredByAgency) words.Add(f.Description);
                else if (f.Key is { } key && given.TryGetValue(key, out var amount))
                    words.Add(Localization.Messages.Format("{0} Đã được phân bổ {1}.", f.Description, VietnameseFormat.Vnd(amount)));
            }
            return words;
        }).ToList();
        // A child named on a distribution of a need of the same kind and time (a school's or commune's need) was given it too.
        var children = candidates.Where(c => c.Target == NeedTarget.Child && c.ChildId is not null).Select(c => c.ChildId!.Value).Distinct().ToList();
        if (children.Count > 0)
        {
            var named = await NamedRowsAsync(children, ct);
            for (var i = 0; i < candidates.Count; i++)
                if (candidates[i] is { Target: NeedTarget.Child, ChildId: { } child } c)
                    result[i].AddRange(Named(named, child, c));
        }
        return result;
    }

    /// <summary>
    /// The same question for each child named on a distribution of <paramref name="line"/> (a child's, a school's or a
    /// commune's need): what each child already received in that category over an overlapping period — as the target of
    /// another need, from an agency, or named on another distribution — in words (Vietnamese), by child id; empty when nothing.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, List<string>>> FindForChildrenAsync(NeedLine line, IReadOnlyCollection<int> childIds, CancellationToken ct = default)
    {
        var ids = childIds.Distinct().ToList();
        var candidates = ids.Select(c => new DuplicateCandidate(NeedTarget.Child, c, null, line.Category, line.PeriodStart, line.PeriodEnd,
            line.NeedsReviewId, line.Target == NeedTarget.Child && line.ChildId == c ? line.Key : null)).ToList();
        var findings = await duplicates.FindAsync(candidates, ct);
        var keys = findings.SelectMany(f => f).Where(f => f.Key is not null).Select(f => f.Key!.Value).Distinct().ToList();
        var given = await db.Allocations.IgnoreQueryFilters()
            .Where(a => keys.Contains(a.NeedLineKey) && a.State == AllocationState.Approved)
            .GroupBy(a => a.NeedLineKey).Select(g => new { Key = g.Key, Amount = g.Sum(a => a.AmountVnd) })
            .ToDictionaryAsync(g => g.Key, g => g.Amount, ct);
        var named = await NamedRowsAsync(ids, ct);
        var asked = Candidate(line);
        var words = new Dictionary<int, List<string>>();
        for (var i = 0; i < ids.Count; i++)
        {
            var mine = new List<string>();
            foreach (var f in findings[i])
            {
                if (f.Source == DuplicateSource.DeclaredByAgency) mine.Add(f.Description);
                else if (f.Key is { } key && given.TryGetValue(key, out var amount))
                    mine.Add(Localization.Messages.Format("{0} Đã được phân bổ {1}.", f.Description, VietnameseFormat.Vnd(amount)));
            }
            mine.AddRange(Named(named, ids[i], asked));
            words[ids[i]] = mine;
        }
        return words;
    }

    private sealed record NamedRow(int Survivor, int DistributionId, Guid NeedLineKey, NeedCategory Category, DateOnly PeriodStart, DateOnly PeriodEnd, string Item);

    /// <summary>
    /// Where these children are named on a distribution (not ticked as not received, not cancelled), across unit scope like the rest of the
    /// check. A record merged into one of them keeps its names on distributions (the signed list stays as it was): they count
    /// for the survivor. A merge points every earlier merge at the survivor, so one step is enough.
    /// </summary>
    private async Task<List<NamedRow>> NamedRowsAsync(List<int> childIds, CancellationToken ct)
    {
        var survivorOf = new Dictionary<int, int>();
        foreach (var chunk in childIds.Chunk(500))
            foreach (var merged in await db.Children.IgnoreQueryFilters().Where(c => c.MergedIntoId != null && chunk.Contains(c.MergedIntoId.Value))
                         .Select(c => new { c.Id, Into = c.MergedIntoId!.Value }).ToListAsync(ct))
                survivorOf[merged.Id] = merged.Into;
        foreach (var id in childIds) survivorOf[id] = id;
        var rows = new List<NamedRow>();
        foreach (var chunk in survivorOf.Keys.Chunk(500))
            rows.AddRange((await db.DistributionChildren.IgnoreQueryFilters()
                    .Where(c => chunk.Contains(c.ChildId) && c.Received != false && c.Distribution!.State != Distributions.DistributionState.Cancelled)
                    .Join(db.Allocations.IgnoreQueryFilters(), c => c.Distribution!.AllocationId, a => a.Id, (c, a) => new { c.ChildId, c.DistributionId, a.NeedLineId, a.NeedLineKey })
                    .Join(db.NeedLines.IgnoreQueryFilters(), x => x.NeedLineId, l => l.Id, (x, l) => new
                    {
                        x.ChildId, x.DistributionId, x.NeedLineKey, l.Category, l.PeriodStart, l.PeriodEnd, Item = l.Item!.NameVi,
                    })
                    .ToListAsync(ct))
                .Select(r => new NamedRow(survivorOf[r.ChildId], r.DistributionId, r.NeedLineKey, r.Category, r.PeriodStart, r.PeriodEnd, r.Item)));
        return rows;
    }

    /// <summary>
    /// The distributions <paramref name="child"/> is named on for a need of the candidate's category over an overlapping period,
    /// in words; a child's own need does not count against its own distributions.
    /// </summary>
    private static IEnumerable<string> Named(List<NamedRow> rows, int child, DuplicateCandidate c) =>
        rows.Where(r => r.Survivor == child && r.Category == c.Category && r.PeriodStart <= c.PeriodEnd && c.PeriodStart <= r.PeriodEnd
                        && !(c.Target == NeedTarget.Child && c.ChildId == child && r.NeedLineKey == c.Key))
            .Select(r => Localization.Messages.Format("Đã có tên trong đợt cấp phát số {0}: {1}, {2}–{3}.", r.DistributionId, r.Item,
                VietnameseFormat.Date(r.PeriodStart), VietnameseFormat.Date(r.PeriodEnd)));

    /// <summary>Why a named child is refused on a distribution (Vietnamese).</summary>
    public static string ChildMessage(string childName, IReadOnlyList<string> findings) =>
        Localization.Messages.Format("{0} đã được hỗ trợ cùng nhóm nhu cầu trong cùng thời gian: {1} Bỏ trẻ này ra, hoặc quản lý chương trình cho phép trên phân bổ.",
            childName, string.Join(" ", findings));

    public static string Message(IReadOnlyList<string> findings) =>
        Localization.Messages.Format("Trẻ hoặc trường này đã được hỗ trợ cùng nhóm nhu cầu trong cùng thời gian: {0} Nếu vẫn cần, quản lý chương trình ghi lý do để cho phép.",
            string.Join(" ", findings));
}
