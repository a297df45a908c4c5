using System.Text.Json;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Text;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ChildAid.Shared.Checkups;

/// <summary>The export of one session: the workbook's bytes and how many measurements it holds.</summary>
public sealed record CheckupExportFile(byte[] Bytes, int Count);

/// <summary>
/// One check-up session's measurements as .xlsx: the import template's columns first (so the file can be corrected and
/// imported again: <see cref="CheckupImport"/>), then the stored z-scores, flags and classification. Names and dates of
/// birth are personal data: the export asks for a reason and writes an audit row with the reason and the count (never
/// a name) before the file leaves, as the children's export does.
/// </summary>
public class CheckupExport(ChildAidDbContext db, AuditActor actor, TimeProvider clock)
{
    public const string ExportAction = PersonalDataExport.Action;
    /// <summary>The audit rows' entity for a template downloaded with the site's children (the key is the session's id).</summary>
    public const string TemplateAuditEntity = "CheckupTemplate";
    public const string MissingTemplateReason = "Vui lòng nhập lý do tải mẫu có danh sách trẻ (họ tên, ngày sinh), ví dụ: nhập kết quả đo tại điểm khám không có mạng.";

    /// <summary>
    /// The import template with a row for each of <paramref name="children"/> (the session's site, as the user may see it):
    /// names and birth dates leave the system, so the same rule as the export — a reason, and an audit row with the count.
    /// </summary>
    public async Task<Outcome<CheckupExportFile>> TemplateAsync(CheckupSession session, IReadOnlyList<GridChild> children, string? reason,
        CancellationToken ct = default)
    {
        var checkedReason = PersonalDataExport.Reason(reason, MissingTemplateReason);
        if (!checkedReason.Succeeded) return Outcome<CheckupExportFile>.Fail(checkedReason.Errors);
        var bytes = CheckupImport.Template(children);
        db.AuditEntries.Add(PersonalDataExport.AuditRow(actor, clock, TemplateAuditEntity, session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            session.AdminUnitId, $"{VietnameseFormat.Date(session.HeldOn)}: {children.Count} trẻ (mẫu nhập)", checkedReason.Value!, children.Count));
        await db.SaveChangesAsync(ct);
        return Outcome<CheckupExportFile>.Ok(new CheckupExportFile(bytes, children.Count));
    }

    // The computed columns, after the template's.
    public const string AgeDays = "Tuổi (ngày)", Waz = "Z cân nặng/tuổi", Haz = "Z chiều dài-cao/tuổi", Whz = "Z cân nặng/chiều dài-cao",
        Baz = "Z BMI/tuổi", Hcz = "Z vòng đầu/tuổi", Acz = "Z vòng cánh tay/tuổi", Tsz = "Z nếp gấp da cơ tam đầu/tuổi",
        Ssz = "Z nếp gấp da dưới xương bả vai/tuổi", Flags = "Cờ bất thường", Status = "Phân loại", Reference = "Phiên bản bảng WHO";

    public async Task<Outcome<CheckupExportFile>> ExportAsync(int sessionId, string? reason, CancellationToken ct = default)
    {
        var session = await db.CheckupSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null) return Outcome<CheckupExportFile>.Fail("", CheckupImport.NotFound);
        var checkedReason = PersonalDataExport.Reason(reason, "Vui lòng nhập lý do xuất kết quả đo (dữ liệu cá nhân của trẻ), ví dụ: gửi trạm y tế để đối chiếu.");
        if (!checkedReason.Succeeded) return Outcome<CheckupExportFile>.Fail(checkedReason.Errors);

        // The measurement's own filters (unit, organisation) apply; the child is read through them too.
        var measured = await db.Measurements.AsNoTracking().Where(m => m.SessionId == sessionId)
            .OrderBy(m => m.Child!.ClassName).ThenBy(m => m.Child!.SearchText).ThenBy(m => m.Id)
            .Select(m => new { Measurement = m, m.Child!.FullName, m.Child.DateOfBirth }).ToListAsync(ct);
        var rows = measured.Select(x =>
        {
            var m = x.Measurement;
            return new Dictionary<string, object?>
            {
                [CheckupSheet.Name.Header] = x.FullName,
                [CheckupSheet.Born.Header] = VietnameseFormat.Date(x.DateOfBirth),
                [CheckupSheet.Weight.Header] = m.WeightKg,
                [CheckupSheet.Length.Header] = m.LengthCm,
                [CheckupSheet.Position.Header] = m.Position switch { MeasuredPosition.Lying => "nằm", MeasuredPosition.Standing => "đứng", _ => null },
                [CheckupSheet.Muac.Header] = m.MuacMm,
                [CheckupSheet.Oedema.Header] = m.Oedema ? "có" : null,
                [CheckupSheet.Head.Header] = m.HeadCm,
                [CheckupSheet.Triceps.Header] = m.TricepsSkinfoldMm,
                [CheckupSheet.Subscapular.Header] = m.SubscapularSkinfoldMm,
                [CheckupSheet.Findings.Header] = m.Findings,
                [AgeDays] = m.AgeDays,
                [Waz] = m.WeightForAge, [Haz] = m.LengthForAge, [Whz] = m.WeightForLength, [Baz] = m.BmiForAge, [Hcz] = m.HeadForAge,
                [Acz] = m.ArmForAge, [Tsz] = m.TricepsSkinfoldForAge, [Ssz] = m.SubscapularSkinfoldForAge,
                [Flags] = m.ReferenceVersion is null ? null : NutritionStatusNames.Codes(m.Flags),
                [Status] = m.ReferenceVersion is null ? null : NutritionStatusNames.Codes(m.Status),
                [Reference] = m.ReferenceVersion,
            };
        }).ToList();
        if (rows.Count == 0) rows.Add(CheckupSheet.All.Select(c => c.Header).Concat([AgeDays, Waz, Haz, Whz, Baz, Hcz, Acz, Tsz, Ssz, Flags, Status, Reference])
            .ToDictionary(h => h, _ => (object?)null));
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "Kết quả khám", cancellationToken: ct);

        db.AuditEntries.Add(PersonalDataExport.AuditRow(actor, clock, nameof(CheckupSession), sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            session.AdminUnitId, $"{VietnameseFormat.Date(session.HeldOn)}: {measured.Count} trẻ", checkedReason.Value!, measured.Count));
        await db.SaveChangesAsync(ct);
        return Outcome<CheckupExportFile>.Ok(new CheckupExportFile(stream.ToArray(), measured.Count));
    }
}
