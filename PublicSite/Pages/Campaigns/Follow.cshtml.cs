using System.Net.Mail;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.CampaignUpdates;
using ChildAid.Shared.Data;
using ChildAid.Shared.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace ChildAid.PublicSite.Pages.Campaigns;

/// <summary>
/// <c>/chien-dich/{slug}/theo-doi</c>: "send me this campaign's news", e-mail only. The request goes into
/// campaign_follow_intake through the intake login (INSERT only: this site never reads an address back); BackOffice's
/// worker mails the confirm link (double opt-in). The answer is the same whether the address already follows, so the
/// page tells nobody who follows what. A page of its own, not a form inside the campaign page: that page is cached
/// for everyone, and this form carries the visitor's own anti-forgery token.
/// </summary>
[OutputCache(NoStore = true)]
[EnableRateLimiting(PublicRateLimits.Form)]
public class FollowModel(CampaignProgressQuery campaigns, IntakeDbContext intake, TimeProvider clock) : PageModel
{
    public const int MaxEmailLength = 254;

    public CampaignDetails Details { get; private set; } = null!;
    [BindProperty] public string? Email { get; set; }
    /// <summary>The honeypot: hidden from people, filled in by bots.</summary>
    [BindProperty] public string? Website { get; set; }
    public string? EmailError { get; private set; }
    [BindProperty(SupportsGet = true, Name = "da-gui")] public bool Sent { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) =>
        await LoadAsync(slug, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        // A bot filled the field people never see: it gets the answer a person gets, and nothing is stored.
        if (!string.IsNullOrEmpty(Website)) return Redirect(SentUrl(slug));
        var address = Email?.Trim() ?? "";
        if (address.Length == 0) EmailError = "Vui lòng nhập địa chỉ e-mail.";
        else if (address.Length > MaxEmailLength || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || !address.Contains('.'))
            EmailError = "E-mail chưa đúng, ví dụ: ten@example.com.";
        if (EmailError is not null) return Page();

        intake.CampaignFollowIntake.Add(new CampaignFollowIntake
        {
            Id = Guid.NewGuid(), CampaignSlug = slug, Email = address, Culture = Cultures.IsEnglish ? "en" : "vi",
            ReceivedAt = clock.GetUtcNow().UtcDateTime,
        });
        await intake.SaveChangesAsync(ct);
        return Redirect(SentUrl(slug));
    }

    private static string SentUrl(string slug) => $"/chien-dich/{Uri.EscapeDataString(slug)}/theo-doi?da-gui=true";

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        var details = await campaigns.GetAsync(slug, ct);
        if (details is null) return false;
        Details = details;
        return true;
    }
}
