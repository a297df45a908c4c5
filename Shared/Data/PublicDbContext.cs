using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Content;
using ChildAid.Shared.Media;
using ChildAid.Shared.HonorRoll;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Needs;
using ChildAid.Shared.PublicNeeds;
using ChildAid.Shared.Organisations;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Data;

/// <summary>
/// PublicSite's only window on the database: the tables of <see cref="PublicTables"/>, read-only, untracked.
/// It has no DbSet, navigation or configuration that reaches donors' contact data, children, staff or audit,
/// so PublicSite code cannot ask for them; on PostgreSQL its login role could not read them anyway.
/// </summary>
public sealed class PublicDbContext(DbContextOptions<PublicDbContext> options) : DbContext(options)
{
    public DbSet<AdminUnit> AdminUnits => Set<AdminUnit>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<HonorRollEntry> HonorRollEntries => Set<HonorRollEntry>();
    /// <summary>Name-only donors, grouped by name: never their table (<see cref="PublicTables.NameOnlyView"/>).</summary>
    public DbSet<HonorRollNameListing> HonorRollNames => Set<HonorRollNameListing>();
    public DbSet<PublicDataVersion> PublicDataVersions => Set<PublicDataVersion>();
    public DbSet<PublicNeed> PublicNeeds => Set<PublicNeed>();
    public DbSet<PriorityCriterion> PriorityCriteria => Set<PriorityCriterion>();
    public DbSet<PriorityScale> PriorityScales => Set<PriorityScale>();
    public DbSet<PublishedContent> PublishedContent => Set<PublishedContent>();
    public DbSet<PublishedMedia> PublishedMedia => Set<PublishedMedia>();
    public DbSet<ContentRedirect> ContentRedirects => Set<ContentRedirect>();
    public DbSet<VerifiedGift> VerifiedGifts => Set<VerifiedGift>();
    public DbSet<TransparencyLog.LogTile> LogTiles => Set<TransparencyLog.LogTile>();
    public DbSet<TransparencyLog.LogCheckpoint> LogCheckpoints => Set<TransparencyLog.LogCheckpoint>();
    public DbSet<TransparencyLog.LogCosignature> LogCosignatures => Set<TransparencyLog.LogCosignature>();
    public DbSet<PublicNutrition.PublicNutritionRow> PublicNutritionRows => Set<PublicNutrition.PublicNutritionRow>();
    public DbSet<Balances.BalanceRun> BalanceRuns => Set<Balances.BalanceRun>();
    public DbSet<Expenses.PublicExpenseInvoice> ExpenseInvoices => Set<Expenses.PublicExpenseInvoice>();
    public DbSet<Expenses.PublicExpenseCopy> ExpenseCopies => Set<Expenses.PublicExpenseCopy>();

    /// <summary>Campaigns' own receiving accounts, public fields only: never <c>bank_accounts</c> itself.</summary>
    public DbSet<Payments.CampaignReceivingAccount> CampaignReceivingAccounts => Set<Payments.CampaignReceivingAccount>();

    /// <summary>The account a pledge to this campaign is paid into, if the campaign has its own.</summary>
    public Task<Payments.CampaignReceivingAccount?> ReceivingAccountAsync(string? campaignSlug, CancellationToken ct) =>
        campaignSlug is null ? Task.FromResult<Payments.CampaignReceivingAccount?>(null)
            : CampaignReceivingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.CampaignSlug == campaignSlug, ct);

    /// <summary>A campaign by slug with its own receiving account (null when it uses the site's), or null when there is no such campaign.</summary>
    public async Task<CampaignWithAccount?> CampaignWithAccountAsync(string campaignSlug, CancellationToken ct)
    {
        var row = await (from c in Campaigns.AsNoTracking()
                         where c.Slug == campaignSlug
                         join a in CampaignReceivingAccounts.AsNoTracking() on c.Slug equals a.CampaignSlug into accounts
                         from a in accounts.DefaultIfEmpty()
                         select new { c.Id, Bin = (string?)a!.BankBin, Bank = (string?)a.BankName, Number = (string?)a.AccountNumber, Name = (string?)a.AccountName })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new CampaignWithAccount(row.Id, row.Bin is null ? null : new Payments.CampaignReceivingAccount
        {
            CampaignId = row.Id, CampaignSlug = campaignSlug, BankBin = row.Bin, BankName = row.Bank ?? "", AccountNumber = row.Number ?? "", AccountName = row.Name ?? "",
        });
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        new AdminUnitConfiguration().Configure(builder.Entity<AdminUnit>());
        new OrganisationConfiguration().Configure(builder.Entity<Organisation>());
        new CampaignConfiguration().Configure(builder.Entity<Campaign>());
        new LedgerEntryConfiguration().Configure(builder.Entity<LedgerEntry>());
        new HonorRollEntryConfiguration().Configure(builder.Entity<HonorRollEntry>());
        new PublicDataVersionConfiguration().Configure(builder.Entity<PublicDataVersion>());
        new PublicNeedConfiguration().Configure(builder.Entity<PublicNeed>());
        new PriorityCriterionConfiguration().Configure(builder.Entity<PriorityCriterion>());
        new PriorityScaleConfiguration().Configure(builder.Entity<PriorityScale>());
        new PublishedContentConfiguration().Configure(builder.Entity<PublishedContent>());
        new PublishedMediaConfiguration().Configure(builder.Entity<PublishedMedia>());
        new ContentRedirectConfiguration().Configure(builder.Entity<ContentRedirect>());
        new VerifiedGiftConfiguration().Configure(builder.Entity<VerifiedGift>());
        new TransparencyLog.LogTileConfiguration().Configure(builder.Entity<TransparencyLog.LogTile>());
        new TransparencyLog.LogCheckpointConfiguration().Configure(builder.Entity<TransparencyLog.LogCheckpoint>());
        new TransparencyLog.LogCosignatureConfiguration().Configure(builder.Entity<TransparencyLog.LogCosignature>());
        new PublicNutrition.PublicNutritionRowConfiguration().Configure(builder.Entity<PublicNutrition.PublicNutritionRow>());
        new Balances.BalanceRunConfiguration().Configure(builder.Entity<Balances.BalanceRun>());
        new Expenses.PublicExpenseInvoiceConfiguration().Configure(builder.Entity<Expenses.PublicExpenseInvoice>());
        new Expenses.PublicExpenseCopyConfiguration().Configure(builder.Entity<Expenses.PublicExpenseCopy>());
        PublicTables.MapTableNames(builder);
        builder.Entity<HonorRollNameListing>().HasNoKey().ToView(PublicTables.NameOnlyView);
        builder.Entity<Payments.CampaignReceivingAccount>().HasNoKey().ToView(Payments.CampaignReceivingAccount.View);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("The public data context is read-only.");

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The public data context is read-only.");
}

public sealed record CampaignWithAccount(int CampaignId, Payments.CampaignReceivingAccount? Account);
