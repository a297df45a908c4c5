using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Payments.Stripe;

public class StripeEventConfiguration : IEntityTypeConfiguration<StripeEvent>
{
    public const string Table = "stripe_events";

    public void Configure(EntityTypeBuilder<StripeEvent> b)
    {
        b.ToTable(Table);
        b.HasKey(e => e.EventId);
        b.Property(e => e.EventId).HasMaxLength(255);
        b.Property(e => e.Type).HasMaxLength(100);
        b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.LastError).HasMaxLength(StripeEvent.LastErrorLength);
        // The processor's queue: unprocessed rows in Stripe's order.
        b.HasIndex(e => new { e.ProcessedAt, e.StripeCreatedAt });
    }
}
