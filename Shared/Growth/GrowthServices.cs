using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChildAid.Shared.Growth;

public static class GrowthServices
{
    /// <summary>
    /// The WHO z-score computation: options from "Growth", the tables loaded lazily on first use. Registering never
    /// reads the folder, so a site without the tables starts and works; only growth features say what is missing.
    /// </summary>
    public static IServiceCollection AddGrowth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GrowthOptions>().Bind(configuration.GetSection(GrowthOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ReferenceFolder), "Growth:ReferenceFolder must name a folder.")
            .ValidateOnStart();
        services.TryAddSingleton<GrowthReference>();
        return services;
    }
}
