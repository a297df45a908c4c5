using ChildAid.Shared.Localization;
using ChildAid.PublicSite.Giving;
using ChildAid.PublicSite.Pictures;
using ChildAid.Shared.Balances;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages.Campaigns;

public class CampaignModel(CampaignProgressQuery campaigns, GiftExamples examples, PublicDbContext db) : PageModel
{
    /// <summary>Where the campaign's money went, from its own ledger entries alone (every entry of its trail carries the campaign).</summary>
    public BalanceTotals Money { get; private set; } = new();

    public CampaignDetails Details { get; private set; } = null!;
    public Picture Picture { get; private set; } = DemoPictures.Landscape;
    public IReadOnlyList<GiftExample> Gifts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var details = await campaigns.GetAsync(slug, ct);
        if (details is null) return NotFound();
        Details = details;
        var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking().Where(e => e.CampaignId == details.Campaign.Id), ct: ct);
        Money = balances.Overall;
        var theme = CampaignTheme.Of(details.Campaign.Title, details.Campaign.Summary);
        Picture = DemoPictures.For(theme);
        if (theme is { } category)
            Gifts = (await examples.ForAsync([category], Cultures.IsEnglish, ct))[category];
        return Page();
    }
}
