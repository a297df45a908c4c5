using ChildAid.Shared.Hosting;
using Scalar.AspNetCore;

namespace ChildAid.PublicSite.Api;

/// <summary>
/// A readable reference of the public API at /api/docs (Scalar), built from /openapi/v1.json. Scalar's script is
/// bundled in its package and served from this site, and its default web fonts are off: the page fetches nothing
/// from another origin. Its AI agent, MCP link and telemetry are off too: on a localhost address the agent reaches out
/// to Scalar's servers, which the policy refuses (an intermittent CSP failure in CI), and a donor reading the API
/// reference should not be reported to anyone. Its script configures itself inline, so this page alone allows inline
/// script and style — never eval: Zod (inside Scalar) probes for it with <c>Function("")</c> the first time it checks a
/// schema, which the policy refuses and reports (an intermittent violation in CI). Zod's own switch, its global config
/// <c>jitless</c>, set before Scalar's script loads, skips the probe.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api/docs";

    public static void MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, o => o
                .WithTitle("ChildAid — public data API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableMcp()
                .DisableTelemetry()
                .AddHeadContent("<script>globalThis.__zod_globalConfig = { jitless: true };</script>")
                .AddDocument("v1"))
            .Add(endpoint => endpoint.Metadata.Add(new SecurityHeaders.Relaxed()));
}
