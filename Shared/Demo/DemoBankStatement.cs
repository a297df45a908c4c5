using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Data;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.Demo;

/// <summary>What the demo statement added: the account (0 or 1), the lines imported, booked by reference, recorded unsolicited.</summary>
public sealed record DemoStatementResult(int Accounts, int Lines, int Matched, int Unsolicited);

/// <summary>
/// The demo's receiving account, plainly marked "TÀI KHOẢN DEMO" and bound to the campaign Áo ấm cho em (so that
/// campaign's pledge pages show it, Decree 93), and a synthetic statement of it (<c>content/demo/bank-statement-demo.csv</c>)
/// imported through the real importer: the lines naming demo pledges by reference are matched and booked — they are
/// those pledges' payments —, one credit naming nobody is recorded as an anonymous unsolicited gift, one waits in the
/// queue (its amount is what a demo business still owes, so it is suggested), and a bank fee is a debit. Idempotent:
/// the account by its code, the statement by the importer's own refusal of lines it already holds.
/// </summary>
public static class DemoBankStatement
{
    public const string AccountCode = "DEMO-QUY";
    public const string AccountNumber = "0000000093";
    public const string AccountName = "TÀI KHOẢN DEMO - KHÔNG CHUYỂN TIỀN THẬT";
    public const string BankName = "Ngân hàng DEMO (không chuyển tiền thật)";
    public const string CampaignSlug = "ao-am-cho-em";
    /// <summary>The credit recorded as an anonymous gift (the bank's reference of its line).</summary>
    public const string UnsolicitedTransactionId = "5243.90104";
    /// <summary>The credit left in the queue, with a suggestion by amount.</summary>
    public const string QueuedTransactionId = "5243.90106";

    /// <param name="sp">A scope whose audit is suppressed, as the rest of the bulk load.</param>
    public static async Task<DemoStatementResult> SeedAsync(IServiceProvider sp, string statementFile, DateOnly today, CancellationToken ct = default)
    {
        var db = sp.GetRequiredService<ChildAidDbContext>();
        var account = await db.BankAccounts.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Code == AccountCode, ct);
        var accounts = 0;
        if (account is null)
        {
            var units = await db.AdminUnits.AsNoTracking().Where(u => u.Code == DemoPledges.ReceivingUnitCode).ToListAsync(ct);
            var unit = units.Where(u => u.IsValidOn(today)).OrderByDescending(u => u.ValidFrom).First();
            var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Slug == CampaignSlug, ct);
            account = new BankAccount
            {
                Code = AccountCode, BankName = BankName, Bin = Payments.VietQrAccount.Demo.BankBin, AccountNumber = AccountNumber,
                AccountName = AccountName, AdminUnitId = unit.Id, CampaignId = campaign.Id, Preset = StatementPreset.Vietcombank.Code,
                CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            };
            db.BankAccounts.Add(account);
            await db.SaveChangesAsync(ct);
            accounts = 1;
        }
        if (await db.BankStatementImports.IgnoreQueryFilters().AnyAsync(i => i.BankAccountId == account.Id, ct)) return new(accounts, 0, 0, 0);

        await using var file = File.OpenRead(statementFile);
        var report = await sp.GetRequiredService<BankStatementImporter>().RunAsync(account.Id, file, Path.GetFileName(statementFile), ct: ct, isDemo: true);
        if (!report.Succeeded)
            throw new InvalidDataException($"{statementFile}: {string.Join("; ", report.Result.Errors.Select(e => $"{e.Row} {e.Column} {e.Message}"))}");
        var unsolicited = await db.BankStatementLines.IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(l => l.BankAccountId == account.Id && l.TransactionId == UnsolicitedTransactionId, ct);
        var gift = await sp.GetRequiredService<BankStatementMatcher>().RecordUnsolicitedAsync(unsolicited.Id, null, null, ct, isDemo: true);
        if (!gift.Succeeded) throw new InvalidOperationException($"Demo unsolicited gift: {string.Join("; ", gift.Errors.Values)}");
        return new(accounts, report.Import!.LineCount, report.Match!.Matched, 1);
    }
}
