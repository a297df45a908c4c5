using ChildAid.BackOffice.Web;
using ChildAid.Shared.Consent;
using ChildAid.Shared.Media;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChildAid.BackOffice.Pages.Media;

/// <summary>Upload one image: the library checks and processes it; any refusal is shown next to the file field.</summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public class UploadModel(MediaLibrary library, ConsentService consents, IOptions<MediaOptions> options) : PageModel
{
    /// <summary>The request may carry more than Media:MaxUploadBytes, so that a big file gets a message, not a bare 413.</summary>
    private const long RequestLimit = 64 * 1024 * 1024;

    [BindProperty] public MediaInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Upload { get; set; }
    public MediaFieldsModel Fields { get; private set; } = null!;
    public long MaxMegabytes => options.Value.MaxUploadBytes / (1024 * 1024);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        const string fileField = "Input." + ImageProcessor.Field;
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(fileField, "Vui lòng chọn một tệp ảnh.");
        else if (Upload.Length > options.Value.MaxUploadBytes) ModelState.AddModelError(fileField, Localization.StaffText.T("Tệp quá lớn: tối đa {0} MB.", MaxMegabytes));
        else if (ModelState.IsValid)
        {
            using var buffer = new MemoryStream((int)Upload.Length);
            await Upload.CopyToAsync(buffer, ct);
            var outcome = await library.UploadAsync(Upload.FileName, buffer.ToArray(), Input, User.Identity?.Name ?? "?", ct);
            if (outcome.Succeeded)
            {
                TempData["Saved"] = Localization.StaffText.T("Đã tải lên ảnh “{0}”.", outcome.Value!.OriginalFileName);
                return RedirectToPage("/Media/Edit", new { id = outcome.Value.Id });
            }
            ModelState.AddErrors(outcome.Errors);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var canManage = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.MediaEditor);
        IReadOnlyList<Choice> consentChoices = Roles.ManageConsent.Any(User.IsInRole) ? await consents.ChoicesAsync(Localization.StaffText.Localizer, ct) : [];
        Fields = new MediaFieldsModel(Input, await library.FoldersAsync(ct), consentChoices, canManage, IsUpload: true);
    }
}
