using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildAid.Tests.Payments;

/// <summary>
/// A tiny local stand-in for api.stripe.com: answers the endpoints ChildAid calls with Stripe-shaped JSON and keeps
/// what it was sent, so tests drive Stripe.net's real client (<c>new StripeClient(key, apiBase: stub)</c>) over HTTP.
/// </summary>
public sealed class StripeStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>Each request: method, path, the Authorization and Idempotency-Key headers, and the form fields.</summary>
    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    public string Url { get; private set; } = "";

    private StripeStub(WebApplication app) => _app = app;

    public static async Task<StripeStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StripeStub(app);
        app.MapPost("/v1/checkout/sessions", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            stub.Requests.Enqueue(new StubRequest(request.Method, request.Path, request.Headers.Authorization.ToString(),
                request.Headers["Idempotency-Key"].ToString(), form.ToDictionary(f => f.Key, f => f.Value.ToString())));
            var id = "cs_test_" + Guid.NewGuid().ToString("N");
            var metadata = form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal))
                .ToDictionary(f => f.Key["metadata[".Length..^1], f => f.Value.ToString());
            return Results.Json(new Dictionary<string, object?>
            {
                ["id"] = id,
                ["object"] = "checkout.session",
                ["mode"] = "payment",
                ["status"] = "open",
                ["payment_status"] = "unpaid",
                ["client_reference_id"] = form["client_reference_id"].ToString(),
                ["currency"] = form["line_items[0][price_data][currency]"].ToString(),
                ["amount_total"] = long.Parse(form["line_items[0][price_data][unit_amount]"].ToString(), System.Globalization.CultureInfo.InvariantCulture),
                ["success_url"] = form["success_url"].ToString(),
                ["cancel_url"] = form["cancel_url"].ToString(),
                ["metadata"] = metadata,
                ["url"] = $"https://checkout.stripe.com/c/pay/{id}",
                ["livemode"] = false,
            });
        });
        await app.StartAsync();
        stub.Url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record StubRequest(string Method, string Path, string Authorization, string IdempotencyKey, Dictionary<string, string> Form);
