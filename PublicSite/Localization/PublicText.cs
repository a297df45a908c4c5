using ChildAid.Shared.Localization;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Text;
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

    /// <summary>"Trường TH-THCS Ia Đal, Xã Ia Đal": where a statement line is about (its unit; the school its need names).</summary>
    public static string Place(StatementLine line) =>
        line.SchoolName is { } school && line.UnitName is { } unit ? $"{school}, {unit}" : line.UnitName ?? line.UnitCode ?? "—";

    /// <summary>"Đồ ấm: 120 chiếc Áo ấm mùa đông (6–8 tuổi)": the need's category and, for goods and services, what and how many.</summary>
    public static string Subject(StatementLine line, IStringLocalizer t)
    {
        var category = line.Category is { } c ? t[Shared.Needs.NeedLabels.Categories[c]].Value : null;
        string? what = null;
        if (line.Quantity is { } quantity && line.Item is { } item)
        {
            // "40 suất ăn trưa", not "40 suất Suất ăn trưa": an item named by its unit reads as the ledger's own description does.
            var unit = line.UnitOfMeasure;
            var named = !string.IsNullOrEmpty(unit) && item.StartsWith(unit, StringComparison.CurrentCultureIgnoreCase)
                ? char.ToLower(item[0], VietnameseFormat.Culture) + item[1..] : null;
            what = string.Join(' ', new[] { quantity.ToString("#,0.###", VietnameseFormat.Culture), named is null ? unit : null, named ?? item }.Where(p => !string.IsNullOrEmpty(p)));
        }
        return (category, what) switch
        {
            ({ } a, { } b) => $"{a}: {b}",
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => "—",
        };
    }
}
