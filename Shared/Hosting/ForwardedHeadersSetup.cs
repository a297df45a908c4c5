using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ChildAid.Shared.Hosting;

/// <summary>
/// Behind a reverse proxy that ends TLS, the proxy's X-Forwarded-For and X-Forwarded-Proto are believed only from
/// the addresses in "ForwardedHeaders:KnownProxies" (IPs) and "ForwardedHeaders:KnownNetworks" (CIDR). Then the
/// client's address is the one rate-limited and logged, the request counts as HTTPS, cookies are marked Secure
/// and HSTS is sent. With neither set, no forwarded header is believed.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddChildAidForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in Values(section.GetSection("KnownProxies"))) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in Values(section.GetSection("KnownNetworks"))) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            o.ForwardLimit = section.GetValue<int?>("ForwardLimit") ?? 1;
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>Forwarded headers first (so everything after sees the client's scheme and address), then HSTS on HTTPS.</summary>
    public static IApplicationBuilder UseChildAidForwardedHeaders(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.UseHsts();
        return app;
    }

    /// <summary>An array in JSON, or one comma-separated string from an environment variable.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        section.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0);
}
