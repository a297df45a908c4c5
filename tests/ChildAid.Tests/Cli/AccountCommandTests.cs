using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChildAid.Tests.Cli;

public abstract class AccountCommandTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const string Email = "admin@tinh.example";

    private async Task<StaffUser?> FindAsync(ChildAidDbContext db) =>
        await db.Users.Include(u => u.Units).SingleOrDefaultAsync(u => u.NormalizedEmail == Email.ToUpperInvariant());

    [Fact]
    public async Task Create_admin_makes_an_admin_with_every_province_who_must_still_enrol_two_factor()
    {
        int kontum, quangNgai;
        await using (var setup = Db.NewContext())
        {
            kontum = (await TestData.UnitAsync(setup, "Tỉnh Kon Tum", "62", level: AdminUnitLevel.Province)).Id;
            quangNgai = (await TestData.UnitAsync(setup, "Tỉnh Quảng Ngãi", "51", level: AdminUnitLevel.Province)).Id;
        }

        var (code, output) = await CliRunner.RunAsync(Db, "create-admin", "--email", Email, "--password", "Mat-khau-2026!", "--name", "Quản trị tỉnh");

        Assert.Equal(0, code);
        Assert.Contains("Created admin", output);
        await using var db = Db.NewContext();
        var user = await FindAsync(db);
        Assert.NotNull(user);
        Assert.Equal("Quản trị tỉnh", user.FullName);
        Assert.False(user.TwoFactorEnabled);
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        Assert.Equal([Roles.Admin], roles);
        Assert.Equal([kontum, quangNgai], user.Units.Select(u => u.AdminUnitId).Order());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(StaffUser) && a.Actor == "cli:create-admin"));
    }

    [Fact]
    public async Task Create_admin_again_resets_the_password_and_two_factor_of_the_same_account()
    {
        await CliRunner.RunAsync(Db, "create-admin", "--email", Email, "--password", "Mat-khau-2026!");
        await using (var db = Db.NewContext())
            await db.Users.Where(u => u.NormalizedEmail == Email.ToUpperInvariant())
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorEnabled, true).SetProperty(u => u.AccessFailedCount, 4));
        string? oldHash;
        await using (var db = Db.NewContext()) oldHash = (await FindAsync(db))!.PasswordHash;

        var (code, output) = await CliRunner.RunAsync(Db, "create-admin", "--email", Email, "--password", "Mat-khau-moi-2027!");

        Assert.Equal(0, code);
        Assert.Contains("Reset admin", output);
        await using var check = Db.NewContext();
        Assert.Equal(1, await check.Users.CountAsync());
        var user = (await FindAsync(check))!;
        Assert.NotEqual(oldHash, user.PasswordHash);
        Assert.False(user.TwoFactorEnabled);
        Assert.Equal(0, user.AccessFailedCount);
    }

    [Fact]
    public async Task Create_admin_with_a_weak_password_creates_nothing_and_exits_with_1()
    {
        var (code, output) = await CliRunner.RunAsync(Db, "create-admin", "--email", Email, "--password", "123");

        Assert.Equal(1, code);
        Assert.Contains("create-admin:", output);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.Users.CountAsync());
    }
}

public class AccountCommandTestsOnSqlite() : AccountCommandTests(DatabaseProvider.Sqlite)
{
    [Fact]
    public async Task Create_public_login_refuses_SQLite()
    {
        var (code, output) = await CliRunner.RunAsync(Db, "create-public-login", "--user", "childaid_web", "--password", "doc-cong-khai-2026");

        Assert.Equal(2, code);
        Assert.Contains("PostgreSQL only", output);
    }
}

public class AccountCommandTestsOnPostgres() : AccountCommandTests(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task Create_public_login_gives_a_login_that_reads_campaigns_but_not_donors()
    {
        var login = $"pub_{Guid.NewGuid():N}"[..20];
        const string password = "doc-cong-khai-2026";
        await using (var setup = Db.NewContext())
        {
            var unit = await TestData.UnitAsync(setup);
            await TestData.CampaignAsync(setup);
            await TestData.DonorAsync(setup, unit.Id);
        }
        try
        {
            var (code, output) = await CliRunner.RunAsync(Db, "create-public-login", "--user", login, "--password", password);
            Assert.Equal(0, code);
            Assert.Contains($"Created login {login}", output);

            var b = new NpgsqlConnectionStringBuilder(Db.ConnectionString) { Username = login, Password = password, Pooling = false };
            await using var conn = new NpgsqlConnection(b.ConnectionString);
            await conn.OpenAsync();
            await using (var campaigns = new NpgsqlCommand("SELECT count(*) FROM campaigns", conn))
                Assert.Equal(1L, await campaigns.ExecuteScalarAsync());
            await using var donors = new NpgsqlCommand("SELECT count(*) FROM donors", conn);
            var denied = await Assert.ThrowsAsync<PostgresException>(() => donors.ExecuteScalarAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
        }
        finally
        {
            await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {login}", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Create_public_login_refuses_a_name_that_is_not_a_plain_identifier()
    {
        var (code, output) = await CliRunner.RunAsync(Db, "create-public-login", "--user", "x\"; DROP TABLE donors; --", "--password", "doc-cong-khai-2026");

        Assert.Equal(2, code);
        Assert.Contains("user name", output);
    }
}
