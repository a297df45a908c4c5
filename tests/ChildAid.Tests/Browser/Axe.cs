using System.Text.Json;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>One WCAG rule an axe-core run found broken, with the elements that break it.</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, IReadOnlyList<string> Targets)
{
    public override string ToString() => $"{Id} ({Impact}): {Help} — {string.Join(", ", Targets)}";
}

/// <summary>
/// Accessibility checks with axe-core 4.14.1, which tests/run.sh installs with npm into Browser/axe/node_modules.
/// <c>await Axe.AssertAccessibleAsync(page)</c> fails the test listing every WCAG 2.1 A/AA violation on the page.
/// </summary>
public static class Axe
{
    public static string ScriptPath => Path.Combine(BrowserFixture.RepositoryRoot,
        "tests", "ChildAid.Tests", "Browser", "axe", "node_modules", "axe-core", "axe.min.js");

    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static async Task<IReadOnlyList<AxeViolation>> CheckAsync(IPage page)
    {
        if (!File.Exists(ScriptPath))
            throw new InvalidOperationException($"axe-core is not installed at {ScriptPath}: run `bash tests/run.sh` (it runs npm ci in tests/ChildAid.Tests/Browser/axe).");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            // Evaluated through DevTools, not added as a <script> tag: the sites' CSP refuses inline scripts, as it should.
            await page.EvaluateAsync(await File.ReadAllTextAsync(ScriptPath) + "\n;true");

        var json = await page.EvaluateAsync<string>("""
            async tags => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return JSON.stringify(r.violations.map(v => ({
                id: v.id, impact: v.impact || '', help: v.help,
                targets: v.nodes.map(n => n.target.join(' '))
              })));
            }
            """, Tags);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").GetString()!,
            v.GetProperty("help").GetString()!,
            v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList())).ToList();
    }

    public static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await CheckAsync(page);
        if (violations.Count > 0)
            Assert.Fail($"{page.Url} breaks WCAG 2.1 AA:\n  " + string.Join("\n  ", violations));
    }
}
