using System.Text.RegularExpressions;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Data;
using ChildAid.Shared.Demo;
using ChildAid.Shared.Security;
using ChildAid.Shared.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChildAid.BackOffice;

/// <summary>create-admin and create-public-login.</summary>
public static partial class AccountCommands
{
    /// <summary>
    /// Creates an admin (role admin, every top-level unit), or resets an existing one: new password, lock-out cleared,
    /// two-factor switched off. Either way the web app makes the admin enrol two-factor at the next log-in.
    /// </summary>
    public static async Task<int> CreateAdminAsync(CliContext cli, CliArgs args, CancellationToken ct)
    {
        if (args["email"] is not { Length: > 0 } email || args["password"] is not { Length: > 0 } password)
        {
            await cli.Error.WriteLineAsync("usage: create-admin --email E --password P [--name N]");
            return 2;
        }
        if (args["name"] is { } typedName && NameRule.Check(typedName, 200, "--name is empty", "--name: at most 200 characters") is { } nameProblem)
        {
            await cli.Error.WriteLineAsync(nameProblem);
            return 2;
        }
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:create-admin");
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<ChildAidDbContext>();
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        await DemoSeeder.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());

        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        var problems = new List<string>();
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, FullName = args["name"] ?? email, LockoutEnabled = true };
            problems.AddRange(Errors(await users.CreateAsync(user, password)));
        }
        else
        {
            if (args["name"] is { } name) user.FullName = name;
            foreach (var validator in users.PasswordValidators)
                problems.AddRange(Errors(await validator.ValidateAsync(users, user, password)));
            if (problems.Count == 0)
            {
                if (await users.HasPasswordAsync(user)) problems.AddRange(Errors(await users.RemovePasswordAsync(user)));
                problems.AddRange(Errors(await users.AddPasswordAsync(user, password)));
                problems.AddRange(Errors(await users.SetLockoutEndDateAsync(user, null)));
                problems.AddRange(Errors(await users.ResetAccessFailedCountAsync(user)));
                problems.AddRange(Errors(await users.SetTwoFactorEnabledAsync(user, false)));
                problems.AddRange(Errors(await users.ResetAuthenticatorKeyAsync(user)));
            }
        }
        if (problems.Count > 0)
        {
            foreach (var p in problems) await cli.Error.WriteLineAsync($"create-admin: {p}");
            return 1;
        }
        if (!await users.IsInRoleAsync(user, Roles.Admin)) problems.AddRange(Errors(await users.AddToRoleAsync(user, Roles.Admin)));

        var topUnits = await db.AdminUnits.Where(u => u.ParentId == null && u.Level == AdminUnitLevel.Province).Select(u => u.Id).ToListAsync(ct);
        var held = await db.StaffUserUnits.Where(u => u.UserId == user.Id).Select(u => u.AdminUnitId).ToListAsync(ct);
        db.StaffUserUnits.AddRange(topUnits.Except(held).Select(id => new StaffUserUnit { UserId = user.Id, AdminUnitId = id }));
        await db.SaveChangesAsync(ct);

        await cli.Output.WriteLineAsync(
            $"{(created ? "Created" : "Reset")} admin {email} ({topUnits.Count} province unit(s)). Two-factor sign-in must be enrolled at the first log-in.");
        if (topUnits.Count == 0)
            await cli.Output.WriteLineAsync("Note: there are no administrative units yet; load them (seed --demo) and run create-admin again to grant them.");
        return problems.Count == 0 ? 0 : 1;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();

    /// <summary>
    /// PostgreSQL only: a LOGIN role that is a member of the public reader role (SELECT on the public tables only),
    /// for PublicSite's connection string in production. Run by a role allowed to create roles.
    /// </summary>
    public static async Task<int> CreatePublicLoginAsync(CliContext cli, CliArgs args, CancellationToken ct)
    {
        if (args["user"] is not { Length: > 0 } user || args["password"] is not { Length: > 0 } password)
        {
            await cli.Error.WriteLineAsync("usage: create-public-login --user U --password P   (PostgreSQL only)");
            return 2;
        }
        if (cli.Database.Provider != DatabaseProvider.Postgres)
        {
            await cli.Error.WriteLineAsync("create-public-login works on PostgreSQL only (SQLite has no roles; PublicSite opens the file read-only through its projection).");
            return 2;
        }
        if (!RoleName().IsMatch(user))
        {
            await cli.Error.WriteLineAsync("create-public-login: the user name must be lower-case letters, digits and _ (at most 63), starting with a letter or _.");
            return 2;
        }
        if (password.Length < 12)
        {
            await cli.Error.WriteLineAsync("create-public-login: the password must have at least 12 characters.");
            return 2;
        }

        await using var conn = new NpgsqlConnection(cli.Database.ResolvedConnectionString());
        await conn.OpenAsync(ct);
        if (await ScalarAsync(conn, "SELECT count(*) FROM pg_roles WHERE rolname = @r", PublicTables.ReaderRole, ct) == 0)
        {
            await cli.Error.WriteLineAsync($"create-public-login: role {PublicTables.ReaderRole} does not exist yet: run migrate first.");
            return 1;
        }
        if (await ScalarAsync(conn, "SELECT count(*) FROM pg_roles WHERE rolname = @r AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls)", user, ct) > 0)
        {
            await cli.Error.WriteLineAsync($"create-public-login: {user} is a privileged role; choose another name for the public login.");
            return 1;
        }
        var exists = await ScalarAsync(conn, "SELECT count(*) FROM pg_roles WHERE rolname = @r", user, ct) > 0;
        // DDL takes no parameters: the name is checked against a strict pattern above and the password is a quoted literal.
        var literal = "'" + password.Replace("'", "''", StringComparison.Ordinal) + "'";
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, exists
            ? $"ALTER ROLE \"{user}\" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {literal}"
            : $"CREATE ROLE \"{user}\" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {literal}", ct);
        await ExecAsync(conn, $"GRANT {PublicTables.ReaderRole} TO \"{user}\"", ct);
        await tx.CommitAsync(ct);

        var pg = new NpgsqlConnectionStringBuilder(cli.Database.ResolvedConnectionString());
        await cli.Output.WriteLineAsync($"{(exists ? "Updated" : "Created")} login {user}, member of {PublicTables.ReaderRole} (SELECT on the public tables only).");
        await cli.Output.WriteLineAsync($"PublicSite: Database__Provider=Postgres Database__ConnectionString=\"Host={pg.Host};Port={pg.Port};Database={pg.Database};Username={user};Password=…\"");
        return 0;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql, string role, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("r", role);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static IEnumerable<string> Errors(IdentityResult r) => r.Errors.Select(e => e.Description);
}
