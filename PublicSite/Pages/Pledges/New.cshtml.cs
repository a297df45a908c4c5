using ChildAid.PublicSite.Giving;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Payments.Stripe;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.PublicNeeds;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChildAid.PublicSite.Pages.Pledges;

/// <summary>
/// <c>/ung-ho</c>: the pledge form, phone first, a plain HTML form that works without JavaScript. It posts to itself;
/// a valid pledge goes into pledge_intake through <see cref="PledgeIntakeService"/> (once per form, by its hidden key)
/// and the donor is sent to the pledge's own page, or to Stripe Checkout when they chose a card.
/// Never output-cached: the page carries the anti-forgery token of the donor's own cookie.
/// </summary>
[OutputCache(NoStore = true)]
[EnableRateLimiting(PublicRateLimits.Form)]
public class NewModel(CampaignProgressQuery campaigns, PublicNeedsQuery needs, PledgeIntakeService intake, PledgeCheckout checkout, TimeProvider clock,
    IOptions<ChildAid.Shared.Payments.PaymentOptions> payments) : PageModel
{
    [BindProperty] public PledgeForm Input { get; set; } = new();

    public IReadOnlyList<CampaignName> Campaigns { get; private set; } = [];
    /// <summary>The need line the donor came from, shown above the form.</summary>
    public PublicNeed? Need { get; private set; }
    public bool CardAvailable => checkout.IsAvailable;
    /// <summary>USD/EUR and their rates, offered to donors abroad paying by card (none without Stripe or rates).</summary>
    public IReadOnlyList<(string Code, decimal Rate)> ForeignRates => !CardAvailable ? []
        : new[] { "USD", "EUR" }.Select(c => (Code: c, Rate: payments.Value.RateOf(c))).Where(r => r.Rate is not null).Select(r => (r.Code, r.Rate!.Value)).ToList();

    /// <summary>Vietnamese message per form field (<see cref="PledgeForm.FieldOf"/>); the page shows them translated.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public async Task OnGetAsync([FromQuery(Name = "chien-dich")] string? campaign, [FromQuery(Name = "nhu-cau")] string? need, CancellationToken ct)
    {
        await LoadAsync(need, ct);
        Input.Campaign = Campaigns.Any(c => c.Slug == campaign) ? campaign : Need is null ? null : await needs.CampaignForAsync(Need, ct);
        Input.Need = Need is null ? null : PublicNeedReference.Of(Need);
        Input.Key = Guid.NewGuid().ToString("N");
        Input.PadRows();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A bot filled the field people never see: it gets the answer a pledge gets, and nothing is stored.
        if (!string.IsNullOrEmpty(Input.Website))
            return RedirectToPage("/Pledges/Pledge", new { reference = PledgeReference.New() });

        await LoadAsync(Input.Need, ct);
        var request = Input.ToRequest();
        request.UseRates(payments.Value);
        if (Need is null) request.NeedReference = null;
        foreach (var (path, messages) in request.Validate(clock.VietnamToday())) Errors.TryAdd(Input.FieldOf(path), messages[0]);
        if (Input.ParsedAmount is null)
            Errors[nameof(PledgeForm.Amount)] = Input.IsForeignCurrency ? "Số tiền bằng USD hoặc EUR, ví dụ 25 hoặc 25,50." : "Số tiền chỉ gồm chữ số, ví dụ 1.234.567.";
        if (!Errors.ContainsKey(nameof(PledgeForm.Campaign)) && Campaigns.All(c => c.Slug != request.Campaign?.Trim()))
            Errors[nameof(PledgeForm.Campaign)] = "Vui lòng chọn chiến dịch bạn muốn ủng hộ.";
        if (request.Channel == "card" && !CardAvailable)
            Errors[nameof(PledgeForm.Channel)] = "Hiện chưa nhận thanh toán thẻ; vui lòng chọn chuyển khoản.";
        if (Errors.Count > 0)
        {
            Input.PadRows();
            return Page();
        }

        var key = Input.Key is { Length: > 0 and <= PledgeForm.MaxKeyLength } k ? k : Guid.NewGuid().ToString("N");
        var submission = await intake.SubmitAsync(request, key, ct);
        // The donor went back and changed the amount or campaign on the same form: that is a new pledge, not a retry.
        if (submission.KeyUsedForAnotherPledge) submission = await intake.SubmitAsync(request, Guid.NewGuid().ToString("N"), ct);

        var reference = submission.Status.Reference;
        if (request.Channel == "card")
            return Redirect(await checkout.StartAsync(submission.Status, request, HttpContext, ct));
        return RedirectToPage("/Pledges/Pledge", new { reference });
    }

    private async Task LoadAsync(string? need, CancellationToken ct)
    {
        Campaigns = await campaigns.NamesAsync(ct);
        Need = await needs.NeedAsync(need, ct);
    }

    /// <summary>The message for <paramref name="field"/>, or null.</summary>
    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);
}
