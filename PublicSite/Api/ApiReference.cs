using ChildAid.Shared.Hosting;
using Scalar.AspNetCore;

namespace ChildAid.PublicSite.Api;

/// <summary>
/// A readable reference of the public API at /api/docs (Scalar), built from /openapi/v1.json. Scalar's script is
/// bundled in its package and served from this site, and its default web fonts are off: the page fetches nothing
/// from another origin. Its script configures itself inline, so this page alone allows inline script and style.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api/docs";

    public static void MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, o => o
                .WithTitle("ChildAid — public data API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .AddDocument("v1"))
            .Add(endpoint => endpoint.Metadata.Add(new SecurityHeaders.Relaxed()));
}
