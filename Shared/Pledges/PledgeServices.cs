using ChildAid.Shared.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Pledges;

/// <summary>Runs <see cref="PledgeIntakeProcessor"/> in BackOffice every <see cref="PledgeOptions.ProcessorIntervalSeconds"/>.</summary>
public sealed class PledgeIntakeWorker(PledgeIntakeProcessor processor, IOptions<PledgeOptions> options, TimeProvider clock, ILogger<PledgeIntakeWorker> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Hosting.PeriodicWork.RunAsync("Pledge intake pass", TimeSpan.FromSeconds(options.Value.ProcessorIntervalSeconds), clock, log, async ct =>
        {
            var pledged = await processor.ProcessPendingAsync(ct);
            if (pledged > 0) log.LogInformation("Pledge intake: {Pledged} pledges made", pledged);
        }, stoppingToken);
}

public static class PledgeServices
{
    /// <summary>The account pledges are paid into (section PublicSite:Giving), for both sites.</summary>
    public static IServiceCollection AddGivingAccount(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GivingAccountOptions>().Bind(configuration.GetSection(GivingAccountOptions.Section));
        return services;
    }

    /// <summary>For BackOffice: pledge options, queries and staff actions, the intake processor and (with <paramref name="worker"/>) its hosted worker.</summary>
    public static IServiceCollection AddPledgeProcessing(this IServiceCollection services, IConfiguration configuration, bool worker = true)
    {
        services.AddGivingAccount(configuration);
        services.AddOptions<PledgeOptions>().Bind(configuration.GetSection(PledgeOptions.Section))
            .PostConfigure(o =>
            {
                if (configuration["PublicSite:BaseUrl"] is { Length: > 0 } url) o.PublicSiteBaseUrl = url;
            })
            .Validate(o => o.ProcessorIntervalSeconds >= 1, "Pledges:ProcessorIntervalSeconds must be 1 or more.")
            .Validate(o => o.ReminderDaysBefore is >= 0 and <= 60 && o.ReminderIntervalMinutes >= 1,
                "Pledges:ReminderDaysBefore must be 0–60 and Pledges:ReminderIntervalMinutes 1 or more.")
            .Validate(o => Uri.TryCreate(o.PublicSiteBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "PublicSite:BaseUrl must be an absolute http or https address (pledge mails link to it).")
            .ValidateOnStart();
        services.AddSingleton<PledgeIntakeProcessor>();
        services.AddScoped<PledgeQueries>();
        services.AddScoped<PledgeService>();
        services.AddSingleton<InstalmentReminders>();
        if (worker)
        {
            services.AddHostedService<PledgeIntakeWorker>();
            services.AddHostedService<InstalmentReminderWorker>();
        }
        return services;
    }
}
