using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Payments;
using ChildAid.Shared.Pledges;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace ChildAid.PublicSite.Pages.Pledges;

/// <summary>
/// <c>/ung-ho/cam-ket/{reference}</c>: a pledge's own page — the VietQR code and, as text beside it, everything a donor
/// types into a banking app, with the pledge's status in words. Read from the public status view only, so it cannot
/// show a name or a contact even by mistake. It is also the "pay" link in the mails. Never cached: the status moves.
/// </summary>
[OutputCache(NoStore = true)]
public class PledgeModel(PledgeIntakeService intake, CampaignProgressQuery campaigns, PublicDbContext publicDb, IOptions<PublicSiteOptions> options) : PageModel
{
    public PledgeStatus Pledge { get; private set; } = null!;
    public CampaignName? Campaign { get; private set; }
    /// <summary>The campaign's own receiving account (Decree 93) when it has one, else the configured one.</summary>
    public GivingAccountOptions Account { get; private set; } = null!;

    /// <summary>A business's goods and no money: delivered, not transferred.</summary>
    public bool GoodsOnly => Pledge.AmountVnd == 0;

    /// <summary>Paid and cancelled pledges show no transfer details: nobody should pay them again; nor do goods alone.</summary>
    public bool AwaitsPayment => !GoodsOnly && Pledge.Status is PledgeStatus.Received or nameof(PledgeState.Pledged) or nameof(PledgeState.PartlyPaid);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        Response.Headers["X-Robots-Tag"] = "noindex";
        if (await intake.StatusAsync(reference, ct) is not { } pledge) return NotFound();
        // One address per pledge: a code typed in lower case or with spaces lands on the canonical one.
        if (pledge.Reference != reference) return RedirectToPagePermanent("/Pledges/Pledge", new { reference = pledge.Reference });
        Pledge = pledge;
        Account = options.Value.Giving.For(await publicDb.ReceivingAccountAsync(pledge.CampaignSlug, ct));
        Campaign = pledge.CampaignSlug is null ? null : (await campaigns.NamesAsync(ct)).FirstOrDefault(c => c.Slug == pledge.CampaignSlug);
        return Page();
    }

    /// <summary>The status in plain words, Vietnamese (the page translates it); a goods-only pledge's goods are delivered, not paid.</summary>
    public static string StatusWords(string status, bool goodsOnly = false) => status switch
    {
        nameof(PledgeState.Pledged) when goodsOnly => "Đã ghi nhận cam kết hiện vật, đang chờ giao hàng",
        nameof(PledgeState.PartlyPaid) when goodsOnly => "Đã nhận một phần hàng",
        nameof(PledgeState.Paid) when goodsOnly => "Đã nhận đủ hàng — cảm ơn quý doanh nghiệp!",
        PledgeStatus.Received => "Đã nhận cam kết, đang chờ Ban ghi nhận",
        nameof(PledgeState.Pledged) => "Đã ghi nhận cam kết, đang chờ tiền về",
        nameof(PledgeState.PartlyPaid) => "Đã nhận một phần",
        nameof(PledgeState.Paid) => "Đã nhận đủ — cảm ơn bạn!",
        nameof(PledgeState.Cancelled) => "Đã hủy",
        PledgeStatus.Failed => "Chưa ghi nhận được cam kết này",
        _ => status,
    };

    /// <summary>What a transfer should carry now: the next instalment's rest, or what is still owed (<see cref="PledgeStatus.DueNowVnd"/>).</summary>
    public long ToPayVnd => Pledge.DueNowVnd;

    public string ImageUrl(string format) => $"/api/v1/pledges/{Pledge.Reference}/qr.{format}";

    public VietQrAccount QrAccount => Account.QrAccount;
}
