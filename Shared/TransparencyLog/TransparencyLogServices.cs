using ChildAid.Shared.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.TransparencyLog;

public static class TransparencyLogServices
{
    /// <summary>For BackOffice and the CLI: options, the signer, and (with <paramref name="worker"/>) the periodic worker.</summary>
    public static IServiceCollection AddTransparencyLog(this IServiceCollection services, IConfiguration configuration, bool worker = true)
    {
        services.AddOptions<TransparencyLogOptions>().Bind(configuration.GetSection(TransparencyLogOptions.Section))
            .Validate(o => o.CheckpointMinutes is >= 60 and <= 1440,
                "TransparencyLog:CheckpointMinutes must be 60–1440: checkpoints at most hourly and at least daily.")
            .Validate(o => o.IntervalSeconds >= 1, "TransparencyLog:IntervalSeconds must be 1 or more.")
            .Validate(o => { try { o.LoadSigner()?.Dispose(); return true; } catch (FormatException) { return false; } },
                "TransparencyLog:SigningKey is not a key made by `log keygen` (PRIVATE+KEY+name+id+key).")
            .ValidateOnStart();
        services.AddOptions<PublicSiteLinkOptions>().Bind(configuration.GetSection(PublicSiteLinkOptions.Section));
        services.AddScoped<CheckpointSigner>();
        if (worker) services.AddHostedService<CheckpointWorker>();
        return services;
    }
}

/// <summary>Runs <see cref="CheckpointSigner"/> in BackOffice every <see cref="TransparencyLogOptions.IntervalSeconds"/>.</summary>
public sealed class CheckpointWorker(IServiceScopeFactory scopes, IOptions<TransparencyLogOptions> options, TimeProvider clock, ILogger<CheckpointWorker> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled
            ? PeriodicWork.RunAsync("Transparency log", TimeSpan.FromSeconds(options.Value.IntervalSeconds), clock, log, PassAsync, stoppingToken)
            : Task.CompletedTask;

    private async Task PassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<CheckpointSigner>().SignIfDueAsync(ct);
        if (outcome.IsProblem) log.LogError("Transparency log: {Reason}", outcome.Reason);
        else if (outcome.Signed is not null) log.LogInformation("Transparency log: {Reason}", outcome.Reason);
    }
}
