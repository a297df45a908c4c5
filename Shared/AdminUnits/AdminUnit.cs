namespace ChildAid.Shared.AdminUnits;

public enum AdminUnitLevel { Province = 1, District = 2, Commune = 3, Village = 4 }

/// <summary>
/// An administrative unit as it existed over a period. The same official code can appear in several
/// rows (Ia Tơi 23538 before and after the 2025 merger), so rows are told apart by their validity
/// interval, and records keep the row they were made under.
/// </summary>
public class AdminUnit
{
    public int Id { get; set; }
    public AdminUnitLevel Level { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int? ParentId { get; set; }
    public AdminUnit? Parent { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    /// <summary>The row that carries this unit on after <see cref="ValidTo"/> (a merger or a re-parenting).</summary>
    public int? MergedIntoId { get; set; }
    public AdminUnit? MergedInto { get; set; }
    /// <summary>In a cold highland zone (vùng cao lạnh giá): a priority criterion for needs there.</summary>
    public bool ColdHighland { get; set; }
    /// <summary>The last year a natural disaster (flood, landslide, severe cold) hit this unit: a priority criterion.</summary>
    public int? DisasterYear { get; set; }
    /// <summary>Invented for the demo (villages are not in any source); shown as such.</summary>
    public bool IsDemo { get; set; }

    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);
}
