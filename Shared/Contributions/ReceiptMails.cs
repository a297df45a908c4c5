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
        var to = donor.Email?.Trim();
        if (string.IsNullOrEmpty(to) || !MailAddress.TryCreate(to, out _)) return;
        var culture = donor.Origin == DonorOrigin.Foreign ? "en" : "vi";
        var campaignTitle = campaign is null ? null : Cultures.Pick(campaign.Title, campaign.TitleEn, culture == Cultures.English);
        await outbox.EnqueueAsync(MailMessageKind.Receipt, to, donor.Name, culture,
            new ReceiptMail(donor.Name, receipt.ReceiptNumber, receipt.AmountVnd, receipt.ReceivedOn, campaignTitle, PdfWhenSent: true,
                VerifyUrl: receipt.VerifyToken is { } token ? publicSite.Value.Url(Ledger.VerifiedGift.PathPrefix + token) : null,
                DonorPageUrl: donorLinks.Issue(donor.Id)),
            ReceiptKey(receipt.ReceiptNumber), ct);
        await outbox.EnqueueAsync(MailMessageKind.ThankYou, to, donor.Name, culture,
            new ThankYouMail(donor.Name, receipt.AmountVnd, campaignTitle,
                campaign is null ? null : publicSite.Value.Url("/chien-dich/" + Uri.EscapeDataString(campaign.Slug))),
            ThanksKey(receipt.ReceiptNumber), ct);
    }
}
