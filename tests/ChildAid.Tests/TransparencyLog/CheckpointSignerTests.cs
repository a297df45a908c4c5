using ChildAid.Shared.Data;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.TransparencyLog;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.TransparencyLog;

public abstract class CheckpointSignerTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static readonly NoteSigner Key = NoteSigner.Generate("minhbach.example.vn/log");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private async Task<CheckpointOutcome> SignAsync(string? signingKey = null)
    {
        await using var db = Db.NewContext();
        var signer = new CheckpointSigner(db, new LogAppender(db),
            Options.Create(new TransparencyLogOptions { SigningKey = signingKey ?? Key.PrivateKeyText }),
            Options.Create(new PublicSiteLinkOptions { BaseUrl = "https://minhbach.example.vn/" }), _clock);
        return await signer.SignIfDueAsync();
    }

    [Fact]
    public async Task A_checkpoint_is_signed_over_the_whole_ledger_with_the_origin_from_the_site_address()
    {
        await LogTestLedger.AppendAsync(Db, 5);

        var outcome = await SignAsync();

        var opened = SignedNote.Open(outcome.Signed!.Note, NoteVerifier.Parse(outcome.Signed.VerifierKey));
        Assert.True(opened.Verified, opened.Problem);
        var checkpoint = Checkpoint.Parse(opened.Text!)!;
        Assert.Equal("minhbach.example.vn/log", checkpoint.Origin);
        Assert.Equal(5, checkpoint.TreeSize);
        Assert.Equal(MerkleTree.Naive(await LogTestLedger.LeafHashesAsync(Db), 0, 5), checkpoint.RootHash);
        Assert.Equal(Key.Verifier.VerifierKey, outcome.Signed.VerifierKey);
    }

    [Fact]
    public async Task Checkpoints_come_at_most_hourly_only_when_the_tree_grew_and_each_one_is_archived()
    {
        await LogTestLedger.AppendAsync(Db, 3);
        Assert.NotNull((await SignAsync()).Signed);

        await LogTestLedger.AppendAsync(Db, 2);
        _clock.Advance(TimeSpan.FromMinutes(30));
        var tooSoon = await SignAsync();
        _clock.Advance(TimeSpan.FromMinutes(31));
        var afterAnHour = await SignAsync();
        _clock.Advance(TimeSpan.FromHours(5));
        var nothingNew = await SignAsync();

        Assert.Null(tooSoon.Signed);
        Assert.Contains("less than 60 minutes old", tooSoon.Reason);
        Assert.Equal(5, afterAnHour.Signed!.TreeSize);
        Assert.Null(nothingNew.Signed);
        await using var db = Db.NewContext();
        Assert.Equal([3L, 5L], await db.LogCheckpoints.OrderBy(c => c.Id).Select(c => c.TreeSize).ToListAsync());
    }

    [Fact]
    public async Task A_tree_rewritten_under_the_last_checkpoint_is_refused_and_nothing_is_signed()
    {
        await LogTestLedger.AppendAsync(Db, 4);
        await SignAsync();
        await using (var db = Db.NewContext())
        {
            // Someone with the owner's rights switches the grow-only guard off (the app's login cannot change a tile:
            // LogAppenderTests) and replaces the first leaf hash in the stored tile. The signer is the second defence.
            await db.Database.ExecuteSqlRawAsync(Provider == DatabaseProvider.Sqlite
                ? "DROP TRIGGER log_tiles_grow_only" : "ALTER TABLE log_tiles DISABLE TRIGGER USER");
            var tile = await db.LogTiles.SingleAsync(t => t.Level == 0 && t.TileIndex == 0);
            tile.Hashes = [.. MerkleTree.LeafHash("another first entry"u8), .. tile.Hashes[32..]];
            await db.SaveChangesAsync();
        }
        await LogTestLedger.AppendAsync(Db, 2);
        _clock.Advance(TimeSpan.FromHours(2));

        var outcome = await SignAsync();

        Assert.Null(outcome.Signed);
        Assert.True(outcome.IsProblem);
        Assert.Contains("not consistent with checkpoint 4: refusing to sign", outcome.Reason);
    }

    [Fact]
    public async Task Without_a_signing_key_the_tree_keeps_up_and_nothing_is_signed()
    {
        await LogTestLedger.AppendAsync(Db, 2);
        await using var db = Db.NewContext();
        var signer = new CheckpointSigner(db, new LogAppender(db), Options.Create(new TransparencyLogOptions()),
            Options.Create(new PublicSiteLinkOptions()), _clock);

        var outcome = await signer.SignIfDueAsync();

        Assert.Null(outcome.Signed);
        Assert.Contains("no signing key configured", outcome.Reason);
        Assert.Equal(2, await new LogAppender(db).TreeSizeAsync());
    }
}

public class CheckpointSignerTestsOnSqlite() : CheckpointSignerTests(DatabaseProvider.Sqlite);

public class CheckpointSignerTestsOnPostgres() : CheckpointSignerTests(DatabaseProvider.Postgres);
