using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChildAid.Tests.Cli;

public class MigrateTests
{
    [Fact]
    public async Task Migrate_creates_an_SQLite_file_in_WAL_mode_and_a_second_run_has_nothing_to_do()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"childaid-migrate-{Guid.NewGuid():N}");
        var file = Path.Combine(dir, "sub", "childaid.db");
        string[] db = [$"--Database:Provider={DatabaseProvider.Sqlite}", $"--Database:ConnectionString=Data Source={file};Pooling=False"];
        try
        {
            var first = await CliRunner.RunRawAsync(["migrate", .. db]);
            var second = await CliRunner.RunRawAsync(["migrate", .. db]);

            Assert.True(first.ExitCode == 0, first.Output);
            Assert.Contains("Applied", first.Output);
            Assert.Equal(0, second.ExitCode);
            Assert.Contains("up to date", second.Output);
            await using var conn = new SqliteConnection($"Data Source={file};Pooling=False");
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", await cmd.ExecuteScalarAsync());
            cmd.CommandText = "SELECT last_hash FROM ledger_heads WHERE id = 1";
            Assert.Equal(new string('0', 64), await cmd.ExecuteScalarAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_builds_an_empty_PostgreSQL_database_with_the_public_reader_grants()
    {
        var name = $"m_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var cs = PostgresServer.ConnectionStringFor(name);
        try
        {
            var (code, output) = await CliRunner.RunRawAsync("migrate", "--Database:Provider=Postgres", $"--Database:ConnectionString={cs}");

            Assert.True(code == 0, output);
            Assert.Contains("PublicReaderRole", output);
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                $"SELECT has_table_privilege('{PublicTables.ReaderRole}', 'campaigns', 'SELECT'), has_table_privilege('{PublicTables.ReaderRole}', 'donors', 'SELECT')", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.True(reader.GetBoolean(0));
            Assert.False(reader.GetBoolean(1));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
