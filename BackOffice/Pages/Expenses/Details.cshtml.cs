using ChildAid.BackOffice.Web;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Expenses;

/// <summary>
/// One expense of the user's units: supplier, invoice, lines, the originals (served to staff of the commune only, never
/// by PublicSite), upload while proposed, approve (the proposer's approval answers 403 and says why) or reject, reverse an
/// approved one with its reason (hoàn chi), audit.
/// </summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public class DetailsModel(ExpenseQueries queries, ExpenseService expenses, PublicExpenseCopies copies, TimeProvider clock) : PageModel
{
    private const long RequestLimit = ExpenseService.MaxDocumentBytes + 1024 * 1024;

    public Expense Expense { get; private set; } = null!;
    public IReadOnlyList<ExpenseLineView> Lines { get; private set; } = [];
    public string Commune { get; private set; } = "";
    public IReadOnlyList<ChildAid.Shared.Audit.AuditEntry> Audit { get; private set; } = [];
    public string? Refusal { get; private set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public ExpenseDocumentKind Kind { get; set; } = ExpenseDocumentKind.Invoice;
    /// <summary>Why an approved expense is reversed (private: on the row and in the audit trail, never on the ledger).</summary>
    [BindProperty] public string? ReversalReason { get; set; }
    /// <summary>Vietnam's today, for an advance's days without its invoice.</summary>
    public DateOnly Today => ChildAid.Shared.Time.VietnamClock.VietnamToday(clock);
    public bool MayDecide => Roles.DecideAllocations.Any(User.IsInRole);
    public bool MayUpload => MayDecide || Roles.ProposeAllocations.Any(User.IsInRole);
    public bool MayDispatch => Roles.DispatchGoods.Any(User.IsInRole);
    /// <summary>The originals (by SHA-256) whose copy with personal data blacked out is public.</summary>
    public IReadOnlyCollection<string> PublicCopies { get; private set; } = [];
    [BindProperty] public IFormFile? Copy { get; set; }
    public int? CopyErrorFor { get; private set; }
    public string? CopyError { get; private set; }

    /// <summary>The public copy of an original, as PublicSite serves it (for staff to check what the public sees).</summary>
    public async Task<IActionResult> OnGetCopyAsync(int id, int documentId, CancellationToken ct)
    {
        if (await expenses.ReadDocumentAsync(id, documentId, ct) is not var (document, _)) return NotFound();
        if (await copies.ReadAsync(document.Sha256, ct) is not { } copy) return NotFound();
        Response.Headers.CacheControl = "private, no-store";
        return File(copy.Bytes, "image/jpeg");
    }

    /// <summary>Publishes (or replaces) the copy of an approved expense's original with personal data blacked out.</summary>
    public async Task<IActionResult> OnPostPublishCopyAsync(int id, int documentId, CancellationToken ct)
    {
        if (!MayDecide) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        byte[] bytes = [];
        if (Copy is { Length: > 0 and <= ExpenseService.MaxDocumentBytes })
        {
            using var buffer = new MemoryStream((int)Copy.Length);
            await Copy.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        var outcome = Copy is { Length: > ExpenseService.MaxDocumentBytes }
            ? ChildAid.Shared.Validation.Outcome<PublicExpenseCopy>.Fail(PublicExpenseCopies.Field,
                ChildAid.Shared.Localization.Messages.Format("Tệp tối đa {0} MB.", ExpenseService.MaxDocumentBytes / (1024 * 1024)))
            : await copies.PublishAsync(id, documentId, bytes, ct);
        if (!outcome.Succeeded)
        {
            (CopyErrorFor, CopyError) = (documentId, outcome.Errors.Values.First());
            await LoadAsync(id, ct);
            return Page();
        }
        TempData["Saved"] = "Đã công khai bản che của chứng từ: ai cũng xem được bên mã SHA-256 của bản gốc.";
        return Redirect($"/Expenses/{id}");
    }

    public async Task<IActionResult> OnPostWithdrawCopyAsync(int id, int documentId, CancellationToken ct)
    {
        if (!MayDecide) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        TempData["Saved"] = await copies.WithdrawAsync(id, documentId, ct) ? "Đã gỡ bản công khai; mã SHA-256 của bản gốc vẫn ở sổ cái." : null;
        return Redirect($"/Expenses/{id}");
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>An original, to staff who can see the expense; downloaded, never shown inline, with its hash in a header.</summary>
    public async Task<IActionResult> OnGetFileAsync(int id, int documentId, CancellationToken ct)
    {
        if (await expenses.ReadDocumentAsync(id, documentId, ct) is not var (document, bytes)) return NotFound();
        Response.Headers["X-Content-SHA256"] = document.Sha256;
        Response.Headers.CacheControl = "private, no-store";
        return File(bytes, document.ContentType, document.FileName);
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct)
    {
        if (!MayDecide) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        var decision = await expenses.ApproveAsync(id, ct);
        if (decision.Refusal is { } refusal)
        {
            Refusal = refusal;
            var page = Page();
            page.StatusCode = StatusCodes.Status403Forbidden;
            return page;
        }
        TempData["Saved"] = decision.Booked ? "Đã duyệt: khoản chi đã ghi vào sổ cái công khai." : decision.Problem;
        return Redirect($"/Expenses/{id}");
    }

    public async Task<IActionResult> OnPostRejectAsync(int id, string? reason, CancellationToken ct)
    {
        if (!MayDecide) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        var outcome = await expenses.RejectAsync(id, reason, ct);
        TempData["Saved"] = outcome.Succeeded ? "Đã từ chối đề xuất chi; không có gì ghi vào sổ cái." : outcome.Errors["Reason"];
        return Redirect($"/Expenses/{id}");
    }

    /// <summary>
    /// Hoàn chi: reverses an approved expense with its reason (those who decide expenses; 403 to others, 404 outside the unit
    /// scope). A missing reason stays next to the field; a second click finds it reversed and books nothing.
    /// </summary>
    public async Task<IActionResult> OnPostReverseAsync(int id, CancellationToken ct)
    {
        if (!MayDecide) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        var outcome = await expenses.ReverseAsync(id, ReversalReason, ct);
        if (!outcome.Succeeded)
        {
            if (Expense.IsReversed)
            {
                TempData["Saved"] = outcome.Errors["Reason"];
                return Redirect($"/Expenses/{id}");
            }
            ModelState.AddModelError(nameof(ReversalReason), outcome.Errors["Reason"]);
            return Page();
        }
        TempData["Saved"] = "Đã hoàn chi: sổ cái công khai ghi bút toán hoàn cho từng dòng; số tiền trở lại phân bổ.";
        return Redirect($"/Expenses/{id}");
    }

    /// <summary>The invoice of an approved advance, filed after its approval (symbol, number, date and the file).</summary>
    [BindProperty] public InvoiceFiling Filing { get; set; } = new();

    /// <summary>Files an approved advance's invoice: no new ledger entry; its SHA-256 goes public beside the advance's entries.</summary>
    public async Task<IActionResult> OnPostFileInvoiceAsync(int id, CancellationToken ct)
    {
        if (!MayUpload) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        if (Upload is { Length: > ExpenseService.MaxDocumentBytes })
        {
            ModelState.AddModelError(nameof(Upload), ChildAid.Shared.Localization.Messages.Format("Tệp tối đa {0} MB.", ExpenseService.MaxDocumentBytes / (1024 * 1024)));
            return Page();
        }
        using var buffer = new MemoryStream();
        if (Upload is not null) await Upload.CopyToAsync(buffer, ct);
        var outcome = await expenses.FileInvoiceAsync(id, Filing, Upload?.FileName, buffer.ToArray(), ct);
        if (!outcome.Succeeded)
        {
            foreach (var (key, message) in outcome.Errors) ModelState.AddModelError(key == "File" ? nameof(Upload) : $"{nameof(Filing)}.{key}", message);
            return Page();
        }
        TempData["Saved"] = "Đã nộp hoá đơn của khoản tạm ứng: tệp gốc lưu tại đơn vị, mã SHA-256 của nó công khai bên bút toán chi.";
        return Redirect($"/Expenses/{id}");
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, CancellationToken ct)
    {
        if (!MayUpload) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Chọn tệp để tải lên.");
            return Page();
        }
        if (Upload.Length > ExpenseService.MaxDocumentBytes)
        {
            ModelState.AddModelError(nameof(Upload), ChildAid.Shared.Localization.Messages.Format("Tệp tối đa {0} MB.", ExpenseService.MaxDocumentBytes / (1024 * 1024)));
            return Page();
        }
        using var buffer = new MemoryStream((int)Upload.Length);
        await Upload.CopyToAsync(buffer, ct);
        var outcome = await expenses.AddDocumentAsync(id, Kind, Upload.FileName, buffer.ToArray(), ct);
        if (!outcome.Succeeded)
        {
            foreach (var (key, message) in outcome.Errors) ModelState.AddModelError(key == "File" ? nameof(Upload) : key, message);
            return Page();
        }
        TempData["Saved"] = "Đã lưu tệp gốc và mã SHA-256 của nó.";
        return Redirect($"/Expenses/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await queries.DetailAsync(id, ct) is not var (expense, lines, commune)) return false;
        (Expense, Lines, Commune) = (expense, lines, commune);
        Audit = await queries.AuditAsync(expense, ct);
        PublicCopies = await copies.PublishedAsync(expense.Documents.Select(d => d.Sha256), ct);
        return true;
    }
}
