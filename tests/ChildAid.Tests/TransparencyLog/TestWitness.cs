using System.Globalization;
using System.Text;
using ChildAid.Shared.TransparencyLog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;

namespace ChildAid.Tests.TransparencyLog;

/// <summary>
/// A witness as C2SP tlog-witness describes it, on a real HTTP port, written from the spec and independent of the
/// product's collector: it trusts one log key, keeps the latest size and root it cosigned, answers 404 for an unknown
/// origin, 403 without a valid log signature, 400 when old &gt; size, 409 (text/x.tlog.size) when old is not what it
/// holds, 422 when the consistency proof fails, and otherwise stores the new state and returns an Ed25519 cosignature.
/// </summary>
public sealed class TestWitness : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly NoteVerifier _log;
    private readonly Lock _gate = new();
    private long _size;
    private byte[] _root = MerkleTree.EmptyRoot();

    public string Name { get; }
    public WitnessKey CosignerKey { get; }
    public string Url { get; private set; } = "";
    public int Requests { get; private set; }
    /// <summary>Answer with a signature of the wrong bytes (a broken or malicious witness).</summary>
    public bool Forge { get; set; }
    /// <summary>Answer 503 (a witness that is down).</summary>
    public bool Down { get; set; }

    private TestWitness(string name, NoteVerifier log)
    {
        Name = name;
        _log = log;
        CosignerKey = new WitnessKey(name, _key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/w/add-checkpoint", AddCheckpointAsync);
    }

    public WitnessOptions Options => new() { Name = Name.Replace('.', '-').Replace('/', '-'), Key = CosignerKey.VerifierKey, Url = Url };

    public long Size { get { lock (_gate) return _size; } }

    /// <summary>Pretend the witness already cosigned a larger tree of this log (as after talking to another copy of it).</summary>
    public void Hold(long size, byte[] root)
    {
        lock (_gate) (_size, _root) = (size, root);
    }

    public static async Task<TestWitness> StartAsync(string name, NoteVerifier log)
    {
        var witness = new TestWitness(name, log);
        await witness._app.StartAsync();
        var address = witness._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        witness.Url = address + "/w";
        return witness;
    }

    private async Task<IResult> AddCheckpointAsync(HttpRequest request)
    {
        Requests++;
        if (Down) return Results.StatusCode(503);
        var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync();
        var lines = body.Split('\n');
        if (!lines[0].StartsWith("old ", StringComparison.Ordinal) || !long.TryParse(lines[0][4..], NumberStyles.None, CultureInfo.InvariantCulture, out var old))
            return Results.BadRequest();
        var proof = new List<byte[]>();
        var i = 1;
        for (; i < lines.Length && lines[i].Length > 0; i++) proof.Add(Convert.FromBase64String(lines[i]));
        var note = string.Join('\n', lines[(i + 1)..]);
        if (!note.StartsWith(_log.Name + "\n", StringComparison.Ordinal)) return Results.NotFound();
        var opened = SignedNote.Open(note, _log);
        if (!opened.Verified || Checkpoint.Parse(opened.Text!) is not { } checkpoint) return Results.StatusCode(403);
        if (old > checkpoint.TreeSize) return Results.BadRequest();
        lock (_gate)
        {
            if (old != _size) return Results.Text(_size.ToString(CultureInfo.InvariantCulture) + "\n", "text/x.tlog.size", Encoding.ASCII, 409);
            if (old == 0 && proof.Count > 0) return Results.StatusCode(422);
            if (old == checkpoint.TreeSize && !_root.AsSpan().SequenceEqual(checkpoint.RootHash)) return Results.StatusCode(422);
            if (old > 0 && old < checkpoint.TreeSize && !MerkleTree.VerifyConsistency(old, checkpoint.TreeSize, _root, checkpoint.RootHash, proof))
                return Results.StatusCode(422);
            (_size, _root) = (checkpoint.TreeSize, checkpoint.RootHash);
        }
        var line = Cosignature.Sign(Forge ? opened.Text! + "forged\n" : opened.Text!, Name, _key, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return Results.Text(line + "\n", "text/plain", Encoding.UTF8);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
