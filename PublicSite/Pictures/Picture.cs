using ChildAid.Shared.Localization;

namespace ChildAid.PublicSite.Pictures;

/// <summary>
/// A picture served in several widths, for <c>&lt;img srcset&gt;</c>: card pictures are 4:3 at 480 and 960 px, heroes
/// 16:9 at 480, 960 and 1600 px (a picture without a hero crop uses its card crop). The browser picks the width its screen
/// needs, so a cheap phone on 3G downloads the 480 px file (about 15 KB).
/// </summary>
public sealed record Picture(string Name, string AltVi, string AltEn, bool HasHero)
{
    public const int CardWidth = 480;
    public const int CardHeight = 360;

    public string Alt => Cultures.IsEnglish ? AltEn : AltVi;

    public string CardSrc => File($"{Name}-480.jpg");
    public string CardSrcset => $"{File($"{Name}-480.jpg")} 480w, {File($"{Name}-960.jpg")} 960w";

    public string HeroSrc => HasHero ? File($"{Name}-hero-960.jpg") : CardSrc;
    public string HeroSrcset => HasHero
        ? $"{File($"{Name}-hero-480.jpg")} 480w, {File($"{Name}-hero-960.jpg")} 960w, {File($"{Name}-hero-1600.jpg")} 1600w"
        : CardSrcset;
    public const int HeroWidth = 960;
    public int HeroHeight => HasHero ? 540 : 720;

    private static string File(string name) => DemoPictures.RequestPath + "/" + name;
}
