using ChildAid.PublicSite.Content;
using ChildAid.PublicSite.Pages.Content;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChildAid.PublicSite.Pages.Giving;

/// <summary>"Cách ủng hộ": where every give button leads until pledging lands. Bank transfer (VietQR), cash, goods.</summary>
/// <remarks>
/// The words are the media team's published page <c>/trang/cach-ung-ho</c> (its long path redirects here); the account,
/// the VietQR code and the transfer note come from configuration and the campaign, so editors cannot get them wrong.
/// </remarks>
public class HowToGiveModel(CampaignProgressQuery campaigns, PublishedContentQuery content, IOptions<PublicSiteOptions> options) : PageModel
{
    /// <summary>The media team's page, when published; otherwise the built-in sections are shown.</summary>
    public PublicContent? Words { get; private set; }

    public ChildAid.Shared.Payments.GivingAccountOptions Account => options.Value.Giving;
    public IReadOnlyList<CampaignName> Campaigns { get; private set; } = [];
    public CampaignName? Campaign { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "chien-dich")] string? campaign, CancellationToken ct)
    {
        Campaigns = await campaigns.NamesAsync(ct);
        Campaign = Campaigns.FirstOrDefault(c => c.Slug == campaign);
        Words = await ContentPageModel.PageAsync(content, ShortAddresses.HowToGiveContent, ct);
    }

    /// <summary>The transfer note that files a gift under a campaign: bank apps drop diacritics, so it is plain capitals.</summary>
    public static string TransferNote(CampaignName? campaign) =>
        "UNG HO" + (campaign is null ? "" : " " + campaign.Slug.Replace('-', ' ').ToUpperInvariant());
}
