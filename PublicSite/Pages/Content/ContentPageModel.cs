using ChildAid.Shared.Localization;
using ChildAid.Shared.Content;
using ChildAid.PublicSite.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages.Content;

/// <summary>A published page or story at its path, in the reader's language (falling back to Vietnamese); 404 otherwise.</summary>
public abstract class ContentPageModel(PublishedContentQuery content, ContentType type) : PageModel
{
    public PublicContent Item { get; private set; } = null!;

    /// <summary>The published page at a content path, or null (for pages that show it inside their own, at a short address).</summary>
    public static Task<PublicContent?> PageAsync(PublishedContentQuery content, string path, CancellationToken ct) =>
        content.ByPathAsync(path, ContentType.Page, Cultures.IsEnglish, ct);

    protected async Task<IActionResult> ShowAsync(string path, CancellationToken ct)
    {
        var item = await content.ByPathAsync(path, type, Cultures.IsEnglish, ct);
        if (item is null) return NotFound();
        Item = item;
        return Page();
    }
}

public class InfoPageModel(PublishedContentQuery content) : ContentPageModel(content, ContentType.Page)
{
    public Task<IActionResult> OnGetAsync(string path, CancellationToken ct)
    {
        var contentPath = ContentPaths.Prefix(ContentType.Page) + "/" + path;
        // "Giới thiệu" and "Cách ủng hộ" live at their short addresses (ShortAddresses): one page per address.
        if (ShortAddresses.For(contentPath) is { } shortPath)
            return Task.FromResult<IActionResult>(RedirectPermanent(shortPath + Request.QueryString));
        return ShowAsync(contentPath, ct);
    }
}

public class StoryModel(PublishedContentQuery content) : ContentPageModel(content, ContentType.Story)
{
    public Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => ShowAsync(ContentPaths.For(ContentType.Story, [], slug), ct);
}

public class StoriesModel(PublishedContentQuery content) : PageModel
{
    /// <summary>"trang" (page): Razor Pages keeps "page" for itself.</summary>
    [BindProperty(SupportsGet = true, Name = "trang")] public int Trang { get; set; } = 1;

    public StoryPage Stories { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Trang is < 1 or > 10_000) return NotFound();
        Stories = await content.StoriesAsync(Trang, Cultures.IsEnglish, ct: ct);
        if (Stories.Items.Count == 0 && Trang > 1) return NotFound();
        return Page();
    }

    public static string PageLink(int page) => page <= 1 ? "/tin-tuc" : $"/tin-tuc?trang={page}";
}

/// <summary>An honor-roll page: the staff's intro, then the honor roll from the ledger (of its campaign, when it has one).</summary>
public class HonorRollPageModel(PublishedContentQuery content, ChildAid.Shared.HonorRoll.HonorRollQuery honorRoll)
    : ContentPageModel(content, ContentType.HonorRollPage)
{
    public ChildAid.Shared.HonorRoll.HonorRollBoard Board { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var result = await ShowAsync(ContentPaths.For(ContentType.HonorRollPage, [], slug), ct);
        if (result is PageResult) Board = await honorRoll.GetAsync(Item.Content.CampaignId, ct);
        return result;
    }
}
