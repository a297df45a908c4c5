using ChildAid.Shared.Balances;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;

namespace ChildAid.BackOffice.Pages.Programme;

/// <summary>The programme dashboard: where the money of the user's units went (received, allocated, spent, delivered in kind, held) and which needs are still uncovered.</summary>
public class IndexModel(ProgrammeDashboard dashboard) : PageModel
{
    public ProgrammeFigures Figures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Figures = await dashboard.ComputeAsync(ct);

    /// <summary>One sheet per table, the same figures in whole đồng.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var f = await dashboard.ComputeAsync(ct);
        static IEnumerable<Dictionary<string, object?>> Money(IEnumerable<ProgrammeMoney> rows, string name) => rows.Select(r => new Dictionary<string, object?>
        {
            [name] = r.Name, ["Đã nhận (đồng)"] = r.ReceivedVnd, ["Đã phân bổ (đồng)"] = r.AllocatedVnd, ["Đã chi (đồng)"] = r.SpentVnd, ["Đã cấp hiện vật (đồng)"] = r.DeliveredVnd,
            ["Đang giữ (đồng)"] = r.HeldVnd,
        });
        var sheets = new Dictionary<string, object>
        {
            ["Theo chiến dịch"] = Money(f.ByCampaign.Select(c => c.Name.Length == 0 ? c with { Name = "Không theo chiến dịch" } : c), "Chiến dịch"),
            ["Theo xã"] = Money(f.ByCommune, "Xã"),
            ["Theo nhóm nhu cầu"] = Money(f.ByCategory.Select(c => c with { Name = Category(c.Name) }), "Nhóm nhu cầu"),
            ["Nhu cầu chưa được đáp ứng"] = f.Uncovered.Select(u => new Dictionary<string, object?>
            {
                ["Mức ưu tiên"] = u.Level, ["Số dòng nhu cầu"] = u.Lines, ["Cần (đồng)"] = u.RequestedVnd, ["Đã cam kết (đồng)"] = u.CommittedVnd,
                ["Còn thiếu (đồng)"] = u.UncoveredVnd,
            }),
        };
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await Task.Run(() => file.SaveAs(sheets), ct);
        file.Position = 0;
        return File(file, NeedsExport.ContentType, "chuong-trinh.xlsx");
    }

    /// <summary>The Vietnamese name of a category returned by its enum name.</summary>
    public static string Category(string name) =>
        Enum.TryParse<NeedCategory>(name, out var c) && NeedLabels.Categories.TryGetValue(c, out var label) ? label : name;

    /// <summary>A bar's width in percent of the largest value (0–100).</summary>
    public static int Percent(long value, long of) => of <= 0 ? 0 : (int)Math.Clamp(value * 100 / of, 0, 100);

    public static string Vnd(long v) => VietnameseFormat.Vnd(v);
}
