using System.Globalization;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Text;

namespace ChildAid.PublicSite.Giving;

/// <summary>A goods row of the form as typed (the quantity is text until it is read).</summary>
public sealed class InKindRow
{
    public string? Item { get; set; }
    public string? Quantity { get; set; }
    public string? Unit { get; set; }
    public string? SizeBand { get; set; }
    public string? Delivery { get; set; }
    /// <summary>Deliver by, dd/MM/yyyy (or a date picker's yyyy-MM-dd); optional.</summary>
    public string? DeliverBy { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Item) && string.IsNullOrWhiteSpace(Quantity) && string.IsNullOrWhiteSpace(Unit)
        && string.IsNullOrWhiteSpace(SizeBand) && string.IsNullOrWhiteSpace(Delivery) && string.IsNullOrWhiteSpace(DeliverBy);

    public PledgeInKindLineRequest ToLine() => new()
    {
        Item = Item, Quantity = NumberInput.ParseWhole(Quantity) ?? 0, Unit = Unit, SizeBand = SizeBand, Delivery = Delivery,
        DeliverBy = InstalmentRow.ParseDate(DeliverBy),
        DeliverByUnreadable = !string.IsNullOrWhiteSpace(DeliverBy) && InstalmentRow.ParseDate(DeliverBy) is null,
    };
}

/// <summary>An instalment row of the form as typed: due date dd/MM/yyyy (or a date picker's yyyy-MM-dd), amount 1.234.567.</summary>
public sealed class InstalmentRow
{
    public string? Due { get; set; }
    public string? Amount { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Due) && string.IsNullOrWhiteSpace(Amount);

    public PledgeInstalmentRequest ToInstalment() => new() { Due = ParseDate(Due), Amount = NumberInput.ParseWhole(Amount) ?? 0 };

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : null;
}
