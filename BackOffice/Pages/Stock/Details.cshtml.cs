using ChildAid.Shared.Audit;
using ChildAid.Shared.Security;
using ChildAid.Shared.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Stock;

/// <summary>
/// One lot of the user's communes: receive, inspect (the receiver's inspection answers 403 and says why), stock or reject,
/// write off, photos (served to staff of the commune only, never by PublicSite), audit trail.
/// </summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public class DetailsModel(StockQueries queries, StockService stock) : PageModel
{
    private const long RequestLimit = StockService.MaxPhotoBytes + 1024 * 1024;

    public StockLotDetail Detail { get; private set; } = null!;
    public StockLot Lot => Detail.Lot;
    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> KeepingUnits { get; private set; } = [];
    public string? Refusal { get; private set; }
    public bool MayAct => Roles.RecordReceipts.Any(User.IsInRole);

    [BindProperty] public StockReceiveInput Receive { get; set; } = new();
    [BindProperty] public StockInspectInput Inspect { get; set; } = new();
    [BindProperty] public StockWriteOffInput WriteOff { get; set; } = new() { IdempotencyKey = Guid.NewGuid() };
    [BindProperty] public string? LotNumber { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public RejectedGoodsFate? Fate { get; set; }
    [BindProperty] public IFormFile? Photo { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>A photo, to staff who can see the lot; with its hash in a header, never cached.</summary>
    public async Task<IActionResult> OnGetPhotoAsync(int id, int photoId, CancellationToken ct)
    {
        if (await stock.ReadPhotoAsync(id, photoId, ct) is not var (photo, bytes)) return NotFound();
        Response.Headers["X-Content-SHA256"] = photo.Sha256;
        Response.Headers.CacheControl = "private, no-store";
        return File(bytes, photo.ContentType, photo.FileName);
    }

    public Task<IActionResult> OnPostReceiveAsync(int id, CancellationToken ct) =>
        StepAsync(id, "Receive", () => stock.ReceiveAsync(id, Receive, ct), "Đã ghi nhận hàng về; cần một cán bộ khác kiểm tra chất lượng.", ct);

    public Task<IActionResult> OnPostInspectAsync(int id, CancellationToken ct) =>
        StepAsync(id, "Inspect", () => stock.InspectAsync(id, Inspect, ct), "Đã ghi kết quả kiểm tra chất lượng.", ct);

    public Task<IActionResult> OnPostStockAsync(int id, CancellationToken ct) =>
        StepAsync(id, "", () => stock.StockAsync(id, LotNumber, ct), "Đã nhập kho: sổ cái công khai ghi một bút toán nhập kho.", ct);

    public Task<IActionResult> OnPostRejectAsync(int id, CancellationToken ct) =>
        StepAsync(id, "", () => stock.RejectAsync(id, Reason, Fate, ct), "Đã loại lô hàng; không có gì nhập kho.", ct);

    public async Task<IActionResult> OnPostWriteOffAsync(int id, CancellationToken ct)
    {
        if (!MayAct) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        var outcome = await stock.WriteOffAsync(id, WriteOff, ct);
        if (!outcome.Succeeded)
        {
            foreach (var (key, message) in outcome.Errors) ModelState.AddModelError("WriteOff." + key, message);
            return Page();
        }
        TempData["Saved"] = "Đã xuất huỷ: sổ cái công khai ghi một bút toán xuất kho.";
        return Redirect($"/Stock/{id}");
    }

    public async Task<IActionResult> OnPostPhotoAsync(int id, CancellationToken ct)
    {
        if (!MayAct) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Photo is null || Photo.Length == 0 || Photo.Length > StockService.MaxPhotoBytes)
        {
            ModelState.AddModelError(nameof(Photo), Photo is null || Photo.Length == 0 ? "Chọn ảnh để tải lên."
                : ChildAid.Shared.Localization.Messages.Format("Ảnh tối đa {0} MB.", StockService.MaxPhotoBytes / (1024 * 1024)));
            return Page();
        }
        using var buffer = new MemoryStream((int)Photo.Length);
        await Photo.CopyToAsync(buffer, ct);
        var outcome = await stock.AddPhotoAsync(id, Photo.FileName, buffer.ToArray(), ct);
        if (!outcome.Succeeded)
        {
            foreach (var (_, message) in outcome.Errors) ModelState.AddModelError(nameof(Photo), message);
            return Page();
        }
        TempData["Saved"] = "Đã lưu ảnh và mã SHA-256 của nó.";
        return Redirect($"/Stock/{id}");
    }

    private async Task<IActionResult> StepAsync(int id, string prefix, Func<Task<StockStep>> step, string saved, CancellationToken ct)
    {
        if (!MayAct) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await step();
        if (result.Refusal is { } refusal)
        {
            Refusal = refusal;
            var page = Page();
            page.StatusCode = StatusCodes.Status403Forbidden;
            return page;
        }
        if (!result.Succeeded)
        {
            foreach (var (key, message) in result.Errors) ModelState.AddModelError(prefix.Length == 0 ? key : prefix + "." + key, message);
            return Page();
        }
        TempData["Saved"] = saved;
        return Redirect($"/Stock/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await queries.DetailAsync(id, ct) is not { } detail) return false;
        Detail = detail;
        Audit = await queries.AuditAsync(detail, ct);
        KeepingUnits = await queries.KeepingUnitsAsync(ct);
        Receive.AdminUnitId ??= detail.Lot.AdminUnitId;
        return true;
    }
}
