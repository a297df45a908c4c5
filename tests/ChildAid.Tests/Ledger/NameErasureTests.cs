using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Text;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Ledger;

/// <summary>
/// A donor's right to erasure: their name and salt leave every v2 ledger entry and the honor roll, the commitment
/// stays, and the database, the statement file and verify-ledger all still verify. On PostgreSQL as BackOffice's role.
/// </summary>
public abstract class NameErasureTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const string Name = "Lê Thị Hồng Nhung";

    [Fact]
    public async Task Erasing_a_donors_name_removes_it_everywhere_public_and_every_hash_still_verifies()
    {
        await using var desk = await GiftDesk.OpenAsync(Db, Name, DisplayChoice.NameAmountMessage, asApp: true);
        await desk.GiveAsync(100_000);
        var second = await desk.GiveAsync(250_000);
        await desk.Gifts.ReverseAsync(second.Value!.Id, "Nhập sai số tiền");

        Assert.Equal(3, (await SearchAsync("le thi hong nhung")).Count);

        NameErasure? erasure;
        await using (var scope = Scope(desk.Services, "quantri@demo"))
            erasure = await scope.ServiceProvider.GetRequiredService<LedgerNameErasure>().EraseDonorNameAsync(desk.Donor.Id);

        Assert.Equal([1L, 2L, 3L], erasure!.ErasedSequences);
        await using var db = Db.NewContext();
        var entries = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        Assert.All(entries, e =>
        {
            Assert.True(e.IsNameErased);
            Assert.Null(e.DonorSalt);
            Assert.Matches("^[0-9a-f]{64}$", e.DonorCommitment!.Trim());
            Assert.DoesNotContain(TextFolding.Fold("Nhung"), e.SearchText);
        });
        Assert.Empty(await SearchAsync("le thi hong nhung"));
        Assert.Empty(await SearchAsync("nhung"));
        Assert.DoesNotContain(await db.HonorRollEntries.Select(h => h.DisplayName).ToListAsync(), n => n.Contains("Nhung", StringComparison.Ordinal));
        Assert.Equal(DisplayChoice.Anonymous, (await db.Donors.SingleAsync()).DisplayChoice);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "EraseName");
        Assert.Equal("quantri@demo", audit.Actor);
        Assert.DoesNotContain("Nhung", audit.After);

        var fromDatabase = await CliRunner.RunAsync(Db, "verify-ledger");
        Assert.True(fromDatabase.ExitCode == 0, fromDatabase.Output);
        Assert.Contains("names erased (commitment kept): 3", fromDatabase.Output);

        var file = Path.Combine(Path.GetTempPath(), $"statement-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var writer = new StreamWriter(file))
                await StatementCsv.WriteAsync(writer, db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable());
            Assert.DoesNotContain("Nhung", await File.ReadAllTextAsync(file));
            var fromFile = await CliRunner.RunAsync(Db, "verify-ledger", "--file", file);
            Assert.True(fromFile.ExitCode == 0, fromFile.Output);
            Assert.Contains("names erased (commitment kept): 3", fromFile.Output);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task The_erase_donor_name_verb_erases_and_says_what_it_did()
    {
        int donorId;
        await using (var desk = await GiftDesk.OpenAsync(Db, Name, DisplayChoice.NameAmount))
        {
            await desk.GiveAsync(100_000);
            donorId = desk.Donor.Id;
        }

        var (code, output) = await CliRunner.RunAsync(Db, "erase-donor-name", "--donor", donorId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var unknown = await CliRunner.RunAsync(Db, "erase-donor-name", "--donor", "999999");

        Assert.True(code == 0, output);
        Assert.Contains("from 1 ledger entry (1)", output);
        Assert.Equal(1, unknown.ExitCode);
        await using var db = Db.NewContext();
        Assert.True((await db.LedgerEntries.SingleAsync()).IsNameErased);
        Assert.Contains("Format v1: 0, v2: 1; names erased (commitment kept): 1", (await CliRunner.RunAsync(Db, "verify-ledger")).Output);
    }

    /// <summary>The public statement's search as PublicSite runs it (on PostgreSQL, as the public reader).</summary>
    private async Task<IReadOnlyList<StatementLine>> SearchAsync(string q)
    {
        var services = new ServiceCollection();
        services.AddPublicData(Db.PublicOptions);
        await using var sp = services.BuildServiceProvider();
        await using var scope = sp.CreateAsyncScope();
        return (await new StatementQuery(scope.ServiceProvider.GetRequiredService<PublicDbContext>()).PageAsync(new StatementFilter(q))).Lines;
    }
}

public class NameErasureTestsOnSqlite() : NameErasureTests(DatabaseProvider.Sqlite);

public class NameErasureTestsOnPostgres() : NameErasureTests(DatabaseProvider.Postgres);
