using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Text;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ChildAid.Shared.Needs;

/// <summary>
/// Need lines as a workbook: the template's columns first (so an export of a review can be edited and imported into
/// a new revision), then what the system adds: commune, year, status, level and why, cost, coverage, the line's key.
/// Rows stream from the database into the file; the caller's context scope decides which lines are included.
/// Lines for a named child carry the child's name and date of birth: personal data, so such an export asks for a
/// reason and writes an audit row with the reason and the number of children (never a name), as the children's
/// export does (<see cref="Children.ChildExport"/>).
/// </summary>
public static class NeedsExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string ExportAction = PersonalDataExport.Action;
    public const string MissingReason = "Vui lòng nhập lý do xuất danh sách nhu cầu có họ tên trẻ (dữ liệu cá nhân của trẻ), ví dụ: gửi nhà cung cấp áo ấm để chuẩn bị cỡ.";
    /// <summary>The audit row's key when the export is every approved line of the reader's units, not one review.</summary>
    public const string ApprovedKey = "approved";

    /// <summary>How many distinct children the lines name (0: the file holds no child's personal data).</summary>
    public static Task<int> ChildrenNamedAsync(IQueryable<NeedLine> lines, CancellationToken ct) =>
        lines.Where(l => l.ChildId != null).Select(l => l.ChildId).Distinct().CountAsync(ct);

    /// <summary>
    /// The workbook; when the lines name children, only with a reason (message on "Reason"), audited before the file
    /// leaves: the review's number (or <see cref="ApprovedKey"/>), the reason and the number of children.
    /// </summary>
    public static async Task<Outcome<FileStream>> WriteAsync(ChildAidDbContext db, IQueryable<NeedLine> lines, int? reviewId, string? reason,
        AuditActor actor, TimeProvider clock, CancellationToken ct)
    {
        var children = await ChildrenNamedAsync(lines, ct);
        var checkedReason = PersonalDataExport.Reason(reason, MissingReason);
        if (children > 0 && !checkedReason.Succeeded) return Outcome<FileStream>.Fail(checkedReason.Errors);
        var file = await WriteAsync(db, lines, ct);
        if (children == 0) return Outcome<FileStream>.Ok(file);
        try
        {
            var unit = reviewId is { } id ? await db.NeedsReviews.AsNoTracking().Where(r => r.Id == id).Select(r => (int?)r.AdminUnitId).FirstOrDefaultAsync(ct) : null;
            db.AuditEntries.Add(PersonalDataExport.AuditRow(actor, clock, nameof(NeedsReview),
                reviewId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ApprovedKey, unit, $"{children} trẻ", checkedReason.Value!, children));
            await db.SaveChangesAsync(ct);
            return Outcome<FileStream>.Ok(file);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>One review's lines.</summary>
    public static IQueryable<NeedLine> OfReview(ChildAidDbContext db, int reviewId) => db.NeedLines.Where(l => l.NeedsReviewId == reviewId);

    /// <summary>Every line of every approved review (the revision in force) the context's scope covers.</summary>
    public static IQueryable<NeedLine> Approved(ChildAidDbContext db) => db.NeedLines.Where(l => l.NeedsReview!.Status == NeedsReviewStatus.Approved);

    /// <summary>Writes to a temporary file (a zip needs to seek back) that is deleted when closed; the caller streams it.</summary>
    public static async Task<FileStream> WriteAsync(ChildAidDbContext db, IQueryable<NeedLine> lines, CancellationToken ct)
    {
        var criteria = await db.PriorityCriteria.AsNoTracking().ToDictionaryAsync(c => c.Kind, c => c.NameVi, ct);
        var rows = lines.AsNoTracking().OrderBy(l => l.NeedsReview!.AdminUnit!.Name).ThenBy(l => l.NeedsReviewId).ThenBy(l => l.Id)
            .Select(l => new
            {
                Line = l, Commune = l.NeedsReview!.AdminUnit!.Name, l.NeedsReview.Year, l.NeedsReview.Revision, l.NeedsReview.Status,
                Child = l.Child == null ? null : new { l.Child.FullName, l.Child.DateOfBirth }, School = l.School == null ? null : l.School.Name,
                Item = l.Item!.NameVi,
            }).AsAsyncEnumerable();
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await Task.Run(() => file.SaveAs(rows.ToBlockingEnumerable(ct).Select(r => Row(r.Line, r.Commune, r.Year, r.Revision, r.Status,
                r.Child?.FullName, r.Child?.DateOfBirth, r.School, r.Item, criteria)), sheetName: NeedsSheet.DataSheet), ct);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static Dictionary<string, object?> Row(NeedLine l, string commune, int year, int revision, NeedsReviewStatus status,
        string? childName, DateOnly? birth, string? school, string item, Dictionary<PriorityCriterionKind, string> criteria) => new()
    {
        [NeedsSheet.Target.Header] = NeedLabels.Targets[l.Target],
        [NeedsSheet.ChildCode.Header] = l.ChildId,
        [NeedsSheet.ChildName.Header] = childName,
        [NeedsSheet.ChildBirth.Header] = birth?.ToDateTime(TimeOnly.MinValue),
        [NeedsSheet.School.Header] = school,
        [NeedsSheet.Category.Header] = NeedLabels.Categories[l.Category],
        [NeedsSheet.Item.Header] = item,
        [NeedsSheet.SizeBand.Header] = l.SizeBand is { } b ? NeedLabels.SizeBands[b] : null,
        [NeedsSheet.Quantity.Header] = l.Quantity,
        [NeedsSheet.UnitCost.Header] = l.EstimatedUnitCostVnd,
        [NeedsSheet.ChildrenCount.Header] = l.Target == NeedTarget.Child ? null : l.ChildrenCount,
        [NeedsSheet.PeriodStart.Header] = l.PeriodStart.ToDateTime(TimeOnly.MinValue),
        [NeedsSheet.PeriodEnd.Header] = l.PeriodEnd.ToDateTime(TimeOnly.MinValue),
        [NeedsSheet.Note.Header] = l.Note,
        [NeedsSheet.DuplicateReason.Header] = l.DuplicateReason,
        ["Đơn vị tính"] = NeedLabels.Units[l.Unit],
        ["Thành tiền dự kiến (₫)"] = l.EstimatedCostVnd,
        ["Mức ưu tiên"] = l.Level,
        ["Lý do mức ưu tiên"] = string.Join("; ", l.FiredCriteria.Select(k => criteria.GetValueOrDefault(k, k.ToString()))),
        ["Mức điều chỉnh và lý do"] = l.LevelOverride is { } o ? $"{o}: {l.OverrideReason}" : null,
        ["Đã cam kết"] = l.CommittedQuantity,
        ["Đã nhận"] = l.ReceivedQuantity,
        ["Đã trao"] = l.DeliveredQuantity,
        ["Xã"] = commune,
        ["Năm học"] = $"{year}–{year + 1}",
        ["Lần rà soát"] = revision,
        ["Trạng thái"] = NeedLabels.ReviewStatusInSentence(status),
        ["Mã nhu cầu"] = l.Key.ToString(),
    };
}
