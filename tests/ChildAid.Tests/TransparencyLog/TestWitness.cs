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
/// The product's <see cref="Witness"/> on a real HTTP port (as <c>run</c> hosts it), with hooks for the cases a test
/// needs: a witness that forges its answer, one that is down, one that already holds another state.
/// </summary>
public sealed class TestWitness : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly Witness _witness;

    public string Name { get; }
    public WitnessKey CosignerKey => _witness.CosignerKey;
    public string Url { get; private set; } = "";
    public int Requests { get; private set; }
    /// <summary>Answer with a cosignature over other bytes (a broken or malicious witness).</summary>
    public bool Forge { get; set; }
    /// <summary>Answer 503 (a witness that is down).</summary>
    public bool Down { get; set; }

    private TestWitness(string name, NoteVerifier log)
    {
        Name = name;
        _witness = new Witness(log, name, _key, TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/w/add-checkpoint", AddCheckpointAsync);
    }

    public WitnessOptions Options => new() { Name = Name.Replace('.', '-').Replace('/', '-'), Key = CosignerKey.VerifierKey, Url = Url };

    public long Size => _witness.State.Size;

    /// <summary>Pretend the witness already cosigned this tree of the log (as after talking to another copy of it).</summary>
    public void Hold(long size, byte[] root) => _witness.Restore(size, root);

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
        var reply = _witness.AddCheckpoint(body);
        if (Forge && reply.Status == 200)
        {
            var text = SignedNote.TextOf(string.Join('\n', body.Split('\n').SkipWhile(l => l.Length > 0).Skip(1)));
            reply = reply with { Body = Cosignature.Sign(text + "forged\n", Name, _key, DateTimeOffset.UtcNow.ToUnixTimeSeconds()) + "\n" };
        }
        return Results.Text(reply.Body, reply.ContentType, Encoding.UTF8, reply.Status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
