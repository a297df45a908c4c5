using ChildAid.Shared.AdminUnits;

namespace ChildAid.Shared.Donors;

public enum DonorKind { Person = 1, Business = 2, Organisation = 3, Fund = 4 }

public enum DonorOrigin { Domestic = 1, Foreign = 2 }

/// <summary>
/// What the donor lets the public see. The statement always shows every amount; the choice decides whose name stands beside it.
/// Ordered from most shown to least: a larger value is more private (the pledge intake relies on it).
/// </summary>
public enum DisplayChoice
{
    NameAmountMessage = 1,
    NameAmount = 2,
    NameOnly = 3,
    Anonymous = 4,
}

/// <summary>A donor and their contact details: personal data, BackOffice only.</summary>
public class Donor : Security.IUnitOwned
{
    public int Id { get; set; }
    /// <summary>An opaque key the public projections use to group gifts without naming the donor.</summary>
    public Guid PublicKey { get; set; } = Guid.NewGuid();
    public DonorKind Kind { get; set; }
    public DonorOrigin Origin { get; set; }
    public required string Name { get; set; }
    /// <summary>Folded name, email and phone, for diacritic-insensitive search.</summary>
    public string SearchText { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? TaxCode { get; set; }
    public string? Country { get; set; }
    public DisplayChoice DisplayChoice { get; set; }
    /// <summary>The unit that registered the donor; staff see donors of the units they cover.</summary>
    public int AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool IsDemo { get; set; }

    public void RefreshSearchText() =>
        SearchText = Text.TextFolding.Fold($"{Name} {Email} {Phone} {TaxCode}");
}
