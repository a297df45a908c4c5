namespace ChildAid.Shared.Pledges;

/// <summary>BackOffice's handling of pledges (section <c>Pledges</c>).</summary>
public sealed class PledgeOptions
{
    public const string Section = "Pledges";

    /// <summary>
    /// The official code of the unit that receives online pledges: new donors are registered there and its staff see
    /// the pledges (a campaign belongs to no unit). `run` fills in the demo district; without it intake rows wait.
    /// </summary>
    public string? ReceivingUnitCode { get; set; }

    /// <summary>How often BackOffice looks for new intake rows.</summary>
    public int ProcessorIntervalSeconds { get; set; } = 10;

    /// <summary>How many days before an instalment falls due its reminder is mailed.</summary>
    public int ReminderDaysBefore { get; set; } = 7;

    /// <summary>How often BackOffice looks for instalments to remind of.</summary>
    public int ReminderIntervalMinutes { get; set; } = 60;

    /// <summary>Where PublicSite answers (from <c>PublicSite:BaseUrl</c>): the pledge page linked from mails.</summary>
    public string PublicSiteBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The donor's own pledge page on PublicSite: QR, transfer details, status (also the "pay" link of mails).</summary>
    public string PledgePageUrl(string reference) => PublicSiteBaseUrl.TrimEnd('/') + PledgePagePath(reference);

    public static string PledgePagePath(string reference) => "/ung-ho/cam-ket/" + Uri.EscapeDataString(reference);
}
