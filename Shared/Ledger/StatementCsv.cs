using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChildAid.Shared.Ledger;

/// <summary>
/// The public statement as CSV (RFC 4180, UTF-8): every field of the canonical form plus the hash, so anyone can
/// re-verify the chain from the download alone. Written row by row; never held in memory whole.
/// </summary>
public static class StatementCsv
{
    public static readonly string[] Header =
    [
        "sequence", "recorded_at", "value_date", "kind", "amount_vnd", "currency", "original_amount", "exchange_rate",
        "campaign_id", "receipt_number", "description", "donor_display", "reverses_sequence", "previous_hash", "hash",
    ];

    private static CsvConfiguration Config => new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<LedgerEntry> entries, CancellationToken ct = default)
    {
        await using var csv = new CsvWriter(writer, Config, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        await csv.NextRecordAsync();
        var n = 0;
        await foreach (var e in entries.WithCancellation(ct))
        {
            csv.WriteField(e.Sequence.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(LedgerCanonicalForm.FormatInstant(e.RecordedAt));
            csv.WriteField(e.ValueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(LedgerCanonicalForm.KindName(e.Kind));
            csv.WriteField(e.AmountVnd.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(e.Currency ?? "");
            csv.WriteField(LedgerCanonicalForm.FormatDecimal(e.OriginalAmount));
            csv.WriteField(LedgerCanonicalForm.FormatDecimal(e.ExchangeRate));
            csv.WriteField(e.CampaignId?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(e.ReceiptNumber ?? "");
            csv.WriteField(e.Description);
            csv.WriteField(e.DonorDisplay);
            csv.WriteField(e.ReversesSequence?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(e.PreviousHash.Trim());
            csv.WriteField(e.Hash.Trim());
            await csv.NextRecordAsync();
            if (++n % 500 == 0) await csv.FlushAsync();
        }
        await csv.FlushAsync();
    }

    public static async IAsyncEnumerable<LedgerEntry> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var csv = new CsvReader(reader, Config);
        await csv.ReadAsync();
        csv.ReadHeader();
        while (await csv.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            yield return new LedgerEntry
            {
                Sequence = long.Parse(csv.GetField("sequence")!, CultureInfo.InvariantCulture),
                RecordedAt = DateTime.ParseExact(csv.GetField("recorded_at")!, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                ValueDate = DateOnly.ParseExact(csv.GetField("value_date")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Kind = LedgerCanonicalForm.ParseKind(csv.GetField("kind")!),
                AmountVnd = long.Parse(csv.GetField("amount_vnd")!, CultureInfo.InvariantCulture),
                Currency = Empty(csv.GetField("currency")),
                OriginalAmount = Empty(csv.GetField("original_amount")) is { } oa ? decimal.Parse(oa, CultureInfo.InvariantCulture) : null,
                ExchangeRate = Empty(csv.GetField("exchange_rate")) is { } r ? decimal.Parse(r, CultureInfo.InvariantCulture) : null,
                CampaignId = Empty(csv.GetField("campaign_id")) is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : null,
                ReceiptNumber = Empty(csv.GetField("receipt_number")),
                Description = csv.GetField("description") ?? "",
                DonorDisplay = csv.GetField("donor_display") ?? "",
                ReversesSequence = Empty(csv.GetField("reverses_sequence")) is { } rs ? long.Parse(rs, CultureInfo.InvariantCulture) : null,
                PreviousHash = csv.GetField("previous_hash") ?? "",
                Hash = csv.GetField("hash") ?? "",
            };
        }
    }

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
