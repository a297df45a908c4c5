using ChildAid.Shared.Contributions;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Mail;
using Microsoft.Extensions.Options;

namespace ChildAid.BackOffice.Receipts;

/// <summary>
/// Draws a receipt's PDF: by its number for the system (the receipt mail's attachment, the donor's own download), or from
/// details staff have read through their scope. Always with the words the receipt was issued with (<see cref="ReceiptIssues"/>).
/// </summary>
public sealed class ReceiptPdfFiles(ContributionQueries queries, ReceiptIssues issues, IOptions<PublicSiteLinkOptions> site) : ReceiptPdfSource
{
    public override async Task<byte[]?> RenderAsync(string receiptNumber, CancellationToken ct) =>
        await queries.DetailsForSystemAsync(receiptNumber, ct) is { } details ? await RenderAsync(details, ct) : null;

    public async Task<byte[]> RenderAsync(ContributionDetails details, CancellationToken ct) =>
        ReceiptPdf.Render(details.Contribution, await issues.IssueAsync(details, ct), ReceiptPdf.VerifyUrl(details.Contribution, site.Value));
}
