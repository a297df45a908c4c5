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
    /// <summary>The cosigner keys of the witnesses in the latest checkpoint's policy, space-separated: the in-browser check counts their cosignatures.</summary>
    public string WitnessKeys { get; private set; } = "";
    /// <summary>How many of them the policy's quorum asks for (0: none).</summary>
    public int WitnessQuorum { get; private set; }

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
        {
            // The proof is served at the latest checkpoint: its key, and the witnesses and quorum it was signed under.
            var latest = await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).Select(c => new { c.VerifierKey, c.WitnessPolicy }).FirstAsync(ct);
            LogKey = latest.VerifierKey;
            (WitnessKeys, WitnessQuorum) = Witnesses(latest.WitnessPolicy);
        }
        // The receipt and its own reversal; an allocation's reversal carries the receipt's number too, but not this sequence.
        Lines = (await entries.LinesAsync(number, ct)).Where(l => l.Kind is LedgerEntryKind.Receipt || l.IsReversal && l.ReversesSequence == sequence)
            .OrderBy(l => l.IsReversal).ToList();
        Trace = await traces.TraceAsync(number, ct);
        return Lines.Count == 0 ? NotFound() : Page();
    }

    /// <summary>
    /// The policy's witness keys and the number its quorum needs: a group's threshold (the policies this log writes have one
    /// group of witnesses), 1 for a single witness, 0 for none. A policy that does not parse shows no witness check.
    /// </summary>
    public static (string Keys, int Quorum) Witnesses(string policyText)
    {
        if (string.IsNullOrWhiteSpace(policyText)) return ("", 0);
        try
        {
            var policy = ChildAid.Shared.TransparencyLog.WitnessPolicy.Parse(policyText);
            var quorum = policy.Quorum == "none" ? 0 : policy.Group(policy.Quorum)?.Threshold ?? 1;
            return (string.Join(' ', policy.Witnesses.Values.Select(w => w.VerifierKey)), quorum);
        }
        catch (FormatException)
        {
            return ("", 0);
        }
    }
}
