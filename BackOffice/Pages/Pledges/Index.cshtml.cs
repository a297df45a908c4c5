using ChildAid.Shared.Data;
using ChildAid.Shared.Pledges;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Pledges;

/// <summary>Pledges of the user's units: search, filters, paid and outstanding; and the online pledges that could not be made.</summary>
public class IndexModel(PledgeQueries queries, PledgeService pledges) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public PledgeState? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? CampaignId { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Paged<PledgeRow> Result { get; private set; } = null!;
    public IReadOnlyList<CampaignChoice> Campaigns { get; private set; } = [];
    public IReadOnlyList<FailedIntake> Failed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Status is { } s && !Enum.IsDefined(s)) Status = null;
        Result = await queries.SearchAsync(Q, Status, CampaignId, PageNumber, ct: ct);
        Campaigns = await queries.CampaignsAsync(ct);
        Failed = await queries.FailedAsync(ct);
    }

    /// <summary>Sends a failed online pledge back to the worker; only a row this user may see (the receiving unit's staff).</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        if (!(await queries.FailedAsync(ct)).Any(f => f.Id == id)) return NotFound();
        var outcome = await pledges.RetryIntakeAsync(id, ct);
        TempData["Saved"] = outcome.Succeeded
            ? $"Đã gửi lại đăng ký {outcome.Value!.Reference} để xử lý: nếu nguyên nhân đã được khắc phục, cam kết sẽ có sau ít phút."
            : outcome.Errors.Values.First();
        return RedirectToPage();
    }

    public string Link(int page) => Url.Page("/Pledges/Index", new { q = Q, status = Status, campaignId = CampaignId, p = page })!;
}
