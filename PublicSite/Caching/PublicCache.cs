using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace ChildAid.PublicSite.Caching;

/// <summary>
/// The output cache policy of public pages and the campaigns API: one entry per URL (query included), language
/// and public data version. A new version makes new keys, so a change recorded in BackOffice is served fresh
/// without any message between the processes; old entries simply expire.
/// </summary>
public static class PublicCache
{
    public const string Policy = "public";

    public static void Configure(OutputCachePolicyBuilder b) => b
        .Expire(TimeSpan.FromMinutes(10))
        .SetVaryByQuery("*")
        .SetVaryByHeader("Accept-Encoding")
        .VaryByValue(async (context, ct) =>
        {
            var version = await context.RequestServices.GetRequiredService<PublicDataVersionSource>().GetAsync(ct);
            return new KeyValuePair<string, string>("v", version.ToString(CultureInfo.InvariantCulture));
        })
        .VaryByValue(_ => new KeyValuePair<string, string>("lang", CultureInfo.CurrentUICulture.Name))
        .AddPolicy<FrontCacheMarker>(); // last: sees the final decision of the policies before it
}
