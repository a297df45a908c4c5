using System.Globalization;
using System.Text;
using ChildAid.PublicSite.Caching;
using ChildAid.Shared.Needs;
using ChildAid.Shared.PublicNeeds;
using ChildAid.Shared.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChildAid.PublicSite.Api;

/// <summary>Open data of the public needs list: the same rows and filters as /nhu-cau, as JSON pages and as one HXL CSV.</summary>
public static class NeedsApi
{
    public static void MapNeedsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/needs", async Task<Results<Ok<NeedsJson>, ValidationProblem>> (
                    PublicNeedsQuery needs, string? commune, string? category, string? priority, string? page, CancellationToken ct) =>
                {
                    var (filter, errors) = NeedsParameters.Read(commune, category, priority, page);
                    if (errors.Count > 0) return BadRequest(errors);
                    var result = await needs.PageAsync(filter, ct);
                    var campaignOf = await needs.CampaignByCommuneAsync(ct);
                    return TypedResults.Ok(new NeedsJson(result.Page, PublicNeedsFilter.PageSize, result.HasNext, NeedsTotalsJson.From(result.Totals),
                        result.Rows.Select(r => NeedJson.From(r, Giving.GiveLink.ForNeed(r, campaignOf(r.CommuneId, r.CommuneName)))).ToList()));
                })
            .WithName("ListNeeds")
            .WithSummary("Approved needs of children, added up by commune, school, category, item, size band and priority level; never a child.")
            .WithDescription(Description + " page starts at 1, " + "50 rows per page; totals cover every page of the filter.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .CacheOutput(PublicCache.Policy)
            .RequireRateLimiting(PublicRateLimits.Api);

        api.MapGet("/needs.csv", async Task<Results<PushStreamHttpResult, ValidationProblem>> (
                    PublicNeedsQuery needs, string? commune, string? category, string? priority, CancellationToken ct) =>
                {
                    var (filter, errors) = NeedsParameters.Read(commune, category, priority, null);
                    if (errors.Count > 0) return BadRequest(errors);
                    var rows = await needs.ExportAsync(filter, ct);
                    return TypedResults.Stream(async body =>
                    {
                        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
                        await NeedsCsv.WriteAsync(writer, rows);
                    }, "text/csv; charset=utf-8", "nhu-cau.csv");
                })
            .WithName("DownloadNeedsCsv")
            .WithSummary("The needs list as CSV with a second header row of HXL hashtags (Humanitarian Exchange Language).")
            .WithDescription(Description + " Row 1: column names; row 2: HXL hashtags; then one row per cell. Children shows \"< 5\" on the " +
                "row that keeps what is left of groups under five children; its figures are empty.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .CacheOutput(PublicCache.Policy)
            .RequireRateLimiting(PublicRateLimits.Download);
    }

    private const string Description =
        "Filters: commune (an id from the rows' communeId), category (HealthCheckUp, Treatment, Nutrition, Recreation, WarmClothes, Other), " +
        "priority (1 = most urgent … 4). Every row describes five children or more: smaller groups are merged upward (a size band into its " +
        "item, a school into \"commune-wide and other schools\", an item into its category, levels together, categories together), and a " +
        "null dimension means \"merged\". What is still under five is one row per commune and year with belowFive = true and no figures; " +
        "totals leave it out. Amounts are whole đồng (VND); dates are yyyy-MM-dd; refreshedAt is a UTC instant (ISO 8601, ending in Z).";

    private static ValidationProblem BadRequest(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Tham số không hợp lệ / Invalid query parameters");
}

/// <summary>The needs filters read from text, so each bad one is named in the 400 (Vietnamese / English).</summary>
public static class NeedsParameters
{
    public static (PublicNeedsFilter Filter, Dictionary<string, string[]> Errors) Read(string? commune, string? category, string? priority, string? page)
    {
        var errors = new Dictionary<string, string[]>();
        int? communeId = null, level = null;
        NeedCategory? needCategory = null;
        var pageNumber = 1;
        if (!string.IsNullOrWhiteSpace(commune))
        {
            if (int.TryParse(commune.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) communeId = id;
            else errors[nameof(commune)] = ["Mã xã phải là một số nguyên dương. / commune must be a positive whole number."];
        }
        if (!string.IsNullOrWhiteSpace(category))
        {
            if (Enum.TryParse<NeedCategory>(category.Trim(), ignoreCase: true, out var c) && Enum.IsDefined(c) && !int.TryParse(category, out _)) needCategory = c;
            else errors[nameof(category)] = ["Nhóm nhu cầu không hợp lệ. / category must be one of " + string.Join(", ", Enum.GetNames<NeedCategory>()) + "."];
        }
        if (!string.IsNullOrWhiteSpace(priority))
        {
            if (int.TryParse(priority.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= PriorityScale.LowestLevel) level = p;
            else errors[nameof(priority)] = ["Mức ưu tiên phải từ 1 đến 4. / priority must be 1, 2, 3 or 4."];
        }
        if (!string.IsNullOrWhiteSpace(page))
        {
            if (int.TryParse(page.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= PublicNeedsFilter.MaxPage) pageNumber = n;
            else errors[nameof(page)] = [$"Trang phải từ 1 đến {PublicNeedsFilter.MaxPage}. / page must be between 1 and {PublicNeedsFilter.MaxPage}."];
        }
        return (new PublicNeedsFilter(communeId, needCategory, level, pageNumber), errors);
    }
}

public sealed record NeedsJson(int Page, int PageSize, bool HasNext, NeedsTotalsJson Totals, IReadOnlyList<NeedJson> Items);

/// <summary>Sums over every row of the filter (all pages); rows shown as "&lt; 5" add nothing.</summary>
public sealed record NeedsTotalsJson(long Items, long Meals, long Sessions, long EstimatedCostVnd, long CommittedVnd, long ReceivedVnd,
    long DeliveredVnd, int Rows, int BelowFiveRows, long InTransitVnd)
{
    public static NeedsTotalsJson From(PublicNeedsTotals t) =>
        new(t.Items, t.Meals, t.Sessions, t.EstimatedCostVnd, t.CommittedVnd, t.ReceivedVnd, t.DeliveredVnd, t.Rows, t.SuppressedRows, t.InTransitVnd);
}

/// <summary>One cell of the needs list. A null dimension is "merged"; belowFive rows carry no figures.</summary>
public sealed record NeedJson(
    string? Province, string? District, int CommuneId, string CommuneCode, string Commune, int Year, DateOnly PeriodStart, DateOnly PeriodEnd,
    int? SchoolId, string? School, NeedCategory? Category, string? ItemCode, string? Item, string? ItemEn, SizeBand? SizeBand, NeedUnit? Unit,
    int? Priority, bool BelowFive, int? Children, long? Quantity, long? EstimatedCostVnd, long? CommittedQuantity, long? ReceivedQuantity,
    long? DeliveredQuantity, long? CommittedVnd, long? ReceivedVnd, long? DeliveredVnd, DateTime RefreshedAt, string GiveUrl,
    long? InTransitQuantity, long? InTransitVnd)
{
    public static NeedJson From(PublicNeed n, string giveUrl) => new(n.ProvinceName, n.DistrictName, n.CommuneId, n.CommuneCode, n.CommuneName,
        n.Year, n.PeriodStart, n.PeriodEnd, n.SchoolId, n.SchoolName, n.Category, n.ItemCode, n.ItemNameVi, n.ItemNameEn, n.SizeBand, n.Unit,
        n.PriorityLevel, n.Suppressed, n.ChildrenCount, n.Quantity, n.EstimatedCostVnd, n.CommittedQuantity, n.ReceivedQuantity, n.DeliveredQuantity,
        n.CommittedVnd, n.ReceivedVnd, n.DeliveredVnd, DateTime.SpecifyKind(n.RefreshedAt, DateTimeKind.Utc), giveUrl,
        n.InTransitQuantity, n.InTransitVnd);
}

/// <summary>
/// The CSV: RFC 4180, UTF-8 without BOM, a header row of names and a second of HXL hashtags, so humanitarian tools
/// (HDX, HXL Proxy) read the columns without a mapping. The "&lt; 5" row keeps its place and leaves every figure empty.
/// </summary>
public static class NeedsCsv
{
    public static readonly (string Name, string Hxl)[] Columns =
    [
        ("province", "#adm1+name"), ("district", "#adm2+name"), ("commune", "#adm3+name"), ("commune_code", "#adm3+code"),
        ("school", "#loc+name"), ("category", "#sector"), ("item", "#item+name"), ("item_code", "#item+code"), ("size_band", "#item+size"),
        ("priority", "#priority"), ("period_start", "#date+start"), ("period_end", "#date+end"), ("children", "#targeted+children"),
        ("quantity", "#indicator+num"), ("unit", "#indicator+unit"), ("estimated_cost_vnd", "#value+vnd"),
        ("committed_quantity", "#indicator+num+committed"), ("received_quantity", "#indicator+num+received"),
        ("delivered_quantity", "#indicator+num+delivered"), ("committed_vnd", "#value+vnd+committed"), ("received_vnd", "#value+vnd+received"),
        ("delivered_vnd", "#value+vnd+delivered"), ("in_transit_quantity", "#indicator+num+transit"), ("in_transit_vnd", "#value+vnd+transit"),
    ];

    public static async Task WriteAsync(TextWriter w, IEnumerable<PublicNeed> rows)
    {
        await w.WriteAsync(string.Join(',', Columns.Select(c => c.Name)) + "\n");
        await w.WriteAsync(string.Join(',', Columns.Select(c => c.Hxl)) + "\n");
        foreach (var n in rows)
        {
            string?[] fields =
            [
                n.ProvinceName, n.DistrictName, n.CommuneName, n.CommuneCode, n.SchoolName,
                n.Category is { } c ? NeedLabels.Categories[c] : null, n.ItemNameVi, n.ItemCode, n.SizeBand is { } b ? NeedLabels.SizeBands[b] : null,
                Number(n.PriorityLevel), Date(n.PeriodStart), Date(n.PeriodEnd), n.Suppressed ? "< 5" : Number(n.ChildrenCount),
                Number(n.Quantity), n.Unit is { } u ? NeedLabels.Units[u] : null, Number(n.EstimatedCostVnd),
                Number(n.CommittedQuantity), Number(n.ReceivedQuantity), Number(n.DeliveredQuantity),
                Number(n.CommittedVnd), Number(n.ReceivedVnd), Number(n.DeliveredVnd), Number(n.InTransitQuantity), Number(n.InTransitVnd),
            ];
            await w.WriteAsync(string.Join(',', fields.Select(CsvField.Quote)) + "\n");
        }
    }

    private static string? Number(long? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
