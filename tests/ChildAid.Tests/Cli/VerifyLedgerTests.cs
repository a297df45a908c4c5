using System.Globalization;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Cli;

public abstract class VerifyLedgerTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    /// <summary>Three gifts and the reversal of the second: four ledger entries.</summary>
    private async Task RecordSomeGiftsAsync()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        await desk.GiveAsync(100_000);
        var second = await desk.GiveAsync(250_000);
        await desk.GiveAsync(75_000);
        await desk.Gifts.ReverseAsync(second.Value!.Id, "Nhập sai số tiền");
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var db = Db.NewContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>What only someone with the owner's DDL rights could do first: switch the append-only triggers off.</summary>
    private async Task DisableLedgerGuardsAsync() =>
        await ExecuteSqlAsync(Provider == DatabaseProvider.Sqlite
            ? "DROP TRIGGER ledger_entries_refuse_update; DROP TRIGGER ledger_entries_refuse_delete; DROP TRIGGER ledger_entries_erasure_only;"
            : "ALTER TABLE ledger_entries DISABLE TRIGGER USER");

    private async Task<string> ExportStatementAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"statement-{Guid.NewGuid():N}.csv");
        await using var db = Db.NewContext();
        await using (var writer = new StreamWriter(file))
            await StatementCsv.WriteAsync(writer, db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable());
        return file;
    }

    [Fact]
    public async Task An_untouched_ledger_verifies_with_exit_code_0()
    {
        await RecordSomeGiftsAsync();

        var (code, output) = await CliRunner.RunAsync(Db, "verify-ledger");

        Assert.Equal(0, code);
        Assert.Contains("OK: 4 entries", output);
    }

    [Fact]
    public async Task An_amount_changed_directly_in_SQL_with_the_triggers_off_is_reported_at_its_sequence_with_exit_code_1()
    {
        await RecordSomeGiftsAsync();
        await DisableLedgerGuardsAsync();
        await ExecuteSqlAsync("UPDATE ledger_entries SET amount_vnd = 2500000 WHERE sequence = 2");

        var (code, output) = await CliRunner.RunAsync(Db, "verify-ledger");

        Assert.Equal(1, code);
        Assert.Contains("BROKEN at sequence 2", output);
        Assert.Contains("content does not match its hash", output);
    }

    [Fact]
    public async Task A_removed_last_entry_is_reported_because_the_head_points_past_it()
    {
        await RecordSomeGiftsAsync();
        await DisableLedgerGuardsAsync();
        await ExecuteSqlAsync("DELETE FROM honor_roll_entries WHERE ledger_sequence = 4");
        await ExecuteSqlAsync("DELETE FROM contribution_reversals");
        await ExecuteSqlAsync("DELETE FROM ledger_entries WHERE sequence = 4");

        var (code, output) = await CliRunner.RunAsync(Db, "verify-ledger");

        Assert.Equal(1, code);
        Assert.Contains("BROKEN at sequence 4", output);
    }

    [Fact]
    public async Task A_name_replaced_in_SQL_with_the_triggers_off_is_reported_as_not_matching_its_commitment()
    {
        await RecordSomeGiftsAsync();
        await DisableLedgerGuardsAsync();
        await ExecuteSqlAsync("UPDATE ledger_entries SET donor_display = 'Người khác' WHERE sequence = 3");

        var (code, output) = await CliRunner.RunAsync(Db, "verify-ledger");

        Assert.Equal(1, code);
        Assert.Contains("BROKEN at sequence 3: the published name does not match its commitment", output);
    }

    [Fact]
    public async Task An_entry_of_an_unknown_kind_is_reported_as_unknown_not_as_a_crash()
    {
        await RecordSomeGiftsAsync();
        await DisableLedgerGuardsAsync();
        await ExecuteSqlAsync("UPDATE ledger_entries SET kind = 'Grant' WHERE sequence = 2");

        var (code, output) = await CliRunner.RunAsync(Db, "verify-ledger");

        Assert.Equal(1, code);
        Assert.Contains("UNKNOWN at sequence 2: unknown kind", output);
    }

    [Fact]
    public async Task An_exported_statement_verifies_and_one_edited_amount_in_it_is_reported()
    {
        await RecordSomeGiftsAsync();
        var file = await ExportStatementAsync();
        try
        {
            var intact = await CliRunner.RunAsync(Db, "verify-ledger", "--file", file);

            var lines = await File.ReadAllLinesAsync(file);
            var fields = lines[3].Split(','); // header, then sequences 1, 2, 3: this is sequence 3
            Assert.Equal("3", fields[0]);
            Assert.Equal("75000", fields[4]);
            fields[4] = (75_000 * 10).ToString(CultureInfo.InvariantCulture);
            lines[3] = string.Join(',', fields);
            await File.WriteAllLinesAsync(file, lines);
            var tampered = await CliRunner.RunAsync(Db, "verify-ledger", "--file", file);

            Assert.Equal(0, intact.ExitCode);
            Assert.Contains("OK: 4 entries", intact.Output);
            Assert.Equal(1, tampered.ExitCode);
            Assert.Contains("BROKEN at sequence 3", tampered.Output);
        }
        finally { File.Delete(file); }
    }
}

public class VerifyLedgerTestsOnSqlite() : VerifyLedgerTests(DatabaseProvider.Sqlite);

public class VerifyLedgerTestsOnPostgres() : VerifyLedgerTests(DatabaseProvider.Postgres);
