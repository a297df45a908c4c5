using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Needs;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ChildAid.PublicSite.Pages.Ledger;

/// <summary>The public statement; a search with words counts against the same per-client limit as the statement API.</summary>
[EnableRateLimiting(PublicRateLimits.Api)]
public class StatementModel(StatementQuery statement, CampaignProgressQuery campaigns) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Campaign { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    /// <summary>Only entries of one kind: gifts received, allocations, expenses, stock movements, reversals.</summary>
    [BindProperty(SupportsGet = true)] public LedgerEntryKind? Kind { get; set; }
    /// <summary>"nhu-cau": a need reference prefix, from the needs list's "records behind these figures" link.</summary>
    [BindProperty(SupportsGet = true, Name = "nhu-cau")] public string? Need { get; set; }
    /// <summary>"unit": only one commune's entries, by its code as in the entries' unit_code (the list: communes with published needs).</summary>
    [BindProperty(SupportsGet = true, Name = "unit")] public string? Commune { get; set; }
    /// <summary>Only entries for needs of one category (meals, warm clothes …).</summary>
    [BindProperty(SupportsGet = true)] public NeedCategory? Category { get; set; }
    /// <summary>"trang" (page): Razor Pages keeps "page" for itself.</summary>
    [BindProperty(SupportsGet = true, Name = "trang")] public int Trang { get; set; } = 1;

    public StatementFilter Filter => new(Q, Campaign, From, To, Trang, Kind is LedgerEntryKind.Unknown ? null : Kind, Need, Commune, Category);

    /// <summary>The kinds a reader can filter by, with their Vietnamese names.</summary>
    public static readonly IReadOnlyList<(LedgerEntryKind Kind, string Label)> Kinds =
    [
        (LedgerEntryKind.Receipt, "Thu"), (LedgerEntryKind.Allocation, "Phân bổ"), (LedgerEntryKind.Expense, "Chi"), (LedgerEntryKind.StockMovement, "Nhập/xuất kho"),
        (LedgerEntryKind.Distribution, "Cấp phát"), (LedgerEntryKind.Reversal, "Hủy/hoàn"),
    ];
    public StatementPage Result { get; private set; } = null!;
    public IReadOnlyList<CampaignName> Campaigns { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Communes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Campaigns = await campaigns.NamesAsync(ct);
        Communes = await statement.CommunesAsync(ct);
        Result = await statement.PageAsync(Filter, ct);
    }

    public string PageLink(int page) => "/sao-ke" + Query(page);

    /// <summary>The same filter as the page (the API calls the need filter "need").</summary>
    public string CsvLink => "/api/v1/statement.csv" + Query(null, needName: "need");

    private string Query(int? page, string needName = "nhu-cau")
    {
        var q = new QueryBuilder();
        if (!string.IsNullOrWhiteSpace(Q)) q.Add("q", Q);
        if (!string.IsNullOrWhiteSpace(Campaign)) q.Add("campaign", Campaign);
        if (From is { } from) q.Add("from", from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (To is { } to) q.Add("to", to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (Filter.Kind is { } kind) q.Add("kind", kind.ToString());
        if (Filter.NeedPrefix is { } need) q.Add(needName, need);
        if (Filter.CommuneCode is { } commune) q.Add("unit", commune);
        if (Filter.KnownCategory is { } category) q.Add("category", category.ToString());
        if (page is > 1) q.Add("trang", page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return q.ToQueryString().Value ?? "";
    }
}
