using BenchmarkDotNet.Attributes;
using ChildAid.Shared.Data;
using ChildAid.Shared.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Benchmarks;

/// <summary>
/// The transparency log over the generated ledger (<see cref="StatementQueryBenchmarks.Entries"/>, default 1,000,000):
/// an inclusion proof and a consistency proof computed from the stored tiles through PublicSite's context (what
/// <c>/log/proof</c> and a witness need), and appending the last 10,000 entries to the tree (<see cref="LogAppender"/>:
/// the right-edge tiles only). GlobalSetup catches the whole tree up once (minutes at a million entries); before each
/// append the tree is rewound to 10,000 entries fewer, using the fact that a tile row only ever grows at its end.
/// Run: <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*TransparencyLog*'</c>.
/// </summary>
[Config(typeof(StatementQueryBenchmarks.Config))]
public class TransparencyLogBenchmarks
{
    public const int Appended = 10_000;

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    public static IEnumerable<DatabaseProvider> Providers() => StatementQueryBenchmarks.Providers();

    private string _cs = "";
    private long _size;
    private readonly Random _random = new(20261201);

    private ChildAidDbContext AppContext()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var o = new DbContextOptionsBuilder<SqliteChildAidDbContext>();
            DataServiceCollectionExtensions.ConfigureSqlite(o, _cs);
            return new SqliteChildAidDbContext(o.Options);
        }
        var p = new DbContextOptionsBuilder<PostgresChildAidDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(p, _cs);
        return new PostgresChildAidDbContext(p.Options);
    }

    [GlobalSetup]
    public void Setup()
    {
        _cs = BenchDatabase.ConnectionStringAsync(Provider, StatementQueryBenchmarks.Entries).GetAwaiter().GetResult();
        using var db = AppContext();
        var caughtUp = new LogAppender(db).CatchUpAsync(50_000).GetAwaiter().GetResult();
        if (caughtUp.Problem is not null) throw new InvalidOperationException(caughtUp.Problem);
        _size = caughtUp.SizeAfter;
        Console.WriteLine($"// {Provider}: tree of {_size:N0} leaves (appended {caughtUp.Appended:N0} in setup)");
    }

    [Benchmark]
    public async Task<int> InclusionProof()
    {
        await using var db = BenchDatabase.PublicContext(Provider, _cs);
        var proof = await new StoredTree(db.LogTiles).InclusionProofAsync(_random.NextInt64(_size), _size);
        return proof.Count;
    }

    [Benchmark]
    public async Task<int> ConsistencyProof()
    {
        await using var db = BenchDatabase.PublicContext(Provider, _cs);
        var proof = await new StoredTree(db.LogTiles).ConsistencyProofAsync(1 + _random.NextInt64(_size - 1), _size);
        return proof.Count;
    }

    /// <summary>Back to <c>size − 10,000</c>: each level's right-edge tile cut to its width then, the tiles after it removed.</summary>
    [IterationSetup(Target = nameof(AppendTenThousand))]
    public void Rewind()
    {
        using var db = AppContext();
        // A published log refuses this (migration TlogGrowOnlyTiles): the benchmark rewinds as only the database owner
        // could, guards off. On SQLite they stay off in the bench database, whose log is never published.
        db.Database.ExecuteSqlRaw(Provider == DatabaseProvider.Sqlite
            ? "DROP TRIGGER IF EXISTS log_tiles_grow_only; DROP TRIGGER IF EXISTS log_tiles_refuse_delete;"
            : "ALTER TABLE log_tiles DISABLE TRIGGER USER");
        var target = _size - Appended;
        for (var level = 0; level < 8; level++)
        {
            var count = TileMath.HashesAtLevel(target, level);
            var index = count / LogTile.Width;
            var width = (int)(count % LogTile.Width);
            db.Database.ExecuteSqlRaw("DELETE FROM log_tiles WHERE level = {0} AND tile_index > {1}", level, index);
            if (width == 0) db.Database.ExecuteSqlRaw("DELETE FROM log_tiles WHERE level = {0} AND tile_index = {1}", level, index);
            else
            {
                var tile = db.LogTiles.Single(t => t.Level == level && t.TileIndex == index);
                tile.Hashes = tile.Hashes[..(width * MerkleTree.HashSize)];
            }
        }
        db.SaveChanges();
        db.Database.ExecuteSqlRaw("UPDATE log_heads SET tree_size = {0} WHERE id = 1", target);
        if (Provider == DatabaseProvider.Postgres) db.Database.ExecuteSqlRaw("ALTER TABLE log_tiles ENABLE TRIGGER USER");
    }

    [Benchmark]
    public async Task<long> AppendTenThousand()
    {
        await using var db = AppContext();
        var result = await new LogAppender(db).CatchUpAsync(Appended);
        if (result.Appended != Appended || result.Problem is not null) throw new InvalidOperationException($"appended {result.Appended}: {result.Problem}");
        return result.SizeAfter;
    }
}
