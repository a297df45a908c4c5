using ChildAid.Shared.Growth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChildAid.Shared.Checkups;

public static class CheckupServices
{
    /// <summary>
    /// Check-ups for BackOffice and the CLI. The WHO tables are the host's (<see cref="GrowthServices.AddGrowth"/> binds
    /// "Growth"); without that, the default folder, loaded on first use as everywhere.
    /// </summary>
    public static IServiceCollection AddCheckups(this IServiceCollection services)
    {
        services.AddOptions<GrowthOptions>();
        services.TryAddSingleton<GrowthReference>();
        services.AddScoped<CheckupService>();
        services.AddScoped<GrowthRecompute>();
        services.AddScoped<Interventions.InterventionService>();
        services.AddScoped<Interventions.InterventionEvaluation>();
        services.AddScoped<Interventions.MealService>();
        services.AddScoped<Interventions.MealImport>();
        services.AddScoped<CheckupImport>();
        services.AddScoped<CheckupExport>();
        services.AddScoped<Children.ChildReadAudit>();
        return services;
    }
}
