using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace ChildAid.Shared.Content;

/// <summary>One field of two versions side by side: lines, and within a changed line the words that changed.</summary>
public sealed record FieldDiff(string Label, bool Changed, SideBySideDiffModel Lines);

/// <summary>
/// Compares any two versions field by field (DiffPlex): "Tiêu đề", "Nội dung"… each side by side, word by word inside
/// changed lines, so an editor sees what a writer changed without reading the whole story twice.
/// </summary>
public static class ContentDiff
{
    public static IReadOnlyList<FieldDiff> Compare(ContentVersion older, ContentVersion newer) =>
    [
        Field("Tiêu đề", older.Title, newer.Title),
        Field("Tiêu đề (tiếng Anh)", older.TitleEn, newer.TitleEn),
        Field("Đường dẫn", older.Slug, newer.Slug),
        Field("Tóm tắt", older.Summary, newer.Summary),
        Field("Tóm tắt (tiếng Anh)", older.SummaryEn, newer.SummaryEn),
        Field("Nội dung", older.Body, newer.Body),
        Field("Nội dung (tiếng Anh)", older.BodyEn, newer.BodyEn),
        Field("Tiêu đề SEO", older.SeoTitle, newer.SeoTitle),
        Field("Tiêu đề SEO (tiếng Anh)", older.SeoTitleEn, newer.SeoTitleEn),
        Field("Mô tả SEO", older.SeoDescription, newer.SeoDescription),
        Field("Mô tả SEO (tiếng Anh)", older.SeoDescriptionEn, newer.SeoDescriptionEn),
        Field("Ảnh đại diện", Hero(older.HeroMediaId), Hero(newer.HeroMediaId)),
    ];

    private static string Hero(int? id) => id is { } i ? $"Ảnh số {i}" : "";

    private static FieldDiff Field(string label, string? older, string? newer)
    {
        older ??= "";
        newer ??= "";
        return new FieldDiff(label, !string.Equals(older, newer, StringComparison.Ordinal),
            SideBySideDiffBuilder.Diff(older.ReplaceLineEndings("\n"), newer.ReplaceLineEndings("\n"), ignoreWhiteSpace: false));
    }
}
