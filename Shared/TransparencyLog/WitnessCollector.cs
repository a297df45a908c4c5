using System.Globalization;
using System.Net;
using System.Text;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>What asking one witness gave: its cosignature was stored, or why not.</summary>
public sealed record WitnessAnswer(string Witness, bool Cosigned, string Detail);

/// <summary>
/// Asks each configured witness to cosign the latest checkpoint (C2SP tlog-witness <c>add-checkpoint</c>): the request
/// carries the size of the last checkpoint that witness cosigned for us (0 the first time) and a consistency proof from
/// it, computed from the stored tiles. A 409 tells the size the witness holds: the request is sent once more from there.
/// The answer is kept only when it verifies against the witness's configured key; a witness that is down or refuses is
/// asked again on the next pass. Witnesses are independent: one failing never stops the others.
/// </summary>
public sealed class WitnessCollector(ChildAidDbContext db, IOptions<TransparencyLogOptions> options, IHttpClientFactory http, TimeProvider clock)
{
    public const string HttpClientName = "tlog-witness";
    private const string SizeType = "text/x.tlog.size";

    public async Task<IReadOnlyList<WitnessAnswer>> CollectAsync(CancellationToken ct = default)
    {
        var witnesses = options.Value.Witnesses;
        if (witnesses.Count == 0) return [];
        var latest = await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(ct);
        if (latest is null) return [];
        var answers = new List<WitnessAnswer>();
        foreach (var witness in witnesses)
        {
            WitnessKey key;
            try { key = WitnessKey.Parse(witness.Key); }
            catch (FormatException e) { answers.Add(new(witness.Name, false, $"key: {e.Message}")); continue; }
            if (await db.LogCosignatures.AnyAsync(c => c.CheckpointId == latest.Id && c.WitnessKey == key.VerifierKey, ct))
                continue;
            try
            {
                answers.Add(await AskAsync(witness, key, latest, ct));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException && !ct.IsCancellationRequested)
            {
                answers.Add(new(witness.Name, false, $"unreachable: {e.Message}"));
            }
        }
        return answers;
    }

    private async Task<WitnessAnswer> AskAsync(WitnessOptions witness, WitnessKey key, LogCheckpoint latest, CancellationToken ct)
    {
        var old = await db.LogCosignatures.AsNoTracking().Where(c => c.WitnessKey == key.VerifierKey)
            .Join(db.LogCheckpoints, c => c.CheckpointId, p => p.Id, (c, p) => (long?)p.TreeSize).MaxAsync(ct) ?? 0;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (old > latest.TreeSize) return new(witness.Name, false, $"the witness holds size {old}, larger than our latest checkpoint {latest.TreeSize}");
            using var response = await PostAsync(witness, old, latest, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode == HttpStatusCode.Conflict && response.Content.Headers.ContentType?.MediaType == SizeType
                && long.TryParse(body.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var held) && attempt == 0)
            {
                old = held;
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK)
                return new(witness.Name, false, $"HTTP {(int)response.StatusCode}: {body.Trim()[..Math.Min(body.Trim().Length, 200)]}");
            var text = SignedNote.TextOf(latest.Note);
            foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Cosignature.Verify(line, text, key) is not { } timestamp) continue; // other keys' lines are ignored, as the spec says
                db.LogCosignatures.Add(new LogCosignature
                {
                    CheckpointId = latest.Id, Witness = witness.Name, WitnessKey = key.VerifierKey, SignatureLine = line,
                    Timestamp = timestamp, ReceivedAt = clock.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync(ct);
                return new(witness.Name, true, $"cosigned checkpoint {latest.TreeSize}");
            }
            return new(witness.Name, false, "the answer holds no valid cosignature by the configured key");
        }
        return new(witness.Name, false, "the witness changed its size twice");
    }

    private async Task<HttpResponseMessage> PostAsync(WitnessOptions witness, long old, LogCheckpoint latest, CancellationToken ct)
    {
        var body = new StringBuilder("old ").Append(old.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (old > 0)
            foreach (var hash in await new StoredTree(db.LogTiles).ConsistencyProofAsync(old, latest.TreeSize, ct))
                body.Append(Convert.ToBase64String(hash)).Append('\n');
        body.Append('\n').Append(latest.Note);
        var client = http.CreateClient(HttpClientName);
        client.Timeout = TimeSpan.FromSeconds(options.Value.WitnessTimeoutSeconds);
        var url = new Uri(witness.Url.TrimEnd('/') + "/add-checkpoint");
        return await client.PostAsync(url, new StringContent(body.ToString(), Encoding.UTF8, "text/plain"), ct);
    }

    /// <summary>The latest checkpoint note with its witnesses' cosignature lines appended, as <c>/log/checkpoint</c> serves it.</summary>
    public static string WithCosignatures(LogCheckpoint checkpoint, IEnumerable<LogCosignature> cosignatures)
    {
        var sb = new StringBuilder(checkpoint.Note);
        foreach (var c in cosignatures.OrderBy(c => c.Witness, StringComparer.Ordinal)) sb.Append(c.SignatureLine).Append('\n');
        return sb.ToString();
    }
}
