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
        return findings.Select(found =>
        {
            var words = new List<string>();
            foreach (var f in found)
            {
                if (f.Source == DuplicateSource.DeclaredByAgency) words.Add(f.Description);
                else if (f.Key is { } key && given.TryGetValue(key, out var amount))
                    words.Add(Localization.Messages.Format("{0} Đã được phân bổ {1}.", f.Description, VietnameseFormat.Vnd(amount)));
            }
            return (IReadOnlyList<string>)words;
        }).ToList();
    }

    public static string Message(IReadOnlyList<string> findings) =>
        Localization.Messages.Format("Trẻ hoặc trường này đã được hỗ trợ cùng nhóm nhu cầu trong cùng thời gian: {0} Nếu vẫn cần, quản lý chương trình ghi lý do để cho phép.",
            string.Join(" ", findings));
}
