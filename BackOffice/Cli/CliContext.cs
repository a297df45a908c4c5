using ChildAid.Shared.Balances;
using ChildAid.Shared.PublicNutrition;
using ChildAid.Shared.TransparencyLog;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Media;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Serilog;

namespace ChildAid.BackOffice;

/// <summary>
/// Configuration and services of a verb. The database comes from section "Database" exactly as the web app reads it:
/// appsettings.json next to the program, environment variables (<c>Database__Provider</c>, <c>Database__ConnectionString</c>)
/// and <c>--Database:…</c> arguments, last wins; with nothing set, the default SQLite file the run command uses.
/// </summary>
public sealed class CliContext(IConfiguration configuration, DatabaseOptions database, TextWriter output, TextWriter error)
{
    public IConfiguration Configuration { get; } = configuration;
    public DatabaseOptions Database { get; } = database;
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    public static CliContext Create(CliArgs args, TextWriter output, TextWriter error)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, $"appsettings.{environment}.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. args.ConfigArgs])
            .Build();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        return new CliContext(configuration, database, output, error);
    }

    /// <summary>The full data services, plus Identity's user and role managers over the same context.</summary>
    public ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        // Log events (warnings and errors of EF Core, Identity …) go to standard error; what a verb prints for its
        // user goes to Output. Serilog as in the sites: "Logging:LogLevel" and "Logging:Console:Format" (text by default).
        var logger = ChildAidLogging.Configure(new Serilog.LoggerConfiguration(), Configuration, "Development", "cli", toStandardError: true,
            floor: Serilog.Events.LogEventLevel.Warning).CreateLogger();
        services.AddLogging(b => b.ClearProviders().AddSerilog(logger, dispose: true));
        services.AddChildAidData(Database);
        // Links in the mails a booking queues (receipt, thank-you) point at PublicSite, as BackOffice's do.
        services.AddOptions<Shared.Hosting.PublicSiteLinkOptions>().Bind(Configuration.GetSection(Shared.Hosting.PublicSiteLinkOptions.Section));
        services.AddOptions<Shared.Donors.DonorLinkOptions>().Bind(Configuration.GetSection(Shared.Donors.DonorLinkOptions.Section));
        services.AddStaffIdentityCore();
        // The WHO tables for check-ups and `growth recompute`.
        services.AddOptions<Shared.Growth.GrowthOptions>().Bind(Configuration.GetSection(Shared.Growth.GrowthOptions.Section));
        // The media store the sites use (seed --demo uploads the starter content's images into it).
        services.AddMedia(Configuration);
        services.AddScoped<Shared.Content.StarterContentImport>();
        // The transparency log's signer (log checkpoint, verify-log); the worker runs in BackOffice only.
        services.AddTransparencyLog(Configuration, worker: false);
        services.AddBalanceRuns(Configuration, worker: false);
        services.AddPublicNutrition(Configuration, worker: false);
        return services.BuildServiceProvider();
    }

    /// <summary>A scope whose changes are audited as made by <paramref name="actor"/> (e.g. "cli:create-admin").</summary>
    public static AsyncServiceScope Scope(ServiceProvider services, string actor, bool suppressAudit = false)
    {
        var scope = services.CreateAsyncScope();
        var a = scope.ServiceProvider.GetRequiredService<AuditActor>();
        a.Name = actor;
        a.Suppressed = suppressAudit;
        return scope;
    }

    /// <summary>Where the data is, for people: the SQLite file or the PostgreSQL host and database (never the password).</summary>
    public string DescribeDatabase()
    {
        var cs = Database.ResolvedConnectionString();
        if (Database.Provider == DatabaseProvider.Sqlite)
            return $"SQLite {Path.GetFullPath(new SqliteConnectionStringBuilder(cs).DataSource)}";
        var pg = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        return $"PostgreSQL {pg.Host}:{pg.Port}/{pg.Database} as {pg.Username}";
    }
}
