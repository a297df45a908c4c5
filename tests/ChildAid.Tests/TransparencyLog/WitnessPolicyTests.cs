using ChildAid.Shared.TransparencyLog;
using NSec.Cryptography;

namespace ChildAid.Tests.TransparencyLog;

/// <summary>The C2SP tlog-policy text the log publishes, read back: witnesses, nested groups with thresholds, the quorum.</summary>
public class WitnessPolicyTests
{
    private static readonly NoteSigner Log = NoteSigner.Generate("minhbach.example.vn/log");

    private static (string Name, WitnessKey Key, Key Private) Witness(string name)
    {
        var key = Key.Create(SignatureAlgorithm.Ed25519);
        return (name, new WitnessKey(name + ".example/w", key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), key);
    }

    [Fact]
    public void The_published_policy_names_the_log_each_witness_and_the_quorum_and_reads_back()
    {
        var (a, b) = (Witness("a"), Witness("b"));
        var text = WitnessPolicy.Format(Log.Verifier, "https://minhbach.example.vn/log",
            [new() { Name = "a", Key = a.Key.VerifierKey, Url = "https://a.example/w" }, new() { Name = "b", Key = b.Key.VerifierKey, Url = "https://b.example/w" }], "1");

        var policy = WitnessPolicy.Parse(text);

        Assert.Contains($"log {Log.Verifier.VerifierKey} https://minhbach.example.vn/log\n", text);
        Assert.Contains($"witness a {a.Key.VerifierKey} https://a.example/w\n", text);
        Assert.EndsWith("group witnesses 1 a b\nquorum witnesses\n", text);
        Assert.Equal(["a", "b"], policy.Witnesses.Keys.Order());
        Assert.False(policy.IsMet(new HashSet<string>()));
        Assert.True(policy.IsMet(new HashSet<string> { "b" }));
        Assert.Equal("quorum none\n", WitnessPolicy.Format(Log.Verifier, "https://x/log", [], null).Split('\n')[^2] + "\n");
    }

    [Fact]
    public void Nested_groups_need_their_thresholds_and_only_valid_cosignatures_count()
    {
        var (x1, x2, y1) = (Witness("x1"), Witness("x2"), Witness("y1"));
        var policy = WitnessPolicy.Parse($"""
            # two organisations
            log {Log.Verifier.VerifierKey}
            witness X1 {x1.Key.VerifierKey}
            witness X2 {x2.Key.VerifierKey} https://x2.example/w
            group X all X1 X2
            witness Y1 {y1.Key.VerifierKey}
            group X-and-Y all X Y1
            quorum X-and-Y
            """);
        var note = SignedNote.Sign(new Checkpoint("minhbach.example.vn/log", 5, new byte[32]).Text, Log);
        var text = SignedNote.TextOf(note);
        string Cosign((string, WitnessKey Key, Key Private) w, string over) => Cosignature.Sign(over, w.Key.Name, w.Private, 1_764_576_000) + "\n";

        var all = note + Cosign(x1, text) + Cosign(x2, text) + Cosign(y1, text);
        var forgedY = note + Cosign(x1, text) + Cosign(x2, text) + Cosign(y1, text.Replace("\n5\n", "\n6\n"));

        Assert.True(policy.IsMet(policy.CosignedBy(all)));
        Assert.Equal(["X1", "X2"], policy.CosignedBy(forgedY).Order());
        Assert.False(policy.IsMet(policy.CosignedBy(forgedY)));
        Assert.True(SignedNote.Open(all, Log.Verifier).Verified);
    }

    [Theory]
    [InlineData("witness A k\nquorum A\n", "policy line 1")]
    [InlineData("quorum B\n", "names no witness or group")]
    [InlineData("log x\n", "policy line 1")]
    [InlineData("# nothing\n", "no quorum line")]
    public void A_broken_policy_says_which_line(string text, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => WitnessPolicy.Parse(text)).Message);

    [Fact]
    public void A_log_key_is_not_a_witness_key() =>
        Assert.Throws<FormatException>(() => WitnessKey.Parse(Log.Verifier.VerifierKey));
}
