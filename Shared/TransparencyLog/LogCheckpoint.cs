using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>
/// A signed checkpoint as it was published (C2SP tlog-checkpoint in a signed note), archived forever: the latest is
/// served at <c>/log/checkpoint</c>, every one is listed. Never two for one size, and each is consistent with all
/// before it (<see cref="CheckpointSigner"/> checks before signing). Public data.
/// </summary>
public class LogCheckpoint
{
    public long Id { get; set; }
    public long TreeSize { get; set; }
    public byte[] RootHash { get; set; } = [];
    /// <summary>The whole signed note, byte for byte as served.</summary>
    public string Note { get; set; } = "";
    /// <summary>The signed-note verifier key (<c>name+id+key</c>) of the key that signed it.</summary>
    public string VerifierKey { get; set; } = "";
    public DateTime SignedAt { get; set; }
    /// <summary>The witness policy (C2SP tlog-policy) in force when it was signed: which witnesses, what quorum.</summary>
    public string WitnessPolicy { get; set; } = "";
}

/// <summary>
/// A witness's cosignature on one of our checkpoints, as it answered <c>add-checkpoint</c> (C2SP tlog-witness), kept
/// only after it verified against the witness's configured key. Served appended to the checkpoint note. Public data;
/// append-only like the checkpoints.
/// </summary>
public class LogCosignature
{
    public long Id { get; set; }
    public long CheckpointId { get; set; }
    /// <summary>The witness's name in the policy.</summary>
    public string Witness { get; set; } = "";
    /// <summary>The witness's cosigner verifier key that verified it.</summary>
    public string WitnessKey { get; set; } = "";
    /// <summary>The note signature line, byte for byte, without its newline.</summary>
    public string SignatureLine { get; set; } = "";
    /// <summary>The time the witness put in it (POSIX seconds).</summary>
    public long Timestamp { get; set; }
    public DateTime ReceivedAt { get; set; }
}

public class LogCheckpointConfiguration : IEntityTypeConfiguration<LogCheckpoint>
{
    public void Configure(EntityTypeBuilder<LogCheckpoint> b)
    {
        b.ToTable("log_checkpoints");
        b.Property(c => c.RootHash).HasMaxLength(MerkleTree.HashSize);
        b.Property(c => c.Note).HasMaxLength(4000);
        b.Property(c => c.VerifierKey).HasMaxLength(300);
        b.Property(c => c.WitnessPolicy).HasMaxLength(8000);
        b.HasIndex(c => c.TreeSize).IsUnique();
    }
}

public class LogCosignatureConfiguration : IEntityTypeConfiguration<LogCosignature>
{
    public void Configure(EntityTypeBuilder<LogCosignature> b)
    {
        b.ToTable("log_cosignatures");
        b.Property(c => c.Witness).HasMaxLength(100);
        b.Property(c => c.WitnessKey).HasMaxLength(300);
        b.Property(c => c.SignatureLine).HasMaxLength(300);
        b.HasOne<LogCheckpoint>().WithMany().HasForeignKey(c => c.CheckpointId).OnDelete(DeleteBehavior.Restrict);
        // One cosignature per witness key and checkpoint.
        b.HasIndex(c => new { c.CheckpointId, c.WitnessKey }).IsUnique();
    }
}
