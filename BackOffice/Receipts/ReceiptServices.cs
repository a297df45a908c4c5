using ChildAid.Shared.Hosting;
using Microsoft.Extensions.Options;

namespace ChildAid.BackOffice.Receipts;

public static class ReceiptServices
{
    /// <summary>The issuer block and the PublicSite address printed on receipts, both checked when BackOffice starts.</summary>
    public static IServiceCollection AddReceipts(this IServiceCollection services)
    {
        services.AddOptions<ReceiptIssuerOptions>().BindConfiguration(ReceiptIssuerOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReceiptIssuerOptions>, ReceiptIssuerOptionsValidator>();
        services.AddOptions<PublicSiteLinkOptions>().BindConfiguration(PublicSiteLinkOptions.Section)
            .Validate(o => o.IsValid, "PublicSite:BaseUrl must be an absolute http or https address (where PublicSite answers).")
            .ValidateOnStart();
        services.AddOptions<ChildAid.Shared.Donors.DonorLinkOptions>().BindConfiguration(ChildAid.Shared.Donors.DonorLinkOptions.Section)
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) && o.LinkDays >= 1,
                "BackOffice:PublicBaseUrl must be an absolute http or https address and BackOffice:LinkDays 1 or more.")
            .ValidateOnStart();
        services.AddScoped<ReceiptIssues>();
        services.AddScoped<ReceiptPdfFiles>();
        services.AddScoped<ChildAid.Shared.Mail.ReceiptPdfSource>(sp => sp.GetRequiredService<ReceiptPdfFiles>());
        return services;
    }
}
