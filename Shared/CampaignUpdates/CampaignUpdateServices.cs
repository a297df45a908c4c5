using ChildAid.Shared.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.CampaignUpdates;

public sealed class CampaignUpdateOptions
{
    public const string Section = "CampaignUpdates";
    public int IntervalSeconds { get; set; } = 15;
}

/// <summary>
/// BackOffice's pass over campaign updates: follow requests PublicSite took in become pending followers with their
/// confirmation mail, and stories published since the last pass are queued for their campaign's followers. Every
/// step keeps its state in the database, so several nodes or a restart send nothing twice.
/// </summary>
public sealed class CampaignUpdateWorker(IServiceScopeFactory scopes, IOptions<CampaignUpdateOptions> options, TimeProvider clock,
    ILogger<CampaignUpdateWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Hosting.PeriodicWork.RunAsync("Campaign updates pass", TimeSpan.FromSeconds(options.Value.IntervalSeconds), clock, log, PassAsync, stoppingToken);

    public async Task PassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        // BackOffice starts every context with an empty unit scope (fail closed, for requests); this works for the
        // whole organisation, like the pledge processor.
        (db.UnitScope, db.OrganisationScope) = (null, null);
        var requests = await scope.ServiceProvider.GetRequiredService<CampaignFollowers>().ProcessIntakeAsync(ct);
        var mails = await scope.ServiceProvider.GetRequiredService<CampaignUpdateMails>().QueuePendingAsync(ct);
        if (requests + mails > 0) log.LogInformation("Campaign updates: {Requests} follow requests, {Mails} update mails queued", requests, mails);
    }
}

public static class CampaignUpdateServices
{
    public static IServiceCollection AddCampaignUpdateWorker(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration,
        bool worker = true)
    {
        services.AddOptions<CampaignUpdateOptions>().Bind(configuration.GetSection(CampaignUpdateOptions.Section))
            .Validate(o => o.IntervalSeconds >= 1, "CampaignUpdates:IntervalSeconds must be 1 or more.").ValidateOnStart();
        services.AddSingleton<CampaignUpdateWorker>();
        if (worker) services.AddHostedService(sp => sp.GetRequiredService<CampaignUpdateWorker>());
        return services;
    }
}
