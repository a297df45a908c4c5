using ChildAid.BackOffice;
using ChildAid.Tests.Infrastructure;

namespace ChildAid.Tests.Cli;

/// <summary>Runs a BackOffice verb in-process against a test database, capturing what it prints.</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(TestDatabase db, params string[] args) =>
        await RunRawAsync([.. args, $"--Database:Provider={db.Provider}", $"--Database:ConnectionString={db.ConnectionString}"]);

    public static async Task<(int ExitCode, string Output)> RunRawAsync(params string[] args)
    {
        var output = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, output);
        return (code, output.ToString());
    }
}
