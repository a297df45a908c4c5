using ChildAid.PublicSite.Content;
using ChildAid.PublicSite.Payments;
using ChildAid.Shared.Payments.Stripe;
using ChildAid.Shared.Pledges;
using Microsoft.Extensions.Options;

namespace ChildAid.PublicSite.Giving;

/// <summary>
/// A card pledge's way to Stripe Checkout, for the form and the API alike: the session carries the pledge reference
/// (so the webhook ties the payment to the pledge) and sends the donor back to the success or cancel page.
/// </summary>
public sealed class PledgeCheckout(StripeCheckout stripe, IOptions<StripeOptions> options)
{
    /// <summary>Without Stripe's keys the card option is hidden and refused; transfers work as ever.</summary>
    public bool IsAvailable => options.Value.IsConfigured;

    /// <summary>Opens (or, for a retried pledge, finds again: Stripe's idempotency key is the reference) the Checkout session; its URL.</summary>
    public async Task<string> StartAsync(PledgeStatus pledge, PledgeRequest request, HttpContext http, CancellationToken ct)
    {
        var back = request.Campaign is { Length: > 0 } slug ? "?chien-dich=" + Uri.EscapeDataString(slug.Trim()) : "";
        var session = await stripe.CreateSessionAsync(new StripeCheckoutRequest(
            // A donor abroad pays dollars or euros; the rate recorded on the pledge rides along for the receipt.
            pledge.Reference, request.IsForeign ? request.Amount : pledge.AmountVnd, request.IsForeign ? request.CurrencyCode : "VND",
            request.IsForeign ? request.ExchangeRate : null, string.IsNullOrWhiteSpace(request.Donor.Email) ? null : request.Donor.Email.Trim(),
            pledge.CampaignSlug, PublicUrls.Absolute(http, CardReturn.SuccessPath + back), PublicUrls.Absolute(http, CardReturn.CancelPath + back)), ct);
        return session.Url;
    }
}
