using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ChildAid.BackOffice.Localization;

/// <summary>
/// Services and entities speak Vietnamese (their messages are the resource keys, as PublicSite's pledge form does);
/// once a handler has run, every message it put next to a field or at the top of the form is read in the staff
/// member's language. One place, so no page has to remember it; a message without an English entry stays Vietnamese.
/// </summary>
public sealed class TranslateModelErrors(IStringLocalizer<SharedResource> localizer) : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context) { }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        if (!Shared.Localization.Cultures.IsEnglish) return;
        foreach (var (_, entry) in context.ModelState)
        {
            if (entry.Errors.Count == 0) continue;
            var translated = entry.Errors.Select(e => e.Exception is null ? new ModelError(Translate(e.ErrorMessage)) : e).ToList();
            entry.Errors.Clear();
            foreach (var error in translated) entry.Errors.Add(error);
        }
    }

    /// <summary>
    /// The message's English entry; for a message a service built with values in it ("Đường dẫn /a đã được … dùng."),
    /// the entry whose key has placeholders in those places ("Đường dẫn {0} đã được … dùng."), values carried over
    /// (a value that is itself a key, such as a field's name, in English too).
    /// </summary>
    private string Translate(string message)
    {
        var exact = localizer[message];
        if (!exact.ResourceNotFound) return exact.Value;
        foreach (var template in Templates.Value)
        {
            var match = template.Pattern.Match(message);
            if (match.Success)
                return string.Format(CultureInfo.CurrentCulture, template.English, [.. match.Groups.Cast<Group>().Skip(1).Select(g => (object)localizer[g.Value].Value)]);
        }
        return message;
    }

    private sealed record Template(Regex Pattern, string English);

    private static readonly Regex Placeholder = new("\\{(\\d+)\\}", RegexOptions.None, TimeSpan.FromMilliseconds(50));

    private static readonly Lazy<IReadOnlyList<Template>> Templates = new(() =>
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Shared.Localization.Cultures.English);
            return StaffText.Localizer.GetAllStrings(includeParentCultures: false)
                .Where(s => Placeholder.IsMatch(s.Name))
                .Select(s => new Template(new Regex("^" + Placeholder.Replace(Regex.Escape(s.Name).Replace("\\{", "{", StringComparison.Ordinal), "(.+?)") + "$",
                    RegexOptions.Singleline, TimeSpan.FromMilliseconds(50)), Renumber(s.Name, s.Value)))
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
