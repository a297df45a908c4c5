using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildAid.BackOffice.Receipts;

/// <summary>
/// Issues a receipt once: the first print, PDF or mail attachment records the words it carries (<see cref="ReceiptIssue"/>),
/// and every later one shows the same, whatever was edited since (the donor's name or address, the campaign's title, the
/// organisation's details). Both the HTML slip and the PDF read the issue, so they agree.
/// </summary>
public sealed class ReceiptIssues(ChildAidDbContext db, IOptions<ReceiptIssuerOptions> issuer, TimeProvider clock)
{
    public async Task<ReceiptIssue> IssueAsync(ContributionDetails details, CancellationToken ct)
    {
        var c = details.Contribution;
        if (await FindAsync(c.ReceiptNumber, ct) is { } issued) return issued;
        var donor = c.Donor!;
        var now = new ReceiptIssue
        {
            ReceiptNumber = c.ReceiptNumber,
            IssuedAt = clock.GetUtcNow().UtcDateTime,
            PayerName = donor.Name,
            // A business or organisation needs its tax code and address on the receipt for its books; a person's stay off it.
            PayerTaxCode = donor.Kind != Shared.Donors.DonorKind.Person ? donor.TaxCode : null,
            PayerAddress = donor.Kind != Shared.Donors.DonorKind.Person ? donor.Address : null,
            CampaignTitle = c.Campaign?.Title,
            ReceivingUnit = c.AdminUnit?.Name ?? "",
            IssuerName = issuer.Value.Name,
            IssuerAddress = issuer.Value.Address,
            IssuerTaxCode = issuer.Value.TaxCode,
            IssuerPhone = string.IsNullOrWhiteSpace(issuer.Value.Phone) ? null : issuer.Value.Phone,
            RecordedBy = details.RecordedBy,
        };
        db.ReceiptIssues.Add(now);
        try
        {
            await db.SaveChangesAsync(ct);
            return now;
        }
        catch (DbUpdateException)
        {
            // Issued at the same moment elsewhere (the mail worker and a download): the first one stands.
            db.Entry(now).State = EntityState.Detached;
            return await FindAsync(c.ReceiptNumber, ct) ?? throw new InvalidOperationException($"Receipt {c.ReceiptNumber} could not be issued.");
        }
    }

    private Task<ReceiptIssue?> FindAsync(string receiptNumber, CancellationToken ct) =>
        db.ReceiptIssues.AsNoTracking().FirstOrDefaultAsync(i => i.ReceiptNumber == receiptNumber, ct);
}
