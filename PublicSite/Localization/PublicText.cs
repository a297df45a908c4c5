using ChildAid.Shared.Localization;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Ledger;
using Microsoft.Extensions.Localization;

namespace ChildAid.PublicSite.Localization;

/// <summary>How public data reads in the reader's language. Names are never translated; "anonymous" and titles are.</summary>
public static class PublicText
{
    public const string AnonymousDonor = "Nhà hảo tâm ẩn danh";

    /// <summary>An empty display name means the donor chose not to be named.</summary>
    public static string DonorName(string? displayName, IStringLocalizer t) =>
        string.IsNullOrWhiteSpace(displayName) ? t[AnonymousDonor] : displayName.Trim();

    public static string Title(CampaignProgress c) => Cultures.Pick(c.Title, c.TitleEn);

    public static string Title(CampaignName c) => Cultures.Pick(c.Title, c.TitleEn);

    public static string Summary(CampaignProgress c) => Cultures.Pick(c.Summary, c.SummaryEn);

    public static string? CampaignTitle(StatementLine line) => line.CampaignTitle is null ? null : Cultures.Pick(line.CampaignTitle, line.CampaignTitleEn);
}
