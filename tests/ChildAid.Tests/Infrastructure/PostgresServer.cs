using Npgsql;

namespace ChildAid.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run, started on first use on a free loopback port and
/// stopped when the process exits. Set CHILDAID_TEST_PG to an admin connection string to use a server you
/// already have instead. If neither works the tests fail: PostgreSQL tests are never skipped.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Admin = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string of a superuser on the test cluster's "postgres" database.</summary>
    public static string AdminConnectionString => Admin.Value;

    public static string ConnectionStringFor(string database, string? user = null, string? password = null)
    {
        var b = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true };
        if (user is not null) { b.Username = user; b.Password = password; }
        return b.ConnectionString;
    }

    private static string Start()
    {
        var external = Environment.GetEnvironmentVariable("CHILDAID_TEST_PG");
        if (!string.IsNullOrWhiteSpace(external)) return external;
        // Durability is irrelevant to tests; speed is not.
        return ThrowawayPostgres.Start("childaid-pg",
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300") + ";Include Error Detail=true";
    }

}
