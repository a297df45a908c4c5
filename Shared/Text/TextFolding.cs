using System.Globalization;
using System.Text;

namespace ChildAid.Shared.Text;

/// <summary>
/// Folds Vietnamese text for search: lower case, no diacritics, đ → d, collapsed spaces,
/// so that "nguyen van an" finds "Nguyễn Văn An". Stored folded columns use the same function
/// as the query, which keeps SQLite and PostgreSQL behaving alike (no collation tricks).
/// </summary>
public static class TextFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var folded = c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            };
            if (char.IsWhiteSpace(folded))
            {
                if (!lastWasSpace && sb.Length > 0) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            sb.Append(folded);
            lastWasSpace = false;
        }
        return sb.ToString().TrimEnd();
    }
}
