namespace ChildAid.Shared.TransparencyLog;

/// <summary>Section "TransparencyLog" (BackOffice and the CLI; PublicSite needs none of it).</summary>
public sealed class TransparencyLogOptions
{
    public const string Section = "TransparencyLog";

    /// <summary>The checkpoint origin line; empty means PublicSite's host and path + "/log" (e.g. <c>minhbach.example.vn/log</c>).</summary>
    public string? Origin { get; set; }

    /// <summary>The signing key, <c>PRIVATE+KEY+…</c> as <c>log keygen</c> prints it. Configuration only (environment, secrets): never committed.</summary>
    public string? SigningKey { get; set; }

    /// <summary>A file holding the signing key instead (the demo run writes a throwaway one in its data folder).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>At most one checkpoint per this many minutes (60: hourly); a change waits at most this long plus one pass.</summary>
    public int CheckpointMinutes { get; set; } = 60;

    /// <summary>How often the worker catches the tree up and looks whether a checkpoint is due (seconds).</summary>
    public int IntervalSeconds { get; set; } = 300;

    /// <summary>Off on a node that should not run it (any number of nodes may: the tree and the checkpoints have their own lock).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Witnesses asked to cosign each checkpoint (C2SP tlog-witness); none by default.</summary>
    public List<WitnessOptions> Witnesses { get; set; } = [];

    /// <summary>How many witnesses must cosign for a checkpoint to be trusted: "all" (default), "any", a number, or "none".</summary>
    public string? WitnessQuorum { get; set; }

    /// <summary>Seconds to wait for a witness's answer.</summary>
    public int WitnessTimeoutSeconds { get; set; } = 20;

    /// <summary>The origin for a PublicSite at <paramref name="publicSiteBaseUrl"/>: scheme-less, no trailing slash, then "/log".</summary>
    public static string DefaultOrigin(string publicSiteBaseUrl)
    {
        var uri = new Uri(publicSiteBaseUrl);
        return uri.Authority + uri.AbsolutePath.TrimEnd('/') + "/log";
    }

    public string ResolveOrigin(string publicSiteBaseUrl) => string.IsNullOrWhiteSpace(Origin) ? DefaultOrigin(publicSiteBaseUrl) : Origin.Trim();

    /// <summary>The configured key, or null when none is (the tree still grows; no checkpoint is signed).</summary>
    public NoteSigner? LoadSigner()
    {
        if (!string.IsNullOrWhiteSpace(SigningKey)) return NoteSigner.Parse(SigningKey);
        if (!string.IsNullOrWhiteSpace(SigningKeyFile) && File.Exists(SigningKeyFile))
            return NoteSigner.Parse(File.ReadAllLines(SigningKeyFile).First(l => l.StartsWith("PRIVATE+KEY+", StringComparison.Ordinal)));
        return null;
    }
}
