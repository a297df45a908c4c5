using ChildAid.Shared.Hosting;
using ChildAid.BackOffice.Receipts;
using ChildAid.BackOffice.Security;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Ledger;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChildAid.BackOffice.Pages.Contributions;

/// <summary>The receipt (phiếu thu) to print and hand to the donor: A5 by default, A4 with <c>?kho=A4</c>. Never the internal note.</summary>
public class ReceiptModel(ContributionQueries queries, IAuthorizationService authorization, ReceiptIssues issues, ReceiptPdfFiles pdfs,
    IOptions<PublicSiteLinkOptions> publicSite) : PageModel
{
    /// <summary>"khổ" (paper size): A5 unless A4.</summary>
    [BindProperty(SupportsGet = true, Name = "kho")] public string? Kho { get; set; }

    public bool A4 => string.Equals(Kho, "A4", StringComparison.OrdinalIgnoreCase);
    /// <summary>The words the receipt was issued with (its first print): payer, purpose, organisation, who made it out.</summary>
    public ReceiptIssue Issued { get; private set; } = null!;
    public ContributionDetails Details { get; private set; } = null!;
    public Contribution Receipt => Details.Contribution;
    /// <summary>This receipt's lines on the public statement; the QR code says the same.</summary>
    public string StatementUrl { get; private set; } = "";
    public string QrCode { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(id, ct);
        if (details is null) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, details.Contribution.AdminUnitId, Policies.CoversUnit)).Succeeded) return Forbid();
        Details = details;
        Issued = await issues.IssueAsync(details, ct);
        StatementUrl = PublicStatementLinks.EntryUrl(publicSite.Value.BaseUrl, details.Contribution.ReceiptNumber);
        QrCode = ChildAid.Shared.Text.QrSvg.Render(StatementUrl, "receipt-qr-code", Localization.StaffText.T("Mã QR đến phiếu thu {0} trên sao kê công khai", details.Contribution.ReceiptNumber));
        return Page();
    }

    /// <summary>The same receipt as a PDF (A5), for the donor's file or a mail attachment; same permission as the page.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int id, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(id, ct);
        if (details is null) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, details.Contribution.AdminUnitId, Policies.CoversUnit)).Succeeded) return Forbid();
        return File(await pdfs.RenderAsync(details, ct), "application/pdf", ReceiptPdf.FileName(details.Contribution));
    }

    /// <summary>The purpose in the staff member's language, with the campaign's title as the receipt was issued.</summary>
    public string Purpose => Issued.CampaignTitle is { } title
        ? Localization.StaffText.T("Ủng hộ chiến dịch “{0}”", title)
        : Localization.StaffText.T("Ủng hộ chung, không chỉ định chiến dịch");
}
