using ChildAid.BackOffice.Web;
using ChildAid.Shared.Consent;
using ChildAid.Shared.Media;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Media;

/// <summary>
/// Alt texts for everyone who uses the library; focal point (percent inputs, with a click-to-set script when JavaScript
/// is on), folder and consent for editors. Shows the crops and where the image is used.
/// </summary>
public class EditModel(MediaLibrary library, ConsentService consents) : PageModel
{
    [BindProperty] public MediaInput Input { get; set; } = new();
    [BindProperty] public int FocalXPercent { get; set; } = 50;
    [BindProperty] public int FocalYPercent { get; set; } = 50;
    public MediaItem? Item { get; private set; }
    public IReadOnlyList<MediaUseRow> Uses { get; private set; } = [];
    public MediaFieldsModel Fields { get; private set; } = null!;
    public bool CanManage => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.MediaEditor);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = MediaInput.From(Item!);
        FocalXPercent = (int)Math.Round(Item!.FocalX * 100);
        FocalYPercent = (int)Math.Round(Item.FocalY * 100);
        Fields = Fields with { Input = Input };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            if (FocalXPercent is < 0 or > 100) ModelState.AddModelError(nameof(FocalXPercent), "Nhập số từ 0 đến 100.");
            if (FocalYPercent is < 0 or > 100) ModelState.AddModelError(nameof(FocalYPercent), "Nhập số từ 0 đến 100.");
        }
        if (ModelState.IsValid)
        {
            Input.FocalX = FocalXPercent / 100m;
            Input.FocalY = FocalYPercent / 100m;
            var outcome = await library.EditAsync(id, Input, CanManage, ct);
            if (outcome.Errors.GetValueOrDefault("") is { } missing) return NotFound(missing);
            if (outcome.Succeeded)
            {
                TempData["Saved"] = "Đã lưu ảnh.";
                return RedirectToPage("/Media/Edit", new { id });
            }
            ModelState.AddErrors(outcome.Errors);
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Item = await library.FindAsync(id, ct);
        if (Item is null) return false;
        Uses = await library.WhereUsedAsync(id, ct);
        IReadOnlyList<Choice> consentChoices = CanManage && Roles.ManageConsent.Any(User.IsInRole) ? await consents.ChoicesAsync(Localization.StaffText.Localizer, ct) : [];
        Fields = new MediaFieldsModel(Input, await library.FoldersAsync(ct), consentChoices, CanManage, IsUpload: false);
        return true;
    }
}
