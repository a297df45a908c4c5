using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Data;

namespace ChildAid.Tests.BankStatements;

/// <summary>Builders for the bank statement tests.</summary>
public static class BankTestData
{
    public static async Task<BankAccount> AccountAsync(ChildAidDbContext db, int unitId, StatementPreset preset, string code = "VCB-QUY", int? campaignId = null)
    {
        var account = new BankAccount
        {
            Code = code, BankName = "Vietcombank", Bin = "970436", AccountNumber = "0000000000", AccountName = "QUY BAO TRO TRE EM (DEMO)",
            AdminUnitId = unitId, CampaignId = campaignId, Preset = preset.Code, CustomMappingJson = preset.IsCustom ? preset.ToJson() : null,
            CreatedAt = DateTime.UtcNow,
        };
        db.BankAccounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    /// <summary>An account with one waiting credit line in each of two units (for the page matrix).</summary>
    public static async Task<(int OwnAccount, int OtherAccount, long OwnLine, long OtherLine)> AccountsAndLinesAsync(Infrastructure.TestDatabase database, int own, int other)
    {
        await using var db = database.NewContext();
        var mine = await AccountAsync(db, own, StatementPreset.Vietcombank, "OWN-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var theirs = await AccountAsync(db, other, StatementPreset.Vietcombank, "OTHER-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        return (mine.Id, theirs.Id, await WaitingLineAsync(db, mine), await WaitingLineAsync(db, theirs));
    }

    public static async Task<long> WaitingLineAsync(ChildAidDbContext db, BankAccount account, long amount = 500_000, string description = "ung ho tre em")
    {
        var import = new BankStatementImport { BankAccountId = account.Id, AdminUnitId = account.AdminUnitId, FileName = "sao-ke.csv", ImportedBy = "test", ImportedAt = DateTime.UtcNow };
        db.BankStatementImports.Add(import);
        await db.SaveChangesAsync();
        var line = new BankStatementLine
        {
            BankAccountId = account.Id, ImportId = import.Id, AdminUnitId = account.AdminUnitId, RowNumber = 2, TransactionDate = new DateOnly(2026, 11, 5),
            DedupeKey = "id:" + Guid.NewGuid().ToString("N"), Description = description, AmountVnd = amount, Status = BankLineStatus.Unmatched,
        };
        db.BankStatementLines.Add(line);
        await db.SaveChangesAsync();
        return line.Id;
    }
}
