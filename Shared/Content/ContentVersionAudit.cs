using DiffPlex;

namespace ChildAid.Shared.Content;

/// <summary>
/// What the audit trail keeps of a saved version: who, which version, the titles and slug, the lengths of the texts
/// and how much changed since the version before (fields, body lines added and removed) — not the words themselves.
/// The versions table already holds every word (and the database refuses to change them); copying a 100,000-character
/// body into the audit trail on every save would only double the storage and spread drafts into a second table.
/// </summary>
public static class ContentVersionAudit
{
    public static SortedDictionary<string, object?> Summary(ContentVersion v, ContentVersion? previous)
    {
        var summary = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Id"] = v.Id,
            ["ContentItemId"] = v.ContentItemId,
            ["Number"] = v.Number,
            ["Title"] = v.Title,
            ["TitleEn"] = v.TitleEn,
            ["Slug"] = v.Slug,
            ["HeroMediaId"] = v.HeroMediaId,
            ["Note"] = v.Note,
            ["CreatedBy"] = v.CreatedBy,
            ["CreatedAt"] = v.CreatedAt,
            ["SummaryLength"] = v.Summary.Length,
            ["SummaryEnLength"] = v.SummaryEn?.Length,
            ["BodyLength"] = v.Body.Length,
            ["BodyEnLength"] = v.BodyEn?.Length,
        };
        if (previous is null) return summary;
        var (added, removed) = LineChanges(previous.Body, v.Body);
        var (addedEn, removedEn) = LineChanges(previous.BodyEn, v.BodyEn);
        summary["ComparedWith"] = previous.Number;
        summary["ChangedFields"] = ContentDiff.Compare(previous, v).Where(f => f.Changed).Select(f => f.Label).ToList();
        summary["BodyLinesAdded"] = added + addedEn;
        summary["BodyLinesRemoved"] = removed + removedEn;
        return summary;
    }

    private static (int Added, int Removed) LineChanges(string? older, string? newer)
    {
        var diff = Differ.Instance.CreateLineDiffs((older ?? "").ReplaceLineEndings("\n"), (newer ?? "").ReplaceLineEndings("\n"), ignoreWhitespace: false);
        return (diff.DiffBlocks.Sum(b => b.InsertCountB), diff.DiffBlocks.Sum(b => b.DeleteCountA));
    }
}
