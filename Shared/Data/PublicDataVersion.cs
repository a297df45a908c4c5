using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Data;

/// <summary>
/// A counter bumped whenever public data changes. PublicSite's output cache varies on it, so a gift recorded in
/// BackOffice (another process, maybe another machine) shows publicly within seconds without a message bus.
/// </summary>
public class PublicDataVersion
{
    public int Id { get; set; }
    public long Version { get; set; }
}

public class PublicDataVersionConfiguration : IEntityTypeConfiguration<PublicDataVersion>
{
    public void Configure(EntityTypeBuilder<PublicDataVersion> b)
    {
        b.Property(v => v.Id).ValueGeneratedNever();
        b.HasData(new PublicDataVersion { Id = 1, Version = 1 });
    }
}
