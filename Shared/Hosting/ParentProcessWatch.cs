using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Diagnostics;

namespace ChildAid.Shared.Hosting;

/// <summary>
/// A site started as a child (PublicSite under `run`) gets "ParentProcessId". Once a second it checks that the
/// parent still lives and stops the host when it does not, so even a `kill -9` of the parent frees the port.
/// </summary>
public sealed class ParentProcessWatch(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<ParentProcessWatch> log)
    : BackgroundService
{
    public const string Key = "ParentProcessId";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration.GetValue<int?>(Key) is not { } parentId) return;
        var parent = Find(parentId);
        var started = parent is null ? (DateTime?)null : StartTime(parent);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (IsAlive(parentId, started)) continue;
                log.LogWarning("Parent process {ParentProcessId} is gone; stopping", parentId);
                lifetime.StopApplication();
                return;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>The id may be reused by a new process after the parent died: compare start times too.</summary>
    private static bool IsAlive(int id, DateTime? started)
    {
        using var p = Find(id);
        if (p is null) return false;
        try
        {
            return !p.HasExited && (started is null || StartTime(p) == started);
        }
        catch (InvalidOperationException) { return false; }
    }

    private static Process? Find(int id)
    {
        try { return Process.GetProcessById(id); }
        catch (ArgumentException) { return null; }
    }

    private static DateTime? StartTime(Process p)
    {
        try { return p.StartTime; }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { return null; }
    }
}
