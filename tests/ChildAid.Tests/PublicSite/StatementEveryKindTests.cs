using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.PublicSite;

/// <summary>
/// The public CSV of the demo ledger — receipts, reversals, allocations and their reversals, expenses, stock movements,
/// distributions and services — reads back as an intact chain, entry for entry, as anyone downloading it would check it:
/// with the reference reader and with <c>verify-ledger --file</c>.
/// </summary>
public abstract class StatementEveryKindTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task The_csv_of_a_ledger_with_every_kind_verifies_entry_for_entry_offline()
    {
        var seeded = await CliRunner.RunAsync(Db, "seed", "--demo");
        Assert.True(seeded.ExitCode == 0, seeded.Output);
        int stored;
        await using (var db = Db.NewContext()) stored = await db.LedgerEntries.CountAsync();

        var csv = await Client().GetStringAsync("/api/v1/statement.csv");
        var entries = new List<LedgerEntry>();
        using (var reader = new StringReader(csv))
            await foreach (var e in StatementCsv.ReadAsync(reader)) entries.Add(e);

        Assert.Equal(stored, entries.Count);
        var kinds = entries.Select(e => e.Kind).Distinct().Order().ToList();
        Assert.Equal([LedgerEntryKind.Receipt, LedgerEntryKind.Reversal, LedgerEntryKind.Allocation, LedgerEntryKind.Expense,
            LedgerEntryKind.StockMovement, LedgerEntryKind.Distribution], kinds);
        Assert.Contains(entries, e => e.Kind == LedgerEntryKind.Expense && e.Documents is { Length: > 0 }); // the optional documents line
        var verification = await LedgerVerifier.VerifyAsync(entries.ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(stored, verification.EntriesChecked);

        var file = Path.Combine(Path.GetTempPath(), $"sao-ke-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(file, csv);
            var offline = await CliRunner.RunAsync(Db, "verify-ledger", "--file", file);
            Assert.True(offline.ExitCode == 0, offline.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public class StatementEveryKindTestsOnSqlite() : StatementEveryKindTests(DatabaseProvider.Sqlite);

public class StatementEveryKindTestsOnPostgres() : StatementEveryKindTests(DatabaseProvider.Postgres);
