using ChildAid.Shared.Consent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.Media;

public static class MediaServices
{
    /// <summary>The media library and consent records: options from "Media", processing, the file store, services.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.Section))
            .Validate(o => o.MaxUploadBytes > 0 && o.MaxPixels > 0 && o.MaxSide > 0 && !string.IsNullOrWhiteSpace(o.Root) && !string.IsNullOrWhiteSpace(o.PublicRoot),
                "Media: Root, PublicRoot and positive limits are required.")
            .ValidateOnStart();
        services.AddSingleton<ImageProcessor>();
        services.AddSingleton<MediaStore>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<ConsentService>();
        services.AddScoped<ConsentQueries>();
        return services;
    }
}
