using ChildAid.BackOffice.Security;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using ChildAid.Shared.Time;

namespace ChildAid.BackOffice.Pages.Contributions;

/// <summary>
/// Record a gift received at the office. The donor is picked by searching the shared registry (a search button that
/// works without JavaScript), or registered inline. The form carries an idempotency key made when it was rendered,
/// so a double click or a resubmitted form books once; success redirects to the receipt (Post/Redirect/Get).
/// </summary>
public class RecordModel(ContributionService contributions, DonorService donors, CampaignService campaigns, StaffScope scope,
    IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public const int GoodsRows = 3;
    public const int MaxMatches = 20;

    [BindProperty] public ContributionInput Input { get; set; } = new();
    /// <summary>Registered with the gift when no donor is picked and a name is given.</summary>
    [BindProperty] public DonorInput NewDonor { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? DonorQuery { get; set; }

    public DonorChoice? ChosenDonor { get; private set; }
    /// <summary>Null: no search made yet.</summary>
    public IReadOnlyList<DonorChoice>? Matches { get; private set; }
    public bool MoreMatches { get; private set; }
    public IEnumerable<SelectListItem> Campaigns { get; private set; } = [];
    public IEnumerable<SelectListItem> Units { get; private set; } = [];
    /// <summary>
    /// The goods section is a &lt;details&gt; that opens without JavaScript: open when the form comes back for goods (an
    /// in-kind gift, a goods row typed, an error on a row), closed for a short cash gift. No script: the page's
    /// content security policy allows none inline, and none is needed.
    /// </summary>
    public bool ShowGoods => Input.Method == ContributionMethod.InKind
        || Input.GoodsLines.Any(l => !ContributionRules.IsBlank(l))
        || ModelState.Keys.Any(k => k.StartsWith("Input.GoodsLines", StringComparison.Ordinal) && ModelState[k]!.Errors.Count > 0);
    public bool ShowNewDonor => !string.IsNullOrWhiteSpace(NewDonor.Name) || ModelState.Keys.Any(k => k.StartsWith("NewDonor.", StringComparison.Ordinal) && ModelState[k]!.Errors.Count > 0);

    public async Task OnGetAsync(int? donorId, int? campaignId, CancellationToken ct)
    {
        Input = new ContributionInput
        {
            DonorId = donorId ?? 0, CampaignId = campaignId, ReceivedOn = Today(), IdempotencyKey = Guid.NewGuid(),
        };
        if (!string.IsNullOrWhiteSpace(DonorQuery)) await FindAsync(ct);
        await LoadChoicesAsync(ct);
    }

    /// <summary>The search button: lists matching donors to pick from, keeping everything typed so far.</summary>
    public async Task<IActionResult> OnPostFindDonorAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Input.DonorId = 0;
        Input.IdempotencyKey ??= Guid.NewGuid();
        await FindAsync(ct);
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.AdminUnitId > 0 && !(await authorization.AuthorizeAsync(User, Input.AdminUnitId, Policies.CoversUnit)).Succeeded) return Forbid();
        Input.IdempotencyKey ??= Guid.NewGuid();
        var registering = Input.DonorId <= 0 && !string.IsNullOrWhiteSpace(NewDonor.Name);
        if (!registering)
            foreach (var key in ModelState.Keys.Where(k => k.StartsWith("NewDonor.", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        if (ModelState.IsValid && registering && !await RegisterDonorAsync(ct))
        {
            await LoadChoicesAsync(ct);
            return Page();
        }
        if (ModelState.IsValid)
        {
            var outcome = await contributions.RecordAsync(Input, ct);
            if (outcome.Succeeded) return RedirectToPage("/Contributions/Details", new { id = outcome.Value!.Id });
            ModelState.AddErrors(outcome.Errors);
        }
        else ModelState.AddOtherErrors(ContributionRules.Validate(Input, Today(), out _));
        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>Registers the new donor for the receiving unit, but only once the gift itself is valid, so a refused gift leaves no stray donor.</summary>
    private async Task<bool> RegisterDonorAsync(CancellationToken ct)
    {
        NewDonor.AdminUnitId = Input.AdminUnitId;
        var giftErrors = ContributionRules.Validate(Input, Today(), out _);
        giftErrors.Remove(nameof(Input.DonorId));
        var donorErrors = await donors.ValidateAsync(NewDonor, ct);
        donorErrors.Remove(nameof(NewDonor.AdminUnitId)); // said once, next to the receiving unit
        ModelState.AddErrors(giftErrors);
        ModelState.AddErrors(donorErrors, nameof(NewDonor));
        if (giftErrors.Count > 0 || donorErrors.Count > 0) return false;
        var created = await donors.CreateAsync(NewDonor, ct);
        if (!created.Succeeded) { ModelState.AddErrors(created.Errors, nameof(NewDonor)); return false; }
        Input.DonorId = created.Value!.Id;
        NewDonor = new DonorInput();
        return true;
    }

    private async Task FindAsync(CancellationToken ct)
    {
        var found = await donors.PickAsync(DonorQuery, MaxMatches, ct);
        MoreMatches = found.Count > MaxMatches;
        Matches = found.Take(MaxMatches).ToList();
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        while (Input.GoodsLines.Count < GoodsRows) Input.GoodsLines.Add(new GoodsLineInput());
        ChosenDonor = Input.DonorId > 0 ? await donors.ChoiceAsync(Input.DonorId, ct) : null;
        Campaigns = (await campaigns.ListAsync(ct)).Where(c => c.Status == CampaignStatus.Active)
            .Select(c => new SelectListItem(c.Title, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // Only units that exist on the day the gift was received (today until a date is typed).
        var day = Input.ReceivedOn == default ? Today() : Input.ReceivedOn;
        var units = (await scope.SelectableUnitsAsync(day, ct)).Where(u => u.IsValidOn(day)).ToList();
        if (Input.AdminUnitId == 0 && units.Count == 1) Input.AdminUnitId = units[0].Id;
        Units = PageExtensions.UnitOptions(units, Input.AdminUnitId);
    }

    private DateOnly Today() => clock.VietnamToday();
}
