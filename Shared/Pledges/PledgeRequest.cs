using System.Net.Mail;
using ChildAid.Shared.Donors;

namespace ChildAid.Shared.Pledges;

/// <summary>
/// A pledge as the public API and the form send it (the issue's JSON: campaign, amount, currency, display, message,
/// donor). <see cref="Validate"/> answers per field, in Vietnamese, keyed by the JSON path ("donor.email").
/// </summary>
public sealed partial class PledgeRequest
{
    public string? Campaign { get; set; }
    /// <summary>The need line the gift is for, when the donor came from the needs list (<c>PublicNeedReference</c>).</summary>
    public string? NeedReference { get; set; }
    /// <summary>In <see cref="Currency"/>: whole đồng, or dollars/euros with at most two decimals.</summary>
    public decimal Amount { get; set; }
    /// <summary>VND; USD or EUR for a donor abroad paying by card, at the configured rate (<see cref="UseRates"/>).</summary>
    public string Currency { get; set; } = "VND";

    public static readonly string[] Currencies = ["VND", "USD", "EUR"];

    /// <summary>Đồng per unit of a foreign <see cref="Currency"/>, from the site's table (<see cref="UseRates"/>), never from the client.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public decimal? ExchangeRate { get; private set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string CurrencyCode => (Currency ?? "").Trim().ToUpperInvariant();

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsForeign => CurrencyCode is "USD" or "EUR";

    /// <summary>Takes the rate of a USD/EUR pledge from the configured table (before <see cref="Validate"/>).</summary>
    public void UseRates(Payments.PaymentOptions payments) => ExchangeRate = IsForeign ? payments.RateOf(CurrencyCode) : null;

    /// <summary>The pledge in đồng: the amount itself, or a USD/EUR amount at the recorded rate, to the nearest đồng.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long AmountVnd
    {
        get
        {
            if (Amount <= 0) return 0;
            if (Amount > MaxAmountVnd) return MaxAmountVnd + 1;
            var vnd = IsForeign ? decimal.Round(Amount * (ExchangeRate ?? 0), 0, MidpointRounding.AwayFromZero) : decimal.Truncate(Amount);
            return vnd > MaxAmountVnd ? MaxAmountVnd + 1 : (long)vnd;
        }
    }
    /// <summary>name-amount | name-amount-message | name-only | anonymous</summary>
    public string Display { get; set; } = "name-amount";
    public string? Message { get; set; }
    public PledgeDonor Donor { get; set; } = new();
    public bool Abroad { get; set; }
    /// <summary>transfer | card</summary>
    public string Channel { get; set; } = "transfer";
    public bool FollowCampaign { get; set; }

    public const long MaxAmountVnd = 100_000_000_000;

    /// <summary>A business's goods and no money (amount 0 with goods lines): a goods-only pledge, delivered rather than paid.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsGoodsOnly => Amount == 0 && InKind is { Count: > 0 } && Donor.Kind?.Trim().ToLowerInvariant() == "business";

    public static DisplayChoice? ParseDisplay(string? display) => display?.Trim().ToLowerInvariant() switch
    {
        "name-amount-message" => DisplayChoice.NameAmountMessage,
        "name-amount" => DisplayChoice.NameAmount,
        "name-only" => DisplayChoice.NameOnly,
        "anonymous" => DisplayChoice.Anonymous,
        _ => null,
    };

