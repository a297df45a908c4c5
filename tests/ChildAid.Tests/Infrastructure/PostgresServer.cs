using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (bin is null)
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Run tests/run.sh, which installs it, or set CHILDAID_TEST_PG.");

        var root = Path.Combine(Path.GetTempPath(), $"childaid-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", $"postgres:postgres {root}");

        const string password = "childaid-test";
        var pwFile = Path.Combine(root, "pw");
        File.WriteAllText(pwFile, password);
        if (asRoot) Run("chown", $"postgres:postgres {pwFile}");
        RunPg(asRoot, Path.Combine(bin, "initdb"),
            $"-D {data} -U postgres --pwfile={pwFile} --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8");

        var port = FreePort();
        RunPg(asRoot, Path.Combine(bin, "pg_ctl"),
            $"-D {data} -l {root}/log -w -o \"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start");

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { RunPg(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate stop"); Directory.Delete(root, true); }
            catch (Exception) { /* best effort at exit */ }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=postgres;Include Error Detail=true";
    }

    private static void RunPg(bool asRoot, string exe, string args)
    {
        if (asRoot) Run("runuser", $"-u postgres -- {exe} {args}");
        else Run(exe, args);
    }

    private static void Run(string exe, string args)
    {
        var psi = new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} {args} failed ({p.ExitCode}): {error} {output.Result}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
