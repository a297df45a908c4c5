namespace ChildAid.Shared.Payments;

/// <summary>
/// The account donors transfer to (section <c>PublicSite:Giving</c>, read by both sites): PublicSite shows it on
/// "Cách ủng hộ" and the pledge pages, BackOffice prints it in the pledge confirmation mail. One section, so the mail
/// and the page can never name different accounts. Empty by default: a site never shows an account nobody configured
/// (a made-up number would send real money astray). A campaign with its own account in <c>bank_accounts</c> (Decree 93)
/// overrides it for that campaign's pledges (<see cref="For"/>).
/// </summary>
public sealed class GivingAccountOptions
{
    public const string Section = "PublicSite:Giving";

    public string BankName { get; set; } = "";
    public string AccountNumber { get; set; } = "";
    public string AccountName { get; set; } = "";
    public string Branch { get; set; } = "";
    /// <summary>The bank's 6-digit NAPAS BIN (e.g. 970422): with it a VietQR code is made for the account.</summary>
    public string BankBin { get; set; } = "";

    public bool HasAccount => AccountNumber.Length > 0 && AccountName.Length > 0 && BankName.Length > 0;

    public VietQrAccount QrAccount => new(BankBin, AccountNumber, AccountName, BankName);

    /// <summary>The account a pledge to a campaign is paid into: the campaign's own when it has one, else this one.</summary>
    public GivingAccountOptions For(CampaignReceivingAccount? campaignAccount) => campaignAccount?.AsGivingAccount() ?? this;
}
