using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>
/// One C2SP tile (tlog-tiles): up to 256 consecutive hashes at tile level <see cref="Level"/> (level 0: leaf hashes;
/// level 1: the hash of each full level-0 tile …). A tile row only ever grows at its end, until it holds 256 hashes
/// and never changes again, so a partial tile of width W is the first W hashes of the row, whatever it holds today.
/// Public data (hashes of public ledger entries).
/// </summary>
public class LogTile
{
    public const int Height = 8;
    public const int Width = 256;

    public int Level { get; set; }
    public long TileIndex { get; set; }
    /// <summary>Concatenated 32-byte hashes, 1 to 256 of them.</summary>
    public byte[] Hashes { get; set; } = [];

    public int HashCount => Hashes.Length / MerkleTree.HashSize;
    public bool IsFull => HashCount == Width;
}

/// <summary>How far the tree has caught up with the ledger: its number of leaves (entries 1…TreeSize). One row; the appender locks it.</summary>
public class LogHead
{
    public int Id { get; set; }
    public long TreeSize { get; set; }
}

public class LogTileConfiguration : IEntityTypeConfiguration<LogTile>
{
    public void Configure(EntityTypeBuilder<LogTile> b)
    {
        b.ToTable("log_tiles");
        b.HasKey(t => new { t.Level, t.TileIndex });
        b.Property(t => t.Hashes).HasMaxLength(LogTile.Width * MerkleTree.HashSize);
    }
}

public class LogHeadConfiguration : IEntityTypeConfiguration<LogHead>
{
    public void Configure(EntityTypeBuilder<LogHead> b)
    {
        b.ToTable("log_heads");
        b.Property(h => h.Id).ValueGeneratedNever();
        b.HasData(new LogHead { Id = 1, TreeSize = 0 });
    }
}
