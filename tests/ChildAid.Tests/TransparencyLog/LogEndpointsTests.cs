using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using ChildAid.Shared.Data;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.TransparencyLog;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildAid.Tests.TransparencyLog;

/// <summary>
/// /log/ on PublicSite, read as a tool written by someone else would (C2SP tlog-tiles, tlog-proof); on PostgreSQL
/// through the public reader role, so it also proves that role may read the log tables.
/// </summary>
public abstract class LogEndpointsTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    private static readonly NoteSigner Key = NoteSigner.Generate("minhbach.example.vn/log");

    private async Task<(List<string> Receipts, LogCheckpoint Checkpoint)> ThreeGiftsInACheckpointAsync()
    {
        var unit = await UnitAsync();
        var donor = await DonorAsync(unit, "Trần Thị Bình");
        var receipts = new List<string>();
        foreach (var amount in new long[] { 100_000, 250_000, 75_000 })
            receipts.Add((await GiveAsync(donor, unit, amount)).ReceiptNumber);
        var checkpoint = await WithDbAsync(async db =>
        {
            var signer = new CheckpointSigner(db, new LogAppender(db), Options.Create(new TransparencyLogOptions { SigningKey = Key.PrivateKeyText }),
                Options.Create(new PublicSiteLinkOptions { BaseUrl = "https://minhbach.example.vn" }), TimeProvider.System);
            return (await signer.SignIfDueAsync()).Signed!;
        });
        return (receipts, checkpoint);
    }

    private async Task<List<LedgerEntry>> EntriesAsync() =>
        await WithDbAsync(db => db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());

    [Fact]
    public async Task The_checkpoint_and_the_key_are_plain_text_cached_a_few_seconds_and_the_key_verifies_the_checkpoint()
    {
        var (_, signed) = await ThreeGiftsInACheckpointAsync();
        var client = Client();

        var checkpoint = await client.GetAsync("/log/checkpoint");
        var key = await client.GetAsync("/log/key");
        var archive = await client.GetStringAsync("/log/checkpoints");

        Assert.Equal("text/plain; charset=utf-8", checkpoint.Content.Headers.ContentType!.ToString());
        Assert.Equal("public, max-age=5", checkpoint.Headers.CacheControl!.ToString());
        var note = await checkpoint.Content.ReadAsStringAsync();
        Assert.Equal(signed.Note, note);
        var vkey = (await key.Content.ReadAsStringAsync()).Trim();
        Assert.Equal(Key.Verifier.VerifierKey, vkey);
        Assert.True(SignedNote.Open(note, NoteVerifier.Parse(vkey)).Verified);
        Assert.StartsWith($"3 {Convert.ToBase64String(signed.RootHash)} ", archive);
    }

    [Fact]
    public async Task Tiles_and_entry_bundles_hold_the_leaf_hashes_and_the_canonical_bytes_of_the_statement_entries()
    {
        await ThreeGiftsInACheckpointAsync();
        var entries = await EntriesAsync();
        var client = Client();

        var tile = await client.GetAsync("/log/tile/0/000.p/3");
        var bundle = await client.GetAsync("/log/tile/entries/000.p/3");

        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.Equal("application/octet-stream", tile.Content.Headers.ContentType!.ToString());
        Assert.Contains("immutable", tile.Headers.CacheControl!.ToString());
        Assert.Equal(entries.SelectMany(LogEntryBytes.LeafHashOf), await tile.Content.ReadAsByteArrayAsync());
        var bytes = await bundle.Content.ReadAsByteArrayAsync();
        var offset = 0;
        foreach (var entry in entries)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(offset));
            var canonical = bytes.AsSpan(offset + 2, length).ToArray();
            // The bytes whose SHA-256 is the entry's hash on the statement.
            Assert.Equal(entry.Hash, Convert.ToHexStringLower(SHA256.HashData(canonical)));
            offset += 2 + length;
        }
        Assert.Equal(bytes.Length, offset);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/log/tile/0/000.p/2")).StatusCode);
        foreach (var missing in new[] { "/log/tile/0/000", "/log/tile/0/000.p/4", "/log/tile/entries/000", "/log/tile/1/000.p/1", "/log/tile/0/00", "/log/tile/0/000.p/03" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(missing)).StatusCode);
    }

    [Fact]
    public async Task A_receipt_proof_is_a_tlog_proof_that_binds_its_entry_to_the_signed_checkpoint_offline()
    {
        var (receipts, _) = await ThreeGiftsInACheckpointAsync();
        var entries = await EntriesAsync();

        var text = await Client().GetStringAsync($"/log/proof/{receipts[1]}");

        var proof = TlogProof.Parse(text)!;
        Assert.Equal(1, proof.Index);
        var opened = SignedNote.Open(proof.CheckpointNote, Key.Verifier);
        Assert.True(opened.Verified, opened.Problem);
        var checkpoint = Checkpoint.Parse(opened.Text!)!;
        Assert.True(MerkleTree.VerifyInclusion(LogEntryBytes.LeafHashOf(entries[1]), proof.Index, checkpoint.TreeSize, proof.Proof, checkpoint.RootHash));
        Assert.StartsWith("c2sp.org/tlog-proof@v1\nindex 1\n", text);
    }

    [Fact]
    public async Task A_receipt_not_yet_in_a_checkpoint_or_unknown_answers_404_saying_why()
    {
        await ThreeGiftsInACheckpointAsync();
        var unit = await UnitAsync();
        var later = await GiveAsync(await DonorAsync(unit, "Lê Văn Cường"), unit, 50_000);
        var client = Client();

        var notYet = await client.GetAsync($"/log/proof/{later.ReceiptNumber}");
        var unknown = await client.GetAsync("/log/proof/2026-999999");

        Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);
        Assert.Contains("not in a signed checkpoint yet", await notYet.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_policy_answers_404_saying_whether_no_checkpoint_exists_or_the_latest_was_signed_before_policies()
    {
        var before = await Client().GetAsync("/log/policy");
        var (_, signed) = await ThreeGiftsInACheckpointAsync();
        // A checkpoint as signed before migration TlogWitnesses: no policy was recorded with it.
        await WithDbAsync(db =>
        {
            db.LogCheckpoints.Add(new LogCheckpoint { TreeSize = signed.TreeSize + 1, RootHash = signed.RootHash, Note = signed.Note, VerifierKey = signed.VerifierKey, SignedAt = signed.SignedAt });
            return db.SaveChangesAsync();
        });

        var after = await Client().GetAsync("/log/policy");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal("No checkpoint has been signed yet.\n", await before.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal($"No witness policy was recorded for checkpoint {signed.TreeSize + 1}.\n", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_checkpoint_carries_the_witnesses_cosignatures_and_the_policy_is_served_with_it()
    {
        await using var witness = await TestWitness.StartAsync("witness.dhdn.example/w1", Key.Verifier);
        var options = new TransparencyLogOptions { SigningKey = Key.PrivateKeyText, Witnesses = [witness.Options], WitnessQuorum = "any" };
        var unit = await UnitAsync();
        await GiveAsync(await DonorAsync(unit, "Trần Thị Bình"), unit, 100_000);
        var receipt = (await GiveAsync(await DonorAsync(unit, "Lê Văn Cường"), unit, 50_000)).ReceiptNumber;
        var answer = await WithDbAsync(async db =>
        {
            await new CheckpointSigner(db, new LogAppender(db), Options.Create(options),
                Options.Create(new PublicSiteLinkOptions { BaseUrl = "https://minhbach.example.vn" }), TimeProvider.System).SignIfDueAsync();
            return (await new WitnessCollector(db, Options.Create(options), new OneClient(), TimeProvider.System).CollectAsync()).Single();
        });
        Assert.True(answer.Cosigned, answer.Detail);
        var client = Client();

        var note = await client.GetStringAsync("/log/checkpoint");
        var policyText = await client.GetStringAsync("/log/policy");
        var proof = TlogProof.Parse(await client.GetStringAsync($"/log/proof/{receipt}"))!;

        Assert.True(SignedNote.Open(note, Key.Verifier).Verified);
        var policy = WitnessPolicy.Parse(policyText);
        Assert.Equal(["witness-dhdn-example-w1"], policy.CosignedBy(note));
        Assert.True(policy.IsMet(policy.CosignedBy(note)));
        // The proof a donor keeps carries the cosignature too: checkable offline against the policy.
        Assert.True(policy.IsMet(policy.CosignedBy(proof.CheckpointNote)));
        // The page says it in words: the witness, when it cosigned, and that the quorum is met.
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/nhat-ky-minh-bach"));
        Assert.Contains("witness-dhdn-example-w1", page);
        Assert.Contains(witness.CosignerKey.VerifierKey, page);
        Assert.Contains("Đã xác nhận lúc", page);
        Assert.Contains("Cần 1 trong 1 nhân chứng xác nhận.", page);
        Assert.Contains("Điểm kiểm mới nhất đã đủ xác nhận.", page);
    }

    private sealed class OneClient : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}

public class LogEndpointsTestsOnSqlite() : LogEndpointsTests(DatabaseProvider.Sqlite);

public class LogEndpointsTestsOnPostgres() : LogEndpointsTests(DatabaseProvider.Postgres);
