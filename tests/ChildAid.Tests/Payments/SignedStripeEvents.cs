using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ChildAid.Tests.Payments;

/// <summary>
/// Stripe-shaped event JSON and its Stripe-Signature header, built the way Stripe does it:
/// <c>t=TS,v1=hex(HMAC-SHA256(secret, "TS.payload"))</c>, with the API version of the Stripe.net in use.
/// </summary>
public static class SignedStripeEvents
{
    public const string Secret = "whsec_test_childaid_webhook";

    public static string CheckoutCompleted(string eventId, string paymentIntent, long amountTotal, string currency, string reference,
        DateTimeOffset created, string? campaign = null, string name = "John Smith", string email = "john.smith@example.com",
        string country = "US", string? exchangeRate = null, string paymentStatus = "paid", string type = "checkout.session.completed")
    {
        var metadata = new Dictionary<string, string> { ["pledge_reference"] = reference };
        if (campaign is not null) metadata["campaign"] = campaign;
        if (exchangeRate is not null) metadata["exchange_rate"] = exchangeRate;
        return Event(eventId, type, created, new Dictionary<string, object?>
        {
            ["id"] = "cs_test_" + paymentIntent,
            ["object"] = "checkout.session",
            ["mode"] = "payment",
            ["status"] = "complete",
            ["payment_status"] = paymentStatus,
            ["amount_total"] = amountTotal,
            ["currency"] = currency,
            ["payment_intent"] = paymentIntent,
            ["client_reference_id"] = reference,
            ["metadata"] = metadata,
            ["customer_details"] = new Dictionary<string, object?>
            {
                ["name"] = name, ["email"] = email, ["address"] = new Dictionary<string, object?> { ["country"] = country },
            },
        });
    }

    public static string ChargeRefunded(string eventId, string paymentIntent, long amount, long amountRefunded, string currency, DateTimeOffset created) =>
        Event(eventId, "charge.refunded", created, new Dictionary<string, object?>
        {
            ["id"] = "ch_" + paymentIntent,
            ["object"] = "charge",
            ["amount"] = amount,
            ["amount_refunded"] = amountRefunded,
            ["refunded"] = amount == amountRefunded,
            ["currency"] = currency,
            ["payment_intent"] = paymentIntent,
        });

    public static string Event(string eventId, string type, DateTimeOffset created, Dictionary<string, object?> dataObject) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = created.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = type,
            ["data"] = new Dictionary<string, object?> { ["object"] = dataObject },
        });

    public static string Header(string payload, DateTimeOffset signedAt, string secret = Secret)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    public static HttpRequestMessage Delivery(string payload, DateTimeOffset signedAt, string secret = Secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Header(payload, signedAt, secret));
        return request;
    }
}
