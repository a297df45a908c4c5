namespace ChildAid.Shared.Mail;

// The model each kind of mail is rendered from. Callers may pass these records or any object with the same
// property names (it is read through JSON), so a caller's own view of the data fits without a mapping class.
// Amounts are whole đồng.

/// <summary>
/// After a pledge: how to pay by transfer (the QR as an inline PNG, and everything printed for people who type), and the goods
/// pledged, one line each ("300 chiếc Áo ấm, cỡ 6–8 tuổi — giao trước 15/12"). Amount 0: goods alone, nothing to transfer.
/// </summary>
public sealed record PledgeConfirmationMail(
    string DonorName, string Reference, long AmountVnd, string? CampaignTitle,
    string BankName, string AccountNumber, string AccountName, string TransferMessage,
    byte[]? QrPng = null, string? StatusUrl = null, string? DonorPageUrl = null, IReadOnlyList<string>? Goods = null);

/// <summary>
/// The receipt, with its PDF attached: the bytes given in <paramref name="Pdf"/>, or, with
/// <paramref name="PdfWhenSent"/>, drawn by BackOffice when the mail is sent.
/// </summary>
public sealed record ReceiptMail(
    string DonorName, string ReceiptNumber, long AmountVnd, DateOnly ReceivedOn, string? CampaignTitle,
    byte[]? Pdf = null, string? VerifyUrl = null, bool PdfWhenSent = false, string? DonorPageUrl = null);

public sealed record ThankYouMail(string DonorName, long AmountVnd, string? CampaignTitle, string? CampaignUrl = null);

/// <summary>
/// To the staff member who proposed an advance whose invoice is not filed: <paramref name="DaysLate"/> days after its
/// payment date, with the first day they can make no new disbursement (<paramref name="BlockedFrom"/>) and a link to file it.
/// </summary>
public sealed record AdvanceInvoiceReminderMail(
    string StaffName, int ExpenseId, string SupplierName, long AmountVnd, DateOnly PaymentDate, int DaysLate, DateOnly BlockedFrom, string ExpenseUrl);

/// <summary>Before an instalment falls due, with a link to pay it.</summary>
public sealed record InstalmentReminderMail(
    string DonorName, string Reference, long AmountVnd, DateOnly DueOn, string PayUrl, string? CampaignTitle = null,
    string? DonorPageUrl = null);

/// <summary>Before the day a business's pledged goods are to arrive by, with what is still missing (lines in words) and its pledge page.</summary>
public sealed record GoodsDeliveryReminderMail(
    string DonorName, string Reference, DateOnly DeliverBy, IReadOnlyList<string> Missing, string PledgeUrl, string? CampaignTitle = null,
    string? DonorPageUrl = null);

/// <summary>A story published on a campaign the donor follows; always carries its one-click unsubscribe link.</summary>
public sealed record CampaignUpdateMail(
    string DonorName, string CampaignTitle, string StoryTitle, string? StorySummary, string StoryUrl, string UnsubscribeUrl);


/// <summary>Double opt-in: "is it you who asked for this campaign's news?", with the confirm link.</summary>
public sealed record FollowConfirmationMail(string? Name, string CampaignTitle, string ConfirmUrl);
