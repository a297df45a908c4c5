using Microsoft.Extensions.Logging;

namespace ChildAid.Shared.Hosting;

/// <summary>
/// The one loop of BackOffice's background workers (content schedule, mail outbox, Stripe inbox): do the work now, then
/// every interval until shutdown. A failed pass is logged and the next one carries on: every worker keeps its state in
/// the database, so a database that is down for a moment loses nothing.
/// </summary>
public static class PeriodicWork
{
    public static async Task RunAsync(string name, TimeSpan interval, TimeProvider clock, ILogger log, Func<CancellationToken, Task> pass,
        CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : interval, clock);
        do
        {
            try
            {
                await pass(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "{Work} failed; the next pass carries on", name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
