namespace ChildAid.Shared.Payments.Stripe;

/// <summary>
/// Section "Stripe". Without both keys the card option is hidden and the webhook answers 404; everything else
/// (transfers, VietQR) works as before.
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>Secret API key (sk_live_… / sk_test_…): from an environment variable or a secret store, never committed.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (whsec_…), which every delivery's Stripe-Signature header is checked against.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Empty: Stripe's own API. Tests point it at a local stub server.</summary>
    public string? ApiBase { get; set; }

    /// <summary>How old a signed delivery may be (seconds) before it is refused as a replay; Stripe's default is 300.</summary>
    public long SignatureToleranceSeconds { get; set; } = 300;

    /// <summary>BackOffice: official code of the administrative unit that receives card gifts (their receipts belong to it).</summary>
    public string? ReceivingUnitCode { get; set; }

    /// <summary>BackOffice: how often the inbox of stored events is worked through (seconds).</summary>
    public int ProcessorIntervalSeconds { get; set; } = 10;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey) && !string.IsNullOrWhiteSpace(WebhookSecret);
}
