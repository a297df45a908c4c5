using System.Globalization;
using ChildAid.Shared.Data;
using ChildAid.Shared.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>What a signing pass did: the checkpoint it signed, or why it signed none.</summary>
public sealed record CheckpointOutcome(LogCheckpoint? Signed, string Reason, bool IsProblem = false);

/// <summary>
/// Signs checkpoints: catches the tree up with the ledger, then, when the tree grew and the last checkpoint is at least
/// <see cref="TransparencyLogOptions.CheckpointMinutes"/> old, signs the new size and archives it. Before signing it
/// proves the new tree consistent with the last checkpoint (a consistency proof from the stored tiles, checked against
/// the archived root): the log never signs two inconsistent checkpoints, even if its tiles were tampered with.
/// </summary>
public sealed class CheckpointSigner(ChildAidDbContext db, LogAppender appender, IOptions<TransparencyLogOptions> options,
    IOptions<PublicSiteLinkOptions> site, TimeProvider clock)
{
    public string Origin => options.Value.ResolveOrigin(site.Value.BaseUrl);

    public async Task<CheckpointOutcome> SignIfDueAsync(CancellationToken ct = default)
    {
        var caughtUp = await appender.CatchUpAsync(ct: ct);
        using var signer = options.Value.LoadSigner();
        if (signer is null) return new(null, "no signing key configured (TransparencyLog:SigningKey); the tree is kept up to date, nothing is signed");

        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        long size;
        await using (var lockHead = db.Command("UPDATE log_heads SET tree_size = tree_size WHERE id = 1 RETURNING tree_size"))
            size = Convert.ToInt64(await lockHead.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var last = await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (last is not null && last.TreeSize == size)
            return new(null, $"nothing new since checkpoint {last.TreeSize}" + (caughtUp.Problem is { } p ? $"; {p}" : ""), caughtUp.Problem is not null);
        if (size == 0) return new(null, "the ledger is empty");
        if (last is not null && now - last.SignedAt < TimeSpan.FromMinutes(options.Value.CheckpointMinutes))
            return new(null, $"the last checkpoint ({last.TreeSize}) is less than {options.Value.CheckpointMinutes} minutes old");

        var tree = new StoredTree(db.LogTiles);
        var root = await tree.RootAsync(size, ct);
        if (last is not null)
        {
            if (last.TreeSize > size)
                return new(null, $"the tree ({size}) is smaller than the last checkpoint ({last.TreeSize}): refusing to sign", true);
            var proof = await tree.ConsistencyProofAsync(last.TreeSize, size, ct);
            if (!MerkleTree.VerifyConsistency(last.TreeSize, size, last.RootHash, root, proof))
                return new(null, $"the tree of {size} is not consistent with checkpoint {last.TreeSize}: refusing to sign", true);
        }

        var checkpoint = new Checkpoint(Origin, size, root);
        var signed = new LogCheckpoint
        {
            TreeSize = size, RootHash = root, Note = SignedNote.Sign(checkpoint.Text, signer),
            VerifierKey = signer.Verifier.VerifierKey, SignedAt = now,
            WitnessPolicy = WitnessPolicy.Format(signer.Verifier, site.Value.BaseUrl.TrimEnd('/') + "/log", options.Value.Witnesses, options.Value.WitnessQuorum),
        };
        db.LogCheckpoints.Add(signed);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(signed, $"signed checkpoint {size}" + (caughtUp.Problem is { } q ? $"; {q}" : ""), caughtUp.Problem is not null);
    }
}
