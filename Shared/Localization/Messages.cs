using System.Globalization;
using ChildAid.Shared.Text;

namespace ChildAid.Shared.Localization;

/// <summary>
/// Messages Shared builds for people, with values in them: a Vietnamese format key with the values' places
/// ("Dòng {0}: …"), never a concatenated sentence. BackOffice reads them in the staff member's language through
/// the same key (StaffText.Message); the CLI prints them as they are, in Vietnamese.
/// </summary>
public static class Messages
{
    public static string Format(string key, params object?[] values) => string.Format(VietnameseFormat.Culture, key, values);
}
