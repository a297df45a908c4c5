using ChildAid.Shared.Contributions;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Mail;
using Microsoft.Extensions.Options;

namespace ChildAid.BackOffice.Receipts;

/// <summary>Draws a receipt's PDF by its number for the system: the receipt mail's attachment, the donor's own download.</summary>
public sealed class ReceiptPdfFiles(ContributionQueries queries, IOptions<ReceiptIssuerOptions> issuer, IOptions<PublicSiteLinkOptions> site) : ReceiptPdfSource
{
    public override async Task<byte[]?> RenderAsync(string receiptNumber, CancellationToken ct) =>
        await queries.DetailsForSystemAsync(receiptNumber, ct) is { } details
            ? ReceiptPdf.Render(details.Contribution, issuer.Value, details.RecordedBy, ReceiptPdf.VerifyUrl(details.Contribution, site.Value))
            : null;
}
