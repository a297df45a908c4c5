using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChildAid.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database of one provider, owned by one test. Migrations run once per provider into a
/// template (an SQLite file, a PostgreSQL template database); each test gets a copy of it, which is fast and
/// still exercises the real migrations.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _sqliteTemplate;
    private static bool _postgresTemplateReady;
    private const string PostgresTemplate = "childaid_template";

    private TestDatabase(DatabaseProvider provider, string connectionString, string? file, string? pgName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _file = file;
        _pgName = pgName;
    }

    private readonly string? _file;
    private readonly string? _pgName;

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public DatabaseOptions Options => new() { Provider = Provider, ConnectionString = ConnectionString };

    /// <summary>On PostgreSQL, a login that is a member of the public reader role, as PublicSite connects in production.</summary>
    public string PublicConnectionString => Provider == DatabaseProvider.Postgres
        ? PostgresServer.ConnectionStringFor(_pgName!, PublicLogin, PublicPassword)
        : ConnectionString;

    public DatabaseOptions PublicOptions => new() { Provider = Provider, ConnectionString = PublicConnectionString };

    public const string PublicLogin = "childaid_public_test";
    public const string PublicPassword = "public-test-password";

    /// <summary>On PostgreSQL, a login in the application role, as BackOffice connects in production (not the owner).</summary>
    public string AppConnectionString => Provider == DatabaseProvider.Postgres
        ? PostgresServer.ConnectionStringFor(_pgName!, AppLogin, AppPassword)
        : ConnectionString;

    public DatabaseOptions AppOptions => new() { Provider = Provider, ConnectionString = AppConnectionString };

    /// <summary>On PostgreSQL, a login in the intake role, as PublicSite writes pledges and Stripe's inbox in production (INSERT only).</summary>
    public string IntakeConnectionString => Provider == DatabaseProvider.Postgres
        ? PostgresServer.ConnectionStringFor(_pgName!, IntakeLogin, IntakePassword)
        : ConnectionString;

    public DatabaseOptions IntakeOptions => new() { Provider = Provider, ConnectionString = IntakeConnectionString };

    public const string IntakeLogin = "childaid_intake_test";
    public const string IntakePassword = "intake-test-password";

    public const string AppLogin = "childaid_app_test";
    public const string AppPassword = "app-test-password";

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var template = await SqliteTemplateAsync();
            var file = Path.Combine(Path.GetTempPath(), $"childaid-test-{Guid.NewGuid():N}.db");
            File.Copy(template, file);
            return new TestDatabase(provider, $"Data Source={file};Pooling=False", file, null);
        }

        await PostgresTemplateAsync();
        var name = $"t_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(PostgresServer.AdminConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {PostgresTemplate}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new TestDatabase(provider, PostgresServer.ConnectionStringFor(name), null, name);
    }

    /// <summary>A service provider with the full context, as BackOffice and the CLI have it (<paramref name="asApp"/>: as BackOffice's login role).</summary>
    public ServiceProvider Services(Action<IServiceCollection>? configure = null, bool asApp = false)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChildAidData(asApp ? AppOptions : Options);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public ChildAidDbContext NewContext()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var pg = new DbContextOptionsBuilder<PostgresChildAidDbContext>();
            DataServiceCollectionExtensions.ConfigurePostgres(pg, ConnectionString);
            return new PostgresChildAidDbContext(pg.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteChildAidDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(sqlite, ConnectionString);
        return new SqliteChildAidDbContext(sqlite.Options);
    }

    private static async Task<string> SqliteTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_sqliteTemplate is not null) return _sqliteTemplate;
            var file = Path.Combine(Path.GetTempPath(), $"childaid-template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
            var db = new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", file, null);
            await using (var ctx = db.NewContext()) await ctx.Database.MigrateAsync();
            SqliteConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
            return _sqliteTemplate = file;
        }
        finally { TemplateLock.Release(); }
    }

    private static async Task PostgresTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_postgresTemplateReady) return;
            await using (var conn = new NpgsqlConnection(PostgresServer.AdminConnectionString))
            {
                await conn.OpenAsync();
                await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {PostgresTemplate}", conn)) await drop.ExecuteNonQueryAsync();
                await using (var create = new NpgsqlCommand($"CREATE DATABASE {PostgresTemplate}", conn)) await create.ExecuteNonQueryAsync();
            }
            var db = new TestDatabase(DatabaseProvider.Postgres, PostgresServer.ConnectionStringFor(PostgresTemplate), null, PostgresTemplate);
            await using (var ctx = db.NewContext()) await ctx.Database.MigrateAsync();
            await using (var conn = new NpgsqlConnection(PostgresServer.AdminConnectionString))
            {
                await conn.OpenAsync();
                await using var login = new NpgsqlCommand($"""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{PublicLogin}') THEN
                        CREATE ROLE {PublicLogin} LOGIN PASSWORD '{PublicPassword}' IN ROLE {PublicTables.ReaderRole};
                      END IF;
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AppLogin}') THEN
                        CREATE ROLE {AppLogin} LOGIN PASSWORD '{AppPassword}' IN ROLE {DatabaseRoles.App};
                      END IF;
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{IntakeLogin}') THEN
                        CREATE ROLE {IntakeLogin} LOGIN PASSWORD '{IntakePassword}' IN ROLE {DatabaseRoles.Intake};
                      END IF;
                    END $$;
                    """, conn);
                await login.ExecuteNonQueryAsync();
            }
            NpgsqlConnection.ClearAllPools();
            _postgresTemplateReady = true;
        }
        finally { TemplateLock.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) if (File.Exists(f)) File.Delete(f);
        }
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Base of a test class that runs once per provider: derive a small class for each.</summary>
public abstract class DatabaseTest(DatabaseProvider provider) : IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = null!;
    protected DatabaseProvider Provider => provider;

    public virtual async Task InitializeAsync() => Db = await TestDatabase.CreateAsync(provider);

    public virtual async Task DisposeAsync() => await Db.DisposeAsync();

    /// <summary>A scope acting as a named CLI user with no unit restriction.</summary>
    protected AsyncServiceScope Scope(ServiceProvider sp, string actor = "test")
    {
        var scope = sp.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = actor;
        return scope;
    }
}
