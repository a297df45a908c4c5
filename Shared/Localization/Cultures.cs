using System.Globalization;

namespace ChildAid.Shared.Localization;

/// <summary>The two languages of both sites: Vietnamese (default, the resource keys) and English.</summary>
public static class Cultures
{
    public const string Vietnamese = "vi";
    public const string English = "en";
    public static readonly string[] All = [Vietnamese, English];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English;
}
