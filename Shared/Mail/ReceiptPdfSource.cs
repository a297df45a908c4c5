namespace ChildAid.Shared.Mail;

/// <summary>
/// Draws a receipt's PDF for a mail as it is sent (<see cref="MailAttachment.ReceiptNumber"/>). The PDF is drawn in
/// BackOffice, where PDFsharp and the embedded font live, so BackOffice registers the one implementation (scoped);
/// Shared cannot reference it. A node without one leaves such mails waiting with the reason.
/// </summary>
public abstract class ReceiptPdfSource
{
    /// <returns>The PDF, or null when there is no receipt with that number.</returns>
    public abstract Task<byte[]?> RenderAsync(string receiptNumber, CancellationToken ct);
}
