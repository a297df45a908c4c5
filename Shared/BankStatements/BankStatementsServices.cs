using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.BankStatements;

public static class BankStatementsServices
{
    /// <summary>Bank statement reconciliation: accounts, import, matching (BackOffice and the CLI).</summary>
    public static IServiceCollection AddBankStatements(this IServiceCollection services)
    {
        services.AddScoped<BankStatementImporter>();
        services.AddScoped<BankStatementMatcher>();
        services.AddScoped<BankAccountService>();
        return services;
    }
}
