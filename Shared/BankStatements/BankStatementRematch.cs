using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Pledges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.BankStatements;

public class BankStatementOptions
{
    public const string Section = "BankStatements";

    /// <summary>How often BackOffice books waiting lines that name a pledge (minutes).</summary>
    public int RematchMinutes { get; set; } = 5;

    public bool RematchEnabled { get; set; } = true;
}

/// <summary>
/// Books the waiting statement lines that name an existing pledge, account by account, through
/// <see cref="BankStatementMatcher.MatchAsync"/>. An import commits its lines first and matches them after: when that
/// match failed or the process stopped, or when the line arrived before its pledge left PublicSite's intake, the line
/// waits with its reference — this books it on the next pass instead of leaving it to be matched by hand. Staff start the
/// same from the queue page (their units' accounts only, through the unit scope).
/// </summary>
public class BankStatementRematch(ChildAidDbContext db, BankStatementMatcher matcher)
{
    public const string Actor = "Đối chiếu sao kê (tự động)";

    /// <summary>The accounts (those the context's scope lets it see) with a waiting line whose reference names a pledge that takes payments.</summary>
    public async Task<List<int>> AccountsWaitingAsync(CancellationToken ct)
    {
        // Two queries: IgnoreQueryFilters inside one would lift the unit scope from the lines as well (EF applies it to the
        // whole query), and a pledge of any unit may be paid into the user's account.
        var waiting = await db.BankStatementLines.AsNoTracking().Where(l => l.Status == BankLineStatus.Unmatched && l.FoundReference != null)
            .Select(l => new { l.BankAccountId, l.FoundReference }).Distinct().ToListAsync(ct);
        if (waiting.Count == 0) return [];
        var references = waiting.Select(w => w.FoundReference!).Distinct().ToList();
        var payable = (await db.Pledges.IgnoreQueryFilters().AsNoTracking()
            .Where(p => references.Contains(p.Reference) && p.Status != PledgeState.Cancelled).Select(p => p.Reference).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return [.. waiting.Where(w => payable.Contains(w.FoundReference!)).Select(w => w.BankAccountId).Distinct().Order()];
    }

    /// <returns>The lines booked, and the problems of lines that still wait (one line each, in Vietnamese).</returns>
    public async Task<(int Matched, IReadOnlyList<string> Problems)> RunAsync(CancellationToken ct)
    {
        var matched = 0;
        var problems = new List<string>();
        foreach (var account in await AccountsWaitingAsync(ct))
        {
            db.ChangeTracker.Clear();
            var summary = await matcher.MatchAsync(account, ct: ct);
            matched += summary.Matched;
            problems.AddRange(summary.Problems);
        }
        return (matched, problems);
    }
}

/// <summary>Runs <see cref="BankStatementRematch"/> for every unit every <see cref="BankStatementOptions.RematchMinutes"/>, in BackOffice.</summary>
public sealed class BankStatementRematchWorker(IServiceScopeFactory scopes, IOptions<BankStatementOptions> options, TimeProvider clock,
    ILogger<BankStatementRematchWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RematchEnabled
            ? Hosting.PeriodicWork.RunAsync("Bank statement rematch", TimeSpan.FromMinutes(options.Value.RematchMinutes), clock, log, PassAsync, stoppingToken)
            : Task.CompletedTask;

    private async Task PassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = BankStatementRematch.Actor;
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        // BackOffice starts every context with an empty unit scope (fail closed, for requests); the worker serves every unit.
        (db.UnitScope, db.OrganisationScope) = (null, null);
        var (matched, problems) = await scope.ServiceProvider.GetRequiredService<BankStatementRematch>().RunAsync(ct);
        if (matched > 0) log.LogInformation("Bank statement rematch: {Matched} waiting lines booked", matched);
        if (problems.Count > 0) log.LogWarning("Bank statement rematch: {Count} lines naming a pledge still wait: {First}", problems.Count, problems[0]);
    }
}
