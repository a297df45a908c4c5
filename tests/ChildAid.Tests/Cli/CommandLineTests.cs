using ChildAid.BackOffice;

namespace ChildAid.Tests.Cli;

public class CommandLineTests
{
    [Fact]
    public async Task Unknown_verb_prints_the_usage_and_exits_with_2()
    {
        var (code, output) = await CliRunner.RunRawAsync("frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("Unknown verb 'frobnicate'", output);
        Assert.Contains("verify-ledger [--file statement.csv]", output);
    }

    [Fact]
    public async Task Help_lists_every_verb()
    {
        var (code, output) = await CliRunner.RunRawAsync("help");

        Assert.Equal(0, code);
        foreach (var verb in new[] { "migrate", "seed --demo", "verify-ledger", "create-admin", "create-public-login", "growth score IN.csv OUT.csv", "run", "help" })
            Assert.Contains(verb, output);
    }

    [Fact]
    public async Task A_mistyped_option_is_refused_rather_than_ignored()
    {
        var (code, output) = await CliRunner.RunRawAsync("verify-ledger", "--fiel", "statement.csv");

        Assert.Equal(2, code);
        Assert.Contains("Unknown option '--fiel'", output);
    }

    [Fact]
    public async Task Seed_without_saying_demo_loads_nothing_and_exits_with_2()
    {
        var (code, output) = await CliRunner.RunRawAsync("seed", "--Database:ConnectionString=Data Source=/nonexistent/never.db");

        Assert.Equal(2, code);
        Assert.Contains("seed --demo", output);
    }

    [Theory]
    [InlineData("migrate", true)]
    [InlineData("frobnicate", true)]
    [InlineData("--urls=http://127.0.0.1:5000", false)]
    [InlineData("Database:Provider=Postgres", false)]
    public void Words_are_verbs_and_options_go_to_the_web_app(string arg, bool isVerb) =>
        Assert.Equal(isVerb, CommandLine.IsVerb(arg));
}
