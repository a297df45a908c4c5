using ChildAid.Shared.Localization;
using ChildAid.Shared.Needs;
using ChildAid.Shared.PublicNeeds;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages.Needs;

/// <summary>The public needs list: approved needs added up (never a child), filtered by commune, category and level.</summary>
/// <remarks>Also at /nhu-cau/trang/{slug} (a needs-list page: the staff's intro above the same live list; see Program).</remarks>
public class IndexModel(PublicNeedsQuery needs, ChildAid.Shared.Content.PublishedContentQuery content, TimeProvider clock) : PageModel
{
    /// <summary>For the "not moved in 90 days" badge.</summary>
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The public statement's entries for the needs of the row's commune, year and category: the records behind its figures;
    /// with a kind, those behind one figure (allocations: committed; expenses: received; stock movements: in transit;
    /// distributions: delivered).
    /// </summary>
    public static string RecordsLink(ChildAid.Shared.PublicNeeds.PublicNeed n, ChildAid.Shared.Ledger.LedgerEntryKind? kind = null) =>
        "/sao-ke?nhu-cau=" + Uri.EscapeDataString($"{n.CommuneCode}-{n.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
        + (n.Category is { } category ? "&category=" + category : "") + (kind is { } k ? "&kind=" + k : "");

    [BindProperty(SupportsGet = true)] public int? Commune { get; set; }
    [BindProperty(SupportsGet = true)] public NeedCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public int? Priority { get; set; }
    /// <summary>"trang" (page): Razor Pages keeps "page" for itself.</summary>
    [BindProperty(SupportsGet = true, Name = "trang")] public int Trang { get; set; } = 1;

    public PublicNeedsPage Result { get; private set; } = null!;
    public IReadOnlyList<PublicCommune> Communes { get; private set; } = [];
    public PublishedCriteria Criteria { get; private set; } = null!;
    /// <summary>The campaign each commune's needs go to (null: none names the commune).</summary>
    private Func<int, string, string?> _campaignOf = null!;

    /// <summary>"Give to this need": the pledge form with the line chosen.</summary>
    public string GiveLink(ChildAid.Shared.PublicNeeds.PublicNeed n) => ChildAid.PublicSite.Giving.GiveLink.ForNeed(n, _campaignOf(n.CommuneId, n.CommuneName));

    public bool IsFiltered => Commune is not null || Category is not null || Priority is not null;

    /// <summary>The needs-list page's intro, on /nhu-cau/trang/{slug}.</summary>
    public ChildAid.Shared.Content.PublicContent? Intro { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken ct)
    {
        if (slug is not null)
        {
            var type = ChildAid.Shared.Content.ContentType.NeedsListPage;
            Intro = await content.ByPathAsync(ChildAid.Shared.Content.ContentPaths.For(type, [], slug), type, Cultures.IsEnglish, ct);
            if (Intro is null) return NotFound();
        }

        // A value that does not parse stays null; one out of range filters nothing (the API answers 400 instead).
        if (Priority is not (null or >= 1 and <= PriorityScale.LowestLevel)) Priority = null;
        if (Category is { } c && !Enum.IsDefined(c)) Category = null;

        Communes = await needs.CommunesAsync(ct);
        Result = await needs.PageAsync(new PublicNeedsFilter(Commune, Category, Priority, Trang), ct);
        Criteria = await needs.CriteriaAsync(ct);
        _campaignOf = await needs.CampaignByCommuneAsync(ct);
        return Page();
    }

    public string PageLink(int page) => "/nhu-cau" + Query(page, "trang");

    public string CsvLink => "/api/v1/needs.csv" + Query(null, "page");

    private string Query(int? page, string pageName)
    {
        var q = new QueryBuilder();
        if (Commune is { } commune) q.Add("commune", commune.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Category is { } category) q.Add("category", category.ToString());
        if (Priority is { } priority) q.Add("priority", priority.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (page is > 1) q.Add(pageName, page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return q.ToQueryString().Value ?? "";
    }
}
