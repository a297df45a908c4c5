using ChildAid.Shared.Ledger;

namespace ChildAid.PublicSite.Ledger;

/// <summary>
/// Fills the statement search index in the background as the site starts, so the first reader's search does not
/// pay for loading the whole ledger. If the database is not reachable yet, the first search loads it instead.
/// </summary>
public sealed class StatementSearchWarmUp(StatementSearchIndex index, ILogger<StatementSearchWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await index.WarmUpAsync(stoppingToken);
            log.LogInformation("Statement search index holds {Count} ledger entries", index.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "Statement search index could not be loaded at start-up; the first search will load it");
        }
    }
}
