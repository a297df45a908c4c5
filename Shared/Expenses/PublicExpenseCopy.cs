using System.Security.Cryptography;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Expenses;

/// <summary>
/// Public: the copy of an expense's original (an invoice, a proof of payment) with personal data blacked out — a bank
/// account, a signature, a pupil's name on a meal list — that anyone may look at beside the original's SHA-256 in the
/// ledger. Keyed by that hash, so its address never changes (<c>/api/v1/documents/{sha256}.jpg</c>) and the trace of a gift
/// finds it from the ledger alone. Always an image, re-encoded from pixels (<see cref="ImageProcessor.Clean"/>): a PDF
/// "redacted" with black boxes still carries the text under them, and a photo's EXIF may carry where it was taken.
/// The original stays private; the copy's own hash differs from it, by design.
/// </summary>
public class PublicExpenseCopy
{
    /// <summary>Lower-case hex SHA-256 of the original, as the expense entry's documents field lists it.</summary>
    public string OriginalSha256 { get; set; } = "";
    public ExpenseDocumentKind Kind { get; set; }
    /// <summary>The JPEG published (metadata-free).</summary>
    public byte[] Bytes { get; set; } = [];
    public string Sha256 { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }
    /// <summary>When it was published (or last replaced), in Vietnam's calendar.</summary>
    public DateOnly PublishedOn { get; set; }
}

public class PublicExpenseCopyConfiguration : IEntityTypeConfiguration<PublicExpenseCopy>
{
    public void Configure(EntityTypeBuilder<PublicExpenseCopy> b)
    {
        b.HasKey(c => c.OriginalSha256);
        b.Property(c => c.OriginalSha256).HasMaxLength(64);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Sha256).HasMaxLength(64);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_public_expense_copies_hashes", "length(original_sha256) = 64 AND length(sha256) = 64");
            t.HasCheckConstraint("ck_public_expense_copies_size", "width > 0 AND height > 0");
        });
    }
}

/// <summary>
/// Publishes and withdraws the public copy of an approved expense's original (staff who decide on expenses, of the
/// expense's commune: the document is read through the unit scope). Publishing again replaces the copy; each change is
/// audited (the audit trail records the image's length, never its bytes).
/// </summary>
public class PublicExpenseCopies(ChildAidDbContext db, ImageProcessor images, TimeProvider clock)
{
    public const string Field = "Copy";
    public const string OnlyApproved = "Chỉ công khai bản che của chứng từ thuộc khoản chi đã duyệt (mã SHA-256 của bản gốc đã ở sổ cái).";

    public async Task<Outcome<PublicExpenseCopy>> PublishAsync(int expenseId, int documentId, byte[] image, CancellationToken ct = default)
    {
        var document = await db.ExpenseDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ExpenseId == expenseId, ct);
        if (document is null) return Outcome<PublicExpenseCopy>.Fail(Field, ExpenseService.NotFound);
        var state = await db.Expenses.Where(e => e.Id == expenseId).Select(e => (ExpenseState?)e.State).SingleOrDefaultAsync(ct);
        if (state != ExpenseState.Approved) return Outcome<PublicExpenseCopy>.Fail(Field, OnlyApproved);
        var clean = images.Clean(image);
        if (!clean.Succeeded) return Outcome<PublicExpenseCopy>.Fail(Field, clean.Errors.Values.First());
        var jpeg = clean.Value!.Files[0].Bytes;

        var copy = await db.PublicExpenseCopies.FirstOrDefaultAsync(c => c.OriginalSha256 == document.Sha256, ct);
        if (copy is null) db.PublicExpenseCopies.Add(copy = new PublicExpenseCopy { OriginalSha256 = document.Sha256 });
        copy.Kind = document.Kind;
        copy.Bytes = jpeg;
        copy.Sha256 = Convert.ToHexStringLower(SHA256.HashData(jpeg));
        (copy.Width, copy.Height) = (clean.Value.Width, clean.Value.Height);
        copy.PublishedOn = VietnamClock.ToVietnamDate(clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The database takes a copy only of an approved expense's original (reversed, or a race with another publisher).
            db.ChangeTracker.Clear();
            return Outcome<PublicExpenseCopy>.Fail(Field, OnlyApproved);
        }
        return Outcome<PublicExpenseCopy>.Ok(copy);
    }

    /// <summary>Takes the public copy down (it showed what it should not): the original's hash stays in the ledger.</summary>
    public async Task<bool> WithdrawAsync(int expenseId, int documentId, CancellationToken ct = default)
    {
        var sha = await db.ExpenseDocuments.AsNoTracking().Where(d => d.Id == documentId && d.ExpenseId == expenseId).Select(d => d.Sha256).FirstOrDefaultAsync(ct);
        if (sha is null || await db.PublicExpenseCopies.FirstOrDefaultAsync(c => c.OriginalSha256 == sha, ct) is not { } copy) return false;
        db.PublicExpenseCopies.Remove(copy);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The public copy of an original, or null.</summary>
    public Task<PublicExpenseCopy?> ReadAsync(string originalSha256, CancellationToken ct = default) =>
        db.PublicExpenseCopies.AsNoTracking().FirstOrDefaultAsync(c => c.OriginalSha256 == originalSha256, ct);

    /// <summary>Which of these originals have a public copy (for the expense's page).</summary>
    public Task<List<string>> PublishedAsync(IEnumerable<string> originalSha256, CancellationToken ct = default)
    {
        var hashes = originalSha256.ToList();
        return db.PublicExpenseCopies.AsNoTracking().Where(c => hashes.Contains(c.OriginalSha256)).Select(c => c.OriginalSha256).ToListAsync(ct);
    }
}
