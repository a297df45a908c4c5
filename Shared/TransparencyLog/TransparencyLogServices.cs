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
            .Validate(o => o.Witnesses.All(w => NoteVerifier.IsValidName(w.Name) && w.Name != "none" && Uri.TryCreate(w.Url, UriKind.Absolute, out _) && IsWitnessKey(w.Key))
                           && o.Witnesses.Select(w => w.Name).Distinct().Count() == o.Witnesses.Count,
                "TransparencyLog:Witnesses: each needs a distinct Name (no spaces), an absolute Url and a Key that is an Ed25519 cosigner verifier key (name+id+base64 of 0x04 and the key).")
            .Validate(o => { try { WitnessPolicy.QuorumRule(o.Witnesses.Count, o.WitnessQuorum); return true; } catch (FormatException) { return false; } },
                "TransparencyLog:WitnessQuorum must be none, any, all or a number from 1 to the number of witnesses.")
            .ValidateOnStart();
        services.AddHttpClient(WitnessCollector.HttpClientName);
        services.AddScoped<WitnessCollector>();
        services.AddOptions<PublicSiteLinkOptions>().Bind(configuration.GetSection(PublicSiteLinkOptions.Section));
        services.AddScoped<CheckpointSigner>();
        if (worker) services.AddHostedService<CheckpointWorker>();
        return services;
    }

    private static bool IsWitnessKey(string key)
    {
        try { WitnessKey.Parse(key); return true; }
        catch (FormatException) { return false; }
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
        foreach (var answer in await scope.ServiceProvider.GetRequiredService<WitnessCollector>().CollectAsync(ct))
        {
            if (answer.Cosigned) log.LogInformation("Transparency log: witness {Witness} {Detail}", answer.Witness, answer.Detail);
            else log.LogWarning("Transparency log: witness {Witness} did not cosign: {Detail}", answer.Witness, answer.Detail);
        }
    }
}
