using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildAid.Shared.Data;
using ChildAid.Tests.Payments;
using ChildAid.Tests.PublicSite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// A donor abroad pledges in dollars or euros by card: converted at the configured rate (Payments:ExchangeRates), the
/// rate recorded on the pledge and sent to Stripe; anyone else stays in đồng.
/// </summary>
public abstract class PledgeForeignCurrencyTests(DatabaseProvider provider) : PublicSiteTest(provider)
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

    private WebApplicationFactory<ChildAid.PublicSite.Program> WithStripeAndRates() => Site.WithWebHostBuilder(b => b
        .UseSetting("Stripe:SecretKey", "sk_test_childaid")
        .UseSetting("Stripe:WebhookSecret", "whsec_test")
        .UseSetting("Stripe:ApiBase", _stripe.Url)
        .UseSetting("Payments:ExchangeRates:USD", "25450")
        .UseSetting("Payments:ExchangeRates:EUR", "27600.5"));

    [Fact]
    public async Task A_donor_abroad_pledges_dollars_by_card_at_the_configured_rate_recorded_on_the_pledge()
    {
        await CampaignAsync(slug: PledgeFormTests.Slug);
        using var site = WithStripeAndRates();
        var answers = PledgeFormTests.Answers();
        answers["Input.Abroad"] = "true";
        answers["Input.Channel"] = "card";
        answers["Input.Currency"] = "USD";
        answers["Input.Amount"] = "25,50";

        var (response, form) = await PledgeFormTests.PostFormAsync(PledgeFormTests.NoRedirects(site), answers);

        Assert.Contains("1 USD = 25.450 ₫", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await WithDbAsync(db => db.PledgeIntake.SingleAsync());
        Assert.Equal(("USD", 25.50m, 25_450m, 648_975L), (row.Currency, row.OriginalAmount!.Value, row.ExchangeRate!.Value, row.AmountVnd));
        var sent = Assert.Single(_stripe.Requests);
        Assert.Equal("usd", sent.Form["line_items[0][price_data][currency]"]);
        Assert.Equal("2550", sent.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("25450", sent.Form["metadata[exchange_rate]"]);
    }

    [Fact]
    public async Task Dollars_by_transfer_or_from_Vietnam_or_without_a_rate_are_refused_with_a_message()
    {
        await CampaignAsync(slug: PledgeFormTests.Slug);
        using var site = WithStripeAndRates();
        var client = site.CreateClient();
        object Pledge(string currency, string channel, bool abroad) => new
        {
            campaign = PledgeFormTests.Slug, amount = 20.5m, currency, display = "anonymous", channel, abroad,
            donor = new { kind = "individual", email = "jo@example.com" },
        };

        var transfer = await client.PostAsJsonAsync("/api/v1/pledges", Pledge("EUR", "transfer", true));
        var home = await client.PostAsJsonAsync("/api/v1/pledges", Pledge("USD", "card", false));
        var unknown = await client.PostAsJsonAsync("/api/v1/pledges", Pledge("JPY", "card", true));
        var euros = await client.PostAsJsonAsync("/api/v1/pledges", Pledge("EUR", "card", true));

        foreach (var refused in new[] { transfer, home })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal("Ủng hộ bằng USD hoặc EUR dành cho người ở nước ngoài, thanh toán bằng thẻ.", problem.RootElement.GetProperty("errors").GetProperty("currency")[0].GetString());
        }
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, euros.StatusCode);
        using var made = JsonDocument.Parse(await euros.Content.ReadAsStringAsync());
        Assert.Equal(565_810, made.RootElement.GetProperty("amount").GetInt64()); // 20,5 × 27.600,5 = 565.810,25 → 565.810 ₫
        Assert.Equal("EUR", made.RootElement.GetProperty("currency").GetString());
        Assert.Equal(1, await WithDbAsync(db => db.PledgeIntake.CountAsync()));
    }
}

public class PledgeForeignCurrencyTestsOnSqlite() : PledgeForeignCurrencyTests(DatabaseProvider.Sqlite);

public class PledgeForeignCurrencyTestsOnPostgres() : PledgeForeignCurrencyTests(DatabaseProvider.Postgres);
