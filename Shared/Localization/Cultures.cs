using System.Globalization;

namespace ChildAid.Shared.Localization;

/// <summary>The two languages of both sites: Vietnamese (default, the resource keys) and English.</summary>
public static class Cultures
{
    public const string Vietnamese = "vi";
    public const string English = "en";
    public static readonly string[] All = [Vietnamese, English];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English;

    /// <summary>
    /// A stored text with an optional English variant (campaign and story titles, summaries) as an English reader sees
    /// it: the English text when there is one, else the Vietnamese.
    /// </summary>
    public static string Pick(string vietnamese, string? english, bool inEnglish) =>
        inEnglish && !string.IsNullOrWhiteSpace(english) ? english : vietnamese;

    /// <summary><see cref="Pick(string, string?, bool)"/> in the request's language.</summary>
    public static string Pick(string vietnamese, string? english) => Pick(vietnamese, english, IsEnglish);
}
