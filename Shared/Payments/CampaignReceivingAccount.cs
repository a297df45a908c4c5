namespace ChildAid.Shared.Payments;

/// <summary>
/// The view <c>public_receiving_accounts</c>: what PublicSite may know of the accounts in <c>bank_accounts</c> — a
/// campaign's receiving account (Decree 93 allows one per campaign), the fields a donor types into a banking app and
/// nothing else (no unit, statement mapping or history). When several accounts name one campaign, the first created
/// counts; BackOffice's mail applies the same rule (<see cref="BankStatements.BankAccount"/>, lowest id).
/// </summary>
public class CampaignReceivingAccount
{
    public const string View = "public_receiving_accounts";

    public int CampaignId { get; set; }
    public string CampaignSlug { get; set; } = "";
    public string BankBin { get; set; } = "";
    public string BankName { get; set; } = "";
    public string AccountNumber { get; set; } = "";
    public string AccountName { get; set; } = "";

    /// <summary>The account in the shape the pages and the mail already print (no branch: the view does not hold one).</summary>
    public GivingAccountOptions AsGivingAccount() =>
        new() { BankBin = BankBin, BankName = BankName, AccountNumber = AccountNumber, AccountName = AccountName };
}
