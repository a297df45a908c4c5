using System.Net;
using System.Text.RegularExpressions;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.BackOffice.Localization;

/// <summary>What "this page reads in English" means to the tests, and the pages not translated yet.</summary>
public static partial class EnglishPages
{
    /// <summary>
    /// Pages still in Vietnamese only, by page path. It may only shrink: a page here that reads in English fails the
    /// test until it is taken off, and a page not here (a new one included) fails as soon as it shows Vietnamese text.
    /// </summary>
    public static readonly HashSet<string> NotTranslatedYet =
    [
    ];

    /// <summary>Switches the client to English through the language link, as a staff member does.</summary>
    public static async Task SwitchToEnglishAsync(StaffClient client)
    {
        var response = await client.Http.GetAsync("/ngon-ngu/en?returnUrl=%2F");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>
    /// Every text value stored in the database (names, titles, units, reasons…): user data, which stays in the language
    /// it was typed in, and is taken out of a page before looking for Vietnamese words.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DataValuesAsync(ChildAidDbContext db)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        var set = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !t.HasSharedClrType))
        {
            var texts = type.GetProperties().Where(p => p.ClrType == typeof(string) && p.PropertyInfo is not null).ToList();
            if (texts.Count == 0) continue;
            var rows = await ((IQueryable<object>)set.MakeGenericMethod(type.ClrType).Invoke(db, null)!).AsNoTracking().ToListAsync();
            foreach (var row in rows)
                foreach (var text in texts)
                    if (text.PropertyInfo!.GetValue(row) is string { Length: > 0 } value) values.Add(value.Trim());
        }
        return values.OrderByDescending(v => v.Length).ToList();
    }

    /// <summary>
    /// The Vietnamese words a reader would see on <paramref name="html"/> (text, titles, labels for screen readers), once
    /// the data values are taken out; empty when the page reads in English. "Tiếng Việt" is the language link itself.
    /// </summary>
    public static IReadOnlyList<string> VietnameseWords(string html, IReadOnlyList<string> data)
    {
        var text = Hidden().Replace(html, " ");
        text = Attribute().Replace(text, m => " " + m.Groups[2].Value + " ");
        text = Tag().Replace(text, " ");
        text = WebUtility.HtmlDecode(text);
        foreach (var value in data) text = text.Replace(value, " ", StringComparison.Ordinal);
        text = text.Replace("Tiếng Việt", " ", StringComparison.Ordinal);
        return Word().Matches(text).Select(m => m.Value).Where(w => VietnameseLetter().IsMatch(w)).Distinct().ToList();
    }

    /// <summary>Context around the first Vietnamese words, for the failure message.</summary>
    public static string Describe(IReadOnlyList<string> words) => string.Join(" ", words.Take(12));

    [GeneratedRegex("<(script|style|textarea)\\b.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    // What screen readers and tooltips say counts as text too.
    [GeneratedRegex("\\b(aria-label|title|placeholder|alt)=\"([^\"]*)\"")]
    private static partial Regex Attribute();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("[\\p{L}\\p{M}]+")]
    private static partial Regex Word();

    // Letters English never uses: ă â đ ê ô ơ ư and the tone marks (precomposed or combining).
    [GeneratedRegex("[ăâđêôơưĂÂĐÊÔƠƯàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵÀÁẢÃẠÈÉẺẼẸÌÍỈĨỊÒÓỎÕỌÙÚỦŨỤỲÝỶỸỴ\\u1EA0-\\u1EF9\\u0300\\u0301\\u0303\\u0309\\u0323]")]
    private static partial Regex VietnameseLetter();
}
