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
}

public class LogCheckpointConfiguration : IEntityTypeConfiguration<LogCheckpoint>
{
    public void Configure(EntityTypeBuilder<LogCheckpoint> b)
    {
        b.ToTable("log_checkpoints");
        b.Property(c => c.RootHash).HasMaxLength(MerkleTree.HashSize);
        b.Property(c => c.Note).HasMaxLength(4000);
        b.Property(c => c.VerifierKey).HasMaxLength(300);
        b.HasIndex(c => c.TreeSize).IsUnique();
    }
}
