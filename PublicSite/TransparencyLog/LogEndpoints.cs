using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.PublicSite.TransparencyLog;

/// <summary>
/// The transparency log under <c>/log/</c>, exactly as C2SP tlog-tiles lays it out, so tools written by others can
/// read it: the latest checkpoint, tiles, entry bundles (each entry's canonical bytes, uint16 length-prefixed), the
/// verifier key, the archive of checkpoints, and a tlog-proof per receipt. All from public tables.
/// </summary>
public static class LogEndpoints
{
    public const string Prefix = "/log";
    private const string Text = "text/plain; charset=utf-8";
    private const string Binary = "application/octet-stream";
    private const string Immutable = "public, max-age=31536000, immutable";
    private const string FewSeconds = "public, max-age=5";

    public static void MapTransparencyLog(this IEndpointRouteBuilder app)
    {
        var log = app.MapGroup(Prefix).RequireRateLimiting(PublicRateLimits.Log).ExcludeFromDescription();
        log.MapGet("/checkpoint", CheckpointAsync);
        log.MapGet("/key", KeyAsync);
        log.MapGet("/checkpoints", ArchiveAsync);
        log.MapGet("/tile/{**path}", TileAsync);
        log.MapGet("/proof/{receipt}", ProofAsync);
        log.MapGet("/policy", PolicyAsync);
    }

    /// <summary>The latest checkpoint's note with the witnesses' cosignatures that arrived for it.</summary>
    private static async Task<string> CosignedNoteAsync(PublicDbContext db, LogCheckpoint checkpoint, CancellationToken ct) =>
        WitnessCollector.WithCosignatures(checkpoint, await db.LogCosignatures.AsNoTracking().Where(c => c.CheckpointId == checkpoint.Id).ToListAsync(ct));

    /// <summary>The witness policy (C2SP tlog-policy) the latest checkpoint was signed under: the log, its witnesses, the quorum.</summary>
    private static async Task<IResult> PolicyAsync(HttpContext context, PublicDbContext db, CancellationToken ct) =>
        await LatestAsync(db, ct) switch
        {
            null => NotFound(context, "No checkpoint has been signed yet."),
            { WitnessPolicy.Length: > 0 } latest => Plain(context, latest.WitnessPolicy, FewSeconds),
            // Checkpoints signed before witnesses existed (migration TlogWitnesses) carry no policy.
            var latest => NotFound(context, $"No witness policy was recorded for checkpoint {latest.TreeSize}."),
        };

    private static Task<LogCheckpoint?> LatestAsync(PublicDbContext db, CancellationToken ct) =>
        db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(ct);

    private static IResult Plain(HttpContext context, string body, string cache)
    {
        context.Response.Headers.CacheControl = cache;
        return Results.Text(body, Text, Encoding.UTF8);
    }

    private static IResult NotFound(HttpContext context, string why)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Text(why + "\n", Text, Encoding.UTF8, StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CheckpointAsync(HttpContext context, PublicDbContext db, CancellationToken ct) =>
        await LatestAsync(db, ct) is { } latest ? Plain(context, await CosignedNoteAsync(db, latest, ct), FewSeconds) : NotFound(context, "No checkpoint has been signed yet.");

    private static async Task<IResult> KeyAsync(HttpContext context, PublicDbContext db, CancellationToken ct) =>
        await LatestAsync(db, ct) is { } latest ? Plain(context, latest.VerifierKey + "\n", FewSeconds) : NotFound(context, "No checkpoint has been signed yet.");

    /// <summary>Every checkpoint ever signed, oldest first: tree size, base64 root, UTC time of signing.</summary>
    private static async Task<IResult> ArchiveAsync(HttpContext context, PublicDbContext db, CancellationToken ct)
    {
        var sb = new StringBuilder();
        await foreach (var c in db.LogCheckpoints.AsNoTracking().OrderBy(c => c.TreeSize).AsAsyncEnumerable().WithCancellation(ct))
            sb.Append(c.TreeSize.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Convert.ToBase64String(c.RootHash)).Append(' ')
              .Append(c.SignedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n');
        return Plain(context, sb.ToString(), FewSeconds);
    }

    private static async Task<IResult> TileAsync(HttpContext context, string path, PublicDbContext db, CancellationToken ct)
    {
        if (TileMath.Parse(path) is not { } name) return NotFound(context, "Not a tile path (tlog-tiles).");
        var tileLevel = name.IsEntries ? 0 : name.Level;
        var tile = await db.LogTiles.AsNoTracking().SingleOrDefaultAsync(t => t.Level == tileLevel && t.TileIndex == name.Index, ct);
        // A tile row only grows at its end: any width it has reached is served as the prefix of that width.
        if (tile is null || tile.HashCount < name.Width) return NotFound(context, "No such tile yet.");
        context.Response.Headers.CacheControl = Immutable;
        if (!name.IsEntries) return Results.Bytes(tile.Hashes[..(name.Width * MerkleTree.HashSize)], Binary);

        var first = name.Index * LogTile.Width + 1;
        var last = first + name.Width - 1;
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.Sequence >= first && e.Sequence <= last).OrderBy(e => e.Sequence).ToListAsync(ct);
        if (entries.Count != name.Width) return NotFound(context, "No such entry bundle yet.");
        using var bundle = new MemoryStream();
        Span<byte> length = stackalloc byte[2];
        foreach (var entry in entries)
        {
            var bytes = LogEntryBytes.Of(entry);
            BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)bytes.Length));
            bundle.Write(length);
            bundle.Write(bytes);
        }
        return Results.Bytes(bundle.ToArray(), Binary);
    }

    /// <summary>C2SP tlog-proof@v1 for a receipt's ledger entry at the latest checkpoint: keep it, check it offline.</summary>
    private static async Task<IResult> ProofAsync(HttpContext context, string receipt, PublicDbContext db, CancellationToken ct)
    {
        var sequence = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.ReceiptNumber == receipt && e.Kind == LedgerEntryKind.Receipt)
            .Select(e => (long?)e.Sequence).FirstOrDefaultAsync(ct);
        if (sequence is null) return NotFound(context, $"No receipt {receipt} on the public statement.");
        var index = LogEntryBytes.IndexOf(sequence.Value);
        var latest = await LatestAsync(db, ct);
        if (latest is null || latest.TreeSize <= index)
            return NotFound(context, $"Receipt {receipt} is not in a signed checkpoint yet: checkpoints are signed at least daily, come back later.");
        var proof = await new StoredTree(db.LogTiles).InclusionProofAsync(index, latest.TreeSize, ct);
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{receipt}.tlog-proof\"";
        return Plain(context, TlogProof.Format(index, proof, await CosignedNoteAsync(db, latest, ct)), FewSeconds);
    }
}
