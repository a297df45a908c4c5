using ChildAid.Shared.PublicNeeds;

namespace ChildAid.PublicSite.Giving;

/// <summary>
/// Where every "Ủng hộ" button leads: the pledge form, with the campaign — or the need line, from the needs list —
/// already chosen. "Cách ủng hộ" (<see cref="HowToGive"/>) keeps the general transfer details, cash and goods.
/// </summary>
public static class GiveLink
{
    public const string Page = "/ung-ho";
    public const string HowToGive = "/cach-ung-ho";

    public static string For(string? campaignSlug) =>
        campaignSlug is null ? Page : Page + "?chien-dich=" + Uri.EscapeDataString(campaignSlug);

    /// <summary>
    /// "Give to this need": the form names the line (<see cref="PublicNeedReference"/>) and finds its commune's campaign.
    /// A "&lt; 5" row names nothing that can be found again, so it leads to the commune's campaign (or to the form).
    /// </summary>
    public static string ForNeed(PublicNeed need, string? campaignSlug) =>
        need.Suppressed ? For(campaignSlug) : Page + "?nhu-cau=" + Uri.EscapeDataString(PublicNeedReference.Of(need));
}