    /// <param name="today">Vietnam's date: instalments may not fall due before it (null: not checked).</param>
    public Dictionary<string, string[]> Validate(DateOnly? today = null)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(Campaign)) Add("campaign", "Vui lòng chọn chiến dịch bạn muốn ủng hộ.");
        if (NeedReference is { Length: > PublicNeeds.PublicNeedReference.MaxLength }) Add("needReference", "Mã nhu cầu không đúng.");
        if (!Currencies.Contains(CurrencyCode)) Add("currency", "Loại tiền là VND, USD hoặc EUR.");
        else if (IsForeign && (Channel != "card" || !Abroad)) Add("currency", "Ủng hộ bằng USD hoặc EUR dành cho người ở nước ngoài, thanh toán bằng thẻ.");
        else if (IsForeign && ExchangeRate is null) Add("currency", "Hiện chưa nhận ủng hộ bằng loại tiền này; vui lòng chọn VND.");
        if (IsGoodsOnly)
        {
            // A business pledging goods alone: nothing to pay, so no card, no foreign currency, no instalments.
            if (Channel == "card") Add("channel", "Cam kết chỉ có hiện vật không thanh toán bằng thẻ; chọn chuyển khoản hoặc nhập số tiền.");
        }
        else if (Amount <= 0) Add("amount", InKind is { Count: > 0 }
            ? "Vui lòng nhập số tiền lớn hơn 0 ₫, hoặc để 0 nếu doanh nghiệp chỉ ủng hộ hiện vật."
            : "Vui lòng nhập số tiền lớn hơn 0 ₫.");
        else if (!IsForeign && Amount != decimal.Truncate(Amount)) Add("amount", "Số tiền đồng là số nguyên.");
        else if (IsForeign && Text.NumberInput.SignificantDecimals(Amount) > 2) Add("amount", "Số tiền có nhiều nhất 2 chữ số thập phân.");
        else if (AmountVnd > MaxAmountVnd) Add("amount", "Số tiền quá lớn; xin liên hệ Ban vận động.");
        if (ParseDisplay(Display) is null) Add("display", "Vui lòng chọn cách hiển thị tên: tên và số tiền, tên, số tiền và lời nhắn, chỉ tên, hoặc ẩn danh.");
        if (Message is { Length: > PledgeIntake.MaxMessageLength }) Add("message", $"Lời nhắn tối đa {PledgeIntake.MaxMessageLength} ký tự.");
        if (Channel is not ("transfer" or "card")) Add("channel", "Cách thanh toán là chuyển khoản (transfer) hoặc thẻ (card).");

        var kind = Donor.Kind?.Trim().ToLowerInvariant();
        if (kind is not ("individual" or "business")) Add("donor.kind", "Vui lòng chọn cá nhân hoặc doanh nghiệp.");
        if (string.IsNullOrWhiteSpace(Donor.Name) && ParseDisplay(Display) != DisplayChoice.Anonymous)
            Add("donor.name", "Vui lòng nhập họ tên (hoặc chọn ẩn danh).");
        else if (Donor.Name is { Length: > 200 }) Add("donor.name", "Họ tên tối đa 200 ký tự.");
        if (string.IsNullOrWhiteSpace(Donor.Email) && string.IsNullOrWhiteSpace(Donor.Phone))
            Add("donor.email", "Vui lòng nhập e-mail hoặc số điện thoại để nhận phiếu thu.");
        if (!string.IsNullOrWhiteSpace(Donor.Email) && !IsEmail(Donor.Email)) Add("donor.email", "E-mail chưa đúng, ví dụ: ten@example.com.");
        if (!string.IsNullOrWhiteSpace(Donor.Phone) && !IsPhone(Donor.Phone)) Add("donor.phone", "Số điện thoại chưa đúng, ví dụ: 0912 345 678 hoặc +84 912 345 678.");
        if (kind == "business")
        {
            if (string.IsNullOrWhiteSpace(Donor.Name)) Add("donor.name", "Vui lòng nhập tên doanh nghiệp.");
            if (!string.IsNullOrWhiteSpace(Donor.TaxCode) && !IsTaxCode(Donor.TaxCode)) Add("donor.taxCode", "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, gạch ngang và 3 chữ số.");
        }
        if (Donor.Address is { Length: > 300 }) Add("donor.address", "Địa chỉ tối đa 300 ký tự.");
        ValidateExtras(kind == "business", today, Add);
        return errors;
    }

    /// <summary>The row PublicSite inserts (validate first).</summary>
    public PledgeIntake ToIntake(string? idempotencyKey, DateTime receivedAt)
    {
        var display = ParseDisplay(Display) ?? DisplayChoice.Anonymous;
        return new PledgeIntake
        {
            Id = Guid.NewGuid(),
            Reference = PledgeReference.New(),
            IdempotencyKeyHash = string.IsNullOrEmpty(idempotencyKey) ? null : PledgeIntake.HashIdempotencyKey(idempotencyKey),
            CampaignSlug = Campaign?.Trim(),
            NeedReference = Blank(NeedReference),
            AmountVnd = AmountVnd,
            Currency = IsForeign ? CurrencyCode : "VND",
            OriginalAmount = IsForeign ? Amount : null,
            ExchangeRate = IsForeign ? ExchangeRate : null,
            Display = display,
            Message = string.IsNullOrWhiteSpace(Message) ? null : Message.Trim(),
            DonorKind = Donor.Kind?.Trim().ToLowerInvariant() == "business" ? DonorKind.Business : DonorKind.Person,
            DonorName = Donor.Name?.Trim() ?? "",
            DonorEmail = Blank(Donor.Email),
            DonorPhone = Blank(Donor.Phone),
            DonorTaxCode = Blank(Donor.TaxCode),
            DonorAddress = Blank(Donor.Address),
            Origin = Abroad ? DonorOrigin.Foreign : DonorOrigin.Domestic,
            Channel = Channel == "card" ? PaymentChannel.Card : PaymentChannel.Transfer,
            FollowCampaign = FollowCampaign,
            InstalmentsJson = InstalmentsAsJson(),
            InKindLinesJson = InKindAsJson(),
            ReceivedAt = receivedAt,
        };
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool IsEmail(string email) =>
        email.Length <= 254 && MailAddress.TryCreate(email.Trim(), out var a) && a.Address == email.Trim() && a.Host.Contains('.', StringComparison.Ordinal);

    private static bool IsPhone(string phone)
    {
        var digits = phone.Where(char.IsAsciiDigit).Count();
        return digits is >= 9 and <= 15 && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '.' or '-' or '(' or ')');
    }

    private static bool IsTaxCode(string code) =>
        System.Text.RegularExpressions.Regex.IsMatch(code.Trim(), @"^\d{10}(-\d{3})?$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
}

public sealed class PledgeDonor
{
    /// <summary>individual | business</summary>
    public string? Kind { get; set; } = "individual";
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? TaxCode { get; set; }
    public string? Address { get; set; }
}
