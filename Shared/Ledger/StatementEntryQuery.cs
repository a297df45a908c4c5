using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Ledger;

/// <summary>
/// The public statement lines of one receipt number: the receipt and, if it was cancelled, its reversal (which
/// carries the same number). This is what a printed receipt's QR code opens, so its address never changes.
/// </summary>
public class StatementEntryQuery(PublicDbContext db)
{
    public async Task<IReadOnlyList<StatementLine>> LinesAsync(string receiptNumber, CancellationToken ct = default)
    {
        var number = receiptNumber.Trim();
        var rows = await db.LedgerEntries.AsNoTracking().Where(e => e.ReceiptNumber == number).OrderBy(e => e.Sequence).ToListAsync(ct);
        var ids = rows.Where(r => r.CampaignId != null).Select(r => r.CampaignId!.Value).Distinct().ToList();
        var campaigns = ids.Count == 0
            ? []
            : await db.Campaigns.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new Campaigns.CampaignName(c.Id, c.Slug, c.Title, c.TitleEn)).ToDictionaryAsync(c => c.Id, ct);
        return rows.Select(e => StatementQuery.ToLine(e, campaigns)).ToList();
    }
}

/// <summary>Public addresses on PublicSite that other parts (the printed receipt's QR code) link to.</summary>
public static class PublicStatementLinks
{
    /// <summary>The path of one receipt's statement lines, e.g. /sao-ke/2026-000123.</summary>
    public static string EntryPath(string receiptNumber) => "/sao-ke/" + Uri.EscapeDataString(receiptNumber);

    public static string EntryUrl(string baseUrl, string receiptNumber) => baseUrl.TrimEnd('/') + EntryPath(receiptNumber);
}
