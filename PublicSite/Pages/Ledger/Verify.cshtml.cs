using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.PublicSite.Pages.Ledger;

/// <summary>
/// The verified-gift page: the private link on a receipt (and in its mail) that the donor may share, answering
/// inflated screenshot claims with the real amount, date, campaign and receipt number from the public ledger. A token
/// that is not one (guessed, malformed) is a 404; there is no listing.
/// </summary>
public class VerifyModel(PublicDbContext db, StatementEntryQuery entries, ChildAid.Shared.Allocations.GiftTraceQuery traces) : PageModel
{
    /// <summary>Where the gift went (its allocations), from the ledger alone.</summary>
    public ChildAid.Shared.Allocations.GiftTrace? Trace { get; private set; }
    public IReadOnlyList<StatementLine> Lines { get; private set; } = [];
    public StatementLine Receipt => Lines[0];
    public bool Reversed => Lines.Any(l => l.IsReversal);
    /// <summary>The size of the first signed checkpoint of the transparency log that includes this receipt's entry, if one does yet.</summary>
    public long? Checkpoint { get; private set; }
    /// <summary>The entry's hash on the statement: the in-browser check hashes the entry's canonical bytes to it.</summary>
    public string EntryHash { get; private set; } = "";
    /// <summary>The log's verifier key (as <c>/log/key</c> serves it): the in-browser check verifies the checkpoint's signature with it.</summary>
    public string LogKey { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (VerifiedGift.HashOf(token) is not { } hash) return NotFound();
        var sequence = await db.VerifiedGifts.AsNoTracking().Where(v => v.TokenHash == hash).Select(v => (long?)v.LedgerSequence).FirstOrDefaultAsync(ct);
        if (sequence is null) return NotFound();
        var entry = await db.LedgerEntries.AsNoTracking().Where(e => e.Sequence == sequence).Select(e => new { e.ReceiptNumber, e.Hash }).FirstOrDefaultAsync(ct);
        if (entry?.ReceiptNumber is not { } number) return NotFound();
        EntryHash = entry.Hash.Trim();
        Checkpoint = await db.LogCheckpoints.AsNoTracking().Where(c => c.TreeSize >= sequence).OrderBy(c => c.TreeSize)
            .Select(c => (long?)c.TreeSize).FirstOrDefaultAsync(ct);
        if (Checkpoint is not null)
            LogKey = await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).Select(c => c.VerifierKey).FirstAsync(ct);
        // The receipt and its own reversal; an allocation's reversal carries the receipt's number too, but not this sequence.
        Lines = (await entries.LinesAsync(number, ct)).Where(l => l.Kind is LedgerEntryKind.Receipt || l.IsReversal && l.ReversesSequence == sequence)
            .OrderBy(l => l.IsReversal).ToList();
        Trace = await traces.TraceAsync(number, ct);
        return Lines.Count == 0 ? NotFound() : Page();
    }
}
