using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Payments;
using ChildAid.Tests.PublicSite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// A card pledge goes to Stripe Checkout — from the form by a redirect, from the API as its checkoutUrl — through
/// Stripe.net's real client to a local stub, with the pledge reference in the session's metadata.
/// </summary>
public abstract class PledgeCardTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    private StripeStub _stripe = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _stripe = await StripeStub.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await _stripe.DisposeAsync();
        await base.DisposeAsync();
    }

    private WebApplicationFactory<ChildAid.PublicSite.Program> WithStripe() => Site.WithWebHostBuilder(b => b
        .UseSetting("Stripe:SecretKey", "sk_test_childaid")
        .UseSetting("Stripe:WebhookSecret", "whsec_test")
        .UseSetting("Stripe:ApiBase", _stripe.Url));

    [Fact]
    public async Task The_form_offers_a_card_only_when_Stripe_is_configured_and_sends_a_card_pledge_to_Checkout()
    {
        await CampaignAsync(slug: PledgeFormTests.Slug);
        using var site = WithStripe();
        var client = PledgeFormTests.NoRedirects(site);
        var answers = PledgeFormTests.Answers();
        answers["Input.Channel"] = "card";

        var (response, form) = await PledgeFormTests.PostFormAsync(client, answers);
        var without = await Client().GetStringAsync("/ung-ho");

        Assert.Contains("value=\"card\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"card\"", without, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://checkout.stripe.com/c/pay/cs_test_", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var row = await WithDbAsync(db => db.PledgeIntake.SingleAsync());
        Assert.Equal(ChildAid.Shared.Pledges.PaymentChannel.Card, row.Channel);
        var sent = Assert.Single(_stripe.Requests);
        Assert.Equal(row.Reference, sent.Form["metadata[pledge_reference]"]);
        Assert.Equal("200000", sent.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("dung@example.com", sent.Form["customer_email"]);
        Assert.Equal($"http://localhost/ung-ho/the/thanh-cong?chien-dich={PledgeFormTests.Slug}", sent.Form["success_url"]);
        Assert.Equal($"http://localhost/ung-ho/the/da-huy?chien-dich={PledgeFormTests.Slug}", sent.Form["cancel_url"]);
    }

    [Fact]
    public async Task The_API_fills_checkoutUrl_for_a_card_pledge_and_refuses_card_without_Stripe()
    {
        await CampaignAsync(slug: PledgeFormTests.Slug);
        using var site = WithStripe();
        object Body() => new
        {
            campaign = PledgeFormTests.Slug, amount = 300_000, currency = "VND", display = "anonymous", channel = "card",
            donor = new { kind = "individual", email = "an@example.com" },
        };

        var made = await site.CreateClient().PostAsJsonAsync("/api/v1/pledges", Body());
        var refused = await Client().PostAsJsonAsync("/api/v1/pledges", Body());

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        using var json = JsonDocument.Parse(await made.Content.ReadAsStringAsync());
        Assert.StartsWith("https://checkout.stripe.com/c/pay/cs_test_", json.RootElement.GetProperty("checkoutUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(json.RootElement.GetProperty("reference").GetString(), Assert.Single(_stripe.Requests).Form["metadata[pledge_reference]"]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(1, await WithDbAsync(db => db.PledgeIntake.CountAsync()));
    }
}

public class PledgeCardTestsOnSqlite() : PledgeCardTests(DatabaseProvider.Sqlite);

public class PledgeCardTestsOnPostgres() : PledgeCardTests(DatabaseProvider.Postgres);
