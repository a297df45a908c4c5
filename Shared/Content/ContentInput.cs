namespace ChildAid.Shared.Content;

/// <summary>What an editor enters on the content form: one version's words plus the item's own settings.</summary>
public class ContentInput
{
    public string? Title { get; set; }
    public string? TitleEn { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string? SummaryEn { get; set; }
    public string? Body { get; set; }
    public string? BodyEn { get; set; }
    public string? SeoTitle { get; set; }
    public string? SeoTitleEn { get; set; }
    public string? SeoDescription { get; set; }
    public string? SeoDescriptionEn { get; set; }
    public int? HeroMediaId { get; set; }
    public int? CampaignId { get; set; }
    public int? ParentId { get; set; }
    public bool ShowsChild { get; set; }
    public int? ConsentRecordId { get; set; }
    /// <summary>The item's <see cref="ContentItem.Version"/> when the form was opened: a later save by someone else is a conflict.</summary>
    public int? Version { get; set; }

    public static ContentInput From(ContentItem item, ContentVersion v) => new()
    {
        Title = v.Title, TitleEn = v.TitleEn, Slug = v.Slug, Summary = v.Summary, SummaryEn = v.SummaryEn, Body = v.Body, BodyEn = v.BodyEn,
        SeoTitle = v.SeoTitle, SeoTitleEn = v.SeoTitleEn, SeoDescription = v.SeoDescription, SeoDescriptionEn = v.SeoDescriptionEn,
        HeroMediaId = v.HeroMediaId, CampaignId = item.CampaignId, ParentId = item.ParentId, ShowsChild = item.ShowsChild,
        ConsentRecordId = item.ConsentRecordId, Version = item.Version,
    };

    /// <summary>A new version with these words (trimmed; blank optional fields become null).</summary>
    public ContentVersion ToVersion(int itemId, int number, string createdBy, DateTime at, string? note = null) => new()
    {
        ContentItemId = itemId, Number = number, Title = Title!.Trim(), TitleEn = Blank(TitleEn), Slug = Slug!.Trim(),
        Summary = Summary?.Trim() ?? "", SummaryEn = Blank(SummaryEn), Body = Body ?? "", BodyEn = Blank(BodyEn),
        SeoTitle = Blank(SeoTitle), SeoTitleEn = Blank(SeoTitleEn), SeoDescription = Blank(SeoDescription), SeoDescriptionEn = Blank(SeoDescriptionEn),
        HeroMediaId = HeroMediaId, CreatedBy = createdBy, CreatedAt = at, Note = note,
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
