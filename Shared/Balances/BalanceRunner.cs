using ChildAid.Shared.Data;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Balances;

/// <summary>Section "BalanceRuns".</summary>
public class BalanceRunOptions
{
    public const string Section = "BalanceRuns";

    /// <summary>The hour (Vietnam time, 0–23) after which each night's run is due.</summary>
    public int Hour { get; set; } = 2;

    /// <summary>How often the worker looks whether a run is due (minutes).</summary>
    public int CheckMinutes { get; set; } = 10;

    public bool Enabled { get; set; } = true;
}

/// <summary>Runs every balance invariant over the whole ledger, with the campaigns' areas, and publishes the result as a <see cref="BalanceRun"/>.</summary>
public sealed class BalanceRunner(ChildAidDbContext db, TimeProvider clock)
{
    public async Task<BalanceRun> RunAsync(CancellationToken ct = default)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking(), await CampaignAreasAsync(db, ct), ct);
        return await PublishAsync(balances, started, ct);
    }

    /// <summary>Publishes a run already computed (with the campaigns' areas) that started at <paramref name="started"/> (UTC).</summary>
    public async Task<BalanceRun> PublishAsync(LedgerBalances balances, DateTime started, CancellationToken ct = default)
    {
        var first = balances.Violations.FirstOrDefault();
        var run = new BalanceRun
        {
            StartedAt = started, FinishedAt = clock.GetUtcNow().UtcDateTime,
            EntriesChecked = balances.EntriesRead, LastSequence = balances.LastSequence,
            InvariantsHold = balances.Holds, ViolationCount = balances.Violations.Count,
            FirstRule = first?.Rule, FirstSequence = first?.Sequence, FirstMessage = first?.Message[..Math.Min(first.Message.Length, 500)],
            ReceivedVnd = balances.Overall.ReceivedVnd, UnallocatedVnd = balances.Overall.UnallocatedVnd,
        };
        db.BalanceRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    /// <summary>Whether tonight's run is still to do: none has started since the last time the clock passed <paramref name="hour"/> (Vietnam).</summary>
    public async Task<bool> IsDueAsync(int hour, CancellationToken ct = default)
    {
        var now = clock.VietnamNow();
        var lastDue = now.Date.AddHours(hour);
        if (lastDue > now) lastDue = lastDue.AddDays(-1);
        var lastDueUtc = DateTime.SpecifyKind(lastDue - VietnamClock.Offset, DateTimeKind.Utc);
        return !await db.BalanceRuns.AnyAsync(r => r.StartedAt >= lastDueUtc, ct);
    }

    /// <summary>Campaign id → the commune codes of its areas (every campaign with an area), for the restriction rule.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlySet<string>>> CampaignAreasAsync(ChildAidDbContext db, CancellationToken ct)
    {
        var rows = await db.CampaignAreas.IgnoreQueryFilters().AsNoTracking()
            .Join(db.AdminUnits.IgnoreQueryFilters(), a => a.AdminUnitId, u => u.Id, (a, u) => new { a.CampaignId, u.Code }).ToListAsync(ct);
        return rows.GroupBy(r => r.CampaignId).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(r => r.Code).ToHashSet(StringComparer.Ordinal));
    }
}

public static class BalanceRunServices
{
    /// <summary>For BackOffice: the runner, and (with <paramref name="worker"/>) the nightly run.</summary>
    public static IServiceCollection AddBalanceRuns(this IServiceCollection services, IConfiguration configuration, bool worker = true)
    {
        services.AddOptions<BalanceRunOptions>().Bind(configuration.GetSection(BalanceRunOptions.Section))
            .Validate(o => o.Hour is >= 0 and <= 23, "BalanceRuns:Hour must be 0–23 (Vietnam time).")
            .Validate(o => o.CheckMinutes is >= 1 and <= 60, "BalanceRuns:CheckMinutes must be 1–60.")
            .ValidateOnStart();
        services.AddScoped<BalanceRunner>();
        if (worker) services.AddHostedService<BalanceRunWorker>();
        return services;
    }
}

/// <summary>Runs <see cref="BalanceRunner"/> once a night (and at the first start), in BackOffice.</summary>
public sealed class BalanceRunWorker(IServiceScopeFactory scopes, IOptions<BalanceRunOptions> options, TimeProvider clock, ILogger<BalanceRunWorker> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled
            ? PeriodicWork.RunAsync("Balance run", TimeSpan.FromMinutes(options.Value.CheckMinutes), clock, log, PassAsync, stoppingToken)
            : Task.CompletedTask;

    private async Task PassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<BalanceRunner>();
        if (!await runner.IsDueAsync(options.Value.Hour, ct)) return;
        var run = await runner.RunAsync(ct);
        if (run.InvariantsHold) log.LogInformation("Balance run: {Entries} entries, every invariant holds", run.EntriesChecked);
        else log.LogError("Balance run: {Count} violation(s), the first at entry {Sequence} [{Rule}]: {Message}",
            run.ViolationCount, run.FirstSequence, run.FirstRule, run.FirstMessage);
    }
}
