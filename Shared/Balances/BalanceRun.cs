using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Balances;

/// <summary>
/// One published run of every balance invariant over the whole ledger (<see cref="BalanceRunner"/>, nightly in
/// BackOffice): when, over how many entries, with the campaigns' areas, and whether every rule held — else the first
/// broken rule. Public: the statement's entries are public and so is whether they add up.
/// </summary>
public class BalanceRun
{
    public long Id { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public long EntriesChecked { get; set; }
    /// <summary>The last ledger entry the run read (0 for an empty ledger): anyone can recompute up to it.</summary>
    public long LastSequence { get; set; }
    public bool InvariantsHold { get; set; }
    public int ViolationCount { get; set; }
    public string? FirstRule { get; set; }
    public long? FirstSequence { get; set; }
    public string? FirstMessage { get; set; }
    /// <summary>Whole đồng received and held overall at <see cref="LastSequence"/>, as the run computed them.</summary>
    public long ReceivedVnd { get; set; }
    public long UnallocatedVnd { get; set; }
}

public class BalanceRunConfiguration : IEntityTypeConfiguration<BalanceRun>
{
    public void Configure(EntityTypeBuilder<BalanceRun> b)
    {
        b.Property(r => r.FirstRule).HasMaxLength(40);
        b.Property(r => r.FirstMessage).HasMaxLength(500);
        b.HasIndex(r => r.StartedAt);
        b.ToTable(t => t.HasCheckConstraint("ck_balance_runs_result",
            "(invariants_hold AND violation_count = 0 AND first_rule IS NULL AND first_sequence IS NULL) OR " +
            "(NOT invariants_hold AND violation_count > 0 AND first_rule IS NOT NULL AND first_sequence IS NOT NULL)"));
    }
}
