using System.Text.RegularExpressions;
using ChildAid.Shared.Text;

namespace ChildAid.Shared.Contributions;

/// <summary>What a person enters to record a gift. Field names are the keys of validation messages.</summary>
public class ContributionInput
{
    public int DonorId { get; set; }
    public int? CampaignId { get; set; }
    public ContributionMethod Method { get; set; } = ContributionMethod.Cash;
    /// <summary>For a gift in đồng.</summary>
    public long? AmountVnd { get; set; }
    /// <summary>For a foreign gift: ISO 4217 code, amount as given, and the rate used (đồng per unit).</summary>
    public string? OriginalCurrency { get; set; }
    public decimal? OriginalAmount { get; set; }
    public decimal? ExchangeRate { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public int AdminUnitId { get; set; }
    public List<GoodsLineInput> GoodsLines { get; set; } = [];
    public string? Message { get; set; }
    public string? Note { get; set; }
    public Guid? IdempotencyKey { get; set; }
    public ContributionChannel Channel { get; set; } = ContributionChannel.Staff;
    /// <summary>The payment's id at its source, e.g. "stripe:pi_123"; a second booking of it returns the first receipt.</summary>
    public string? ExternalId { get; set; }
    /// <summary>The pledge this payment pays: the booking core records it on the pledge. Nobody else touches a pledge's paid amount.</summary>
    public int? PledgeId { get; set; }
}

public class GoodsLineInput
{
    public string? Item { get; set; }
    public int? Quantity { get; set; }
    public string? Unit { get; set; }
    public long? UnitValueVnd { get; set; }
}

/// <summary>The rules a gift must meet before anything is written. Messages are Vietnamese, for the field they name.</summary>
public static partial class ContributionRules
{
    public const long MaxAmountVnd = 100_000_000_000; // 100 tỷ đồng: far above any single gift, catches a slipped key
    public const int MaxQuantity = 1_000_000;
    public const int MaxGoodsLines = 20;
    public const int MaxItemLength = 200;   // contribution_goods_lines.item
    public const int MaxUnitLength = 30;    // contribution_goods_lines.unit
    /// <summary>ledger_entries.description: the in-kind text must fit, on PostgreSQL and SQLite alike.</summary>
    public const int MaxPublicDescriptionLength = 500;
    public const int MaxReasonLength = 450; // "Hủy phiếu thu 2026-000123: " + reason must fit the ledger description
    public const int MaxExternalIdLength = 200; // contributions.external_id
    public static readonly DateOnly EarliestDate = new(2015, 1, 1);

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    /// <summary>A gift paying a pledge carries the pledge's message unless the channel brought its own (every channel, one rule).</summary>
    public static void TakeFromPledge(ContributionInput input, Pledges.Pledge pledge)
    {
        if (string.IsNullOrWhiteSpace(input.Message)) input.Message = pledge.Message;
    }

    /// <summary>Checks the input and works out the value in đồng. Returns the messages, empty when valid.</summary>
    public static Dictionary<string, string> Validate(ContributionInput input, DateOnly today, out long amountVnd)
    {
        var errors = new Dictionary<string, string>();
        amountVnd = 0;
        if (input.DonorId <= 0) errors[nameof(input.DonorId)] = "Vui lòng chọn nhà tài trợ.";
        if (input.AdminUnitId <= 0) errors[nameof(input.AdminUnitId)] = "Vui lòng chọn đơn vị tiếp nhận.";
        if (input.ReceivedOn == default) errors[nameof(input.ReceivedOn)] = "Vui lòng nhập ngày nhận.";
        else if (input.ReceivedOn > today) errors[nameof(input.ReceivedOn)] = "Ngày nhận không được ở tương lai.";
        else if (input.ReceivedOn < EarliestDate) errors[nameof(input.ReceivedOn)] = "Ngày nhận quá xa trong quá khứ (trước 01/01/2015).";
        if (input.Message?.Length > 500) errors[nameof(input.Message)] = "Lời nhắn tối đa 500 ký tự.";
        if (input.Note?.Length > 1000) errors[nameof(input.Note)] = "Ghi chú tối đa 1000 ký tự.";
        if (input.ExternalId is { } externalId && (externalId.Trim().Length == 0 || externalId.Length > MaxExternalIdLength))
            errors[nameof(input.ExternalId)] = $"Mã giao dịch gốc phải có từ 1 đến {MaxExternalIdLength} ký tự.";
        if (!Enum.IsDefined(input.Channel)) errors[nameof(input.Channel)] = "Kênh tiếp nhận không hợp lệ.";

        if (input.Method == ContributionMethod.InKind)
            amountVnd = ValidateGoods(input, errors);
        else if (!string.IsNullOrWhiteSpace(input.OriginalCurrency) || input.OriginalAmount is not null || input.ExchangeRate is not null)
            amountVnd = ValidateForeign(input, errors);
        else if (input.AmountVnd is null) errors[nameof(input.AmountVnd)] = "Vui lòng nhập số tiền.";
        else if (input.AmountVnd <= 0) errors[nameof(input.AmountVnd)] = "Số tiền phải là số nguyên dương.";
        else if (input.AmountVnd > MaxAmountVnd) errors[nameof(input.AmountVnd)] = "Số tiền vượt quá giới hạn 100.000.000.000 ₫; vui lòng kiểm tra lại.";
        else amountVnd = input.AmountVnd.Value;

        return errors;
    }

