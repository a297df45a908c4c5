using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChildAid.Shared.Ledger;

/// <summary>
/// The exact text an entry's hash is computed over (documented in README.md, "Verifying the public statement").
/// Each entry is hashed in the format version it was written in (<see cref="LedgerEntry.FormatVersion"/>):
/// <list type="bullet">
/// <item>v1 (first entries): fifteen lines, the donor's name itself hashed; text escapes only <c>\</c>, LF, CR.</item>
/// <item>v2 (every new entry): twenty-one lines, every kind's fields, the donor's name replaced by its salted
/// commitment (so it can be erased), every control character escaped by one rule (<see cref="EscapeV2"/>); plus a
/// <c>documents</c> line before <c>previous_hash</c> only when the entry carries document hashes (<see cref="LedgerDocuments"/>).</item>
/// </list>
/// Lines are joined by a single LF, no trailing LF, UTF-8; empty value for null. The hash is lower-case hex SHA-256.
/// </summary>
public static class LedgerCanonicalForm
{
    public const string Version = "childaid-ledger-v1";
    public const string VersionV2 = "childaid-ledger-v2";
    public const int CurrentVersion = 2;
    public static readonly string GenesisHash = new('0', 64);

    public static bool IsKnownVersion(int version) => version is 1 or 2;

    /// <summary>The kinds a version may carry: v1 knew receipts and reversals only.</summary>
    public static bool IsKnownKind(int version, LedgerEntryKind kind) => version switch
    {
        1 => kind is LedgerEntryKind.Receipt or LedgerEntryKind.Reversal,
        2 => kind is >= LedgerEntryKind.Receipt and <= LedgerEntryKind.Distribution,
        _ => false,
    };

