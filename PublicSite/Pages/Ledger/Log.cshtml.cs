using ChildAid.Shared.Data;
using ChildAid.Shared.TransparencyLog;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.PublicSite.Pages.Ledger;

/// <summary>
/// The transparency log in plain words: its origin and public key, the latest signed checkpoint, and the independent
/// witnesses of the published policy — which cosigned the latest checkpoint, when, and whether the quorum is met.
/// The machine-readable files under /log/ say the same.
/// </summary>
public class LogModel(PublicDbContext db) : PageModel
{
    public sealed record WitnessRow(string Name, string Key, DateTime? CosignedAt);

    public LogCheckpoint? Latest { get; private set; }
    public string Origin { get; private set; } = "";
    public IReadOnlyList<WitnessRow> Witnesses { get; private set; } = [];
    /// <summary>How many must cosign (null: the policy asks none).</summary>
    public int? Needed { get; private set; }
    public bool QuorumMet { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Latest = await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(ct);
        if (Latest is null) return;
        Origin = Checkpoint.Parse(SignedNote.TextOf(Latest.Note))?.Origin ?? "";
        if (Latest.WitnessPolicy.Length == 0) return;
        var policy = WitnessPolicy.Parse(Latest.WitnessPolicy);
        var cosignatures = await db.LogCosignatures.AsNoTracking().Where(c => c.CheckpointId == Latest.Id).ToListAsync(ct);
        var cosigned = policy.CosignedBy(WitnessCollector.WithCosignatures(Latest, cosignatures));
        Witnesses = [.. policy.Witnesses.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new WitnessRow(w.Key, w.Value.VerifierKey,
            cosigned.Contains(w.Key) ? cosignatures.Where(c => c.WitnessKey == w.Value.VerifierKey).Select(c => (DateTime?)DateTime.SpecifyKind(DateTime.UnixEpoch.AddSeconds(c.Timestamp), DateTimeKind.Utc)).FirstOrDefault() : null))];
        Needed = policy.Quorum == "none" ? null : policy.Group(policy.Quorum)?.Threshold ?? 1;
        QuorumMet = policy.IsMet(cosigned);
    }
}
