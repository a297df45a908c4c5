using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Contributions;

/// <summary>
/// The words a receipt was issued with — its first print, PDF download or mail attachment — kept so that the receipt never
/// changes afterwards: the donor's name, tax code and address, the purpose (the campaign's title), the receiving unit, the
/// issuing organisation and the person who made it out can all be edited later, a receipt already in a donor's hands cannot.
/// The contribution itself never changes (amount, date, number, goods); a reversal stamps "ĐÃ HỦY" on the same words. One
/// row per receipt, never changed or deleted (triggers on both providers); personal data, BackOffice only.
/// </summary>
public class ReceiptIssue
{
    public string ReceiptNumber { get; set; } = "";
    public DateTime IssuedAt { get; set; }
    public string PayerName { get; set; } = "";
    public string? PayerTaxCode { get; set; }
    public string? PayerAddress { get; set; }
    /// <summary>The campaign's title as issued; null for an unrestricted gift (the purpose then says so).</summary>
    public string? CampaignTitle { get; set; }
    public string ReceivingUnit { get; set; } = "";
    public string IssuerName { get; set; } = "";
    public string IssuerAddress { get; set; } = "";
    public string IssuerTaxCode { get; set; } = "";
    public string? IssuerPhone { get; set; }
    public string RecordedBy { get; set; } = "";
}

public class ReceiptIssueConfiguration : IEntityTypeConfiguration<ReceiptIssue>
{
    public void Configure(EntityTypeBuilder<ReceiptIssue> b)
    {
        b.HasKey(i => i.ReceiptNumber);
        b.Property(i => i.ReceiptNumber).HasMaxLength(20);
        b.Property(i => i.PayerName).HasMaxLength(300);
        b.Property(i => i.PayerTaxCode).HasMaxLength(20);
        b.Property(i => i.PayerAddress).HasMaxLength(500);
        b.Property(i => i.CampaignTitle).HasMaxLength(300);
        b.Property(i => i.ReceivingUnit).HasMaxLength(300);
        b.Property(i => i.IssuerName).HasMaxLength(500);
        b.Property(i => i.IssuerAddress).HasMaxLength(500);
        b.Property(i => i.IssuerTaxCode).HasMaxLength(20);
        b.Property(i => i.IssuerPhone).HasMaxLength(50);
        b.Property(i => i.RecordedBy).HasMaxLength(300);
        // No foreign key: an alternate key on contributions.receipt_number would rebuild that table on SQLite. The row is
        // written only from a receipt read by its number (ReceiptIssues), and the receipt is never deleted.
    }
}
