using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.BankStatements;

/// <summary>Sao kê ngân hàng: the receiving accounts of the user's units, recent imports and how many lines wait in the queue.</summary>
public class IndexModel(ChildAidDbContext db, BankAccountService accounts) : PageModel
{
    public IReadOnlyList<BankAccount> Accounts { get; private set; } = [];
    public IReadOnlyList<BankStatementImport> Imports { get; private set; } = [];
    public int Waiting { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Accounts = await accounts.ListAsync(ct);
        Imports = await db.BankStatementImports.AsNoTracking().OrderByDescending(i => i.Id).Take(20).ToListAsync(ct);
        Waiting = await db.BankStatementLines.CountAsync(l => l.Status == BankLineStatus.Unmatched, ct);
    }

    public string CodeOf(int accountId) => Accounts.FirstOrDefault(a => a.Id == accountId)?.Code ?? "";

    public static string PresetName(BankAccount a) => StatementPreset.Find(a.Preset)?.Name ?? Localization.StaffText.T("Tùy chỉnh");
}
