using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChildAid.Tests.Cli;

/// <summary>
/// README, "Running on PostgreSQL in production", step by step on a cluster of its own where no ChildAid role
/// exists yet: an owner with CREATEROLE migrates, makes the two logins, and each site works as its login.
/// </summary>
public class PostgresProductionStepsTests
{
    private static readonly Lazy<string> FreshCluster = new(
        () => ThrowawayPostgres.Start("childaid-readme", "-c fsync=off -c synchronous_commit=off"), LazyThreadSafetyMode.ExecutionAndPublication);

    private static async Task SuperuserAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(FreshCluster.Value);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static string As(string database, string user, string password) =>
        new NpgsqlConnectionStringBuilder(FreshCluster.Value) { Database = database, Username = user, Password = password }.ConnectionString;

    private static Task<(int ExitCode, string Output)> CliAsync(string connectionString, params string[] args) =>
        CliRunner.RunRawAsync([.. args, "--Database:Provider=Postgres", $"--Database:ConnectionString={connectionString}"]);

    [Fact]
    public async Task The_README_steps_work_on_a_fresh_cluster_exactly_as_written()
    {
        // 1. As a superuser: the owner role (LOGIN CREATEROLE) and its database.
        await SuperuserAsync("CREATE ROLE childaid_owner LOGIN CREATEROLE PASSWORD 'owner-password-2026'");
        await SuperuserAsync("CREATE DATABASE childaid OWNER childaid_owner");
        var owner = As("childaid", "childaid_owner", "owner-password-2026");

        // 2. Migrations as the owner. 3. The two logins.
        var migrate = await CliAsync(owner, "migrate");
        var publicLogin = await CliAsync(owner, "create-public-login", "--user", "childaid_web", "--password", "web-password-2026");
        var backOfficeLogin = await CliAsync(owner, "create-backoffice-login", "--user", "childaid_backoffice", "--password", "backoffice-password-2026");
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.True(publicLogin.ExitCode == 0, publicLogin.Output);
        Assert.True(backOfficeLogin.ExitCode == 0, backOfficeLogin.Output);

        // 4. BackOffice as its login: the first admin, and a gift recorded.
        var backOffice = As("childaid", "childaid_backoffice", "backoffice-password-2026");
        var admin = await CliAsync(backOffice, "create-admin", "--email", "admin@tinh.example", "--password", "Mat-khau-2026!");
        Assert.True(admin.ExitCode == 0, admin.Output);
        await using (var services = new ServiceCollection().AddLogging()
                         .AddChildAidData(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = backOffice }).BuildServiceProvider())
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "test";
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var unit = await TestData.UnitAsync(db);
            var donor = await TestData.DonorAsync(db, unit.Id);
            var gift = await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(TestData.Cash(donor.Id, unit.Id, 300_000));
            Assert.True(gift.Succeeded);
        }
        var verify = await CliAsync(backOffice, "verify-ledger");
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains("OK: 1 entries", verify.Output);

        // PublicSite as its login: the statement, and nothing personal.
        await using var web = new NpgsqlConnection(As("childaid", "childaid_web", "web-password-2026"));
        await web.OpenAsync();
        await using (var statement = new NpgsqlCommand("SELECT amount_vnd FROM ledger_entries", web))
            Assert.Equal(300_000L, await statement.ExecuteScalarAsync());
        await using var donors = new NpgsqlCommand("SELECT name FROM donors", web);
        Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => donors.ExecuteScalarAsync())).SqlState);
    }

    [Fact]
    public async Task Migrate_as_an_owner_who_may_not_create_roles_applies_nothing_and_says_what_is_missing()
    {
        await SuperuserAsync("CREATE ROLE childaid_owner_norole LOGIN PASSWORD 'owner-password-2026'");
        await SuperuserAsync("CREATE DATABASE childaid_norole OWNER childaid_owner_norole");
        var owner = As("childaid_norole", "childaid_owner_norole", "owner-password-2026");

        var (code, output) = await CliAsync(owner, "migrate");

        Assert.Equal(1, code);
        Assert.Contains("CREATEROLE", output);
        Assert.Contains("Nothing was applied", output);
        await using var conn = new NpgsqlConnection(owner);
        await conn.OpenAsync();
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", conn);
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }
}
