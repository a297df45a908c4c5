using ChildAid.Shared.Pledges;
using ChildAid.Shared.Text;

namespace ChildAid.PublicSite.Giving;

/// <summary>
/// What the pledge form posts (<c>/ung-ho</c>), as the donor typed it. <see cref="ToRequest"/> turns it into the API's
/// <see cref="PledgeRequest"/>, so the form and the API share one set of rules and messages; <see cref="FieldOf"/> puts
/// each message next to the field it is about.
/// </summary>
public sealed partial class PledgeForm
{
    /// <summary>The big buttons: round sums a phone user taps instead of typing.</summary>
    public static readonly long[] SuggestedAmounts = [100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000];

    /// <summary>As the API's Idempotency-Key.</summary>
    public const int MaxKeyLength = Api.PledgesApi.MaxIdempotencyKeyLength;

    public string? Campaign { get; set; }
    /// <summary>The need line (<see cref="Shared.PublicNeeds.PublicNeedReference"/>) when the donor came from the needs list.</summary>
    public string? Need { get; set; }
    /// <summary>One of <see cref="SuggestedAmounts"/>, chosen with a button.</summary>
    public long? Suggested { get; set; }
    /// <summary>Typed by the donor ("1.234.567"); wins over a suggested amount.</summary>
    public string? Amount { get; set; }
    /// <summary>VND, or USD/EUR for a donor abroad paying by card.</summary>
    public string Currency { get; set; } = "VND";
    public string Display { get; set; } = "name-amount";
    public string? Name { get; set; }
    public string? Message { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string Kind { get; set; } = "individual";
    public string? TaxCode { get; set; }
    public string? Address { get; set; }
    public bool Abroad { get; set; }
    public bool Follow { get; set; }
    public string Channel { get; set; } = "transfer";
    /// <summary>Made when the form is shown and posted back: a double click or a resubmit is the same pledge.</summary>
    public string? Key { get; set; }
    /// <summary>The honeypot: hidden from people, filled in by bots.</summary>
    public string? Website { get; set; }

    /// <summary>Goods and instalment rows the form shows (blank ones are ignored).</summary>
    public const int InKindRowsShown = 3;
    public const int InstalmentRowsShown = 4;

    public List<InKindRow> InKind { get; set; } = [];
    public List<InstalmentRow> Instalments { get; set; } = [];

    // Which form row each request row came from: blank rows are left out, so the request's [1] may be the form's row 2.
    private List<int> _inKindRows = [];
    private List<int> _instalmentRows = [];

    public bool IsBusiness => Kind == "business";

    /// <summary>Empty rows up to the number shown, so the page always has places to type.</summary>
    public void PadRows()
    {
        while (InKind.Count < InKindRowsShown) InKind.Add(new InKindRow());
        while (Instalments.Count < InstalmentRowsShown) Instalments.Add(new InstalmentRow());
    }

    public bool IsForeignCurrency => Currency is "USD" or "EUR";

    /// <summary>
    /// The typed amount when there is one (đồng: 1.234.567; dollars or euros: 25,50), else the chosen button (đồng only);
    /// null when the typed text cannot be read.
    /// </summary>
    public decimal? ParsedAmount => IsForeignCurrency
        ? string.IsNullOrWhiteSpace(Amount) ? 0 : NumberInput.ParseDecimal(Amount).Value
        : string.IsNullOrWhiteSpace(Amount) ? Suggested ?? 0 : NumberInput.ParseWhole(Amount);

    public PledgeRequest ToRequest()
    {
        // The goods and instalments are a business's; an individual's hidden rows are not sent on.
        var goods = IsBusiness ? InKind.Select((row, i) => (row, i)).Where(x => !x.row.IsBlank).ToList() : [];
        var instalments = IsBusiness ? Instalments.Select((row, i) => (row, i)).Where(x => !x.row.IsBlank).ToList() : [];
        _inKindRows = goods.Select(x => x.i).ToList();
        _instalmentRows = instalments.Select(x => x.i).ToList();
        var request = Request();
        request.InKind = goods.Count == 0 ? null : goods.Select(x => x.row.ToLine()).ToList();
        request.Instalments = instalments.Count == 0 ? null : instalments.Select(x => x.row.ToInstalment()).ToList();
        return request;
    }

    private PledgeRequest Request() => new()
    {
        Campaign = Campaign,
        NeedReference = string.IsNullOrWhiteSpace(Need) ? null : Need.Trim(),
        Amount = ParsedAmount ?? 0,
        Currency = Currency,
        Display = Display,
        Message = Message,
        Abroad = Abroad,
        Channel = Channel,
        FollowCampaign = Follow,
        Donor = new PledgeDonor
        {
            Kind = Kind, Name = Name, Email = Email, Phone = Phone,
            // Tax code and address belong to a business receipt; an individual's hidden fields are not sent on.
            TaxCode = IsBusiness ? TaxCode : null, Address = IsBusiness ? Address : null,
        },
    };

    /// <summary>The form field a <see cref="PledgeRequest.Validate"/> key is about ("instalments[0].due" → "Instalments2Due" when row 2 was the first filled in).</summary>
    public string FieldOf(string key)
    {
        var row = RowKey().Match(key);
        if (!row.Success) return FieldOfDonor(key);
        var goods = row.Groups[1].Value == "inKind";
        var index = int.Parse(row.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        var rows = goods ? _inKindRows : _instalmentRows;
        var formRow = index < rows.Count ? rows[index] : index;
        return (goods ? "InKind" : "Instalments") + formRow.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + char.ToUpperInvariant(row.Groups[3].Value[0]) + row.Groups[3].Value[1..];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(inKind|instalments)\[(\d{1,3})\]\.([a-zA-Z]+)$")]
    private static partial System.Text.RegularExpressions.Regex RowKey();

    private static string FieldOfDonor(string key) => key switch
    {
        "inKind" => nameof(InKind),
        "instalments" => nameof(Instalments),
        "campaign" => nameof(Campaign),
        "amount" => nameof(Amount),
        "currency" => nameof(Currency),
        "display" => nameof(Display),
        "message" => nameof(Message),
        "channel" => nameof(Channel),
        "donor.kind" => nameof(Kind),
        "donor.name" => nameof(Name),
        "donor.email" => nameof(Email),
        "donor.phone" => nameof(Phone),
        "donor.taxCode" => nameof(TaxCode),
        "donor.address" => nameof(Address),
        _ => key,
    };

    /// <summary>Display choices in the order the form lists them, the default first.</summary>
    public static readonly (string Value, string Label)[] DisplayChoices =
    [
        ("name-amount", "Hiện tên và số tiền"),
        ("name-amount-message", "Hiện tên, số tiền và lời nhắn"),
        ("name-only", "Chỉ hiện tên, không hiện số tiền"),
        ("anonymous", "Ẩn danh (không hiện tên)"),
    ];
}
