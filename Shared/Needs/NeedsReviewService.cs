using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Needs;

/// <summary>
/// The yearly needs review's workflow: open a draft, change its lines (<c>NeedsReviewService.Lines.cs</c>), submit it to
/// the level above, return it with a comment or approve it, and start a new revision of an approved one. Every change is
/// a save through the audited context, so every transition has its audit row. Reviews outside the acting person's units
/// do not exist for them (the scope filter). Expected refusals are outcomes with Vietnamese messages (key "" for the form).
/// </summary>
public partial class NeedsReviewService(ChildAidDbContext db, NeedPriority priority, DuplicateCheck duplicates, AuditActor actor, TimeProvider clock)
{
    public const string NotFound = "Không tìm thấy bản rà soát trong phạm vi đơn vị của bạn.";
    public const string Conflict =
        "Bản ghi này vừa được người khác thay đổi. Thay đổi của bạn chưa được lưu (vẫn còn trên màn hình): hãy mở lại trang để xem bản mới nhất rồi làm lại.";

    public async Task<Outcome<NeedsReview>> OpenAsync(int communeId, int year, CancellationToken ct = default)
    {
        var acting = await ActorAsync(ct);
        if (!acting.Edits) return Fail<NeedsReview>("", "Bạn không có quyền lập bản rà soát nhu cầu.");
        var today = clock.VietnamToday();
        var commune = await db.AdminUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == communeId, ct);
        if (commune is null || commune.Level != AdminUnitLevel.Commune || !commune.IsValidOn(today))
            return Fail<NeedsReview>("AdminUnitId", "Chỉ lập bản rà soát cho một xã đang có hiệu lực trên bản đồ hành chính.");
        if (db.UnitScope is { } units && !units.Contains(communeId))
            return Fail<NeedsReview>("AdminUnitId", "Xã này không thuộc phạm vi phụ trách của bạn.");
        if (year < 2015 || year > today.Year + 1)
            return Fail<NeedsReview>("Year", $"Năm rà soát phải từ 2015 đến {today.Year + 1}.");

        var existing = await db.NeedsReviews.AsNoTracking().Where(r => r.AdminUnitId == communeId && r.Year == year)
            .Select(r => new { r.Revision, r.Status }).ToListAsync(ct);
        if (existing.FirstOrDefault(r => r.Status is NeedsReviewStatus.Draft or NeedsReviewStatus.Submitted or NeedsReviewStatus.Returned) is { } open)
            return Fail<NeedsReview>("Year", $"{commune.Name} đã có bản rà soát năm học {year}–{year + 1} đang mở (lần {open.Revision}).");
        if (existing.Any(r => r.Status == NeedsReviewStatus.Approved))
            return Fail<NeedsReview>("Year", $"Bản rà soát năm học {year}–{year + 1} của {commune.Name} đã được duyệt: muốn thay đổi, hãy lập bản sửa đổi.");

