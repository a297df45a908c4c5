using ChildAid.BackOffice.Distributions;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Children;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Security;
using ChildAid.Shared.Stock;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Distributions;

/// <summary>
/// One distribution of the user's communes (or school): confirm, dispatch and record the arrival (dispatchers), then the
/// receiver confirms the delivery with the signed hand-over list (the dispatcher's own confirmation answers 403 and says
/// why); until then a dispatcher may call it off with a reason; the list is served to staff who see the distribution only,
/// never by PublicSite; audit trail.
/// </summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public class DetailsModel(DistributionQueries queries, DistributionService distributions, TimeProvider clock, ChildReadAudit childReads) : PageModel
{
    private const long RequestLimit = StockService.MaxPhotoBytes + 1024 * 1024;

    public DistributionDetail Detail { get; private set; } = null!;
    public Distribution Distribution => Detail.Distribution;
    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];
    public string? Refusal { get; private set; }
    public bool MayDispatch => Roles.DispatchGoods.Any(User.IsInRole);
    public bool MayConfirmDelivery => Roles.ConfirmDeliveries.Any(User.IsInRole);

    [BindProperty] public DeliveryInput Delivery { get; set; } = new();
    [BindProperty] public IFormFile? Proof { get; set; }
    [BindProperty] public string? CancelReason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Delivery.DeliveredQuantity = Distribution.Quantity;
        Delivery.DeliveredOn = clock.VietnamToday();
        Delivery.ReceivedChildIds = [.. Detail.Children.Select(c => c.Id)];
        // The page names the children: a read of their records, audited like one.
        await childReads.RecordAsync(Detail.Children.Select(c => (c.Id, c.AdminUnitId, c.FullName)), ShownOnPage(id), ct);
        return Page();
    }

    /// <summary>The hand-over list (biên bản bàn giao) of a distribution to named children, to print and have signed; its read is audited per child.</summary>
    public async Task<IActionResult> OnGetHandOverAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Detail.Children.Count == 0) return NotFound();
        await childReads.RecordAsync(Detail.Children.Select(c => (c.Id, c.AdminUnitId, c.FullName)),
            ChildAid.Shared.Localization.Messages.Format("Biên bản bàn giao đợt cấp phát số {0}", id), ct);
        Response.Headers.CacheControl = "private, no-store";
        return File(HandOverListPdf.Render(Detail), "application/pdf", HandOverListPdf.FileName(Distribution));
    }

    private static string ShownOnPage(int id) => ChildAid.Shared.Localization.Messages.Format("Danh sách trẻ nhận hàng, đợt cấp phát số {0}", id);

    /// <summary>The signed hand-over list, to staff who can see the distribution; with its hash in a header, never cached.</summary>
    public async Task<IActionResult> OnGetProofAsync(int id, CancellationToken ct)
    {
        if (await distributions.ReadProofAsync(id, ct) is not var (distribution, bytes)) return NotFound();
        Response.Headers["X-Content-SHA256"] = distribution.ProofSha256;
        Response.Headers.CacheControl = "private, no-store";
        return File(bytes, ChildAid.Shared.Ledger.OriginalFile.ContentTypeOf(bytes) ?? "application/octet-stream", distribution.ProofFileName);
    }

    public Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct) =>
        StepAsync(id, () => distributions.ConfirmAsync(id, ct), _ => "Đã xác nhận đợt cấp phát; có thể xuất kho.", ct);

    public Task<IActionResult> OnPostDepartAsync(int id, CancellationToken ct) =>
        StepAsync(id, () => distributions.DepartAsync(id, ct),
            d => d.IsPurchased ? "Đã ghi nhận hàng lên đường." : "Đã xuất kho: sổ cái công khai ghi một bút toán xuất kho.", ct);

    public Task<IActionResult> OnPostArriveAsync(int id, CancellationToken ct) =>
        StepAsync(id, () => distributions.ArriveAsync(id, ct), _ => "Đã ghi nhận hàng đến nơi; người nhận xác nhận đã giao.", ct);

    /// <summary>A dispatcher calls the distribution off before delivery, with a reason; goods on the road go back to their lot.</summary>
    public Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct) =>
        StepAsync(id, () => distributions.CancelAsync(id, CancelReason, ct),
            d => d.ReturnSequence is null ? "Đã huỷ đợt cấp phát; số lượng của phân bổ có thể cấp phát lại." : "Đã huỷ đợt cấp phát: hàng đã nhập lại kho, sổ cái công khai ghi một bút toán nhập lại.", ct);

    public async Task<IActionResult> OnPostDeliverAsync(int id, CancellationToken ct)
    {
        if (!MayConfirmDelivery) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        byte[] proof = [];
        if (Proof is { Length: > 0 and <= StockService.MaxPhotoBytes })
        {
            using var buffer = new MemoryStream((int)Proof.Length);
            await Proof.CopyToAsync(buffer, ct);
            proof = buffer.ToArray();
        }
        return await OutcomeAsync(id, await distributions.ConfirmDeliveryAsync(id, Delivery, Proof?.FileName, proof, ct),
            "Đã xác nhận giao hàng: sổ cái công khai ghi một bút toán cấp phát.", "Delivery.");
    }

    private async Task<IActionResult> StepAsync(int id, Func<Task<DistributionStep>> step, Func<Distribution, string> saved, CancellationToken ct)
    {
        if (!MayDispatch) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await step();
        return await OutcomeAsync(id, result, result.Distribution is { } done ? saved(done) : "", "");
    }

    private async Task<IActionResult> OutcomeAsync(int id, DistributionStep result, string saved, string prefix)
    {
        if (result.Refusal is { } refusal)
        {
            Refusal = refusal;
            var page = Page();
            page.StatusCode = StatusCodes.Status403Forbidden;
            return page;
        }
        if (!result.Succeeded)
        {
            foreach (var (key, message) in result.Errors)
                ModelState.AddModelError(key is "Proof" ? "Proof" : key is "State" or "Quantity" ? "" : prefix + key, message);
            // The page shows the distribution as it is now (another person may just have moved it on).
            await LoadAsync(id, CancellationToken.None);
            return Page();
        }
        TempData["Saved"] = saved;
        return Redirect($"/Distributions/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await queries.DetailAsync(id, ct) is not { } detail) return false;
        Detail = detail;
        Audit = await queries.AuditAsync(id, ct);
        return true;
    }
}
