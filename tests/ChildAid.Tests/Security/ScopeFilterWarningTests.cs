using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildAid.Tests.Security;

/// <summary>
/// EF warns when a required reference leads to an entity whose scope filter the referring entity does not share
/// (a reversal request whose receipt is filtered out would still be read, with its receipt missing). The model of
/// both provider contexts builds without any warning from model validation.
/// </summary>
public class ScopeFilterWarningTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_model_builds_without_a_warning_about_a_filtered_required_reference(string provider)
    {
        var warnings = new List<string>();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(new Collect(warnings)).SetMinimumLevel(LogLevel.Warning));

        using var db = NewContext(provider, o => o.UseLoggerFactory(loggers)
            // A fresh internal service provider, so the model is built and validated here, not taken from EF's cache.
            .EnableServiceProviderCaching(false)
            .ConfigureWarnings(w => w.Throw(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)));
        _ = db.Model;

        Assert.Empty(warnings);
    }

    private static ChildAidDbContext NewContext(string provider, Action<DbContextOptionsBuilder> configure)
    {
        if (provider == "Postgres")
        {
            var options = new DbContextOptionsBuilder<PostgresChildAidDbContext>();
            DataServiceCollectionExtensions.ConfigurePostgres(options, "Host=localhost;Database=model_only");
            configure(options);
            return new PostgresChildAidDbContext(options.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteChildAidDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(sqlite, "Data Source=:memory:");
        configure(sqlite);
        return new SqliteChildAidDbContext(sqlite.Options);
    }

    private sealed class Collect(List<string> warnings) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, warnings);
        public void Dispose() { }

        private sealed class Logger(string category, List<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (category.StartsWith("Microsoft.EntityFrameworkCore.Model", StringComparison.Ordinal) && logLevel >= LogLevel.Warning)
                    lock (warnings) warnings.Add($"{eventId.Name}: {formatter(state, exception)}");
            }
        }
    }
}
