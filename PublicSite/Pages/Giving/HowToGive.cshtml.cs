using ChildAid.Shared.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChildAid.PublicSite.Pages.Giving;

/// <summary>"Cách ủng hộ": where every give button leads until pledging lands. Bank transfer (VietQR), cash, goods.</summary>
public class HowToGiveModel(CampaignProgressQuery campaigns, IOptions<PublicSiteOptions> options) : PageModel
{
    public PublicSiteOptions.GivingOptions Account => options.Value.Giving;
    public IReadOnlyList<CampaignName> Campaigns { get; private set; } = [];
    public CampaignName? Campaign { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "chien-dich")] string? campaign, CancellationToken ct)
    {
        Campaigns = await campaigns.NamesAsync(ct);
        Campaign = Campaigns.FirstOrDefault(c => c.Slug == campaign);
    }

    /// <summary>The transfer note that files a gift under a campaign: bank apps drop diacritics, so it is plain capitals.</summary>
    public static string TransferNote(CampaignName? campaign) =>
        "UNG HO" + (campaign is null ? "" : " " + campaign.Slug.Replace('-', ' ').ToUpperInvariant());
}
