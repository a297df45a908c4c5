using System.Text;
using ChildAid.Shared.TransparencyLog;
using NSec.Cryptography;

namespace ChildAid.BackOffice.TransparencyLog;

/// <summary>
/// The demo's witness: when <c>run</c> signs checkpoints with its throwaway key, BackOffice also hosts a witness
/// (<see cref="Witness"/>, C2SP tlog-witness) at <c>/demo-witness/add-checkpoint</c> with a throwaway key of its own, and
/// the log asks it to cosign, so a newcomer sees a cosigned checkpoint and a met quorum on /nhat-ky-minh-bach. It is
/// under our control, hence proves nothing: a real deployment configures witnesses run by others
/// (TransparencyLog:Witnesses). Its state lives in memory: after a restart it answers 409 "0" and cosigns again.
/// </summary>
public static class DemoWitness
{
    public const string Section = "DemoWitness";
    public const string Path = "/demo-witness";
    public const string Name = "demo-witness.childaid.invalid";
    private const string Prefix = "WITNESS+SEED+";

    /// <summary>The witness key in <paramref name="file"/>, made on first use and marked as a throwaway.</summary>
    public static Key LoadOrCreateKey(string file)
    {
        var creation = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        if (File.Exists(file))
        {
            var line = File.ReadAllLines(file).First(l => l.StartsWith(Prefix, StringComparison.Ordinal));
            return Key.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(line[Prefix.Length..]), KeyBlobFormat.RawPrivateKey, creation);
        }
        var key = Key.Create(SignatureAlgorithm.Ed25519, creation);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(file, Encoding.UTF8, options);
        writer.WriteLine("# THROWAWAY DEMO WITNESS KEY made by `run`: a witness must be run by someone other than the log.");
        writer.WriteLine(Prefix + Convert.ToBase64String(key.Export(KeyBlobFormat.RawPrivateKey)));
        return key;
    }

    /// <summary>The witness entry <c>run</c> adds to TransparencyLog:Witnesses for it.</summary>
    public static WitnessOptions Options(Key key, string backOfficeUrl) => new()
    {
        Name = "demo-witness", Key = new WitnessKey(Name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey)).VerifierKey,
        Url = backOfficeUrl.TrimEnd('/') + Path,
    };

    /// <summary>Maps the endpoint when DemoWitness:KeyFile names the key and TransparencyLog's signing key is configured.</summary>
    public static void MapDemoWitness(this WebApplication app)
    {
        if (app.Configuration[$"{Section}:KeyFile"] is not { Length: > 0 } keyFile) return;
        var options = app.Configuration.GetSection(TransparencyLogOptions.Section).Get<TransparencyLogOptions>() ?? new();
        using var signer = options.LoadSigner();
        if (signer is null) return;
        var witness = new Witness(signer.Verifier, Name, LoadOrCreateKey(keyFile), TimeProvider.System);
        app.MapPost(Path + "/add-checkpoint", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var reply = witness.AddCheckpoint(await reader.ReadToEndAsync(request.HttpContext.RequestAborted));
            return Results.Text(reply.Body, reply.ContentType, Encoding.UTF8, reply.Status);
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }
}
