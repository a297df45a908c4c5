using System.Text;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.TransparencyLog;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Ledger;

/// <summary>
/// The canonical form's optional <c>documents</c> field (the SHA-256 of each original invoice behind an expense): written
/// only when present, so every existing entry hashes and verifies as before (the demo ledger and the transparency log);
/// an entry with documents verifies, from the database and from the statement CSV; a changed stored hash breaks it; the
/// database refuses to change it.
/// </summary>
public abstract class LedgerDocumentsTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static readonly byte[] Invoice = Encoding.UTF8.GetBytes("%PDF-1.4 synthetic e-invoice 0000123, Công ty TNHH Suất ăn Ia Đal (demo)");
    private static readonly byte[] Payment = Encoding.UTF8.GetBytes("synthetic proof of payment (demo)");

    [Fact]
    public void The_documents_line_is_written_only_when_present_sorted_and_lower_case()
    {
        var entry = new LedgerEntry { FormatVersion = 2, Sequence = 7, Kind = LedgerEntryKind.Expense, Description = "Chi", PreviousHash = LedgerCanonicalForm.GenesisHash };
        var without = LedgerCanonicalForm.Build(entry);
        Assert.DoesNotContain("documents", without);
        Assert.Equal(21, without.Split('\n').Length); // the version line and twenty fields, as before

        var a = new string('b', 64);
        var b = new string('A', 64);
        entry.Documents = LedgerDocuments.Format([a, b, a]);
        Assert.Equal(new string('a', 64) + "," + a, entry.Documents);
        var with = LedgerCanonicalForm.Build(entry);
        Assert.Contains("\nsource_sequence=\ndocuments=" + entry.Documents + "\nprevious_hash=", with);
        Assert.NotEqual(LedgerCanonicalForm.ComputeHash(entry), LedgerCanonicalForm.ComputeHash(new LedgerEntry
            { FormatVersion = 2, Sequence = 7, Kind = LedgerEntryKind.Expense, Description = "Chi", PreviousHash = LedgerCanonicalForm.GenesisHash }));
        Assert.False(LedgerDocuments.IsCanonical(a + "," + new string('a', 64)));
        Assert.Throws<ArgumentException>(() => LedgerDocuments.Format(["not a hash"]));
    }

    [Fact]
    public async Task The_demo_ledger_still_verifies_and_logs_and_an_expense_entry_with_documents_verifies_until_a_hash_is_changed()
    {
        var seeded = await CliRunner.RunAsync(Db, "seed", "--demo");
        Assert.True(seeded.ExitCode == 0, seeded.Output);
        var before = await CliRunner.RunAsync(Db, "verify-ledger");
        Assert.True(before.ExitCode == 0, before.Output);

        await using var sp = Db.Services();
        LedgerEntry expense;
        await using (var scope = Scope(sp, "cli"))
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var writer = scope.ServiceProvider.GetRequiredService<LedgerWriter>();
            var allocation = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerEntryKind.Allocation).OrderBy(e => e.Sequence).FirstAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            var slot = await writer.ReserveSlotAsync();
            expense = await writer.WriteAsync(slot, new LedgerEntry
            {
                ValueDate = allocation.ValueDate, Kind = LedgerEntryKind.Expense, AmountVnd = 100_000, ReceiptNumber = allocation.ReceiptNumber,
                Description = "Chi trả Công ty TNHH Suất ăn Ia Đal, hoá đơn 0000123 (demo)", DonorDisplay = "",
                UnitCode = allocation.UnitCode, NeedReference = allocation.NeedReference, SourceSequence = allocation.Sequence,
                Documents = LedgerDocuments.Of([Invoice, Payment]),
            });
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        var after = await CliRunner.RunAsync(Db, "verify-ledger");
        Assert.True(after.ExitCode == 0, after.Output);

        await using (var scope = Scope(sp, "cli"))
        {
            var log = await scope.ServiceProvider.GetRequiredService<LogAppender>().CatchUpAsync();
            Assert.Null(log.Problem);
            Assert.Equal(expense.Sequence, log.SizeAfter);
        }

        // From the statement CSV alone, as the public checks it; then with one character of one document hash changed.
        List<LedgerEntry> entries;
        await using (var db = Db.NewContext()) entries = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var csv = new StringWriter();
        await StatementCsv.WriteAsync(csv, entries.ToAsyncEnumerable());
        var fromCsv = await LedgerVerifier.VerifyAsync(StatementCsv.ReadAsync(new StringReader(csv.ToString())));
        Assert.True(fromCsv.IsIntact, fromCsv.Problem);
        var hash = LedgerDocuments.Parse(expense.Documents)[0];
        var forged = csv.ToString().Replace(hash, (hash[0] == '0' ? "1" : "0") + hash[1..], StringComparison.Ordinal);
        var broken = await LedgerVerifier.VerifyAsync(StatementCsv.ReadAsync(new StringReader(forged)));
        Assert.Equal(expense.Sequence, broken.FirstBrokenSequence);

        await using var check = Db.NewContext();
        Assert.NotNull(await Record.ExceptionAsync(() => check.Database.ExecuteSqlRawAsync(
            "UPDATE ledger_entries SET documents = NULL WHERE sequence = {0}", expense.Sequence)));
        Assert.Equal(expense.Documents, (await check.LedgerEntries.AsNoTracking().SingleAsync(e => e.Sequence == expense.Sequence)).Documents);
    }
}

public class LedgerDocumentsTestsOnSqlite() : LedgerDocumentsTests(DatabaseProvider.Sqlite);

public class LedgerDocumentsTestsOnPostgres() : LedgerDocumentsTests(DatabaseProvider.Postgres);
