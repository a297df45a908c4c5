using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Mail;

public static class MailServices
{
    /// <summary>The sender chosen by Mail:Provider, the dispatcher and (with <paramref name="worker"/>) its hosted worker.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration, bool worker = true)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section))
            .Validate(o => o.IntervalSeconds >= 1 && o.MaxAttempts >= 1 && o.RetryBaseSeconds >= 1 && o.ClaimTimeoutSeconds >= 60,
                "Mail: IntervalSeconds, MaxAttempts, RetryBaseSeconds must be 1 or more, ClaimTimeoutSeconds 60 or more.")
            .Validate(o => o.Provider != MailProvider.SendGrid || !string.IsNullOrWhiteSpace(o.SendGrid.ApiKey),
                "Mail:SendGrid:ApiKey is required when Mail:Provider is SendGrid.")
            .ValidateOnStart();
        services.AddHttpClient(nameof(SendGridMailTransport));
        services.AddSingleton<MailTransport>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.Provider switch
        {
            MailProvider.SendGrid => new SendGridMailTransport(sp.GetRequiredService<IOptions<MailOptions>>(),
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SendGridMailTransport))),
            MailProvider.Smtp => new SmtpMailTransport(sp.GetRequiredService<IOptions<MailOptions>>()),
            _ => new PickupFolderMailTransport(sp.GetRequiredService<IOptions<MailOptions>>(), sp.GetRequiredService<ILogger<PickupFolderMailTransport>>()),
        });
        services.AddSingleton<MailDispatcher>();
        if (worker) services.AddHostedService<MailWorker>();
        return services;
    }
}
