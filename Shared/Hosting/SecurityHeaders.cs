using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
namespace ChildAid.Shared.Hosting;

/// <summary>
/// Headers that tell browsers what to refuse, on every response of both sites (pages, API, static files, errors).
/// The pages use no inline script or style, so the policy needs no 'unsafe-inline'; a page that must carry one
/// inline block gives it the request's nonce (<see cref="Nonce"/>).
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "childaid.csp-nonce";

    public static string Policy(string? nonce = null) =>
        "default-src 'self'; img-src 'self' data:; " +
        (nonce is null ? "style-src 'self'; " : $"style-src 'self' 'nonce-{nonce}'; ") +
        (nonce is null ? "script-src 'self'; " : $"script-src 'self' 'nonce-{nonce}'; ") +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self' " + StripeCheckoutOrigin;

    /// <summary>
    /// A card pledge's form post is answered with a redirect to Stripe Checkout, and Chrome holds that redirect to the
    /// form-action list too: without Stripe's origin there, the donor would be stopped on our own page.
    /// </summary>
    public const string StripeCheckoutOrigin = "https://checkout.stripe.com";

    /// <param name="withNonce">Per-request nonce for inline style and script blocks (the media focal-point picker); only for pages that are never output-cached.</param>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool withNonce = false) =>
        app.Use((context, next) =>
        {
            string? nonce = null;
            if (withNonce)
            {
                nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
                context.Items[NonceKey] = nonce;
            }
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy(nonce);
            context.Response.OnStarting(() =>
            {
                if (context.GetEndpoint()?.Metadata.GetMetadata<Relaxed>() is not null) headers.ContentSecurityPolicy = RelaxedPolicy;
                return Task.CompletedTask;
            });
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY"; // frame-ancestors for browsers that predate CSP 2
            return next(context);
        });

    /// <summary>
    /// Endpoint metadata for a page built by a third-party script that configures itself inline (the API reference):
    /// inline script and style are allowed there, still nothing from another origin.
    /// </summary>
    public sealed class Relaxed;

    public const string RelaxedPolicy =
        "default-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
        "script-src 'self' 'unsafe-inline'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; frame-ancestors 'none'; " +
        "base-uri 'self'; form-action 'self'";

    /// <summary>The nonce an inline &lt;style&gt; block of this response must carry.</summary>
    public static string Nonce(HttpContext context) => context.Items[NonceKey] as string ?? "";
}
