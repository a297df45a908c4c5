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