        var review = NeedsReview.Open(communeId, year, acting.Id, clock.GetUtcNow().UtcDateTime);
        db.NeedsReviews.Add(review);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The database's one-open-revision index: someone opened it at the same moment.
            db.Entry(review).State = EntityState.Detached;
            return Fail<NeedsReview>("Year", $"{commune.Name} đã có bản rà soát năm học {year}–{year + 1} đang mở.");
        }
        return Outcome<NeedsReview>.Ok(review);
    }

    /// <param name="version">The review's version the person saw; a later change by someone else is a conflict.</param>
    public async Task<Outcome<NeedsReview>> SubmitAsync(int reviewId, int? version = null, CancellationToken ct = default)
    {
        var acting = await ActorAsync(ct);
        var review = await db.NeedsReviews.Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == reviewId, ct);
        if (review is null) return Fail<NeedsReview>("", NotFound);
        if (!acting.Submits) return Fail<NeedsReview>("", "Chỉ cán bộ xã hoặc cán bộ chương trình phụ trách xã mới được gửi bản rà soát.");
        if (review.SubmitRefusal() is { } refusal) return Fail<NeedsReview>("", refusal);
        var tree = await TreeAsync(ct);
        var today = clock.VietnamToday();
        if (ReviewApproval.ApprovingUnit(tree, review.AdminUnitId, today) is not { } approving)
            return Fail<NeedsReview>("", "Không xác định được cấp trên của xã trên bản đồ hành chính hiện hành.");
        Expect(review, version);
        review.Submit(acting.Id, clock.GetUtcNow().UtcDateTime, approving.Id);
        return await SaveAsync(review, ct);
    }

    public async Task<Outcome<NeedsReview>> ReturnAsync(int reviewId, string? comment, int? version = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(comment)) return Fail<NeedsReview>("Comment", "Vui lòng ghi ý kiến để xã biết cần sửa gì.");
        if (comment.Trim().Length > NeedsReview.CommentLength) return Fail<NeedsReview>("Comment", $"Ý kiến tối đa {NeedsReview.CommentLength} ký tự.");
        var (review, refusal) = await DecidableAsync(reviewId, ct);
        if (review is null) return Fail<NeedsReview>("", refusal!);
        Expect(review, version);
        review.Return((await ActorAsync(ct)).Id, clock.GetUtcNow().UtcDateTime, comment);
        return await SaveAsync(review, ct);
    }

    /// <summary>Approves a submitted review; the revision it replaces becomes Superseded in the same transaction.</summary>
    public async Task<Outcome<NeedsReview>> ApproveAsync(int reviewId, int? version = null, CancellationToken ct = default)
    {
        var (review, refusal) = await DecidableAsync(reviewId, ct);
        if (review is null) return Fail<NeedsReview>("", refusal!);
        var by = (await ActorAsync(ct)).Id;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // Supersede first, in its own statement: the database allows one approved revision per commune and year.
            var previous = await db.NeedsReviews.Where(r => r.AdminUnitId == review.AdminUnitId && r.Year == review.Year
                                                            && r.Status == NeedsReviewStatus.Approved && r.Id != review.Id).ToListAsync(ct);
            foreach (var p in previous) p.Supersede();
            if (previous.Count > 0) await db.SaveChangesAsync(ct);

            Expect(review, version);
            review.Approve(by, now);
            await db.SaveChangesAsync(ct);

            // The public list follows in this transaction: it never shows a superseded revision nor misses this one.
            await new PublicNeeds.PublicNeedsProjection(db, clock).RefreshAsync(review.AdminUnitId, review.Year, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            return Fail<NeedsReview>("", Conflict);
        }
        return Outcome<NeedsReview>.Ok(review);
    }

    /// <summary>A new draft revision of an approved review: a copy of its lines, with the same keys.</summary>
    public async Task<Outcome<NeedsReview>> StartRevisionAsync(int reviewId, CancellationToken ct = default)
    {
        var acting = await ActorAsync(ct);
        if (!acting.Edits) return Fail<NeedsReview>("", "Bạn không có quyền lập bản sửa đổi.");
        var approved = await db.NeedsReviews.AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == reviewId, ct);
        if (approved is null) return Fail<NeedsReview>("", NotFound);
        if (approved.Status != NeedsReviewStatus.Approved) return Fail<NeedsReview>("", "Chỉ lập bản sửa đổi từ bản rà soát đã duyệt đang có hiệu lực.");
        var revisions = await db.NeedsReviews.AsNoTracking().Where(r => r.AdminUnitId == approved.AdminUnitId && r.Year == approved.Year)
            .Select(r => new { r.Revision, r.Status }).ToListAsync(ct);
        if (revisions.Any(r => r.Status is NeedsReviewStatus.Draft or NeedsReviewStatus.Submitted or NeedsReviewStatus.Returned))
            return Fail<NeedsReview>("", "Đã có một bản sửa đổi đang mở cho năm học này.");

        var revision = NeedsReview.Open(approved.AdminUnitId, approved.Year, acting.Id, clock.GetUtcNow().UtcDateTime,
            revisions.Max(r => r.Revision) + 1, approved.Id);
        revision.Lines = approved.Lines.Select(Copy).ToList();
        db.NeedsReviews.Add(revision);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(revision).State = EntityState.Detached;
            return Fail<NeedsReview>("", "Đã có một bản sửa đổi đang mở cho năm học này.");
        }
        return Outcome<NeedsReview>.Ok(revision);
    }

    private static NeedLine Copy(NeedLine l) => new()
    {
        Key = l.Key, AdminUnitId = l.AdminUnitId, Target = l.Target, ChildId = l.ChildId, SchoolId = l.SchoolId, Category = l.Category,
        NeedItemId = l.NeedItemId, SizeBand = l.SizeBand, Quantity = l.Quantity, Unit = l.Unit, EstimatedUnitCostVnd = l.EstimatedUnitCostVnd,
        ChildrenCount = l.ChildrenCount, PeriodStart = l.PeriodStart, PeriodEnd = l.PeriodEnd, Note = l.Note,
        ComputedLevel = l.ComputedLevel, PriorityReasons = l.PriorityReasons, LevelOverride = l.LevelOverride, OverrideReason = l.OverrideReason,
        OverriddenById = l.OverriddenById, OverriddenAt = l.OverriddenAt, DuplicateReason = l.DuplicateReason,
        CommittedQuantity = l.CommittedQuantity, ReceivedQuantity = l.ReceivedQuantity, DeliveredQuantity = l.DeliveredQuantity, InTransitQuantity = l.InTransitQuantity, LastMovedAt = l.LastMovedAt,
    };

    /// <summary>Why the acting person may not approve or return this review, or null (for pages: whether to show the buttons).</summary>
    public async Task<string?> DecisionRefusalAsync(NeedsReview review, CancellationToken ct = default) =>
        ReviewApproval.Refusal(review, await ActorAsync(ct), await TreeAsync(ct), clock.VietnamToday());

    private async Task<(NeedsReview? Review, string? Refusal)> DecidableAsync(int reviewId, CancellationToken ct)
    {
        var review = await db.NeedsReviews.FirstOrDefaultAsync(r => r.Id == reviewId, ct);
        if (review is null) return (null, NotFound);
        return ReviewApproval.Refusal(review, await ActorAsync(ct), await TreeAsync(ct), clock.VietnamToday()) is { } refusal
            ? (null, refusal) : (review, null);
    }

    private void Expect<T>(T entity, int? version) where T : class, IVersioned
    {
        if (version is { } v) db.Entry(entity).Property(e => e.Version).OriginalValue = v;
    }

    private async Task<Outcome<T>> SaveAsync<T>(T entity, CancellationToken ct) where T : class
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<T>.Ok(entity);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else saved first: nothing of this person's change is written; the page keeps what they typed.
            foreach (var entry in db.ChangeTracker.Entries().ToList()) entry.State = EntityState.Detached;
            return Fail<T>("", Conflict);
        }
    }

    private ReviewActor? _actor;
    private AdminUnitTree? _tree;

    /// <summary>The acting person's roles and assigned units, read once per service instance (one request).</summary>
    public async Task<ReviewActor> ActorAsync(CancellationToken ct = default)
    {
        if (_actor is not null) return _actor;
        if (actor.UserId is not { } id) return _actor = new ReviewActor(actor.Name, new HashSet<string>(), new HashSet<int>(), true);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name!).ToListAsync(ct);
        var units = await db.StaffUserUnits.Where(u => u.UserId == id).Select(u => u.AdminUnitId).ToListAsync(ct);
        return _actor = new ReviewActor(id, roles.ToHashSet(), units.ToHashSet(), false);
    }

    public async Task<AdminUnitTree> TreeAsync(CancellationToken ct = default) =>
        _tree ??= new AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync(ct));

    private static Outcome<T> Fail<T>(string field, string message) => Outcome<T>.Fail(field, message);
}
