using System.Globalization;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Security;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ChildAid.BackOffice.Pages.BankStatements;

/// <summary>Add or change a receiving account and how its statements are read (a bank's preset, or the columns typed in).</summary>
public class AccountModel(BankAccountService accounts, CampaignService campaigns, StaffScope scope, TimeProvider clock) : PageModel
{
    /// <summary>The form: the account's fields, and one header per statement field for a custom mapping.</summary>
    public class Form
    {
        public string? Code { get; set; }
        public string? BankName { get; set; }
        public string? Bin { get; set; }
        public string? AccountNumber { get; set; }
        public string? AccountName { get; set; }
        public int AdminUnitId { get; set; }
        public int? CampaignId { get; set; }
        public string Preset { get; set; } = StatementPreset.Vietcombank.Code;
        public string? HeaderDate { get; set; }
        public string? HeaderDescription { get; set; }
        public string? HeaderCredit { get; set; }
        public string? HeaderDebit { get; set; }
        public string? HeaderAmount { get; set; }
        public string? HeaderBalance { get; set; }
        public string? HeaderTransactionId { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public Form Input { get; set; } = new();
    public IEnumerable<SelectListItem> Units { get; private set; } = [];
    public IEnumerable<SelectListItem> Campaigns { get; private set; } = [];
    public IEnumerable<SelectListItem> Presets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            if (await accounts.FindAsync(id, ct) is not { } a) return NotFound();
            var headers = a.Mapping().Headers;
            string? H(StatementField f) => a.Preset == StatementPreset.CustomCode && headers.TryGetValue(f, out var h) ? h[0] : null;
            Input = new Form
            {
                Code = a.Code, BankName = a.BankName, Bin = a.Bin, AccountNumber = a.AccountNumber, AccountName = a.AccountName,
                AdminUnitId = a.AdminUnitId, CampaignId = a.CampaignId, Preset = a.Preset,
                HeaderDate = H(StatementField.Date), HeaderDescription = H(StatementField.Description), HeaderCredit = H(StatementField.Credit),
                HeaderDebit = H(StatementField.Debit), HeaderAmount = H(StatementField.Amount), HeaderBalance = H(StatementField.Balance),
                HeaderTransactionId = H(StatementField.TransactionId),
            };
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Id is { } id && await accounts.FindAsync(id, ct) is null) return NotFound();
        var headers = new Dictionary<StatementField, string>();
        void Put(StatementField f, string? h) { if (!string.IsNullOrWhiteSpace(h)) headers[f] = h; }
        Put(StatementField.Date, Input.HeaderDate);
        Put(StatementField.Description, Input.HeaderDescription);
        Put(StatementField.Credit, Input.HeaderCredit);
        Put(StatementField.Debit, Input.HeaderDebit);
        Put(StatementField.Amount, Input.HeaderAmount);
        Put(StatementField.Balance, Input.HeaderBalance);
        Put(StatementField.TransactionId, Input.HeaderTransactionId);
        var saved = await accounts.SaveAsync(Id, new BankAccountInput
        {
            Code = Input.Code, BankName = Input.BankName, Bin = Input.Bin, AccountNumber = Input.AccountNumber, AccountName = Input.AccountName,
            AdminUnitId = Input.AdminUnitId, CampaignId = Input.CampaignId, Preset = Input.Preset, CustomHeaders = headers,
        }, ct);
        if (!saved.Succeeded)
        {
            // "CustomHeaders[Date]" → the field Input.HeaderDate.
            ModelState.AddErrors(saved.Errors.ToDictionary(
                e => e.Key.StartsWith("CustomHeaders[", StringComparison.Ordinal) ? "Header" + e.Key["CustomHeaders[".Length..^1] : e.Key, e => e.Value));
            await LoadChoicesAsync(ct);
            return Page();
        }
        TempData["Saved"] = Localization.StaffText.T("Đã lưu tài khoản {0}.", saved.Value!.Code);
        return RedirectToPage("Index");
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var units = await scope.SelectableUnitsAsync(clock.VietnamToday(), ct);
        if (Input.AdminUnitId == 0 && units.Count == 1) Input.AdminUnitId = units[0].Id;
        Units = PageExtensions.UnitOptions(units, Input.AdminUnitId);
        Campaigns = (await campaigns.ListAsync(ct)).Select(c => new SelectListItem(c.Title, c.Id.ToString(CultureInfo.InvariantCulture), c.Id == Input.CampaignId));
        Presets = StatementPreset.All.Select(p => new SelectListItem(p.Name, p.Code, p.Code == Input.Preset))
            .Append(new SelectListItem(Localization.StaffText.T("Tùy chỉnh (nhập tiêu đề cột bên dưới)"), StatementPreset.CustomCode, Input.Preset == StatementPreset.CustomCode));
    }
}
