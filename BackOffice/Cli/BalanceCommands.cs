using System.Globalization;
using ChildAid.Shared.Balances;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice;

/// <summary>verify-balances.</summary>
public static class BalanceCommands
{
    /// <summary>
    /// Recomputes every balance from the ledger entries alone and checks each invariant (<see cref="LedgerBalances"/>),
    /// with the campaigns' areas from the database for the restriction rule. Exit 0 when all hold, 1 at the first violation.
    /// </summary>
    public static async Task<int> VerifyAsync(CliContext cli, CliArgs args, CancellationToken ct)
    {
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:verify-balances");
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var started = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var areas = await BalanceRunner.CampaignAreasAsync(db, ct);
        var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking(), areas, ct);
        if (args.Has("publish"))
        {
            var run = await scope.ServiceProvider.GetRequiredService<BalanceRunner>().PublishAsync(balances, started, ct);
            await cli.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Published balance run {run.Id} (up to entry {run.LastSequence})."));
        }
        if (balances.Violations is [var first, ..])
        {
            await cli.Output.WriteLineAsync($"VIOLATION at ledger entry {first.Sequence} [{first.Rule}]: {first.Message}");
            if (balances.Violations.Count > 1)
                await cli.Output.WriteLineAsync($"({balances.Violations.Count - 1} more after it; fix the first and run again.)");
            return 1;
        }
        var o = balances.Overall;
        await cli.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"OK: {balances.EntriesRead} entries ({cli.DescribeDatabase()}); received {o.ReceivedVnd} = allocated {o.AllocatedVnd} + unallocated {o.UnallocatedVnd}; " +
            $"allocated {o.AllocatedVnd} = spent {o.SpentVnd} + delivered in kind {o.DeliveredInKindVnd} + held {o.HeldVnd} (VND); " +
            $"{balances.ByCampaign.Count} campaign(s), {balances.ByCommune.Count} commune(s), {balances.StockOnHand.Count} stock item(s), none negative."));
        return 0;
    }
}
