using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Payments.Stripe;

/// <summary>Runs <see cref="StripeEventProcessor"/> in BackOffice every <see cref="StripeOptions.ProcessorIntervalSeconds"/>.</summary>
public sealed class StripeEventWorker(StripeEventProcessor processor, IOptions<StripeOptions> options, TimeProvider clock, ILogger<StripeEventWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Without keys no event can have been stored (the webhook answers 404), so there is nothing to work.
        if (!options.Value.IsConfigured) return;
        await Hosting.PeriodicWork.RunAsync("Stripe inbox pass", TimeSpan.FromSeconds(options.Value.ProcessorIntervalSeconds), clock, log, async ct =>
        {
            var settled = await processor.ProcessPendingAsync(ct);
            if (settled > 0) log.LogInformation("Stripe inbox: {Settled} events settled", settled);
        }, stoppingToken);
    }
}

public static class StripeProcessingServices
{
    /// <summary>For BackOffice: Stripe's options, the processor and its hosted worker.</summary>
    public static IServiceCollection AddStripeProcessing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.Section))
            .Validate(o => o.ProcessorIntervalSeconds >= 1, "Stripe:ProcessorIntervalSeconds must be 1 or more.")
            .Validate(o => !o.IsConfigured || !string.IsNullOrWhiteSpace(o.ReceivingUnitCode),
                "Stripe:ReceivingUnitCode (the unit that receives card gifts) is required when Stripe keys are set.")
            .ValidateOnStart();
        services.AddSingleton<StripeEventProcessor>();
        services.AddHostedService<StripeEventWorker>();
        return services;
    }
}
