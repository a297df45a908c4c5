using ChildAid.Shared.Import;
using ChildAid.Shared.Text;

namespace ChildAid.Shared.Needs;

/// <summary>
/// The columns of the needs workbook, shared by the template officers fill, the import that reads it, and the export
/// (an export can be edited and imported again). Headers are what officers read: Vietnamese.
/// </summary>
public static class NeedsSheet
{
    public const string DataSheet = "Nhu cầu";
    public const string InstructionsSheet = "Hướng dẫn";
    public const string ListsSheet = "Danh mục";
    public const string ChildrenSheet = "Trẻ em và trường";

    public static readonly ImportColumn Target = new("Đối tượng");
    public static readonly ImportColumn ChildCode = new("Mã trẻ");
    public static readonly ImportColumn ChildName = new("Họ và tên trẻ", false, "Họ tên trẻ", "Tên trẻ");
    public static readonly ImportColumn ChildBirth = new("Ngày sinh");
    public static readonly ImportColumn School = new("Trường", false, "Trường học");
    public static readonly ImportColumn Category = new("Nhóm nhu cầu", false, "Nhóm");
    public static readonly ImportColumn Item = new("Mặt hàng", true);
    public static readonly ImportColumn SizeBand = new("Cỡ theo tuổi", false, "Cỡ");
    public static readonly ImportColumn Quantity = new("Số lượng", true);
    public static readonly ImportColumn UnitCost = new("Đơn giá dự kiến (₫)", false, "Đơn giá dự kiến", "Đơn giá");
    public static readonly ImportColumn ChildrenCount = new("Số trẻ được hưởng");
    public static readonly ImportColumn PeriodStart = new("Từ ngày");
    public static readonly ImportColumn PeriodEnd = new("Đến ngày");
    public static readonly ImportColumn Note = new("Ghi chú");
    public static readonly ImportColumn DuplicateReason = new("Lý do (nếu trùng)", false, "Lý do nếu trùng", "Lý do");

    public static readonly IReadOnlyList<ImportColumn> Columns =
        [Target, ChildCode, ChildName, ChildBirth, School, Category, Item, SizeBand, Quantity, UnitCost, ChildrenCount, PeriodStart, PeriodEnd, Note, DuplicateReason];

    /// <summary>The column a <see cref="NeedLineRules"/> message belongs to (its keys are <see cref="NeedLineInput"/>'s fields).</summary>
    public static ImportColumn ColumnOf(string field) => field switch
    {
        nameof(NeedLineInput.Target) => Target,
        nameof(NeedLineInput.ChildId) => ChildCode,
        nameof(NeedLineInput.SchoolId) => School,
        nameof(NeedLineInput.Category) => Category,
        nameof(NeedLineInput.NeedItemId) => Item,
        nameof(NeedLineInput.SizeBand) => SizeBand,
        nameof(NeedLineInput.Quantity) => Quantity,
        nameof(NeedLineInput.EstimatedUnitCostVnd) => UnitCost,
        nameof(NeedLineInput.ChildrenCount) => ChildrenCount,
        nameof(NeedLineInput.PeriodStart) => PeriodStart,
        nameof(NeedLineInput.PeriodEnd) => PeriodEnd,
        nameof(NeedLineInput.Note) => Note,
        _ => DuplicateReason,
    };

    /// <summary>"3-5" for "3–5 tuổi", "3 - 5", "Age3To5": how size bands are compared.</summary>
    public static string SizeKey(string text) =>
        TextFolding.Fold(text).Replace("tuoi", "", StringComparison.Ordinal).Replace("–", "-", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal);
}