    private static long ValidateForeign(ContributionInput input, Dictionary<string, string> errors)
    {
        var currency = input.OriginalCurrency?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(currency)) errors[nameof(input.OriginalCurrency)] = "Khoản tặng bằng ngoại tệ cần mã tiền tệ (ví dụ USD).";
        else if (!CurrencyCode().IsMatch(currency) || currency == "VND") errors[nameof(input.OriginalCurrency)] = "Mã tiền tệ phải gồm 3 chữ cái theo ISO 4217 (ví dụ USD, EUR) và khác VND.";
        else if (!Currencies.IsAccepted(currency)) errors[nameof(input.OriginalCurrency)] = $"Chưa nhận ngoại tệ {currency}. Các mã được nhận: {Currencies.AcceptedList}.";
        if (input.OriginalAmount is null or <= 0) errors[nameof(input.OriginalAmount)] = "Vui lòng nhập số tiền ngoại tệ lớn hơn 0.";
        else if (input.OriginalAmount > 10_000_000_000m) errors[nameof(input.OriginalAmount)] = "Số tiền ngoại tệ vượt quá giới hạn; vui lòng kiểm tra lại.";
        // More decimals than the currency has would be rounded by the database after the ledger hashed them.
        else if (currency is not null && Currencies.IsAccepted(currency) && NumberInput.SignificantDecimals(input.OriginalAmount.Value) > Currencies.DecimalsOf(currency))
            errors[nameof(input.OriginalAmount)] = $"Số tiền {Currencies.Describe(currency)}; vui lòng kiểm tra lại.";
        if (input.ExchangeRate is null or <= 0) errors[nameof(input.ExchangeRate)] = "Khoản tặng bằng ngoại tệ cần tỷ giá quy đổi lớn hơn 0.";
        else if (input.ExchangeRate > 1_000_000m) errors[nameof(input.ExchangeRate)] = "Tỷ giá quá lớn; vui lòng kiểm tra lại.";
        else if (NumberInput.SignificantDecimals(input.ExchangeRate.Value) > Currencies.RateDecimals)
            errors[nameof(input.ExchangeRate)] = $"Tỷ giá có nhiều nhất {Currencies.RateDecimals} chữ số thập phân; vui lòng kiểm tra lại.";
        if (errors.Count > 0) return 0;

        var vnd = Math.Round(input.OriginalAmount!.Value * input.ExchangeRate!.Value, 0, MidpointRounding.AwayFromZero);
        if (vnd < 1) { errors[nameof(input.OriginalAmount)] = "Giá trị quy đổi phải từ 1 ₫ trở lên."; return 0; }
        if (vnd > MaxAmountVnd) { errors[nameof(input.OriginalAmount)] = "Giá trị quy đổi vượt quá giới hạn 100.000.000.000 ₫."; return 0; }
        return (long)vnd;
    }

