using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Children;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Donors;
using ChildAid.Shared.HonorRoll;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Data;

/// <summary>
/// The full model, for BackOffice and the CLI only. One abstract context, one subclass per provider, because
/// one set of migrations cannot serve both (STACK.md). PublicSite never sees this type: it has <see cref="PublicDbContext"/>.
/// </summary>
public abstract class ChildAidDbContext(DbContextOptions options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<AdminUnit> AdminUnits => Set<AdminUnit>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<StaffUserUnit> StaffUserUnits => Set<StaffUserUnit>();
    public DbSet<Donor> Donors => Set<Donor>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Contribution> Contributions => Set<Contribution>();
    public DbSet<ContributionReversal> ContributionReversals => Set<ContributionReversal>();
    public DbSet<ReceiptIssue> ReceiptIssues => Set<ReceiptIssue>();
    public DbSet<ReversalRequest> ReversalRequests => Set<ReversalRequest>();
    public DbSet<ReceiptCounter> ReceiptCounters => Set<ReceiptCounter>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<LedgerHead> LedgerHeads => Set<LedgerHead>();
    public DbSet<TransparencyLog.LogTile> LogTiles => Set<TransparencyLog.LogTile>();
    public DbSet<TransparencyLog.LogHead> LogHeads => Set<TransparencyLog.LogHead>();
    public DbSet<TransparencyLog.LogCheckpoint> LogCheckpoints => Set<TransparencyLog.LogCheckpoint>();
    public DbSet<TransparencyLog.LogCosignature> LogCosignatures => Set<TransparencyLog.LogCosignature>();
    public DbSet<HonorRollEntry> HonorRollEntries => Set<HonorRollEntry>();
    public DbSet<HonorRollName> HonorRollNames => Set<HonorRollName>();
    public DbSet<PublicDataVersion> PublicDataVersions => Set<PublicDataVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Child> Children => Set<Child>();
    public DbSet<ChildDistinctPair> ChildDistinctPairs => Set<ChildDistinctPair>();
    public DbSet<ChildMerge> ChildMerges => Set<ChildMerge>();
    public DbSet<NeedsReview> NeedsReviews => Set<NeedsReview>();
    public DbSet<NeedLine> NeedLines => Set<NeedLine>();
    public DbSet<NeedItem> NeedItems => Set<NeedItem>();
    public DbSet<DeclaredSupport> DeclaredSupports => Set<DeclaredSupport>();
    public DbSet<PriorityCriterion> PriorityCriteria => Set<PriorityCriterion>();
    public DbSet<PriorityScale> PriorityScales => Set<PriorityScale>();
    public DbSet<PublicNeeds.PublicNeed> PublicNeeds => Set<PublicNeeds.PublicNeed>();
    public DbSet<Content.ContentItem> ContentItems => Set<Content.ContentItem>();
    public DbSet<Content.ContentVersion> ContentVersions => Set<Content.ContentVersion>();
    public DbSet<Content.ContentRedirect> ContentRedirects => Set<Content.ContentRedirect>();
    public DbSet<Content.ContentMediaUse> ContentMediaUses => Set<Content.ContentMediaUse>();
    public DbSet<Content.PublishedContent> PublishedContent => Set<Content.PublishedContent>();
    public DbSet<Media.MediaItem> MediaItems => Set<Media.MediaItem>();
    public DbSet<Media.MediaFolder> MediaFolders => Set<Media.MediaFolder>();
    public DbSet<Media.PublishedMedia> PublishedMedia => Set<Media.PublishedMedia>();
    public DbSet<Consent.ConsentRecord> ConsentRecords => Set<Consent.ConsentRecord>();
    public DbSet<Pledges.PledgeIntake> PledgeIntake => Set<Pledges.PledgeIntake>();
    public DbSet<Pledges.Pledge> Pledges => Set<Pledges.Pledge>();
    public DbSet<Pledges.PledgeStatus> PledgeStatus => Set<Pledges.PledgeStatus>();
    public DbSet<Payments.Stripe.StripeEvent> StripeEvents => Set<Payments.Stripe.StripeEvent>();
    public DbSet<Mail.MailOutboxMessage> MailOutbox => Set<Mail.MailOutboxMessage>();
    public DbSet<Donors.DonorLink> DonorLinks => Set<Donors.DonorLink>();
    public DbSet<Ledger.VerifiedGift> VerifiedGifts => Set<Ledger.VerifiedGift>();
    public DbSet<Mail.MailAttachment> MailAttachments => Set<Mail.MailAttachment>();
    public DbSet<BankStatements.BankAccount> BankAccounts => Set<BankStatements.BankAccount>();
    public DbSet<BankStatements.BankStatementImport> BankStatementImports => Set<BankStatements.BankStatementImport>();
    public DbSet<BankStatements.BankStatementLine> BankStatementLines => Set<BankStatements.BankStatementLine>();
    public DbSet<Checkups.CheckupSession> CheckupSessions => Set<Checkups.CheckupSession>();
    public DbSet<Checkups.Measurement> Measurements => Set<Checkups.Measurement>();
    public DbSet<CampaignUpdates.CampaignFollower> CampaignFollowers => Set<CampaignUpdates.CampaignFollower>();
    public DbSet<CampaignUpdates.CampaignFollowIntake> CampaignFollowIntake => Set<CampaignUpdates.CampaignFollowIntake>();
    public DbSet<CampaignUpdates.CampaignUpdateRun> CampaignUpdateRuns => Set<CampaignUpdates.CampaignUpdateRun>();
    public DbSet<Interventions.Intervention> Interventions => Set<Interventions.Intervention>();
    public DbSet<Interventions.InterventionSite> InterventionSites => Set<Interventions.InterventionSite>();
    public DbSet<Interventions.InterventionChild> InterventionChildren => Set<Interventions.InterventionChild>();
    public DbSet<Interventions.InterventionCampaign> InterventionCampaigns => Set<Interventions.InterventionCampaign>();
    public DbSet<Interventions.MealDay> MealDays => Set<Interventions.MealDay>();
    public DbSet<Allocations.Allocation> Allocations => Set<Allocations.Allocation>();
    public DbSet<CampaignArea> CampaignAreas => Set<CampaignArea>();
    public DbSet<PublicNutrition.PublicNutritionRow> PublicNutritionRows => Set<PublicNutrition.PublicNutritionRow>();
    public DbSet<Balances.BalanceRun> BalanceRuns => Set<Balances.BalanceRun>();
    public DbSet<Expenses.Expense> Expenses => Set<Expenses.Expense>();
    public DbSet<Expenses.ExpenseLine> ExpenseLines => Set<Expenses.ExpenseLine>();
    public DbSet<Expenses.ExpenseDocument> ExpenseDocuments => Set<Expenses.ExpenseDocument>();
    public DbSet<Expenses.ExpenseDocumentContent> ExpenseDocumentContents => Set<Expenses.ExpenseDocumentContent>();
    public DbSet<Expenses.PublicExpenseInvoice> PublicExpenseInvoices => Set<Expenses.PublicExpenseInvoice>();
    public DbSet<Expenses.PublicExpenseCopy> PublicExpenseCopies => Set<Expenses.PublicExpenseCopy>();
    public DbSet<Stock.StockLot> StockLots => Set<Stock.StockLot>();
    public DbSet<Stock.StockWriteOff> StockWriteOffs => Set<Stock.StockWriteOff>();
    public DbSet<Stock.StockLotPhoto> StockLotPhotos => Set<Stock.StockLotPhoto>();
    public DbSet<Stock.StockLotPhotoContent> StockLotPhotoContents => Set<Stock.StockLotPhotoContent>();
    public DbSet<Distributions.Distribution> Distributions => Set<Distributions.Distribution>();
    public DbSet<Distributions.DistributionProof> DistributionProofs => Set<Distributions.DistributionProof>();
    public DbSet<Distributions.DistributionChild> DistributionChildren => Set<Distributions.DistributionChild>();
    public DbSet<Distributions.ServiceDelivery> ServiceDeliveries => Set<Distributions.ServiceDelivery>();

    /// <summary>
    /// The administrative units whose records this context may read. Null: no restriction (CLI, background work).
    /// BackOffice starts every request's context with an empty set and widens it to the signed-in user's units,
    /// so a query that forgets about scope returns nothing rather than everything.
    /// </summary>
    public IReadOnlyCollection<int>? UnitScope { get; set; }

    /// <summary>
    /// The organisations whose records this context may read, for staff who work for one (a school's staff: their
    /// school; a health worker: their health station). Null: not restricted by organisation. Applies on top of
    /// <see cref="UnitScope"/> to every <see cref="IOrganisationOwned"/> entity.
    /// </summary>
    public IReadOnlyCollection<int>? OrganisationScope { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ChildAidDbContext).Assembly);
        PublicTables.MapTableNames(builder);

        // Scope on every query of unit- or organisation-owned records, from the markers (ScopeModelTests checks
        // that every entity with a unit or an organisation has them).
        foreach (var entity in builder.Model.GetEntityTypes().ToList())
        {
            var type = entity.ClrType;
            if (typeof(IUnitOwned).IsAssignableFrom(type))
                Generic(nameof(UnitFilter), type).Invoke(this, [builder]);
            else if (typeof(IUnitOwnedOrGlobal).IsAssignableFrom(type))
                Generic(nameof(UnitOrGlobalFilter), type).Invoke(this, [builder]);
            if (typeof(IOrganisationOwned).IsAssignableFrom(type))
                OrganisationFilter(builder.Entity(type));
        }

        // A reversal request belongs to its receipt's unit, so it carries the receipt's scope: a request on a receipt
        // the user cannot read does not exist for them either (rather than coming back with its receipt missing).
        builder.Entity<ReversalRequest>().HasQueryFilter(ScopeFilters.Unit<ReversalRequest>(),
            r => UnitScope == null || UnitScope.Contains(r.Contribution!.AdminUnitId));
        // A donor's private link carries its donor's scope; the donor's own page looks it up by token, past the filter.
        builder.Entity<Donors.DonorLink>().HasQueryFilter(ScopeFilters.Unit<Donors.DonorLink>(),
            l => UnitScope == null || UnitScope.Contains(l.Donor!.AdminUnitId));
        // A measurement carries its session's organisations: a health worker reads the measurements of their station's
        // sessions (the unit filter comes from its own unit, which is the session's).
        builder.Entity<Checkups.Measurement>().HasQueryFilter(ScopeFilters.Organisation(typeof(Checkups.Measurement)),
            m => OrganisationScope == null || OrganisationScope.Contains(m.Session!.SiteId)
                 || m.Session.HealthStationId != null && OrganisationScope.Contains(m.Session.HealthStationId.Value));
        // An intervention's sites, children and campaigns carry the intervention's scope: a health worker reads the sites
        // of their station's intervention even when the site is a school (replaces the site's own organisation filter).
        builder.Entity<Interventions.InterventionSite>().HasQueryFilter(ScopeFilters.Organisation(typeof(Interventions.InterventionSite)),
            s => OrganisationScope == null || s.Intervention!.HealthStationId != null && OrganisationScope.Contains(s.Intervention.HealthStationId.Value));
        builder.Entity<Interventions.InterventionSite>().HasQueryFilter(ScopeFilters.Unit(typeof(Interventions.InterventionSite)),
            s => UnitScope == null || UnitScope.Contains(s.Intervention!.AdminUnitId));
        builder.Entity<Interventions.InterventionChild>().HasQueryFilter(ScopeFilters.Unit(typeof(Interventions.InterventionChild)),
            c => UnitScope == null || UnitScope.Contains(c.Intervention!.AdminUnitId));
        builder.Entity<Interventions.InterventionChild>().HasQueryFilter(ScopeFilters.Organisation(typeof(Interventions.InterventionChild)),
            c => OrganisationScope == null || c.Intervention!.HealthStationId != null && OrganisationScope.Contains(c.Intervention.HealthStationId.Value));
        builder.Entity<Interventions.InterventionCampaign>().HasQueryFilter(ScopeFilters.Unit(typeof(Interventions.InterventionCampaign)),
            c => UnitScope == null || UnitScope.Contains(c.Intervention!.AdminUnitId));
        builder.Entity<Interventions.InterventionCampaign>().HasQueryFilter(ScopeFilters.Organisation(typeof(Interventions.InterventionCampaign)),
            c => OrganisationScope == null || c.Intervention!.HealthStationId != null && OrganisationScope.Contains(c.Intervention.HealthStationId.Value));
        // Allocations are the programme's money decisions: staff bound to a school or a health station see none (their
        // need lines are filtered by organisation, so an allocation would otherwise come back with its line missing).
        builder.Entity<Allocations.Allocation>().HasQueryFilter(ScopeFilters.Organisation(typeof(Allocations.Allocation)),
            a => OrganisationScope == null);
        // Expenses spend allocations: the same readers. Their lines and documents carry the expense's scope; a document's
        // bytes are read by id after the document itself was found through the scope.
        builder.Entity<Expenses.Expense>().HasQueryFilter(ScopeFilters.Organisation(typeof(Expenses.Expense)), e => OrganisationScope == null);
        builder.Entity<Expenses.ExpenseLine>().HasQueryFilter(ScopeFilters.Unit(typeof(Expenses.ExpenseLine)),
            l => UnitScope == null || UnitScope.Contains(l.Expense!.AdminUnitId));
        builder.Entity<Expenses.ExpenseLine>().HasQueryFilter(ScopeFilters.Organisation(typeof(Expenses.ExpenseLine)), l => OrganisationScope == null);
        builder.Entity<Expenses.ExpenseDocument>().HasQueryFilter(ScopeFilters.Unit(typeof(Expenses.ExpenseDocument)),
            d => UnitScope == null || UnitScope.Contains(d.Expense!.AdminUnitId));
        builder.Entity<Expenses.ExpenseDocument>().HasQueryFilter(ScopeFilters.Organisation(typeof(Expenses.ExpenseDocument)), d => OrganisationScope == null);
        // The children named on a distribution carry the distribution's scope (its commune; a school's staff: their school's).
        builder.Entity<Distributions.DistributionChild>().HasQueryFilter(ScopeFilters.Unit(typeof(Distributions.DistributionChild)),
            c => UnitScope == null || UnitScope.Contains(c.Distribution!.AdminUnitId));
        builder.Entity<Distributions.DistributionChild>().HasQueryFilter(ScopeFilters.Organisation(typeof(Distributions.DistributionChild)),
            c => OrganisationScope == null || c.Distribution!.SchoolId != null && OrganisationScope.Contains(c.Distribution.SchoolId.Value));
        // Stock lots: the same readers; write-offs and photos carry their lot's scope.
        builder.Entity<Stock.StockLot>().HasQueryFilter(ScopeFilters.Organisation(typeof(Stock.StockLot)), l => OrganisationScope == null);
        builder.Entity<Stock.StockWriteOff>().HasQueryFilter(ScopeFilters.Unit(typeof(Stock.StockWriteOff)),
            w => UnitScope == null || UnitScope.Contains(w.StockLot!.AdminUnitId));
        builder.Entity<Stock.StockWriteOff>().HasQueryFilter(ScopeFilters.Organisation(typeof(Stock.StockWriteOff)), w => OrganisationScope == null);
        builder.Entity<Stock.StockLotPhoto>().HasQueryFilter(ScopeFilters.Unit(typeof(Stock.StockLotPhoto)),
            p => UnitScope == null || UnitScope.Contains(p.StockLot!.AdminUnitId));
        builder.Entity<Stock.StockLotPhoto>().HasQueryFilter(ScopeFilters.Organisation(typeof(Stock.StockLotPhoto)), p => OrganisationScope == null);
    }

    private static System.Reflection.MethodInfo Generic(string name, Type type) =>
        typeof(ChildAidDbContext).GetMethod(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.MakeGenericMethod(type);

    private void UnitFilter<T>(ModelBuilder builder) where T : class, IUnitOwned =>
        builder.Entity<T>().HasQueryFilter(ScopeFilters.Unit(typeof(T)), e => UnitScope == null || UnitScope.Contains(e.AdminUnitId));

    // A global row (no unit) is for unrestricted readers only.
    private void UnitOrGlobalFilter<T>(ModelBuilder builder) where T : class, IUnitOwnedOrGlobal =>
        builder.Entity<T>().HasQueryFilter(ScopeFilters.Unit(typeof(T)),
            e => UnitScope == null || (e.AdminUnitId != null && UnitScope.Contains(e.AdminUnitId.Value)));

    /// <summary>
    /// OrganisationScope == null || any reference to an organisation is in it. Built from the foreign keys, so a
    /// reference added later (a child's health station) joins the filter by itself.
    /// </summary>
    private void OrganisationFilter(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder entity)
    {
        var e = Expression.Parameter(entity.Metadata.ClrType, "e");
        var scope = Expression.Property(Expression.Constant(this), nameof(OrganisationScope));
        var contains = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2)
            .MakeGenericMethod(typeof(int));
        Expression any = Expression.Constant(false);
        foreach (var fk in entity.Metadata.GetForeignKeys().Where(fk => fk.PrincipalEntityType.ClrType == typeof(Organisation)))
        {
            var property = Expression.Property(e, fk.Properties.Single().Name);
            Expression test = property.Type == typeof(int)
                ? Expression.Call(contains, scope, property)
                : Expression.AndAlso(Expression.NotEqual(property, Expression.Constant(null, property.Type)),
                    Expression.Call(contains, scope, Expression.Property(property, "Value")));
            any = Expression.OrElse(any, test);
        }
        var body = Expression.OrElse(Expression.Equal(scope, Expression.Constant(null, scope.Type)), any);
        entity.HasQueryFilter(ScopeFilters.Organisation(entity.Metadata.ClrType), Expression.Lambda(body, e));
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseLedgerRewrites();
        BumpVersions();
        // Transparency-log tiles follow ledger entries that already moved the version, and no cached page shows them.
        var touchesPublicData = ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && PublicTables.IsPublic(e.Metadata.ClrType)
            && e.Metadata.ClrType != typeof(TransparencyLog.LogTile));
        var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (touchesPublicData)
            await Database.ExecuteSqlRawAsync("UPDATE public_data_versions SET version = version + 1 WHERE id = 1", cancellationToken);
        return result;
    }

    /// <summary>
    /// The ledger is append-only here too, before the database's own triggers say so: a tracked ledger entry that
    /// was changed or removed is refused. The one permitted change, erasing a donor's name, goes through
    /// <see cref="LedgerNameErasure"/>, which never tracks the entries it erases.
    /// </summary>
    private void RefuseLedgerRewrites()
    {
        var rewritten = ChangeTracker.Entries<LedgerEntry>().FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (rewritten is not null)
            throw new InvalidOperationException(
                $"Ledger entry {rewritten.Entity.Sequence} cannot be {(rewritten.State == EntityState.Deleted ? "deleted" : "changed")}: " +
                "the ledger is append-only (a mistake is corrected by a reversal; a donor's name is erased through LedgerNameErasure).");
    }

    /// <summary>
    /// A versioned record (one several people edit) gets a new version on every change; the version is its concurrency
    /// token, so a save based on an older read fails with DbUpdateConcurrencyException instead of overwriting.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
            entry.Entity.Version++;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();
}

public sealed class SqliteChildAidDbContext(DbContextOptions<SqliteChildAidDbContext> options) : ChildAidDbContext(options);

public sealed class PostgresChildAidDbContext(DbContextOptions<PostgresChildAidDbContext> options) : ChildAidDbContext(options);
