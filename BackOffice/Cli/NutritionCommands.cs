using System.Globalization;
using ChildAid.Shared.PublicNutrition;

namespace ChildAid.BackOffice;

/// <summary>publish-nutrition.</summary>
public static class NutritionCommands
{
    /// <summary>Recomputes the public nutrition figures now, as BackOffice's worker does hourly (<see cref="PublicNutritionProjection"/>).</summary>
    public static async Task<int> PublishNutritionAsync(CliContext cli, CliArgs args, CancellationToken ct)
    {
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:publish-nutrition");
        var rows = await scope.ServiceProvider.GetRequiredService<PublicNutritionProjection>().RefreshAsync(ct);
        await cli.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"OK: {rows} public nutrition row(s) ({cli.DescribeDatabase()})."));
        return 0;
    }
}
