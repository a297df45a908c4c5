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
        services.AddScoped<ReceiptPdfFiles>();
        services.AddScoped<ChildAid.Shared.Mail.ReceiptPdfSource>(sp => sp.GetRequiredService<ReceiptPdfFiles>());
        return services;
    }
}
