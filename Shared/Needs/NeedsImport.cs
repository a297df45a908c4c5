using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Import;
using Microsoft.EntityFrameworkCore;
using ChildAid.Shared.Localization;

namespace ChildAid.Shared.Needs;

/// <summary>
/// Imports a filled needs workbook into a review: only a review the context's scope covers and that is still editable
/// (draft, or returned for changes); every row checked, all written in one transaction or none. BackOffice's import
/// page and the CLI's `import needs` both call <see cref="RunAsync"/>.
/// </summary>
public class NeedsImport(ChildAidDbContext db, ImportPipeline pipeline, DuplicateCheck duplicates, NeedPriority priority,
    NeedsReviewService reviews, AuditActor actor, TimeProvider clock)
{
    public const string NotFound = "Không tìm thấy bản rà soát này trong địa bàn của bạn.";
    public const string NotEditable = "Chỉ nhập được vào bản rà soát đang soạn hoặc đã bị trả lại để sửa.";
    public const string ReviewChanged =
        "Bản rà soát vừa được gửi đi hoặc thay đổi trong lúc nhập nên chưa dòng nào được ghi. Hãy mở lại bản rà soát; nếu nó vẫn đang soạn, nhập lại tệp.";

    public async Task<ImportResult> RunAsync(int reviewId, Stream workbook, string fileName, IProgress<ImportProgress>? progress = null,
        CancellationToken ct = default)
    {
        // The scope filter hides reviews of communes the user does not cover; the check says so in words.
        var review = await db.NeedsReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId, ct);
        if (review is null) return ImportResult.Refused(NotFound);
        if (!review.IsEditable) return ImportResult.Refused(NotEditable);
        var definition = await NeedsImportDefinition.CreateAsync(db, duplicates, priority, actor, clock, review, Path.GetFileName(fileName), ct);
        return await pipeline.RunAsync(definition, workbook, progress, ct);
    }

    /// <summary>
    /// The review of a commune's year that an import goes into, for the CLI's "--review 23535/2026": its open revision,
    /// or a new draft when the year has none yet. Null (with why) when the commune is unknown or only an approved
    /// revision exists (a change to it starts a new revision in BackOffice).
    /// </summary>
    public async Task<(NeedsReview? Review, string? Refusal)> ReviewForAsync(string communeCode, int year, CancellationToken ct = default)
    {
        if (year is < 2015 or > 2100) return (null, Messages.Format("Năm {0} không hợp lệ.", year));
        var today = Time.VietnamClock.VietnamToday(clock);
        var communes = await db.AdminUnits.AsNoTracking().Where(u => u.Code == communeCode && u.Level == AdminUnitLevel.Commune).ToListAsync(ct);
        var commune = communes.FirstOrDefault(u => u.IsValidOn(today)) ?? communes.OrderByDescending(u => u.ValidFrom).FirstOrDefault();
        if (commune is null) return (null, Messages.Format("Không có xã mã {0}.", communeCode));
        var existing = await db.NeedsReviews.Where(r => r.AdminUnitId == commune.Id && r.Year == year).ToListAsync(ct);
        if (existing.FirstOrDefault(r => r.Status is NeedsReviewStatus.Draft or NeedsReviewStatus.Returned or NeedsReviewStatus.Submitted) is { } open)
            return open.IsEditable ? (open, null) : (null, Messages.Format("Bản rà soát {0} năm học {1} đã gửi, đang chờ duyệt.", commune.Name, open.YearLabel));
        if (existing.Count > 0)
            return (null, Messages.Format("Bản rà soát {0} năm học {1}–{2} đã duyệt: mở bản sửa đổi trong BackOffice rồi nhập vào đó.", commune.Name, year, year + 1));
        // A year without a review: opened by the workflow's one way to open one (scope, map in force, audit).
        var opened = await reviews.OpenAsync(commune.Id, year, ct);
        return opened.Succeeded ? (opened.Value, null) : (null, string.Join(" ", opened.Errors.Values));
    }
}
