using System.Globalization;
using System.Text.RegularExpressions;
using ChildAid.Shared.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChildAid.BackOffice.Localization;

/// <summary>
/// The staff site's UI strings for code without a request's services: the static <see cref="Labels"/> tables and the
/// model binder's messages. The very same resource as the IStringLocalizer&lt;SharedResource&gt; pages inject, read in
/// the request's UI culture (set by SiteLocalization before any page runs).
/// </summary>
public static class StaffText
{
    public static readonly IStringLocalizer Localizer =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = SiteLocalization.ResourcesPath }), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));

    /// <summary>The audit trail's words (<see cref="AuditResource"/>), read the same way.</summary>
    public static readonly IStringLocalizer Audit =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = SiteLocalization.ResourcesPath }), NullLoggerFactory.Instance)
            .Create(typeof(AuditResource));

    public static string T(string vietnamese) => Localizer[vietnamese];

    public static string T(string vietnamese, params object[] arguments) => Localizer[vietnamese, arguments];

    /// <summary>
    /// A message a service built, in the staff member's language: its English entry; for a message with values in it
    /// ("Dòng 7: số tiền …", built from the format key "Dòng {0}: số tiền …"), the entry whose key has placeholders in
    /// those places, values carried over (a value that is itself a key, such as a field's name, in English too).
    /// Shared code keeps speaking Vietnamese; pages read its messages through this (TranslateModelErrors does for
    /// every message next to a field). A message without an English entry stays as it is.
    /// </summary>
    public static string Message(string message)
    {
        if (!Cultures.IsEnglish) return message;
        var exact = Localizer[message];
        if (!exact.ResourceNotFound) return exact.Value;
        foreach (var template in Templates.Value)
        {
            var match = template.Pattern.Match(message);
            if (match.Success)
                return string.Format(CultureInfo.CurrentCulture, template.English, [.. match.Groups.Cast<Group>().Skip(1).Select(g => (object)Localizer[g.Value].Value)]);
        }
        return message;
    }

    private sealed record Template(Regex Pattern, string English, int Literal);

    private static readonly Regex Placeholder = new("\\{(\\d+)\\}", RegexOptions.None, TimeSpan.FromMilliseconds(50));

    // The most specific key first (the most fixed text), so "{0}: {1}" never swallows "Dòng {0}: {1}".
    private static readonly Lazy<IReadOnlyList<Template>> Templates = new(() =>
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Cultures.English);
            return Localizer.GetAllStrings(includeParentCultures: false)
                .Where(s => Placeholder.IsMatch(s.Name))
                .Select(s => new Template(new Regex("^" + Placeholder.Replace(Regex.Escape(s.Name).Replace("\\{", "{", StringComparison.Ordinal), "(.+?)") + "$",
                    RegexOptions.Singleline, TimeSpan.FromMilliseconds(50)), Renumber(s.Name, s.Value), Placeholder.Replace(s.Name, "").Length))
                .OrderByDescending(t => t.Literal)
                .ToList();
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    });

    /// <summary>The key's placeholders in the order they appear become 0, 1, 2… (the order of the pattern's groups).</summary>
    private static string Renumber(string key, string english)
    {
        var order = Placeholder.Matches(key).Select(m => m.Groups[1].Value).ToList();
        return Placeholder.Replace(english, m => "{" + order.IndexOf(m.Groups[1].Value).ToString(CultureInfo.InvariantCulture) + "}");
    }
}
