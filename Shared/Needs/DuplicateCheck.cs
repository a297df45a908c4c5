using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Needs;

/// <summary>A need about to be saved: who it is for, what kind of help, over which period.</summary>
/// <param name="Key">The need's key when an existing line (or its copy in a new revision) is being changed: never its own duplicate.</param>
public sealed record DuplicateCandidate(NeedTarget Target, int? ChildId, int? SchoolId, NeedCategory Category,
    DateOnly PeriodStart, DateOnly PeriodEnd, int ReviewId, Guid? Key = null);

/// <summary>The same support found elsewhere, in words the officer reads (Vietnamese); no other child's data.</summary>
/// <param name="Key">The need line's key when the finding is a line (null for support an agency declared).</param>
public sealed record DuplicateFinding(DuplicateSource Source, string Description, Guid? Key = null);

public enum DuplicateSource { ThisReview = 1, OtherReview = 2, DeclaredByAgency = 3 }

/// <summary>
/// "Is this child (or school) already helped with this, for this period?" Looks in this review, in every other
/// commune's reviews (a child who moved), and in the support other agencies declared — across unit scope, because the
/// point is to see what this officer's scope does not show; what it reveals is only where, when and what, never more
/// about the child than the officer already entered. Lines of superseded revisions don't count (their successor does).
/// Batched, so an import of thousands of rows asks the database a few times, not once per row.
/// </summary>
public class DuplicateCheck(ChildAidDbContext db)
{
    private const int Chunk = 500;

    public async Task<IReadOnlyList<DuplicateFinding>> FindAsync(DuplicateCandidate candidate, CancellationToken ct = default) =>
        (await FindAsync([candidate], ct))[0];

    public async Task<IReadOnlyList<IReadOnlyList<DuplicateFinding>>> FindAsync(IReadOnlyList<DuplicateCandidate> candidates, CancellationToken ct = default)
    {
        var children = candidates.Where(c => c.Target == NeedTarget.Child && c.ChildId is not null).Select(c => c.ChildId!.Value).Distinct().ToList();
        var schools = candidates.Where(c => c.Target == NeedTarget.School && c.SchoolId is not null).Select(c => c.SchoolId!.Value).Distinct().ToList();
        var categories = candidates.Select(c => c.Category).Distinct().ToList();

        var lines = new List<ExistingLine>();
        var declared = new List<ExistingDeclared>();
        foreach (var ids in children.Chunk(Chunk))
        {
            lines.AddRange(await Lines(l => l.Target == NeedTarget.Child && ids.Contains(l.ChildId!.Value)).ToListAsync(ct));
            declared.AddRange(await Declared(d => d.Target == NeedTarget.Child && ids.Contains(d.ChildId!.Value)).ToListAsync(ct));
        }
        foreach (var ids in schools.Chunk(Chunk))
        {
            lines.AddRange(await Lines(l => l.Target == NeedTarget.School && ids.Contains(l.SchoolId!.Value)).ToListAsync(ct));
            declared.AddRange(await Declared(d => d.Target == NeedTarget.School && ids.Contains(d.SchoolId!.Value)).ToListAsync(ct));
        }
        lines = lines.Where(l => categories.Contains(l.Category)).ToList();

        var linesByTarget = lines.ToLookup(l => (l.Target, l.Target == NeedTarget.Child ? l.ChildId : l.SchoolId));
        var declaredByTarget = declared.ToLookup(d => (d.Target, d.Target == NeedTarget.Child ? d.ChildId : d.SchoolId));
        return candidates.Select(c => (IReadOnlyList<DuplicateFinding>)Findings(c,
            linesByTarget[(c.Target, c.Target == NeedTarget.Child ? c.ChildId : c.SchoolId)],
            declaredByTarget[(c.Target, c.Target == NeedTarget.Child ? c.ChildId : c.SchoolId)])).ToList();
    }

