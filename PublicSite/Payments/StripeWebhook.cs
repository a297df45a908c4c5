using System.Text;
using System.Text.Json;
using ChildAid.Shared.Payments.Stripe;
using Microsoft.Extensions.Options;
using Stripe;

namespace ChildAid.PublicSite.Payments;

/// <summary>
/// <c>POST /api/v1/stripe/webhook</c>: Stripe's deliveries. A delivery is believed only when its Stripe-Signature header
/// checks out against the configured secret (Stripe.net's <see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/>:
/// HMAC-SHA256, not older than the tolerance, our API version); then it is stored raw in the inbox and answered 200.
/// Nothing is booked here: PublicSite cannot read donors, so BackOffice's processor books from the inbox.
/// </summary>
public static class StripeWebhook
{
    public const string Path = "/api/v1/stripe/webhook";

    /// <summary>Stripe's events are a few kilobytes; anything far bigger is not one.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    public static void MapStripeWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, ReceiveAsync).ExcludeFromDescription();

    private static async Task<IResult> ReceiveAsync(HttpRequest request, IOptions<StripeOptions> options, StripeInbox inbox,
        TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) return Results.NotFound();
        var log = logs.CreateLogger(typeof(StripeWebhook));

        var json = await ReadBoundedAsync(request.Body, ct);
        if (json is null) return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Nội dung quá lớn.");

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, request.Headers["Stripe-Signature"].ToString(), settings.WebhookSecret,
                settings.SignatureToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: true);
        }
        catch (Exception e) when (e is StripeException or JsonException or Newtonsoft.Json.JsonException)
        {
            // Forged, replayed, stale or for another API version: nothing is stored. Stripe retries a real one.
            log.LogWarning("Stripe webhook refused: {Reason}", e.Message);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Chữ ký Stripe không hợp lệ hoặc đã hết hạn.");
        }

        var added = await inbox.AddAsync(stripeEvent.Id, stripeEvent.Type, json,
            DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc), clock.GetUtcNow().UtcDateTime, ct);
        if (!added) log.LogInformation("Stripe event {EventId} delivered again; already in the inbox", stripeEvent.Id);
        return Results.Ok();
    }

    /// <summary>The body as text, or null when it is longer than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<string?> ReadBoundedAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes) return null;
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
