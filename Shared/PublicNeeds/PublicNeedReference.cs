namespace ChildAid.Shared.PublicNeeds;

/// <summary>
/// How a pledge names the need line it is for ("23535-2026-AO-KHOAC-Age6To8-T12"): commune code, year, item (or category),
/// size band and school — the row's own dimensions, not its id, because a new approval rebuilds the rows with new ids while
/// a pledge keeps its reference for ever. Staff read it as it is; PublicSite finds the row again with
/// <see cref="PublicNeedsQuery.NeedAsync"/>.
/// </summary>
public static class PublicNeedReference
{
    /// <summary>The intake column's length (<c>pledge_intake.need_reference</c>).</summary>
    public const int MaxLength = 80;

    public static string Of(PublicNeed n) =>
        $"{n.CommuneCode}-{n.Year}-{n.ItemCode ?? n.Category?.ToString() ?? "Other"}"
        + (n.SizeBand is { } band ? "-" + band : "")
        + (n.SchoolId is { } school ? "-T" + school.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");

    /// <summary>
    /// SQL LIKE patterns that match the references of a category's needs: "{commune}-{year}-{token}", then optionally a size band
    /// and a school ("-Age6To8", "-T12"), where the token is one of the category's item codes or, for a child's line (and a line
    /// whose fine reference is too long), the category's own name (<see cref="Allocations.NeedPlace.Reference"/>). Commune codes
    /// hold no '-' and years are four digits, so "-____-" is where the token starts. A code followed by '-' also matches a longer
    /// code that starts with it ("milk" and "milk-powder"): item codes of different categories are never prefixes of one another
    /// in the catalogue (a test checks it); codes hold letters, digits and '-', never a LIKE wildcard.
    /// </summary>
    public static IReadOnlyList<string> CategoryPatterns(Needs.NeedCategory category, IEnumerable<string> itemCodes) =>
        [.. itemCodes.Append(category.ToString()).Distinct(StringComparer.Ordinal).SelectMany(token => new[] { $"%-____-{token}", $"%-____-{token}-%" })];

    /// <summary>
    /// The category a reference names: its token after commune and year, an item code of <paramref name="categoryOfItem"/> or a
    /// category's name; null when neither.
    /// </summary>
    public static Needs.NeedCategory? CategoryOf(string? reference, IReadOnlyDictionary<string, Needs.NeedCategory> categoryOfItem)
    {
        if (Parse(reference) is null) return null;
        var rest = reference!.Split('-', 3)[2];
        // The longest item code the rest starts with (followed by its end or '-'), so "milk-powder" is not read as "milk".
        var code = categoryOfItem.Keys.Where(c => rest == c || rest.StartsWith(c + "-", StringComparison.Ordinal)).MaxBy(c => c.Length);
        if (code is not null) return categoryOfItem[code];
        var token = rest.Split('-')[0];
        return Enum.TryParse<Needs.NeedCategory>(token, ignoreCase: false, out var category) && Enum.IsDefined(category) && !int.TryParse(token, out _) ? category : null;
    }

    /// <summary>The school a reference names ("-T12" at its end), or null.</summary>
    public static int? SchoolOf(string? reference)
    {
        if (Parse(reference) is null) return null;
        var at = reference!.LastIndexOf("-T", StringComparison.Ordinal);
        return at > 0 && int.TryParse(reference.AsSpan(at + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id : null;
    }

    /// <summary>The commune code and year a reference starts with, or null when it does not have a reference's shape.</summary>
    public static (string CommuneCode, int Year)? Parse(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > MaxLength) return null;
        var parts = reference.Split('-', 3);
        if (parts.Length < 3 || parts[0].Length is 0 or > 20 || !parts[0].All(char.IsAsciiLetterOrDigit)) return null;
        return int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            ? (parts[0], year) : null;
    }
}
