using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>
/// A transparency log read over HTTP exactly as C2SP tlog-tiles serves it — ours, a mirror, or anyone's: the latest
/// checkpoint and the entry bundles (each entry's bytes, uint16 big-endian length-prefixed). With these alone
/// <see cref="LogVerifier"/> recomputes the root, so a donor needs neither our database nor our tiles.
/// </summary>
public sealed class RemoteLog(HttpClient http, Uri logUrl)
{
    // Relative paths resolve under the log only when its address ends with '/'.
    private readonly Uri _base = logUrl.AbsoluteUri.EndsWith('/') ? logUrl : new Uri(logUrl.AbsoluteUri + "/");

    public Task<string> CheckpointAsync(CancellationToken ct = default) => http.GetStringAsync(new Uri(_base, "checkpoint"), ct);

    /// <summary>Entries 1…<paramref name="treeSize"/>, one bundle request per 256, fetched as the verifier reads them.</summary>
    public async IAsyncEnumerable<LoggedEntry> EntriesAsync(long treeSize, [EnumeratorCancellation] CancellationToken ct = default)
    {
        long sequence = 0;
        for (long index = 0; index * LogTile.Width < treeSize; index++)
        {
            var width = (int)Math.Min(LogTile.Width, treeSize - index * LogTile.Width);
            var path = TileMath.Path(new TileName(TileName.EntriesLevel, index, width == LogTile.Width ? null : width));
            var bundle = await http.GetByteArrayAsync(new Uri(_base, path), ct);
            var offset = 0;
            for (var i = 0; i < width; i++)
            {
                if (offset + 2 > bundle.Length) throw new InvalidDataException($"entry bundle {path} ends after {i} of its {width} entries");
                var length = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(offset, 2));
                if (offset + 2 + length > bundle.Length) throw new InvalidDataException($"entry bundle {path} ends inside entry {i + 1}");
                yield return new LoggedEntry(++sequence, bundle[(offset + 2)..(offset + 2 + length)], null);
                offset += 2 + length;
            }
            if (offset != bundle.Length) throw new InvalidDataException($"entry bundle {path} holds more than its {width} entries");
        }
    }

    /// <summary>The tree size a checkpoint claims once its signature checks out with <paramref name="key"/>; 0 otherwise (the verifier then says why).</summary>
    public static long SizeOf(string checkpointNote, NoteVerifier key) =>
        SignedNote.Open(checkpointNote, key) is { Verified: true, Text: { } text } && Checkpoint.Parse(text) is { } c ? c.TreeSize : 0;
}
