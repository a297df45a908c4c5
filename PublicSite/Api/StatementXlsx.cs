using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;

namespace ChildAid.PublicSite.Api;

/// <summary>
/// The statement for spreadsheet users: numbers are numbers, dates are dates, and the campaign's name stands beside
/// its id. Every text cell is a plain string cell, never a formula, whatever it starts with (= + - @): a donor's
/// message cannot run in anyone's Excel. For verifying the chain, the CSV is the reference, not this file.
/// </summary>
public static class StatementXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the workbook to a temporary file (a zip needs to seek back), then the caller streams it.</summary>
    public static async Task<FileStream> WriteAsync(PublicDbContext db, IAsyncEnumerable<LedgerEntry> entries, CancellationToken ct)
    {
        var campaigns = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            // MiniExcel enumerates synchronously; the rows still come from the database one by one, off the request thread.
            await Task.Run(() => file.SaveAs(Rows(entries, campaigns, ct), sheetName: "sao-ke"), ct);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static IEnumerable<Row> Rows(IAsyncEnumerable<LedgerEntry> entries, Dictionary<int, string> campaigns, CancellationToken ct)
    {
        foreach (var e in entries.ToBlockingEnumerable(ct))
            yield return new Row
            {
                Sequence = e.Sequence,
                RecordedAtUtc = DateTime.SpecifyKind(e.RecordedAt, DateTimeKind.Utc),
                ValueDate = e.ValueDate.ToDateTime(TimeOnly.MinValue),
                Kind = LedgerCanonicalForm.KindName(e.Kind),
                AmountVnd = e.AmountVnd,
                Currency = e.Currency,
                OriginalAmount = e.OriginalAmount,
                ExchangeRate = e.ExchangeRate,
                CampaignId = e.CampaignId,
                Campaign = e.CampaignId is { } id && campaigns.TryGetValue(id, out var title) ? title : null,
                ReceiptNumber = e.ReceiptNumber,
                Description = e.Description,
                DonorDisplay = e.DonorDisplay ?? "",
                ReversesSequence = e.ReversesSequence,
                PreviousHash = e.PreviousHash.Trim(),
                Hash = e.Hash.Trim(),
                FormatVersion = e.FormatVersion,
                DonorSalt = e.DonorSalt,
                DonorCommitment = e.DonorCommitment,
                UnitCode = e.UnitCode,
                Item = e.Item,
                Quantity = e.Quantity,
                UnitOfMeasure = e.UnitOfMeasure,
                NeedReference = e.NeedReference,
                SourceSequence = e.SourceSequence,
                Documents = e.Documents,
            };
    }

    /// <summary>One row; the column names are the CSV's, plus the campaign's name.</summary>
    public sealed class Row
    {
        [ExcelColumnName("sequence")] public long Sequence { get; init; }
        [ExcelColumnName("recorded_at_utc"), ExcelFormat("yyyy-MM-dd HH:mm:ss"), ExcelColumnWidth(20)] public DateTime RecordedAtUtc { get; init; }
        [ExcelColumnName("value_date"), ExcelFormat("yyyy-MM-dd"), ExcelColumnWidth(12)] public DateTime ValueDate { get; init; }
        [ExcelColumnName("kind")] public string Kind { get; init; } = "";
        [ExcelColumnName("amount_vnd"), ExcelColumnWidth(16)] public long AmountVnd { get; init; }
        [ExcelColumnName("currency")] public string? Currency { get; init; }
        [ExcelColumnName("original_amount")] public decimal? OriginalAmount { get; init; }
        [ExcelColumnName("exchange_rate")] public decimal? ExchangeRate { get; init; }
        [ExcelColumnName("campaign_id")] public int? CampaignId { get; init; }
        [ExcelColumnName("campaign"), ExcelColumnWidth(30)] public string? Campaign { get; init; }
        [ExcelColumnName("receipt_number"), ExcelColumnWidth(14)] public string? ReceiptNumber { get; init; }
        [ExcelColumnName("description"), ExcelColumnWidth(40)] public string Description { get; init; } = "";
        [ExcelColumnName("donor_display"), ExcelColumnWidth(30)] public string DonorDisplay { get; init; } = "";
        [ExcelColumnName("reverses_sequence")] public long? ReversesSequence { get; init; }
        [ExcelColumnName("previous_hash")] public string PreviousHash { get; init; } = "";
        [ExcelColumnName("hash")] public string Hash { get; init; } = "";
        [ExcelColumnName("format_version")] public int FormatVersion { get; init; }
        [ExcelColumnName("donor_salt")] public string? DonorSalt { get; init; }
        [ExcelColumnName("donor_commitment")] public string? DonorCommitment { get; init; }
        [ExcelColumnName("unit_code")] public string? UnitCode { get; init; }
        [ExcelColumnName("item"), ExcelColumnWidth(24)] public string? Item { get; init; }
        [ExcelColumnName("quantity")] public decimal? Quantity { get; init; }
        [ExcelColumnName("unit_of_measure")] public string? UnitOfMeasure { get; init; }
        [ExcelColumnName("need_reference"), ExcelColumnWidth(30)] public string? NeedReference { get; init; }
        [ExcelColumnName("source_sequence")] public long? SourceSequence { get; init; }
        [ExcelColumnName("documents"), ExcelColumnWidth(40)] public string? Documents { get; init; }
    }
}
