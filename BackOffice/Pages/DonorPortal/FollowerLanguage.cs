using System.Globalization;
using ChildAid.Shared.CampaignUpdates;
using Microsoft.AspNetCore.Localization;

namespace ChildAid.BackOffice.Pages.DonorPortal;

/// <summary>
/// The follow and unsubscribe pages speak the follower's language (English for donors abroad) unless the visitor
/// chose one with the language link (its cookie wins). The page words come from BackOffice's resources.
/// </summary>
public static class FollowerLanguage
{
    public static void Apply(HttpContext http, CampaignFollower? follower)
    {
        if (follower?.Culture == "en" && !http.Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName))
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }

    /// <summary>The donor layout's own words in the page's language.</summary>
    public static DonorPageText LayoutText => new(ChildAid.Shared.Localization.Cultures.IsEnglish);
}
