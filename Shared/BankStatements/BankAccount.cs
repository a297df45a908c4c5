using System.Text.RegularExpressions;

namespace ChildAid.Shared.BankStatements;

/// <summary>
/// An account gifts are transferred into, whose statements are imported: the short code staff and the CLI name it by
/// (<c>import bank-statement --account VCB-QUY</c>; also the middle of every booking's ExternalId
/// <c>bank:VCB-QUY:…</c>, so it never changes), the bank (name and its 6-digit NAPAS BIN), the account number and
/// holder's name, the unit whose receipts its gifts become, optionally the campaign it collects for (Decree 93 allows
/// one account per campaign), and how to read its statements: a preset or a custom column mapping.
/// </summary>
public partial class BankAccount : Security.IUnitOwned
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string BankName { get; set; }
    public required string Bin { get; set; }
    public required string AccountNumber { get; set; }
    public required string AccountName { get; set; }
    /// <summary>The unit whose receipts this account's gifts become.</summary>
    public int AdminUnitId { get; set; }
    /// <summary>The campaign an unsolicited gift to this account goes to; null: unrestricted.</summary>
    public int? CampaignId { get; set; }
    /// <summary>A <see cref="StatementPreset"/> code, or <see cref="StatementPreset.CustomCode"/> with <see cref="CustomMappingJson"/>.</summary>
    public required string Preset { get; set; }
    public string? CustomMappingJson { get; set; }
    public DateTime CreatedAt { get; set; }

    public const int MaxCodeLength = 20;

    /// <summary>How this account's statements are read.</summary>
    public StatementPreset Mapping() =>
        Preset == StatementPreset.CustomCode && CustomMappingJson is { } json ? StatementPreset.FromJson(json)
        : StatementPreset.Find(Preset) ?? throw new InvalidOperationException($"Unknown statement preset {Preset}.");

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,19}$")]
    public static partial Regex CodePattern();

    [GeneratedRegex("^[0-9]{6}$")]
    public static partial Regex BinPattern();

    [GeneratedRegex("^[0-9A-Za-z]{4,30}$")]
    public static partial Regex AccountNumberPattern();
}
