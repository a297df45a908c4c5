using System.Text.RegularExpressions;

namespace ChildAid.Shared.Content;

/// <summary>
/// Rules of redirects, kept apart from the database so they read (and are tested) as rules: what a public path looks
/// like, and what adding "from → to" does to the redirects already there. There are never chains (a → b → c becomes
/// a → c and b → c) and never loops (a → b while b → a is refused, or, when b goes public again, replaces it).
/// </summary>
public static partial class ContentRedirectRules
{
    /// <summary>A site path: starts with "/", no spaces, no "//", no "..", no query or fragment. Null when fine, else why not.</summary>
    public static string? PathProblem(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "Vui lòng nhập đường dẫn (bắt đầu bằng /).";
        if (path.Length > ContentItem.PathLength) return $"Đường dẫn tối đa {ContentItem.PathLength} ký tự.";
        if (!PathShape().IsMatch(path) || path.Contains("//", StringComparison.Ordinal) || path.Contains("/../", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal))
            return "Đường dẫn phải bắt đầu bằng / và chỉ gồm chữ không dấu, chữ số, dấu gạch ngang, gạch dưới, chấm và /, ví dụ /tin-tuc/ao-am.";
        return null;
    }

    /// <summary>The change to make when <paramref name="from"/> should now lead to <paramref name="to"/>.</summary>
    /// <param name="existing">Every redirect now: from path → to path.</param>
    /// <returns>Refusal (Vietnamese) or the redirects to point elsewhere (FromPath → new ToPath) and the ones to delete.</returns>
    public static RedirectPlan Plan(IReadOnlyDictionary<string, string> existing, string from, string to)
    {
        if (string.Equals(from, to, StringComparison.Ordinal)) return RedirectPlan.Refused("Đường dẫn cũ và mới trùng nhau.");
        // Where "to" ends up today: following it keeps the new redirect one hop long.
        var final = to;
        var seen = new HashSet<string>(StringComparer.Ordinal) { to };
        while (existing.TryGetValue(final, out var next))
        {
            if (string.Equals(next, from, StringComparison.Ordinal))
                return RedirectPlan.Refused($"Tạo vòng lặp: {to} đang chuyển về {from}.");
            if (!seen.Add(next)) return RedirectPlan.Refused($"Tạo vòng lặp: {to} đang nằm trong một vòng chuyển hướng.");
            final = next;
        }
        if (string.Equals(final, from, StringComparison.Ordinal)) return RedirectPlan.Refused($"Tạo vòng lặp: {to} đang chuyển về {from}.");
        // Those that led to "from" now lead straight to the end.
        var repoint = existing.Where(r => string.Equals(r.Value, from, StringComparison.Ordinal))
            .ToDictionary(r => r.Key, _ => final, StringComparer.Ordinal);
        return new RedirectPlan(null, final, repoint);
    }

    [GeneratedRegex("^/[A-Za-z0-9._~/-]*$")]
    private static partial Regex PathShape();
}

/// <param name="Refusal">Why it cannot be done, or null.</param>
/// <param name="Target">Where the new redirect should point (the end of any chain).</param>
/// <param name="Repoint">Existing redirects (from path) that must now point to <paramref name="Target"/>.</param>
public sealed record RedirectPlan(string? Refusal, string Target, IReadOnlyDictionary<string, string> Repoint)
{
    public static RedirectPlan Refused(string why) => new(why, "", new Dictionary<string, string>());
}
