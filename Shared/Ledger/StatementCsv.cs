using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChildAid.Shared.Ledger;

/// <summary>
/// The public statement as CSV (RFC 4180, UTF-8): every field of the canonical form plus the hash, so anyone can
/// re-verify the chain from the download alone. Written row by row; never held in memory whole.
/// The v1 columns come first, as they always did; the columns v2 added follow <c>hash</c>. A v2 entry's name is
/// published with its salt beside its commitment; an erased name leaves both empty and the commitment in place.
/// </summary>
public static class StatementCsv
{
    public static readonly string[] Header =
    [
        "sequence", "recorded_at", "value_date", "kind", "amount_vnd", "currency", "original_amount", "exchange_rate",
        "campaign_id", "receipt_number", "description", "donor_display", "reverses_sequence", "previous_hash", "hash",
        "format_version", "donor_salt", "donor_commitment", "unit_code", "item", "quantity", "unit_of_measure", "need_reference", "source_sequence",
        "documents",
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
            csv.WriteField(e.DonorDisplay ?? "");
            csv.WriteField(e.ReversesSequence?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(e.PreviousHash.Trim());
            csv.WriteField(e.Hash.Trim());
            csv.WriteField(e.FormatVersion.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(e.DonorSalt ?? "");
            csv.WriteField(e.DonorCommitment?.Trim() ?? "");
            csv.WriteField(e.UnitCode ?? "");
            csv.WriteField(e.Item ?? "");
            csv.WriteField(LedgerCanonicalForm.FormatDecimal(e.Quantity));
            csv.WriteField(e.UnitOfMeasure ?? "");
            csv.WriteField(e.NeedReference ?? "");
            csv.WriteField(e.SourceSequence?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(e.Documents ?? "");
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
        // A file downloaded before v2 has no format_version column: all its entries are v1.
        var hasV2Columns = csv.HeaderRecord!.Contains("format_version");
        // A file downloaded before document hashes has no documents column: none of its entries has any.
        var hasDocuments = csv.HeaderRecord!.Contains("documents");
        while (await csv.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            string? V2(string name) => hasV2Columns ? Empty(csv.GetField(name)) : null;
            var commitment = V2("donor_commitment");
            var name = csv.GetField("donor_display") ?? "";
            yield return new LedgerEntry
            {
                FormatVersion = V2("format_version") is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : 1,
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
                // An erased name: no name, no salt, the commitment kept.
                DonorDisplay = name.Length == 0 && commitment is not null ? null : name,
                DonorSalt = V2("donor_salt"),
                DonorCommitment = commitment,
                UnitCode = V2("unit_code"),
                Item = V2("item"),
                Quantity = V2("quantity") is { } q ? decimal.Parse(q, CultureInfo.InvariantCulture) : null,
                UnitOfMeasure = V2("unit_of_measure"),
                NeedReference = V2("need_reference"),
                SourceSequence = V2("source_sequence") is { } ss ? long.Parse(ss, CultureInfo.InvariantCulture) : null,
                Documents = hasDocuments ? Empty(csv.GetField("documents")) : null,
                ReversesSequence = Empty(csv.GetField("reverses_sequence")) is { } rs ? long.Parse(rs, CultureInfo.InvariantCulture) : null,
                PreviousHash = csv.GetField("previous_hash") ?? "",
                Hash = csv.GetField("hash") ?? "",
            };
        }
    }

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
