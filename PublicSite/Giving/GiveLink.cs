namespace ChildAid.PublicSite.Giving;

/// <summary>
/// Where every "Ủng hộ" button leads. Until pledging lands it is the "how to give" page, told the campaign so it can
/// show the transfer note that files the gift under it; pledging will replace this one method.
/// </summary>
public static class GiveLink
{
    public const string Page = "/cach-ung-ho";

    public static string For(string? campaignSlug) =>
        campaignSlug is null ? Page : Page + "?chien-dich=" + Uri.EscapeDataString(campaignSlug);
}
