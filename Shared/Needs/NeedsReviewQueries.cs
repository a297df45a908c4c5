using ChildAid.Shared.Data;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Needs;

public sealed record ReviewRow(int Id, string CommuneName, int Year, int Revision, NeedsReviewStatus Status, int Lines, long EstimatedCostVnd,
    DateTime? SubmittedAt, string? ApprovingUnitName);

public sealed record LineRow(NeedLine Line, string ItemName, string? ChildName, string? SchoolName, IReadOnlyList<string> Why, string? OverriddenBy);

public sealed record ReviewDetail(NeedsReview Review, string CommuneName, string? ApprovingUnitName, string? SubmittedBy, string? DecidedBy,
    IReadOnlyList<LineRow> Lines, IReadOnlyList<ReviewRow> Revisions);

/// <summary>What the review pages read, within the reader's units (the scope filter).</summary>
public class NeedsReviewQueries(ChildAidDbContext db, NeedsReviewService service, TimeProvider clock)
{
    public async Task<IReadOnlyList<ReviewRow>> ListAsync(int? year, NeedsReviewStatus? status, CancellationToken ct = default)
    {
        var q = db.NeedsReviews.AsNoTracking();
        if (year is { } y) q = q.Where(r => r.Year == y);
        if (status is { } s) q = q.Where(r => r.Status == s);
        return await Rows(q).ToListAsync(ct);
    }

    /// <summary>
    /// Submitted reviews the acting person may approve or return, asked of the database: the rule of
    /// <see cref="ReviewApproval.Refusal"/> turned into a filter (a programme officer, not a commune officer nor an
    /// admin; not their own submission; an approving unit they decide for, read from the map once).
    /// </summary>
    public async Task<IReadOnlyList<ReviewRow>> ToApproveAsync(CancellationToken ct = default)
    {
        var actor = await service.ActorAsync(ct);
        if (actor.IsSystem || !actor.Roles.Contains(Security.Roles.ProgrammeOfficer)
            || actor.Roles.Contains(Security.Roles.Admin) || actor.Roles.Contains(Security.Roles.CommuneOfficer)) return [];
        var tree = await service.TreeAsync(ct);
        var today = clock.VietnamToday();
        var decides = tree.All.Where(u => ReviewApproval.DecidingUnits(tree, u.Id, today).Overlaps(actor.AssignedUnits)).Select(u => u.Id).ToList();
        if (decides.Count == 0) return [];
        return await Rows(db.NeedsReviews.AsNoTracking().Where(r => r.Status == NeedsReviewStatus.Submitted && r.SubmittedById != actor.Id
            && r.ApprovingUnitId != null && decides.Contains(r.ApprovingUnitId.Value))).ToListAsync(ct);
    }

    private static IQueryable<ReviewRow> Rows(IQueryable<NeedsReview> q) =>
        q.OrderByDescending(r => r.Year).ThenBy(r => r.AdminUnit!.Name).ThenByDescending(r => r.Revision)
            .Select(r => new ReviewRow(r.Id, r.AdminUnit!.Name, r.Year, r.Revision, r.Status, r.Lines.Count,
                r.Lines.Sum(l => (long?)l.Quantity * l.EstimatedUnitCostVnd) ?? 0, r.SubmittedAt, r.ApprovingUnit!.Name));

    public Task<NeedsReview?> ReviewAsync(int id, CancellationToken ct = default) =>
        db.NeedsReviews.AsNoTracking().Include(r => r.AdminUnit).FirstOrDefaultAsync(r => r.Id == id, ct);

    public Task<NeedLine?> LineAsync(int id, CancellationToken ct = default) =>
        db.NeedLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);

    public async Task<LineFormOptions> LineFormAsync(NeedsReview review, CancellationToken ct = default)
    {
        var units = (await service.TreeAsync(ct)).Covered([review.AdminUnitId]).ToList();
        var items = await db.NeedItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.Category).ThenBy(i => i.Id).ToListAsync(ct);
        var children = await db.Children.AsNoTracking().Where(c => units.Contains(c.AdminUnitId)).OrderBy(c => c.SearchText)
            .Select(c => new { c.Id, c.FullName, c.DateOfBirth }).ToListAsync(ct);
        var schools = await db.Organisations.AsNoTracking().Where(o => o.Type == Organisations.OrganisationType.School && units.Contains(o.AdminUnitId))
            .OrderBy(o => o.Name).Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
        return new LineFormOptions(items, children.Select(c => new Choice(c.Id, $"{c.FullName} ({Text.VietnameseFormat.Date(c.DateOfBirth)})")).ToList(), schools);
    }

    public async Task<ReviewDetail?> DetailAsync(int id, CancellationToken ct = default)
    {
        var review = await db.NeedsReviews.AsNoTracking().Include(r => r.AdminUnit).Include(r => r.ApprovingUnit)
            .FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null) return null;
        // The catalogue names each item in both languages: the reader's (the request's culture).
        var english = Localization.Cultures.IsEnglish;
        var lines = await db.NeedLines.AsNoTracking().Where(l => l.NeedsReviewId == id)
            .OrderBy(l => l.Category).ThenBy(l => l.Id)
            .Select(l => new { Line = l, Item = english ? l.Item!.NameEn : l.Item!.NameVi, Child = l.Child!.FullName, School = l.School!.Name }).ToListAsync(ct);
        var criteria = await db.PriorityCriteria.AsNoTracking().ToDictionaryAsync(c => c.Kind, c => c.NameVi, ct);
        var people = lines.Select(l => l.Line.OverriddenById).Append(review.SubmittedById).Append(review.DecidedById)
            .Where(u => u is not null).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        string? Name(string? userId) => userId is null ? null : names.GetValueOrDefault(userId, userId);
        var revisions = await Rows(db.NeedsReviews.AsNoTracking().Where(r => r.AdminUnitId == review.AdminUnitId && r.Year == review.Year)).ToListAsync(ct);
        return new ReviewDetail(review, review.AdminUnit!.Name, review.ApprovingUnit?.Name, Name(review.SubmittedById), Name(review.DecidedById),
            lines.Select(l => new LineRow(l.Line, l.Item, l.Child, l.School,
                l.Line.FiredCriteria.Select(k => criteria.GetValueOrDefault(k, k.ToString())).ToList(), Name(l.Line.OverriddenById))).ToList(),
            revisions.OrderByDescending(r => r.Revision).ToList());
    }
}

public sealed record Choice(int Id, string Label);

/// <summary>What the line form offers: the catalogue by category, the commune's children and schools.</summary>
public sealed record LineFormOptions(IReadOnlyList<NeedItem> Items, IReadOnlyList<Choice> Children, IReadOnlyList<Choice> Schools);

