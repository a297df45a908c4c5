using ChildAid.Shared.Payments.Stripe;
using Microsoft.Extensions.Options;

namespace ChildAid.Tests.Payments;

/// <summary>Checkout sessions go through Stripe.net's real client to a local stub that plays api.stripe.com.</summary>
public sealed class StripeCheckoutTests : IAsyncLifetime
{
    private StripeStub _stub = null!;

    public async Task InitializeAsync() => _stub = await StripeStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private StripeCheckout Checkout() => new(Options.Create(new StripeOptions
    {
        SecretKey = "sk_test_childaid", WebhookSecret = "whsec_test", ApiBase = _stub.Url,
    }));

    [Fact]
    public async Task A_session_in_dong_is_created_with_the_pledge_reference_in_its_metadata()
    {
        var session = await Checkout().CreateSessionAsync(new StripeCheckoutRequest(
            "CA7K3M9QX", 200_000m, "VND", null, "an@example.com", "ao-am", "https://childaid.example/thanh-cong", "https://childaid.example/da-huy"));

        Assert.StartsWith("cs_test_", session.Id, StringComparison.Ordinal);
        Assert.Equal($"https://checkout.stripe.com/c/pay/{session.Id}", session.Url);
        var sent = Assert.Single(_stub.Requests);
        Assert.Equal("/v1/checkout/sessions", sent.Path);
        Assert.Equal("Bearer sk_test_childaid", sent.Authorization);
        Assert.Equal("checkout:CA7K3M9QX", sent.IdempotencyKey);
        Assert.Equal("payment", sent.Form["mode"]);
        Assert.Equal("CA7K3M9QX", sent.Form["metadata[pledge_reference]"]);
        Assert.Equal("CA7K3M9QX", sent.Form["payment_intent_data[metadata][pledge_reference]"]);
        Assert.Equal("ao-am", sent.Form["metadata[campaign]"]);
        Assert.Equal("vnd", sent.Form["line_items[0][price_data][currency]"]);
        Assert.Equal("200000", sent.Form["line_items[0][price_data][unit_amount]"]); // đồng has no minor unit at Stripe
        Assert.Equal("an@example.com", sent.Form["customer_email"]);
        Assert.Equal("https://childaid.example/thanh-cong", sent.Form["success_url"]);
    }

    [Fact]
    public async Task A_dollar_session_is_charged_in_cents_and_carries_the_recorded_rate()
    {
        await Checkout().CreateSessionAsync(new StripeCheckoutRequest(
            "CA7K3M9QX", 25.50m, "usd", 25_450.12m, null, null, "https://childaid.example/ok", "https://childaid.example/huy"));

        var sent = Assert.Single(_stub.Requests);
        Assert.Equal("usd", sent.Form["line_items[0][price_data][currency]"]);
        Assert.Equal("2550", sent.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("25450.12", sent.Form["metadata[exchange_rate]"]);
    }

    [Fact]
    public async Task A_foreign_amount_without_a_recorded_rate_is_refused_before_calling_Stripe()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Checkout().CreateSessionAsync(new StripeCheckoutRequest(
            "CA7K3M9QX", 25m, "EUR", null, null, null, "https://childaid.example/ok", "https://childaid.example/huy")));
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public void Without_keys_the_card_option_is_not_configured()
    {
        Assert.False(new StripeOptions().IsConfigured);
        Assert.False(new StripeOptions { SecretKey = "sk_test_x" }.IsConfigured);
        Assert.True(new StripeOptions { SecretKey = "sk_test_x", WebhookSecret = "whsec_x" }.IsConfigured);
    }
}
