using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChildAid.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of the installed version in the temp folder, on a free loopback port, stopped when the process
/// exits. initdb refuses to run as root, so as root it runs as the `postgres` user. Used by the tests and the benchmarks.
/// </summary>
public static class ThrowawayPostgres
{
    /// <returns>A connection string of the superuser on database "postgres".</returns>
    public static string Start(string label, string serverSettings)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (bin is null)
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Run tests/run.sh, which installs it, or point the tests at a server (CHILDAID_TEST_PG / CHILDAID_BENCH_PG).");

        var root = Path.Combine(Path.GetTempPath(), $"{label}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..(label.Length + 20)]);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", $"postgres:postgres {root}");

        var password = Guid.NewGuid().ToString("N");
        var pwFile = Path.Combine(root, "pw");
        File.WriteAllText(pwFile, password);
        if (asRoot) Run("chown", $"postgres:postgres {pwFile}");
        RunPg(asRoot, Path.Combine(bin, "initdb"),
            $"-D {data} -U postgres --pwfile={pwFile} --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8");

        var port = FreePort();
        RunPg(asRoot, Path.Combine(bin, "pg_ctl"),
            $"-D {data} -l {root}/log -w -o \"-p {port} -k {root} -c listen_addresses=127.0.0.1 {serverSettings}\" start");

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { RunPg(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate stop"); Directory.Delete(root, true); }
            catch (Exception) { /* best effort at exit */ }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=postgres";
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
