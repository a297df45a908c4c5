using ChildAid.PublicSite.Content;
using ChildAid.PublicSite.Pages.Content;
using ChildAid.Shared.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages;

/// <summary>
/// <c>/gioi-thieu</c>: the media team's published page <c>/trang/gioi-thieu</c> at the menu's address (its long path
/// redirects here). Until they publish one, a short built-in text keeps the menu link alive.
/// </summary>
public class AboutModel(PublishedContentQuery content) : PageModel
{
    public PublicContent? Item { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Item = await ContentPageModel.PageAsync(content, ShortAddresses.AboutContent, ct);
}
