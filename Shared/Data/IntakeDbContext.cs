using ChildAid.Shared.Pledges;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Data;

/// <summary>
/// PublicSite's only way to write: pledges in (<see cref="PledgeIntake"/>) and their public status out
/// (<see cref="PledgeStatus"/>), and "follow this campaign" requests in (<see cref="CampaignUpdates.CampaignFollowIntake"/>). On PostgreSQL it connects as a login in <see cref="DatabaseRoles.Intake"/>, which may
/// INSERT into pledge_intake and SELECT the status view, and nothing else — not even read back what it wrote.
/// </summary>
public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options) : DbContext(options)
{
    public DbSet<PledgeIntake> PledgeIntake => Set<PledgeIntake>();
    public DbSet<PledgeStatus> PledgeStatus => Set<PledgeStatus>();
    public DbSet<CampaignUpdates.CampaignFollowIntake> CampaignFollowIntake => Set<CampaignUpdates.CampaignFollowIntake>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        new PledgeIntakeConfiguration().Configure(builder.Entity<PledgeIntake>());
        // BackOffice's bookkeeping on the row: PublicSite neither writes it (the database defaults apply) nor knows it.
        builder.Entity<PledgeIntake>(b =>
        {
            b.Ignore(i => i.ProcessedAt);
            b.Ignore(i => i.Outcome);
            b.Ignore(i => i.Failure);
            b.Ignore(i => i.Attempts);
            b.Ignore(i => i.RetryAfter);
        });
        new PledgeStatusConfiguration().Configure(builder.Entity<PledgeStatus>());
        new CampaignUpdates.CampaignFollowIntakeConfiguration().Configure(builder.Entity<CampaignUpdates.CampaignFollowIntake>());
        builder.Entity<CampaignUpdates.CampaignFollowIntake>().Ignore(i => i.ProcessedAt);
    }

    public static IntakeDbContext Create(DatabaseOptions options)
    {
        var o = new DbContextOptionsBuilder<IntakeDbContext>();
        if (options.Provider == DatabaseProvider.Postgres) DataServiceCollectionExtensions.ConfigurePostgres(o, options.ResolvedConnectionString());
        else DataServiceCollectionExtensions.ConfigureSqlite(o, options.ResolvedConnectionString());
        return new IntakeDbContext(o.Options);
    }
}
