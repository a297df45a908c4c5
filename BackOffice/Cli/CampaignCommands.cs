using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice;

/// <summary>campaign-areas.</summary>
public static class CampaignCommands
{
    public const string AreasUsage = "campaign-areas --campaign SLUG [--add COMMUNE_CODE[:CATEGORY]]... [--remove COMMUNE_CODE[:CATEGORY]]...";

    /// <summary>
    /// Adds, then removes, the areas given (each with the same rules as BackOffice's page, as the CLI: every commune),
    /// stops at the first refusal (exit 1, what was done before it stays), and lists the campaign's areas.
    /// </summary>
    public static async Task<int> AreasAsync(CliContext cli, CliArgs args, CancellationToken ct)
    {
        var slug = args["campaign"]?.Trim();
        if (string.IsNullOrEmpty(slug))
        {
            await cli.Error.WriteLineAsync($"usage: {AreasUsage}   (CATEGORY: {string.Join(", ", Enum.GetNames<NeedCategory>())})");
            return 2;
        }
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:campaign-areas");
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var areas = scope.ServiceProvider.GetRequiredService<CampaignAreaService>();
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, ct);
        if (campaign is null)
        {
            await cli.Error.WriteLineAsync($"campaign-areas: no campaign '{slug}'.");
            return 1;
        }
        foreach (var add in args.All("add"))
        {
            var (code, category) = Split(add);
            var outcome = await areas.AddAsync(campaign.Id, code, category, ct);
            if (!outcome.Succeeded) return await FailAsync(cli, $"--add {add}", outcome.Errors.Values);
            await cli.Output.WriteLineAsync($"Added {add}.");
        }
        foreach (var remove in args.All("remove"))
        {
            var (code, category) = Split(remove);
            var list = await areas.ListAsync(campaign.Id, ct);
            var match = list.FirstOrDefault(a => a.CommuneCode == code && (category is null ? a.Category is null
                : string.Equals(a.Category?.ToString(), category, StringComparison.OrdinalIgnoreCase)));
            if (match is null) return await FailAsync(cli, $"--remove {remove}", ["the campaign has no such area"]);
            var outcome = await areas.RemoveAsync(campaign.Id, match.Id, ct);
            if (!outcome.Succeeded) return await FailAsync(cli, $"--remove {remove}", outcome.Errors.Values);
            await cli.Output.WriteLineAsync($"Removed {remove}.");
        }
        await ListAsync(cli, areas, campaign, ct);
        return 0;
    }

    private static (string Code, string? Category) Split(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (value.Trim(), null) : (value[..colon].Trim(), value[(colon + 1)..].Trim());
    }

    private static async Task<int> FailAsync(CliContext cli, string what, IEnumerable<string> problems)
    {
        await cli.Error.WriteLineAsync($"campaign-areas: {what}: {string.Join(" ", problems)}");
        return 1;
    }

    private static async Task ListAsync(CliContext cli, CampaignAreaService areas, Campaign campaign, CancellationToken ct)
    {
        var list = await areas.ListAsync(campaign.Id, ct);
        await cli.Output.WriteLineAsync($"Areas of campaign {campaign.Slug} ({list.Count}):");
        foreach (var a in list)
            await cli.Output.WriteLineAsync($"  {a.CommuneCode}{(a.Category is { } c ? ":" + c : "")}\t{a.CommuneName} — {(a.Category is { } k ? NeedLabels.Categories[k] : "mọi nhóm nhu cầu")}");
    }
}
