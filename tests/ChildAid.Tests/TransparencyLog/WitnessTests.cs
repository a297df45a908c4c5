using ChildAid.Shared.Data;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.TransparencyLog;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.TransparencyLog;

/// <summary>
/// Witnesses outside our control cosign our checkpoints (C2SP tlog-witness): the collector asks real HTTP witnesses,
/// proves consistency from the size each last cosigned, keeps only cosignatures that verify, and archives the policy
/// (witnesses, quorum) with each checkpoint. A witness that holds another history refuses to cosign.
/// </summary>
public abstract class WitnessTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const string Origin = "minhbach.example.vn/log";
    private static readonly NoteSigner LogKey = NoteSigner.Generate(Origin);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private TestWitness _province = null!, _university = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _province = await TestWitness.StartAsync("so-tttt.quangngai.example/witness", LogKey.Verifier);
        _university = await TestWitness.StartAsync("witness.dhdn.example/w1", LogKey.Verifier);
    }

    public override async Task DisposeAsync()
    {
        await _province.DisposeAsync();
        await _university.DisposeAsync();
        await base.DisposeAsync();
    }

    private TransparencyLogOptions Options(string? quorum = null, params TestWitness[] witnesses) => new()
    {
        SigningKey = LogKey.PrivateKeyText, Witnesses = [.. (witnesses.Length == 0 ? [_province, _university] : witnesses).Select(w => w.Options)],
        WitnessQuorum = quorum,
    };

    private async Task<LogCheckpoint> SignAsync(TransparencyLogOptions options)
    {
        _clock.Advance(TimeSpan.FromHours(2));
        await using var db = Db.NewContext();
        var signer = new CheckpointSigner(db, new LogAppender(db), Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Options.Options.Create(new PublicSiteLinkOptions { BaseUrl = "https://minhbach.example.vn/" }), _clock);
        var outcome = await signer.SignIfDueAsync();
        return outcome.Signed ?? throw new InvalidOperationException(outcome.Reason);
    }

    private async Task<IReadOnlyList<WitnessAnswer>> CollectAsync(TransparencyLogOptions options)
    {
        await using var db = Db.NewContext();
        return await new WitnessCollector(db, Microsoft.Extensions.Options.Options.Create(options), new PlainHttpClients(), _clock).CollectAsync();
    }

    private async Task<string> CosignedNoteAsync(LogCheckpoint checkpoint)
    {
        await using var db = Db.NewContext();
        return WitnessCollector.WithCosignatures(checkpoint, await db.LogCosignatures.Where(c => c.CheckpointId == checkpoint.Id).ToListAsync());
    }

    [Fact]
    public async Task Both_witnesses_cosign_each_checkpoint_from_the_size_they_last_saw_and_the_archived_policy_says_the_quorum_is_met()
    {
        var options = Options();
        await LogTestLedger.AppendAsync(Db, 3);
        var first = await SignAsync(options);
        var answers = await CollectAsync(options);
        Assert.All(answers, a => Assert.True(a.Cosigned, a.Detail));
        Assert.Equal(2, answers.Count);
        // Asking again adds nothing: both already cosigned the latest.
        Assert.Empty(await CollectAsync(options));

        await LogTestLedger.AppendAsync(Db, 4);
        var second = await SignAsync(options);
        Assert.All(await CollectAsync(options), a => Assert.True(a.Cosigned, a.Detail));
        Assert.Equal((7, 7), (_province.Size, _university.Size));
        Assert.Equal((2, 2), (_province.Requests, _university.Requests)); // old 3 and a consistency proof: no 409 round trip

        var note = await CosignedNoteAsync(second);
        Assert.True(SignedNote.Open(note, LogKey.Verifier).Verified); // the log's signature still opens the cosigned note
        var policy = WitnessPolicy.Parse(second.WitnessPolicy);
        Assert.Equal([LogKey.Verifier.VerifierKey], policy.Logs.Select(l => l.VerifierKey));
        Assert.Equal(2, policy.Witnesses.Count);
        var cosigned = policy.CosignedBy(note);
        Assert.Equal(2, cosigned.Count);
        Assert.True(policy.IsMet(cosigned));
        Assert.Contains("group witnesses all ", second.WitnessPolicy);
        // The first checkpoint keeps its own cosignatures.
        Assert.Equal(2, policy.CosignedBy(await CosignedNoteAsync(first)).Count);
    }

    [Fact]
    public async Task A_witness_that_holds_a_larger_size_is_asked_again_from_there()
    {
        var options = Options(null, _province);
        await LogTestLedger.AppendAsync(Db, 3);
        var first = await SignAsync(options);
        // The witness cosigned size 3 through another channel; we have no record of it.
        _province.Hold(3, first.RootHash);
        await LogTestLedger.AppendAsync(Db, 2);
        await SignAsync(options);

        var answer = Assert.Single(await CollectAsync(options));

        Assert.True(answer.Cosigned, answer.Detail);
        Assert.Equal(2, _province.Requests); // old 0 → 409 "3" → old 3 with the proof
        Assert.Equal(5, _province.Size);
    }

    [Fact]
    public async Task A_witness_that_saw_another_history_refuses_and_a_forged_or_missing_answer_is_not_kept()
    {
        var options = Options("1");
        await LogTestLedger.AppendAsync(Db, 3);
        // The province's witness was shown a different tree of 2 entries (a split view): our proof cannot convince it.
        _province.Hold(2, MerkleTree.LeafHash("another history"u8));
        _university.Forge = true;
        var checkpoint = await SignAsync(options);

        var answers = (await CollectAsync(options)).ToDictionary(a => a.Witness);

        Assert.False(answers[_province.Options.Name].Cosigned);
        Assert.Contains("HTTP 422", answers[_province.Options.Name].Detail);
        Assert.False(answers[_university.Options.Name].Cosigned);
        Assert.Contains("no valid cosignature", answers[_university.Options.Name].Detail);
        var policy = WitnessPolicy.Parse(checkpoint.WitnessPolicy);
        Assert.False(policy.IsMet(policy.CosignedBy(await CosignedNoteAsync(checkpoint))));

        // The university's witness is down, then mended: the next pass asks again and its cosignature meets the quorum of 1.
        (_university.Forge, _university.Down) = (false, true);
        Assert.Contains("HTTP 503", (await CollectAsync(options)).Single(a => a.Witness == _university.Options.Name).Detail);
        _university.Down = false;
        Assert.True((await CollectAsync(options)).Single(a => a.Witness == _university.Options.Name).Cosigned);
        Assert.True(policy.IsMet(policy.CosignedBy(await CosignedNoteAsync(checkpoint))));
    }

    [Fact]
    public async Task A_stored_cosignature_is_never_changed_or_deleted()
    {
        var options = Options(null, _province);
        await LogTestLedger.AppendAsync(Db, 2);
        await SignAsync(options);
        await CollectAsync(options);
        await using var db = Db.NewContext();
        Assert.Equal(1, await db.LogCosignatures.CountAsync());
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE log_cosignatures SET timestamp = 1")));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM log_cosignatures")));
    }

    [Fact]
    public async Task Verify_log_with_the_published_policy_says_which_witnesses_cosigned_and_fails_when_the_quorum_is_not_met()
    {
        var options = Options();
        await LogTestLedger.AppendAsync(Db, 3);
        var checkpoint = await SignAsync(options);
        await CollectAsync(options);
        var policyFile = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.txt");
        var stricterFile = policyFile + ".stricter";
        try
        {
            await File.WriteAllTextAsync(policyFile, checkpoint.WitnessPolicy);
            // A stricter reader also wants a third witness, which never cosigned.
            using var third = NSec.Cryptography.Key.Create(NSec.Cryptography.SignatureAlgorithm.Ed25519);
            var thirdKey = new WitnessKey("witness.third.example", third.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey));
            await File.WriteAllTextAsync(stricterFile, WitnessPolicy.Format(LogKey.Verifier, "https://minhbach.example.vn/log",
                [.. options.Witnesses, new WitnessOptions { Name = "third", Key = thirdKey.VerifierKey, Url = "https://witness.third.example" }], "all"));

            var (code, output) = await Cli.CliRunner.RunAsync(Db, "verify-log", "--key", LogKey.Verifier.VerifierKey, "--policy", policyFile);
            var (stricterCode, stricterOutput) = await Cli.CliRunner.RunAsync(Db, "verify-log", "--key", LogKey.Verifier.VerifierKey, "--policy", stricterFile);

            Assert.True(code == 0, output);
            Assert.Contains("Witnesses: 2 of 2 cosigned", output);
            Assert.Contains("quorum (witnesses) is met", output);
            Assert.Equal(1, stricterCode);
            Assert.Contains("BROKEN: the witness quorum (witnesses) is not met: 2 of 3 witnesses cosigned", stricterOutput);
        }
        finally
        {
            File.Delete(policyFile);
            File.Delete(stricterFile);
        }
    }

    private sealed class PlainHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}

public class WitnessTestsOnSqlite() : WitnessTests(DatabaseProvider.Sqlite);

public class WitnessTestsOnPostgres() : WitnessTests(DatabaseProvider.Postgres);
