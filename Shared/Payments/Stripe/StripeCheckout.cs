using System.Globalization;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace ChildAid.Shared.Payments.Stripe;

/// <summary>A card payment to start: the pledge it pays, how much in which currency, and where Stripe sends the donor back.</summary>
/// <param name="ExchangeRate">Đồng per unit of a USD/EUR amount, recorded on the pledge and carried to the receipt.</param>
public sealed record StripeCheckoutRequest(
    string Reference, decimal Amount, string Currency, decimal? ExchangeRate, string? DonorEmail, string? CampaignSlug,
    string SuccessUrl, string CancelUrl);

public sealed record StripeCheckoutSession(string Id, string Url);

/// <summary>
/// Opens Stripe Checkout sessions through Stripe.net's own client (tests point <see cref="StripeOptions.ApiBase"/> at a stub).
/// The pledge reference travels in the session's and the payment's metadata, so the webhook can tie the payment to the pledge.
/// </summary>
public sealed class StripeCheckout(IOptions<StripeOptions> options)
{
    public const string ReferenceKey = "pledge_reference";
    public const string CampaignKey = "campaign";
    public const string ExchangeRateKey = "exchange_rate";

    /// <summary>Currencies a donor may pay by card in: đồng, or USD/EUR at a recorded rate.</summary>
    public static readonly string[] Currencies = ["VND", "USD", "EUR"];

    public async Task<StripeCheckoutSession> CreateSessionAsync(StripeCheckoutRequest request, CancellationToken ct = default)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) throw new InvalidOperationException("Stripe is not configured (Stripe:SecretKey, Stripe:WebhookSecret).");
        var currency = request.Currency.Trim().ToUpperInvariant();
        if (!Currencies.Contains(currency)) throw new ArgumentException($"Card payments are taken in {string.Join(", ", Currencies)}, not {currency}.", nameof(request));
        if (request.Amount <= 0) throw new ArgumentException("The amount must be positive.", nameof(request));
        if (currency != "VND" && request.ExchangeRate is not > 0)
            throw new ArgumentException("A USD or EUR payment needs the exchange rate recorded on the pledge.", nameof(request));

        var metadata = new Dictionary<string, string> { [ReferenceKey] = request.Reference };
        if (request.CampaignSlug is { Length: > 0 } slug) metadata[CampaignKey] = slug;
        if (currency != "VND") metadata[ExchangeRateKey] = request.ExchangeRate!.Value.ToString(CultureInfo.InvariantCulture);

        var create = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = request.Reference,
            CustomerEmail = request.DonorEmail,
            SuccessUrl = request.SuccessUrl,
            CancelUrl = request.CancelUrl,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string>(metadata) },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = currency.ToLowerInvariant(),
                        UnitAmount = MinorUnits(request.Amount, currency),
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"ChildAid {request.Reference}" },
                    },
                },
            ],
        };
        var client = new StripeClient(settings.SecretKey, apiBase: string.IsNullOrWhiteSpace(settings.ApiBase) ? null : settings.ApiBase);
        var session = await new SessionService(client).CreateAsync(create, new RequestOptions { IdempotencyKey = "checkout:" + request.Reference }, ct);
        return new StripeCheckoutSession(session.Id, session.Url);
    }

    /// <summary>Stripe counts đồng as a zero-decimal currency; dollars and euros in cents.</summary>
    public static long MinorUnits(decimal amount, string currency) =>
        currency.Equals("VND", StringComparison.OrdinalIgnoreCase)
            ? decimal.ToInt64(decimal.Round(amount, 0, MidpointRounding.AwayFromZero))
            : decimal.ToInt64(decimal.Round(amount * 100, 0, MidpointRounding.AwayFromZero));

    /// <summary>The amount back from Stripe's minor units.</summary>
    public static decimal FromMinorUnits(long minor, string currency) =>
        currency.Equals("VND", StringComparison.OrdinalIgnoreCase) ? minor : minor / 100m;
}
