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
}