    public static string Build(LedgerEntry e) => e.FormatVersion switch
    {
        1 => BuildV1(e),
        2 => BuildV2(e),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.FormatVersion, "Unknown ledger format version."),
    };

    private static string BuildV1(LedgerEntry e)
    {
        var sb = new StringBuilder(512);
        sb.Append(Version);
        Line(sb, "sequence", e.Sequence.ToString(CultureInfo.InvariantCulture));
        Line(sb, "recorded_at", FormatInstant(e.RecordedAt));
        Line(sb, "value_date", e.ValueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line(sb, "kind", KindName(e.Kind));
        Line(sb, "amount_vnd", e.AmountVnd.ToString(CultureInfo.InvariantCulture));
        Line(sb, "currency", e.Currency ?? "");
        Line(sb, "original_amount", FormatDecimal(e.OriginalAmount));
        Line(sb, "exchange_rate", FormatDecimal(e.ExchangeRate));
        Line(sb, "campaign_id", e.CampaignId?.ToString(CultureInfo.InvariantCulture) ?? "");
        Line(sb, "receipt_number", EscapeV1(e.ReceiptNumber));
        Line(sb, "description", EscapeV1(e.Description));
        Line(sb, "donor_display", EscapeV1(e.DonorDisplay));
        Line(sb, "reverses_sequence", e.ReversesSequence?.ToString(CultureInfo.InvariantCulture) ?? "");
        Line(sb, "previous_hash", e.PreviousHash);
        return sb.ToString();
    }

    private static string BuildV2(LedgerEntry e)
    {
        var sb = new StringBuilder(640);
        sb.Append(VersionV2);
        Line(sb, "sequence", e.Sequence.ToString(CultureInfo.InvariantCulture));
        Line(sb, "recorded_at", FormatInstant(e.RecordedAt));
        Line(sb, "value_date", e.ValueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line(sb, "kind", KindName(e.Kind));
        Line(sb, "amount_vnd", e.AmountVnd.ToString(CultureInfo.InvariantCulture));
        Line(sb, "currency", EscapeV2(e.Currency));
        Line(sb, "original_amount", FormatDecimal(e.OriginalAmount));
        Line(sb, "exchange_rate", FormatDecimal(e.ExchangeRate));
        Line(sb, "campaign_id", e.CampaignId?.ToString(CultureInfo.InvariantCulture) ?? "");
        Line(sb, "receipt_number", EscapeV2(e.ReceiptNumber));
        Line(sb, "description", EscapeV2(e.Description));
        Line(sb, "donor_commitment", EscapeV2(e.DonorCommitment));
        Line(sb, "reverses_sequence", e.ReversesSequence?.ToString(CultureInfo.InvariantCulture) ?? "");
        Line(sb, "unit_code", EscapeV2(e.UnitCode));
        Line(sb, "item", EscapeV2(e.Item));
        Line(sb, "quantity", FormatDecimal(e.Quantity));
        Line(sb, "unit_of_measure", EscapeV2(e.UnitOfMeasure));
        Line(sb, "need_reference", EscapeV2(e.NeedReference));
        Line(sb, "source_sequence", e.SourceSequence?.ToString(CultureInfo.InvariantCulture) ?? "");
        // Optional, and only when present: an entry without documents keeps the twenty-one lines it always had.
        if (!string.IsNullOrEmpty(e.Documents)) Line(sb, "documents", e.Documents);
        Line(sb, "previous_hash", e.PreviousHash);
        return sb.ToString();
    }

    public static string ComputeHash(LedgerEntry e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Build(e))));

    public static string KindName(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Receipt => "receipt",
        LedgerEntryKind.Reversal => "reversal",
        LedgerEntryKind.Allocation => "allocation",
        LedgerEntryKind.Expense => "expense",
        LedgerEntryKind.StockMovement => "stock_movement",
        LedgerEntryKind.Distribution => "distribution",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A kind this code does not know reads as <see cref="LedgerEntryKind.Unknown"/>, for the verifier to report.</summary>
    public static LedgerEntryKind ParseKind(string? name) => name switch
    {
        "receipt" => LedgerEntryKind.Receipt,
        "reversal" => LedgerEntryKind.Reversal,
        "allocation" => LedgerEntryKind.Allocation,
        "expense" => LedgerEntryKind.Expense,
        "stock_movement" => LedgerEntryKind.StockMovement,
        "distribution" => LedgerEntryKind.Distribution,
        _ => LedgerEntryKind.Unknown,
    };

    /// <summary>UTC with exactly six decimals: PostgreSQL keeps microseconds, so that is all the hash may rely on.</summary>
    public static string FormatInstant(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTime TruncateToMicroseconds(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    /// <summary>Invariant, no trailing zeros, no exponent: 100.50 → "100.5", 25400.000000 → "25400".</summary>
    public static string FormatDecimal(decimal? value) =>
        value?.ToString("0.############################", CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder sb, string name, string value) =>
        sb.Append('\n').Append(name).Append('=').Append(value);

    /// <summary>v1 text rule, kept as it was so v1 entries keep verifying: NFC, then <c>\</c>, LF and CR escaped.</summary>
    private static string EscapeV1(string? value) =>
        (value ?? "").Normalize(NormalizationForm.FormC)
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal);

    /// <summary>
    /// v2 text rule, one for every control character: NFC, then <c>\</c> → <c>\\</c>, and every C0 control
    /// (U+0000–U+001F), DEL and C1 control (U+007F–U+009F), U+2028 and U+2029 → <c>\uXXXX</c> with four
    /// upper-case hex digits (LF is <c>\u000A</c>, TAB <c>\u0009</c>). Every other character is written as itself.
    /// </summary>
    public static string EscapeV2(string? value)
    {
        var text = (value ?? "").Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c == '\\') sb.Append(@"\\");
            else if (NeedsEscapeV2(c)) sb.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool NeedsEscapeV2(char c) => c <= '\u001F' || c is >= '\u007F' and <= '\u009F' || c is '\u2028' or '\u2029';
}
