using ChildAid.Shared.Localization;
using System.Net.Mail;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Mail;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Contributions;

/// <summary>
/// The receipt (its PDF drawn when the mail is sent) and the thank-you for a booked gift, queued by the booking core
/// in the booking's own transaction, so every channel sends them and a payment booked once is mailed once
/// (dedupe <c>receipt:&lt;number&gt;</c> and <c>thanks:&lt;number&gt;</c>). English for donors abroad. The receipt
/// carries a new private link to the donor's own page (<see cref="DonorLinks"/>).
/// </summary>
public sealed class ReceiptMails(MailOutbox outbox, DonorLinks donorLinks, IOptions<PublicSiteLinkOptions> publicSite)
{
    public static string ReceiptKey(string receiptNumber) => "receipt:" + receiptNumber;

    public static string ThanksKey(string receiptNumber) => "thanks:" + receiptNumber;

    /// <summary>Nothing for a donor without a usable e-mail address.</summary>
    public async Task QueueAsync(Contribution receipt, Donor donor, Campaign? campaign, CancellationToken ct)
    {
        if (Recipient(donor) is not { } to) return;
        var (culture, campaignTitle) = Language(donor, campaign);
        await outbox.EnqueueAsync(MailMessageKind.Receipt, to, donor.Name, culture, Receipt(receipt, donor, campaignTitle, donorLinks.Issue(donor.Id)),
            ReceiptKey(receipt.ReceiptNumber), ct);
        await outbox.EnqueueAsync(MailMessageKind.ThankYou, to, donor.Name, culture, Thanks(receipt, donor, campaign, campaignTitle),
            ThanksKey(receipt.ReceiptNumber), ct);
    }

    /// <summary>
    /// The same two mails and the donor-page link for a batch of fresh receipts (<see cref="ContributionBatchBooking"/>),
    /// composed but not added: the batch writes them in bulk. Empty for a donor without a usable address.
    /// </summary>
    public (MailOutboxMessage[] Mails, DonorLink? Link) Compose(Contribution receipt, Donor donor, Campaign? campaign)
    {
        if (Recipient(donor) is not { } to) return ([], null);
        var (culture, campaignTitle) = Language(donor, campaign);
        var (link, url) = donorLinks.Compose(donor.Id);
        return ([
            outbox.Compose(MailMessageKind.Receipt, to, donor.Name, culture, Receipt(receipt, donor, campaignTitle, url), ReceiptKey(receipt.ReceiptNumber)),
            outbox.Compose(MailMessageKind.ThankYou, to, donor.Name, culture, Thanks(receipt, donor, campaign, campaignTitle), ThanksKey(receipt.ReceiptNumber)),
        ], link);
    }

    private static string? Recipient(Donor donor)
    {
        var to = donor.Email?.Trim();
        return string.IsNullOrEmpty(to) || !MailAddress.TryCreate(to, out _) ? null : to;
    }

    private static (string Culture, string? CampaignTitle) Language(Donor donor, Campaign? campaign)
    {
        var culture = donor.Origin == DonorOrigin.Foreign ? "en" : "vi";
        return (culture, campaign is null ? null : Cultures.Pick(campaign.Title, campaign.TitleEn, culture == Cultures.English));
    }

    private ReceiptMail Receipt(Contribution receipt, Donor donor, string? campaignTitle, string donorPageUrl) =>
        new(donor.Name, receipt.ReceiptNumber, receipt.AmountVnd, receipt.ReceivedOn, campaignTitle, PdfWhenSent: true,
            VerifyUrl: receipt.VerifyToken is { } token ? publicSite.Value.Url(Ledger.VerifiedGift.PathPrefix + token) : null,
            DonorPageUrl: donorPageUrl);

    private ThankYouMail Thanks(Contribution receipt, Donor donor, Campaign? campaign, string? campaignTitle) =>
        new(donor.Name, receipt.AmountVnd, campaignTitle, campaign is null ? null : publicSite.Value.Url("/chien-dich/" + Uri.EscapeDataString(campaign.Slug)));
}
