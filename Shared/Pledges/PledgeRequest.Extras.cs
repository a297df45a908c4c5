using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace ChildAid.Shared.Pledges;

/// <summary>A business's goods line: "300 áo ấm, cỡ 6–8 tuổi, giao trước 15/12".</summary>
public sealed class PledgeInKindLineRequest
{
    public string? Item { get; set; }
    public long Quantity { get; set; }
    /// <summary>chiếc, bộ, thùng …</summary>
    public string? Unit { get; set; }
    /// <summary>Free text as the business says it ("6–8 tuổi", "size M").</summary>
    public string? SizeBand { get; set; }
    /// <summary>The delivery plan in the business's words (when, where, how).</summary>
    public string? Delivery { get; set; }
    /// <summary>The day the goods are to arrive by (optional): a reminder goes before it while the line is not fully delivered.</summary>
    public DateOnly? DeliverBy { get; set; }
    /// <summary>A date was typed on the form but could not be read (the API's JSON reader refuses such a value itself).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool DeliverByUnreadable { get; set; }
}

/// <summary>One instalment of a business pledge: how much, by when.</summary>
public sealed class PledgeInstalmentRequest
{
    public DateOnly? Due { get; set; }
    public long Amount { get; set; }
}

/// <summary>
/// The business extras of a pledge: goods lines and instalments, each row checked on its own with a message keyed by its
/// JSON path ("instalments[1].due"), so the form shows it next to the row's field and the API names the row.
/// </summary>
public sealed partial class PledgeRequest
{
    public const int MaxInKindLines = 10;
    public const int MaxInstalments = 12;
    /// <summary>Room for ", cỡ " and the size band within a receipt's goods line (200, <see cref="PledgeGoods.ReceiptItem"/>).</summary>
    public const int MaxItemLength = 160;
    public const int MaxUnitLength = 30;
    public const int MaxSizeBandLength = 30;
    public const int MaxDeliveryLength = 200;
    /// <summary>A receipt's goods line holds at most this many (contribution_goods_lines.quantity is an int).</summary>
    public const int MaxInKindQuantity = 1_000_000;
    /// <summary>How far ahead a delivery date may be (the message says 2 years).</summary>
    public const int MaxDeliveryYears = 2;

    /// <summary>In-kind lines (businesses only): the goods pledged besides the money.</summary>
    public List<PledgeInKindLineRequest>? InKind { get; set; }
    /// <summary>Instalments (businesses only): at least two, due dates in order, adding up to <see cref="Amount"/>.</summary>
    public List<PledgeInstalmentRequest>? Instalments { get; set; }

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private void ValidateExtras(bool business, DateOnly? today, Action<string, string> add)
    {
        var lines = InKind ?? [];
        var instalments = Instalments ?? [];
        if (!business && lines.Count > 0) add("inKind", "Ủng hộ hiện vật qua biểu mẫu này dành cho doanh nghiệp, tổ chức.");
        if (!business && instalments.Count > 0) add("instalments", "Chia đợt dành cho doanh nghiệp, tổ chức.");
        if (lines.Count > MaxInKindLines) add("inKind", $"Tối đa {MaxInKindLines} dòng hiện vật.");
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = $"inKind[{i}].";
            if (string.IsNullOrWhiteSpace(line.Item)) add(at + "item", "Vui lòng nhập tên hiện vật, ví dụ: áo ấm.");
            else if (line.Item.Trim().Length > MaxItemLength) add(at + "item", $"Tên hiện vật tối đa {MaxItemLength} ký tự.");
            if (line.Quantity is <= 0 or > MaxInKindQuantity) add(at + "quantity", "Số lượng là số nguyên từ 1 đến 1.000.000.");
            if (string.IsNullOrWhiteSpace(line.Unit)) add(at + "unit", "Vui lòng nhập đơn vị tính, ví dụ: chiếc, bộ, thùng.");
            else if (line.Unit.Trim().Length > MaxUnitLength) add(at + "unit", $"Đơn vị tính tối đa {MaxUnitLength} ký tự.");
            if (line.SizeBand?.Trim() is { Length: > MaxSizeBandLength }) add(at + "sizeBand", $"Cỡ tối đa {MaxSizeBandLength} ký tự.");
            if (line.Delivery?.Trim() is { Length: > MaxDeliveryLength }) add(at + "delivery", $"Kế hoạch giao hàng tối đa {MaxDeliveryLength} ký tự.");
            if (line.DeliverByUnreadable) add(at + "deliverBy", "Vui lòng nhập ngày giao dạng dd/MM/yyyy, ví dụ 15/12/2026.");
            else if (line.DeliverBy is { } by && today is { } day && by < day) add(at + "deliverBy", "Ngày giao không được ở trong quá khứ.");
            else if (line.DeliverBy is { } far && today is { } now && far > now.AddYears(MaxDeliveryYears)) add(at + "deliverBy", "Ngày giao trong vòng 2 năm tới.");
        }

        if (IsForeign && instalments.Count > 0) add("instalments", "Chia đợt chỉ nhận bằng đồng (VND).");
        if (IsGoodsOnly && instalments.Count > 0) add("instalments", "Chia đợt là chia số tiền; cam kết chỉ có hiện vật không chia đợt.");
        if (instalments.Count == 1) add("instalments", "Chia đợt cần ít nhất 2 đợt.");
        if (instalments.Count > MaxInstalments) add("instalments", $"Tối đa {MaxInstalments} đợt.");
        for (var i = 0; i < instalments.Count; i++)
        {
            var instalment = instalments[i];
            var at = $"instalments[{i}].";
            if (instalment.Amount <= 0) add(at + "amount", "Số tiền của đợt phải lớn hơn 0 ₫.");
            if (instalment.Due is not { } due) add(at + "due", "Vui lòng nhập ngày đến hạn dạng dd/MM/yyyy, ví dụ 15/01/2027.");
            else if (today is { } now && due < now) add(at + "due", "Ngày đến hạn không được ở trong quá khứ.");
            else if (i > 0 && instalments[i - 1].Due is { } previous && due <= previous) add(at + "due", "Ngày đến hạn phải sau ngày của đợt trước.");
        }
        if (instalments.Count >= 2 && instalments.All(x => x.Amount > 0) && instalments.Sum(x => x.Amount) != AmountVnd)
            add("instalments", "Tổng số tiền các đợt phải bằng số tiền cam kết.");
    }

    /// <summary>The intake's JSON: [{ "due": "yyyy-MM-dd", "amountVnd": n }], or null.</summary>
    private string? InstalmentsAsJson() => Instalments is { Count: > 0 } rows
        ? JsonSerializer.Serialize(rows.Select(r => new { due = r.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), amountVnd = r.Amount }), Json)
        : null;

    /// <summary>The intake's JSON: [{ "item", "quantity", "unit", "sizeBand", "delivery", "deliverBy": "yyyy-MM-dd" }], or null.</summary>
    private string? InKindAsJson() => InKind is { Count: > 0 } rows
        ? JsonSerializer.Serialize(rows.Select(r => new
        {
            item = r.Item?.Trim(), quantity = r.Quantity, unit = r.Unit?.Trim(), sizeBand = Blank(r.SizeBand), delivery = Blank(r.Delivery),
            deliverBy = r.DeliverBy?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }), Json)
        : null;
}
