using ChildAid.Shared.Audit;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Ledger;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The full context with auditing and the domain services, for BackOffice and the CLI.</summary>
    public static IServiceCollection AddChildAidData(this IServiceCollection services, DatabaseOptions options)
    {
        var connectionString = options.ResolvedConnectionString();
        services.AddScoped<AuditActor>();
        services.AddScoped<AuditInterceptor>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<LedgerWriter>();
        services.AddScoped<TransparencyLog.LogAppender>();
        services.AddScoped<LedgerNameErasure>();
        services.AddScoped<ContributionBooking>();
        services.AddScoped<ContributionBatchBooking>();
        services.AddScoped<ContributionService>();
        services.AddScoped<Allocations.AllocationService>();
        services.AddScoped<Allocations.DoubleSupportCheck>();
        services.AddScoped<Needs.NeedFulfilment>();
        services.AddScoped<Needs.WhoDoesWhatWhere>();
        services.AddScoped<Campaigns.CampaignAreaService>();
        services.AddScoped<Allocations.AllocationQueries>();
        services.AddScoped<Allocations.SuggestionRun>();
        services.AddScoped<Balances.ProgrammeDashboard>();
        services.AddScoped<Expenses.ExpenseService>();
        services.AddScoped<Expenses.PublicExpenseCopies>();
        services.AddScoped<Expenses.ExpenseQueries>();
        services.AddScoped<Stock.StockService>();
        services.AddScoped<Stock.StockCountImport>();
        services.AddScoped<Stock.StockQueries>();
        services.AddScoped<Distributions.DistributionService>();
        services.AddScoped<Distributions.DistributionQueries>();
        services.AddScoped<Distributions.ServiceDeliveryService>();
        services.AddScoped<Needs.NeedPriority>();
        services.AddScoped<Needs.DuplicateCheck>();
        services.AddScoped<Needs.NeedsReviewService>();
        services.AddScoped<Needs.NeedsReviewQueries>();
        services.AddScoped<Needs.PriorityCriteriaService>();
        services.AddScoped<Needs.DeclaredSupportService>();
        services.AddScoped<Children.ChildService>();
        services.AddScoped<Children.ChildDuplicates>();
        services.AddScoped<Children.ChildErasure>();
        services.AddScoped<Children.ChildExport>();
        services.AddScoped<Children.ChildImport>();
        Checkups.CheckupServices.AddCheckups(services);
        services.AddScoped<Import.ImportPipeline>();
        services.AddScoped<Needs.NeedsImport>();
        services.AddBankStatements();
        services.AddScoped<PublicNeeds.PublicNeedsProjection>();
        // Files of the media library (defaults data/media and data/media-public; the apps bind section "Media").
        services.AddOptions<Media.MediaOptions>();
        services.TryAddSingleton<Media.MediaStore>();
        services.AddScoped<Content.ContentPublisher>();
        services.AddScoped<Content.ContentService>();
        services.AddScoped<Content.ContentQueries>();
        services.AddScoped<Content.ContentPreview>();
        services.AddScoped<Mail.MailOutbox>();
        services.AddScoped<ReceiptMails>();
        // Donors' private links (defaults; BackOffice and the CLI bind section "BackOffice").
        services.AddOptions<Donors.DonorLinkOptions>();
        services.AddScoped<Donors.DonorLinks>();
        services.AddScoped<CampaignUpdates.CampaignFollowers>();
        services.AddScoped<CampaignUpdates.CampaignUpdateMails>();
        services.AddOptions<Hosting.PublicSiteLinkOptions>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PostgresChildAidDbContext>((sp, o) =>
                ConfigurePostgres(o, connectionString).AddInterceptors(sp.GetRequiredService<AuditInterceptor>()));
            services.AddScoped<ChildAidDbContext>(sp => sp.GetRequiredService<PostgresChildAidDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteChildAidDbContext>((sp, o) =>
                ConfigureSqlite(o, connectionString).AddInterceptors(sp.GetRequiredService<AuditInterceptor>()));
            services.AddScoped<ChildAidDbContext>(sp => sp.GetRequiredService<SqliteChildAidDbContext>());
        }
        return services;
    }

    /// <summary>The public projection only, for PublicSite. Pooled: it is read on every uncached public request.</summary>
    public static IServiceCollection AddPublicData(this IServiceCollection services, DatabaseOptions options)
    {
        var connectionString = options.ResolvedConnectionString();
        services.AddDbContextPool<PublicDbContext>(o =>
        {
            if (options.Provider == DatabaseProvider.Postgres) ConfigurePostgres(o, connectionString);
            else ConfigureSqlite(o, connectionString);
            o.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        });
        return services;
    }

    /// <summary>
    /// PublicSite's writes, all through the one intake context (<see cref="IntakeDbContext"/>): insert pledges and read
    /// their public status, store Stripe's verified events.
    /// </summary>
    public static IServiceCollection AddIntakeData(this IServiceCollection services, DatabaseOptions options)
    {
        var connectionString = string.IsNullOrWhiteSpace(options.IntakeConnectionString) ? options.ResolvedConnectionString() : options.IntakeConnectionString;
        // Pooled like the public context: every pledge and Stripe delivery opens one.
        services.AddDbContextPool<IntakeDbContext>(o =>
        {
            if (options.Provider == DatabaseProvider.Postgres) ConfigurePostgres(o, connectionString);
            else ConfigureSqlite(o, connectionString);
        });
        services.AddScoped<Pledges.PledgeIntakeService>();
        services.AddScoped<Payments.Stripe.StripeInbox>();
        return services;
    }

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlite(connectionString, s => s.MigrationsAssembly(typeof(ChildAidDbContext).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder o, string connectionString) =>
        o.UseNpgsql(connectionString, s => s.MigrationsAssembly(typeof(ChildAidDbContext).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention();
}
