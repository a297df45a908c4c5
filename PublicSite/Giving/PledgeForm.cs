using ChildAid.Shared.Pledges;
using ChildAid.Shared.Text;

namespace ChildAid.PublicSite.Giving;

/// <summary>
/// What the pledge form posts (<c>/ung-ho</c>), as the donor typed it. <see cref="ToRequest"/> turns it into the API's
/// <see cref="PledgeRequest"/>, so the form and the API share one set of rules and messages; <see cref="FieldOf"/> puts
/// each message next to the field it is about.
/// </summary>
public sealed class PledgeForm
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

    public bool IsBusiness => Kind == "business";

    /// <summary>The typed amount when there is one, else the chosen button; null when the typed text is not a whole number.</summary>
    public long? AmountVnd => string.IsNullOrWhiteSpace(Amount) ? Suggested ?? 0 : NumberInput.ParseWhole(Amount);

    public PledgeRequest ToRequest() => new()
    {
        Campaign = Campaign,
        NeedReference = string.IsNullOrWhiteSpace(Need) ? null : Need.Trim(),
        Amount = AmountVnd ?? 0,
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

    /// <summary>The form field a <see cref="PledgeRequest.Validate"/> key is about.</summary>
    public static string FieldOf(string key) => key switch
    {
        "campaign" => nameof(Campaign),
        "amount" or "currency" => nameof(Amount),
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
