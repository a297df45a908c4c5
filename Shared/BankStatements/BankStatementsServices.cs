using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.BankStatements;

public static class BankStatementsServices
{
    /// <summary>Bank statement reconciliation: accounts, import, matching (BackOffice and the CLI).</summary>
    public static IServiceCollection AddBankStatements(this IServiceCollection services)
    {
        services.AddScoped<BankStatementImporter>();
        services.AddScoped<BankStatementMatcher>();
        services.AddScoped<BankStatementRematch>();
        services.AddScoped<BankAccountService>();
        return services;
    }

    /// <summary>BackOffice's worker booking waiting lines that name a pledge (section BankStatements).</summary>
    public static IServiceCollection AddBankStatementRematch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BankStatementOptions>().Bind(configuration.GetSection(BankStatementOptions.Section))
            .Validate(o => o.RematchMinutes is >= 1 and <= 1440, "BankStatements:RematchMinutes must be 1–1440.")
            .ValidateOnStart();
        services.AddHostedService<BankStatementRematchWorker>();
        return services;
    }
}
