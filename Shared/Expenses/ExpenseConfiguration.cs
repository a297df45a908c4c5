using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Expenses;

public class ExpenseConfiguration : IEntityTypeConfiguration<Expense>
{
    public void Configure(EntityTypeBuilder<Expense> b)
    {
        b.Property(e => e.State).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.SupplierName).HasMaxLength(Expense.SupplierNameLength);
        b.Property(e => e.SupplierTaxCode).HasMaxLength(14);
        b.Property(e => e.InvoiceSymbol).HasMaxLength(10);
        b.Property(e => e.InvoiceNumber).HasMaxLength(8);
        b.Property(e => e.Note).HasMaxLength(Expense.NoteLength);
        b.Property(e => e.RejectionReason).HasMaxLength(Expense.ReasonLength);
        b.Property(e => e.ProposedById).HasMaxLength(450);
        b.Property(e => e.DecidedById).HasMaxLength(450);
        b.Property(e => e.ReversedById).HasMaxLength(450);
        b.Property(e => e.ReversalReason).HasMaxLength(Expense.ReasonLength);
        b.HasOne<AdminUnits.AdminUnit>().WithMany().HasForeignKey(e => e.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Lines).WithOne(l => l.Expense).HasForeignKey(l => l.ExpenseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Documents).WithOne(d => d.Expense).HasForeignKey(d => d.ExpenseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.State, e.AdminUnitId });
        b.HasIndex(e => new { e.SupplierTaxCode, e.InvoiceSymbol, e.InvoiceNumber });
        // What a row must be, whoever writes it (the sums across rows are the triggers' job: see migration Expenses).
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_expenses_amount", "amount_vnd > 0");
            t.HasCheckConstraint("ck_expenses_state",
                "(state = 'Proposed' AND decided_by_id IS NULL AND decided_at IS NULL AND rejection_reason IS NULL) OR " +
                "(state = 'Approved' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND rejection_reason IS NULL) OR " +
                "(state = 'Rejected' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND rejection_reason IS NOT NULL)");
            // Four eyes, in the database too: the one who proposed never approves.
            t.HasCheckConstraint("ck_expenses_four_eyes", "state <> 'Approved' OR decided_by_id <> proposed_by_id");
            // An advance's invoice is filed only after its approval; an expense of kind invoice had it before.
            t.HasCheckConstraint("ck_expenses_advance",
                "kind IN ('Invoice', 'Advance') AND (invoice_filed_at IS NULL OR (kind = 'Advance' AND state = 'Approved'))");
            // A reversal (hoàn chi) only of an approved expense, with who, when and why together.
            t.HasCheckConstraint("ck_expenses_reversal",
                "(reversed_by_id IS NULL AND reversed_at IS NULL AND reversal_reason IS NULL) OR " +
                "(state = 'Approved' AND reversed_by_id IS NOT NULL AND reversed_at IS NOT NULL AND reversal_reason IS NOT NULL)");
        });
    }
}

public class ExpenseLineConfiguration : IEntityTypeConfiguration<ExpenseLine>
{
    public void Configure(EntityTypeBuilder<ExpenseLine> b)
    {
        b.HasOne(l => l.Allocation).WithMany().HasForeignKey(l => l.AllocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => new { l.ExpenseId, l.AllocationId }).IsUnique();
        b.HasIndex(l => l.AllocationId);
        b.HasIndex(l => l.LedgerSequence).IsUnique();
        b.HasIndex(l => l.ReversalSequence).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("ck_expense_lines_amount", "amount_vnd > 0"));
    }
}

public class ExpenseDocumentConfiguration : IEntityTypeConfiguration<ExpenseDocument>
{
    public void Configure(EntityTypeBuilder<ExpenseDocument> b)
    {
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.FileName).HasMaxLength(ExpenseDocument.FileNameLength);
        b.Property(d => d.ContentType).HasMaxLength(50);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.Property(d => d.UploadedById).HasMaxLength(450);
        b.HasIndex(d => d.ExpenseId);
        b.HasOne<ExpenseDocumentContent>().WithOne().HasForeignKey<ExpenseDocumentContent>(c => c.ExpenseDocumentId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_expense_documents_size", "size_bytes > 0");
            t.HasCheckConstraint("ck_expense_documents_sha256", "length(sha256) = 64");
        });
    }
}

public class PublicExpenseInvoiceConfiguration : IEntityTypeConfiguration<PublicExpenseInvoice>
{
    public void Configure(EntityTypeBuilder<PublicExpenseInvoice> b)
    {
        b.HasKey(i => i.ExpenseSequence);
        b.Property(i => i.ExpenseSequence).ValueGeneratedNever();
        b.Property(i => i.Sha256).HasMaxLength(64);
        b.ToTable(t => t.HasCheckConstraint("ck_public_expense_invoices_sha256", "length(sha256) = 64"));
    }
}

public class ExpenseDocumentContentConfiguration : IEntityTypeConfiguration<ExpenseDocumentContent>
{
    public void Configure(EntityTypeBuilder<ExpenseDocumentContent> b)
    {
        b.HasKey(c => c.ExpenseDocumentId);
        b.Property(c => c.ExpenseDocumentId).ValueGeneratedNever();
    }
}
