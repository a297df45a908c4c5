using ChildAid.Shared.Data;
using ChildAid.Shared.TransparencyLog;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.TransparencyLog;

public abstract class LogAppenderTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private StoredTreeProbe Probe => new(Db);

    private sealed class StoredTreeProbe(TestDatabase db)
    {
        public async Task<T> RunAsync<T>(Func<StoredTree, Task<T>> f)
        {
            await using var ctx = db.NewContext();
            return await f(new StoredTree(ctx.LogTiles));
        }
    }

    [Fact]
    public async Task The_tree_caught_up_in_uneven_batches_has_the_RFC_root_and_proofs_at_every_size_it_passed()
    {
        // 600 entries: two full level-0 tiles, a partial one, and a partial level-1 tile of width 2.
        var sizes = new List<long>();
        foreach (var (count, batch) in new[] { (1, 7), (200, 7), (100, 64), (299, 1000) })
        {
            await LogTestLedger.AppendAsync(Db, count);
            var result = await LogTestLedger.CatchUpAsync(Db, batch);
            Assert.Null(result.Problem);
            sizes.Add(result.SizeAfter);
        }
        Assert.Equal([1L, 201, 301, 600], sizes);

        var leaves = await LogTestLedger.LeafHashesAsync(Db);
        var probe = Probe;
        foreach (var size in new long[] { 1, 2, 255, 256, 257, 301, 511, 512, 513, 600 })
            Assert.Equal(MerkleTree.Naive(leaves, 0, size), await probe.RunAsync(t => t.RootAsync(size)));

        var root = MerkleTree.Naive(leaves, 0, 600);
        foreach (var index in new long[] { 0, 255, 256, 300, 511, 599 })
        {
            var proof = await probe.RunAsync(t => t.InclusionProofAsync(index, 600));
            Assert.True(MerkleTree.VerifyInclusion(leaves[(int)index], index, 600, proof, root), $"leaf {index}");
        }
        foreach (var oldSize in new long[] { 1, 201, 256, 301, 512 })
        {
            var proof = await probe.RunAsync(t => t.ConsistencyProofAsync(oldSize, 600));
            Assert.True(MerkleTree.VerifyConsistency(oldSize, 600, MerkleTree.Naive(leaves, 0, oldSize), root, proof), $"{oldSize} → 600");
        }
    }

    [Fact]
    public async Task Tiles_are_stored_as_tlog_tiles_defines_them_and_a_full_tile_never_changes_again()
    {
        await LogTestLedger.AppendAsync(Db, 300);
        await LogTestLedger.CatchUpAsync(Db);
        byte[] fullTile;
        await using (var db = Db.NewContext())
            fullTile = (await db.LogTiles.SingleAsync(t => t.Level == 0 && t.TileIndex == 0)).Hashes;

        await LogTestLedger.AppendAsync(Db, 250);
        await LogTestLedger.CatchUpAsync(Db);

        var leaves = await LogTestLedger.LeafHashesAsync(Db);
        await using var ctx = Db.NewContext();
        var tiles = await ctx.LogTiles.AsNoTracking().OrderBy(t => t.Level).ThenBy(t => t.TileIndex).ToListAsync();
        Assert.Equal([(0, 0L, 256), (0, 1L, 256), (0, 2L, 38), (1, 0L, 2)], tiles.Select(t => (t.Level, t.TileIndex, t.HashCount)));
        Assert.Equal(fullTile, tiles[0].Hashes);
        Assert.Equal(leaves.Take(256).SelectMany(h => h), tiles[0].Hashes);
        Assert.Equal(MerkleTree.Naive(leaves, 256, 512), tiles[3].Hashes[32..]);
        Assert.Equal(550, (await ctx.LogHeads.SingleAsync()).TreeSize);
    }

    [Fact]
    public async Task An_entry_whose_content_no_longer_matches_its_hash_is_not_logged_and_the_tree_stops_before_it()
    {
        await LogTestLedger.AppendAsync(Db, 5);
        await using (var db = Db.NewContext())
        {
            // What only the owner could do, with the append-only triggers switched off first.
            await db.Database.ExecuteSqlRawAsync(Provider == DatabaseProvider.Sqlite
                ? "DROP TRIGGER ledger_entries_refuse_update; DROP TRIGGER ledger_entries_erasure_only;"
                : "ALTER TABLE ledger_entries DISABLE TRIGGER USER");
            await db.Database.ExecuteSqlRawAsync("UPDATE ledger_entries SET amount_vnd = 999 WHERE sequence = 4");
        }

        var result = await LogTestLedger.CatchUpAsync(Db);

        Assert.Equal(3, result.SizeAfter);
        Assert.Contains("ledger entry 4 is not logged: its content does not match its hash", result.Problem);
    }

    [Theory]
    [InlineData("UPDATE log_tiles SET hashes = zeroblob(64) WHERE level = 0 AND tile_index = 0", "UPDATE log_tiles SET hashes = decode(repeat('00', 64), 'hex') WHERE level = 0 AND tile_index = 0")]
    [InlineData("UPDATE log_tiles SET hashes = substr(hashes, 1, 32) WHERE level = 0 AND tile_index = 0", "UPDATE log_tiles SET hashes = substring(hashes FROM 1 FOR 32) WHERE level = 0 AND tile_index = 0")]
    [InlineData("UPDATE log_tiles SET tile_index = 7 WHERE level = 0 AND tile_index = 0", "UPDATE log_tiles SET tile_index = 7 WHERE level = 0 AND tile_index = 0")]
    [InlineData("INSERT INTO log_tiles (level, tile_index, hashes) VALUES (5, 0, zeroblob(33))", "INSERT INTO log_tiles (level, tile_index, hashes) VALUES (5, 0, decode(repeat('00', 33), 'hex'))")]
    [InlineData("DELETE FROM log_tiles", "DELETE FROM log_tiles")]
    [InlineData("DELETE FROM log_checkpoints", "DELETE FROM log_checkpoints")]
    [InlineData("UPDATE log_checkpoints SET note = 'forged'", "UPDATE log_checkpoints SET note = 'forged'")]
    public async Task The_database_refuses_to_rewrite_or_delete_what_the_log_has_published(string sqlite, string postgres)
    {
        await LogTestLedger.AppendAsync(Db, 3);
        await LogTestLedger.CatchUpAsync(Db);
        using var key = NoteSigner.Generate("minhbach.example.vn/log");
        var (code, _) = await CliRunner.RunAsync(Db, "log", "checkpoint", $"--TransparencyLog:SigningKey={key.PrivateKeyText}",
            "--PublicSite:BaseUrl=https://minhbach.example.vn");
        Assert.Equal(0, code);
        await using var db = Db.NewContext();
        var before = await db.LogTiles.AsNoTracking().SingleAsync(t => t.Level == 0 && t.TileIndex == 0);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(Provider == DatabaseProvider.Sqlite ? sqlite : postgres));

        Assert.Equal(before.Hashes, (await db.LogTiles.AsNoTracking().SingleAsync(t => t.Level == 0 && t.TileIndex == 0)).Hashes);
        Assert.Equal(1, await db.LogCheckpoints.CountAsync());
    }

    [Fact]
    public async Task A_second_catch_up_with_nothing_new_changes_nothing()
    {
        await LogTestLedger.AppendAsync(Db, 3);
        await LogTestLedger.CatchUpAsync(Db);

        var again = await LogTestLedger.CatchUpAsync(Db);

        Assert.Equal((3L, 3L, (string?)null), (again.SizeBefore, again.SizeAfter, again.Problem));
    }
}

public class LogAppenderTestsOnSqlite() : LogAppenderTests(DatabaseProvider.Sqlite);

public class LogAppenderTestsOnPostgres() : LogAppenderTests(DatabaseProvider.Postgres);
