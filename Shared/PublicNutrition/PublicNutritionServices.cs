using ChildAid.Shared.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.PublicNutrition;

/// <summary>Section "PublicNutrition".</summary>
public class PublicNutritionOptions
{
    public const string Section = "PublicNutrition";

    /// <summary>How often the public figures are recomputed (minutes). Hourly batches also mean a single enrolment or
    /// meal day is rarely published on its own.</summary>
    public int IntervalMinutes { get; set; } = 60;

    public bool Enabled { get; set; } = true;
}

public static class PublicNutritionServices
{
    /// <summary>For BackOffice and the CLI: the projection, and (with <paramref name="worker"/>) its periodic refresh.</summary>
    public static IServiceCollection AddPublicNutrition(this IServiceCollection services, IConfiguration configuration, bool worker = true)
    {
        services.AddOptions<PublicNutritionOptions>().Bind(configuration.GetSection(PublicNutritionOptions.Section))
            .Validate(o => o.IntervalMinutes is >= 1 and <= 1440, "PublicNutrition:IntervalMinutes must be 1–1440.")
            .ValidateOnStart();
        services.AddScoped<PublicNutritionProjection>();
        if (worker) services.AddHostedService<PublicNutritionWorker>();
        return services;
    }
}

/// <summary>Runs <see cref="PublicNutritionProjection.RefreshAsync"/> in BackOffice at start and every interval.</summary>
public sealed class PublicNutritionWorker(IServiceScopeFactory scopes, IOptions<PublicNutritionOptions> options, TimeProvider clock, ILogger<PublicNutritionWorker> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled
            ? PeriodicWork.RunAsync("Public nutrition figures", TimeSpan.FromMinutes(options.Value.IntervalMinutes), clock, log, PassAsync, stoppingToken)
            : Task.CompletedTask;

    private async Task PassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PublicNutritionProjection>().RefreshAsync(ct);
    }
}