    private static long ValidateGoods(ContributionInput input, Dictionary<string, string> errors)
    {
        var lines = input.GoodsLines.Where(l => !IsBlank(l)).ToList();
        if (lines.Count == 0) { errors[nameof(input.GoodsLines)] = "Khoản tặng hiện vật cần ít nhất một dòng hàng."; return 0; }
        if (lines.Count > MaxGoodsLines) { errors[nameof(input.GoodsLines)] = $"Một phiếu thu có tối đa {MaxGoodsLines} dòng hàng; vui lòng lập thêm phiếu."; return 0; }
        long total = 0;
        var overflow = false;
        for (var i = 0; i < input.GoodsLines.Count; i++)
        {
            var l = input.GoodsLines[i];
            if (IsBlank(l)) continue;
            var prefix = $"{nameof(input.GoodsLines)}[{i}].";
            if (string.IsNullOrWhiteSpace(l.Item)) errors[prefix + nameof(l.Item)] = "Vui lòng nhập tên hàng.";
            else if (l.Item.Trim().Length > MaxItemLength) errors[prefix + nameof(l.Item)] = $"Tên hàng tối đa {MaxItemLength} ký tự.";
            if (string.IsNullOrWhiteSpace(l.Unit)) errors[prefix + nameof(l.Unit)] = "Vui lòng nhập đơn vị tính (cái, bộ, thùng…).";
            else if (l.Unit.Trim().Length > MaxUnitLength) errors[prefix + nameof(l.Unit)] = $"Đơn vị tính tối đa {MaxUnitLength} ký tự.";
            if (l.Quantity is null or <= 0) errors[prefix + nameof(l.Quantity)] = "Số lượng phải là số nguyên dương.";
            else if (l.Quantity > MaxQuantity) errors[prefix + nameof(l.Quantity)] = "Số lượng vượt quá giới hạn 1.000.000.";
            if (l.UnitValueVnd is null or <= 0) errors[prefix + nameof(l.UnitValueVnd)] = "Vui lòng nhập đơn giá ước tính (đồng, lớn hơn 0).";
            else if (l.UnitValueVnd > MaxAmountVnd) errors[prefix + nameof(l.UnitValueVnd)] = "Đơn giá vượt quá giới hạn.";
            if (l.Quantity is not (> 0 and <= MaxQuantity) || l.UnitValueVnd is not (> 0 and <= MaxAmountVnd)) continue;
            // Checked: a wrapped total would book a negative or tiny gift on the public ledger for ever.
            try
            {
                var lineValue = checked(l.Quantity.Value * l.UnitValueVnd.Value);
                if (lineValue > MaxAmountVnd) errors[prefix + nameof(l.UnitValueVnd)] = "Thành tiền của dòng này (số lượng × đơn giá) vượt quá giới hạn 100.000.000.000 ₫.";
                total = checked(total + lineValue);
            }
            catch (OverflowException) { overflow = true; }
        }
        if (overflow || (errors.Count == 0 && total > MaxAmountVnd)) errors[nameof(input.GoodsLines)] = "Tổng giá trị hiện vật vượt quá giới hạn 100.000.000.000 ₫.";
        if (errors.Count == 0)
        {
            var description = GoodsDescription(lines.Select(l => (l.Quantity!.Value, l.Unit!.Trim(), l.Item!.Trim())));
            if (description.Length > MaxPublicDescriptionLength)
                errors[nameof(input.GoodsLines)] = $"Mô tả công khai của hàng hiện vật dài {description.Length} ký tự, tối đa {MaxPublicDescriptionLength}; vui lòng viết ngắn tên hàng hoặc lập thêm phiếu.";
        }
        return errors.Count == 0 ? total : 0;
    }

    /// <summary>The public line of an in-kind gift on the statement: "Hiện vật: 300 cái Áo khoác, 20 thùng Sữa".</summary>
    public static string GoodsDescription(IEnumerable<(int Quantity, string Unit, string Item)> lines) =>
        "Hiện vật: " + string.Join(", ", lines.Select(l => $"{l.Quantity.ToString("#,0", VietnameseFormat.Culture)} {l.Unit} {l.Item}"));

    /// <summary>A goods row the person left empty (the form always offers a few).</summary>
    public static bool IsBlank(GoodsLineInput l) =>
        string.IsNullOrWhiteSpace(l.Item) && l.Quantity is null && string.IsNullOrWhiteSpace(l.Unit) && l.UnitValueVnd is null;
}
