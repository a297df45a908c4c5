using System.Globalization;
using System.Text;

namespace ChildAid.Shared.Validation;

/// <summary>
/// The one rule for every name a person types for a person or an organisation (donor, company, staff display
/// name…). Besides empty-after-trimming and the column's length, it refuses characters that are invisible or
/// change how the text around them is shown: Unicode format characters (category Cf — zero-width spaces and
/// joiners U+200B–200D, bidirectional controls U+200E/F, U+202A–202E, U+2066–2069, U+FEFF…), control characters
/// and line/paragraph separators. A name of only U+200B looks empty yet is not anonymous; U+202E reverses the
/// text after it on the public statement.
/// </summary>
public static class NameRule
{
    /// <summary>Null when the name is acceptable, else the Vietnamese message for the field.</summary>
    public static string? Check(string? name, int maxLength, string emptyMessage, string tooLongMessage)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return emptyMessage;
        foreach (var rune in trimmed.EnumerateRunes())
            if (IsHidden(rune))
                return string.Create(CultureInfo.InvariantCulture,
                    $"Tên chứa ký tự vô hình hoặc ký tự điều khiển (U+{rune.Value:X4}), không hiện ra hoặc làm đảo chiều chữ; vui lòng gõ lại tên.");
        return trimmed.Length > maxLength ? tooLongMessage : null;
    }

    private static bool IsHidden(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
