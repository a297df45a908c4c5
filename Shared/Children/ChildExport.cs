using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ChildAid.Shared.Children;

/// <summary>The export: the workbook's bytes and how many children it holds.</summary>
public sealed record ChildExportFile(byte[] Bytes, int Count);

/// <summary>
/// The children of the reader's units as .xlsx — personal data, so it asks for a reason, and writes an audit row with
/// the reason and the number of children exported (never their names) before the file leaves.
/// </summary>
public class ChildExport(ChildAidDbContext db, AuditActor actor, TimeProvider clock)
{
    public const string ExportAction = PersonalDataExport.Action;
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<Outcome<ChildExportFile>> ExportAsync(string? reason, CancellationToken ct = default)
    {
        var checkedReason = PersonalDataExport.Reason(reason, "Vui lòng nhập lý do xuất dữ liệu cá nhân của trẻ (ví dụ: danh sách gửi trạm y tế cho đợt khám tháng 12).");
        if (!checkedReason.Succeeded) return Outcome<ChildExportFile>.Fail(checkedReason.Errors);

        var children = await db.Children.AsNoTracking().InRegistry().OrderBy(c => c.AdminUnit!.Name).ThenBy(c => c.SearchText).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id, c.FullName, c.DateOfBirth, c.DateOfBirthEstimated, c.Sex, c.EthnicGroup, Unit = c.AdminUnit!.Name, School = c.School!.Name, c.ClassName,
                HealthStation = c.HealthStation!.Name, c.GuardianName, c.GuardianRelation, c.GuardianPhone, c.ChildConsentOn, c.Circumstances,
            }).ToListAsync(ct);
        var rows = children.Select(c => new Dictionary<string, object?>
        {
            ["Số hồ sơ"] = c.Id, ["Họ tên"] = c.FullName, ["Ngày sinh"] = VietnameseFormat.Date(c.DateOfBirth), ["Ngày sinh ước tính"] = c.DateOfBirthEstimated ? "có" : "",
            ["Giới tính"] = c.Sex == Sex.Female ? "Nữ" : "Nam", ["Dân tộc"] = c.EthnicGroup, ["Nơi ở"] = c.Unit, ["Trường"] = c.School, ["Lớp"] = c.ClassName,
            ["Trạm y tế"] = c.HealthStation, ["Người giám hộ"] = c.GuardianName,
            ["Quan hệ với trẻ"] = c.GuardianRelation is { } relation ? GuardianRelationNames.All[relation] : null, ["Điện thoại người giám hộ"] = c.GuardianPhone,
            ["Ngày trẻ tự đồng ý công khai"] = c.ChildConsentOn is { } consent ? VietnameseFormat.Date(consent) : null,
            ["Nhóm hoàn cảnh"] = string.Join("; ", NeedLabels.Circumstances.Where(g => c.Circumstances.HasFlag(g.Key)).Select(g => g.Value)),
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "Tre em", cancellationToken: ct);

        db.AuditEntries.Add(PersonalDataExport.AuditRow(actor, clock, nameof(Child), "export", null, $"{children.Count} trẻ", checkedReason.Value!, children.Count));
        await db.SaveChangesAsync(ct);
        return Outcome<ChildExportFile>.Ok(new ChildExportFile(stream.ToArray(), children.Count));
    }
}
