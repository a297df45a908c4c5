using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChildAid.Shared.Ledger;

/// <summary>
/// The exact text an entry's hash is computed over (documented in README.md, "Verifying the public statement").
/// Fifteen lines joined by a single LF, no trailing LF, UTF-8:
/// <c>childaid-ledger-v1</c>, then <c>name=value</c> for sequence, recorded_at, value_date, kind, amount_vnd,
/// currency, original_amount, exchange_rate, campaign_id, receipt_number, description, donor_display,
/// reverses_sequence, previous_hash. Empty value for null. Text values are NFC and escape <c>\</c>, LF and CR
/// as <c>\\</c>, <c>\n</c>, <c>\r</c>. The hash is lower-case hex SHA-256.
/// </summary>
public static class LedgerCanonicalForm
{
    public const string Version = "childaid-ledger-v1";
    public static readonly string GenesisHash = new('0', 64);

    public static string Build(LedgerEntry e)
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
        Line(sb, "receipt_number", Escape(e.ReceiptNumber));
        Line(sb, "description", Escape(e.Description));
        Line(sb, "donor_display", Escape(e.DonorDisplay));
        Line(sb, "reverses_sequence", e.ReversesSequence?.ToString(CultureInfo.InvariantCulture) ?? "");
        Line(sb, "previous_hash", e.PreviousHash);
        return sb.ToString();
    }

    public static string ComputeHash(LedgerEntry e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Build(e))));

    public static string KindName(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Receipt => "receipt",
        LedgerEntryKind.Reversal => "reversal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static LedgerEntryKind ParseKind(string name) => name switch
    {
        "receipt" => LedgerEntryKind.Receipt,
        "reversal" => LedgerEntryKind.Reversal,
        _ => throw new FormatException($"Unknown ledger entry kind '{name}'."),
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

    private static string Escape(string? value) =>
        (value ?? "").Normalize(NormalizationForm.FormC)
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal);
}