    private static List<DuplicateFinding> Findings(DuplicateCandidate c, IEnumerable<ExistingLine> lines, IEnumerable<ExistingDeclared> declared)
    {
        var findings = new List<DuplicateFinding>();
        // One finding per need: an approved line and its copy in a revision being drafted are the same need.
        foreach (var line in lines.Where(l => l.Category == c.Category && Overlaps(l.PeriodStart, l.PeriodEnd, c) && l.Key != c.Key)
                     .GroupBy(l => l.Key).Select(g => g.MaxBy(l => l.Revision)!))
        {
            var source = line.ReviewId == c.ReviewId ? DuplicateSource.ThisReview : DuplicateSource.OtherReview;
            var where = source == DuplicateSource.ThisReview ? "Ngay trong bản rà soát này" : $"Bản rà soát {line.CommuneName} năm học {line.Year}–{line.Year + 1}";
            findings.Add(new(source,
                $"{where}: {line.ItemName}, {line.Quantity} {NeedLabels.Units[line.Unit]}, " +
                $"{VietnameseFormat.Date(line.PeriodStart)}–{VietnameseFormat.Date(line.PeriodEnd)} ({NeedLabels.ReviewStatusInSentence(line.Status)}).",
                line.Key));
        }
        foreach (var d in declared.Where(d => d.Category == c.Category && Overlaps(d.PeriodStart, d.PeriodEnd, c)))
            findings.Add(new(DuplicateSource.DeclaredByAgency,
                $"{d.AgencyName} đã đăng ký hỗ trợ: {d.Description}, {VietnameseFormat.Date(d.PeriodStart)}–{VietnameseFormat.Date(d.PeriodEnd)}."));
        return findings;
    }

    private static bool Overlaps(DateOnly start, DateOnly end, DuplicateCandidate c) => start <= c.PeriodEnd && c.PeriodStart <= end;

    // The filter goes before the projection: EF translates conditions on entity columns, not on the projected record.
    private IQueryable<ExistingLine> Lines(System.Linq.Expressions.Expression<Func<NeedLine, bool>> which) =>
        db.NeedLines.IgnoreQueryFilters([ScopeFilters.Unit<NeedLine>(), ScopeFilters.Organisation(typeof(NeedLine)), ScopeFilters.Unit<NeedsReview>()])
            .Where(which)
            .Where(l => l.NeedsReview!.Status != NeedsReviewStatus.Superseded)
            .Select(l => new ExistingLine(l.Key, l.NeedsReviewId, l.NeedsReview!.Revision, l.NeedsReview.Status, l.NeedsReview.Year,
                l.NeedsReview.AdminUnit!.Name, l.Target, l.ChildId, l.SchoolId, l.Category, l.Item!.NameVi, l.Quantity, l.Unit,
                l.PeriodStart, l.PeriodEnd));

    private IQueryable<ExistingDeclared> Declared(System.Linq.Expressions.Expression<Func<DeclaredSupport, bool>> which) =>
        db.DeclaredSupports.IgnoreQueryFilters([ScopeFilters.Unit<DeclaredSupport>(), ScopeFilters.Organisation(typeof(DeclaredSupport))])
            .Where(which)
            .Select(d => new ExistingDeclared(d.Target, d.ChildId, d.SchoolId, d.Category, d.PeriodStart, d.PeriodEnd, d.Agency!.Name, d.Description));

    private sealed record ExistingLine(Guid Key, int ReviewId, int Revision, NeedsReviewStatus Status, int Year, string CommuneName,
        NeedTarget Target, int? ChildId, int? SchoolId, NeedCategory Category, string ItemName, int Quantity, NeedUnit Unit,
        DateOnly PeriodStart, DateOnly PeriodEnd);

    private sealed record ExistingDeclared(NeedTarget Target, int? ChildId, int? SchoolId, NeedCategory Category,
        DateOnly PeriodStart, DateOnly PeriodEnd, string AgencyName, string Description);
}
