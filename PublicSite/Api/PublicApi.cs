using System.Globalization;
using System.Text;
using ChildAid.PublicSite.Caching;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.PublicSite.Api;

/// <summary>The public JSON API, version 1: open data of campaigns and the statement, described at /openapi/v1.json.</summary>
public static class PublicApi
{
    public const string CorsPolicy = "public-api";

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>Open data: any web page may GET it; nothing here reads cookies, so no credentials are allowed.</summary>
    public static void ConfigureCors(Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder p) =>
        p.AllowAnyOrigin().WithMethods("GET").AllowAnyHeader().WithExposedHeaders("Retry-After", "Content-Disposition")
            .SetPreflightMaxAge(TimeSpan.FromHours(1));

    public static void MapPublicApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Public data").RequireCors(CorsPolicy);

        api.MapGet("/campaigns", async (CampaignProgressQuery campaigns, CancellationToken ct) =>
                TypedResults.Ok((await campaigns.ListAsync(activeOnly: false, ct)).Select(CampaignJson.From).ToList()))
            .WithName("ListCampaigns")
            .WithSummary("Campaigns with their money goal and what they have raised (reversals included).")
            .CacheOutput(PublicCache.Policy);

        api.MapGet("/statement", async Task<Results<Ok<StatementJson>, ValidationProblem>> (
                    StatementQuery statement, PublicDbContext db, string? q, string? campaign, string? from, string? to, string? page,
                    string? kind, string? need, string? unit, string? category, CancellationToken ct) =>
                {
                    var (filter, errors) = StatementParameters.Read(q, campaign, from, to, page, kind, need, unit, category);
                    if (!await CampaignExistsAsync(db, campaign, ct)) errors[nameof(campaign)] = [StatementParameters.UnknownCampaign(campaign)];
                    if (errors.Count > 0) return BadRequest(errors);
                    var result = await statement.PageAsync(filter, ct);
                    if (result.CampaignNotFound) return BadRequest(new() { [nameof(campaign)] = [StatementParameters.UnknownCampaign(campaign)] });
                    return TypedResults.Ok(StatementJson.From(result));
                })
            .WithName("GetStatement")
            .WithSummary("One page of the public statement, newest first.")
            .WithDescription("q ignores diacritics and case; campaign is a slug or an id from /api/v1/campaigns; from/to are yyyy-MM-dd " +
                "(the day the gift was received, both included); kind is Receipt, Reversal, Allocation, Expense, StockMovement or Distribution; " +
                "need is the start of a need reference (\"23535-2026\": every need of that commune and school year); unit is a unit code as in " +
                "unitCode (\"23535\": the allocations, expenses, stock movements and deliveries for that commune's needs); category is a " +
                "need category (as in /api/v1/needs); unitName, schoolName and category of each item are read from the public reference data, " +
                "not hashed. page starts at 1, 20 entries per page, hasNext says whether another follows. " +
                "recordedAt is a UTC instant (ISO 8601, ending in Z). Each item carries its hash and the previous entry's hash.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(PublicRateLimits.Api);

        api.MapGet("/statement.csv", async Task<Results<PushStreamHttpResult, ValidationProblem>> (
                    StatementQuery statement, PublicDbContext db, string? q, string? campaign, string? from, string? to, string? kind, string? need, string? unit, string? category,
                    CancellationToken ct) =>
                {
                    var (filter, errors) = StatementParameters.Read(q, campaign, from, to, null, kind, need, unit, category);
                    if (!await CampaignExistsAsync(db, campaign, ct)) errors[nameof(campaign)] = [StatementParameters.UnknownCampaign(campaign)];
                    if (errors.Count > 0) return BadRequest(errors);
                    var entries = await statement.ExportAsync(filter, ct);
                    return TypedResults.Stream(async body =>
                    {
                        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
                        await StatementCsv.WriteAsync(writer, entries, ct);
                    }, "text/csv; charset=utf-8", "sao-ke.csv");
                })
            .WithName("DownloadStatementCsv")
            .WithSummary("The statement as CSV in chain order, for verifiers: byte-exact canonical fields and hashes.")
            .WithDescription(CsvDescription)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(PublicRateLimits.Download);

        MapXlsx(api);
        api.MapNeedsApi();
        api.MapTraceApi();
        api.MapBalancesApi();
        api.MapNutritionApi();
        api.MapPledgesApi();
    }

    private static void MapXlsx(RouteGroupBuilder api) =>
        api.MapGet("/statement.xlsx", async Task<Results<FileStreamHttpResult, ValidationProblem>> (
                    StatementQuery statement, PublicDbContext db, string? q, string? campaign, string? from, string? to, string? kind, string? need, string? unit, string? category,
                    CancellationToken ct) =>
                {
                    var (filter, errors) = StatementParameters.Read(q, campaign, from, to, null, kind, need, unit, category);
                    if (!await CampaignExistsAsync(db, campaign, ct)) errors[nameof(campaign)] = [StatementParameters.UnknownCampaign(campaign)];
                    if (errors.Count > 0) return BadRequest(errors);
                    var file = await StatementXlsx.WriteAsync(db, await statement.ExportAsync(filter, ct), ct);
                    return TypedResults.File(file, StatementXlsx.ContentType, "sao-ke.xlsx");
                })
            .WithName("DownloadStatementXlsx")
            .WithSummary("The statement as an Excel workbook, for spreadsheets: typed cells and campaign names.")
            .WithDescription("Same filters and rows as statement.csv, in chain order. Numbers are number cells, dates are date cells (UTC for " +
                "recorded_at_utc), text is always a text cell and never a formula. For verifying the hash chain use statement.csv.")
            .Produces<byte[]>(StatusCodes.Status200OK, StatementXlsx.ContentType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(PublicRateLimits.Download);

    public const string CsvDescription =
        "For verifiers, and kept byte-exact: UTF-8 without BOM, LF line ends, RFC 4180 quoting, one row per ledger entry in " +
        "sequence order, each field written exactly as it enters the entry's canonical form (the README's \"Verifying the public " +
        "statement\"), plus previous_hash and hash. Unfiltered, the file re-verifies end to end (verify-ledger --file); filtered, " +
        "it holds the matching entries with their hashes. Same filters as /api/v1/statement. For a spreadsheet, use statement.xlsx.";

    private static ValidationProblem BadRequest(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Tham số không hợp lệ / Invalid query parameters");

    private static async Task<bool> CampaignExistsAsync(PublicDbContext db, string? campaign, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(campaign)) return true;
        var key = campaign.Trim();
        return int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Campaigns.AnyAsync(c => c.Id == id, ct)
            : await db.Campaigns.AnyAsync(c => c.Slug == key, ct);
    }
}

public sealed record CampaignJson(
    int Id, string Slug, string Title, string? TitleEn, string Summary, string? SummaryEn, CampaignStatus Status,
    DateOnly StartDate, DateOnly? EndDate, long GoalVnd, long RaisedVnd, int PercentOfGoal)
{
    public static CampaignJson From(CampaignProgress c) => new(c.Id, c.Slug, c.Title, c.TitleEn, c.Summary, c.SummaryEn,
        c.Status, c.StartDate, c.EndDate, c.GoalVnd, c.RaisedVnd, c.PercentOfGoal);
}

/// <summary>
/// An empty donorDisplay means the donor chose to stay anonymous beside amounts, or (with a donorCommitment) had their
/// name erased. A v2 entry hashes donorCommitment = SHA-256(donorSalt ‖ name) instead of the name (README).
/// recordedAt is UTC (ends in Z); kind is one of the canonical form's kind names (listed as an enum in the OpenAPI document).
/// </summary>
public sealed record StatementLineJson(
    long Sequence, DateTime RecordedAt, DateOnly ValueDate, string Kind, long AmountVnd, string? Currency, decimal? OriginalAmount,
    decimal? ExchangeRate, int? CampaignId, string? CampaignSlug, string? CampaignTitle, string? ReceiptNumber, string Description,
    string DonorDisplay, bool Anonymous, long? ReversesSequence, string PreviousHash, string Hash,
    int FormatVersion, string? DonorSalt, string? DonorCommitment, bool NameErased,
    string? UnitCode, string? Item, decimal? Quantity, string? UnitOfMeasure, string? NeedReference, long? SourceSequence, string? Documents,
    string? UnitName, string? SchoolName, string? Category);

public sealed record StatementJson(int Page, int PageSize, bool HasNext, IReadOnlyList<StatementLineJson> Items)
{
    public static StatementJson From(StatementPage page) => new(page.Page, StatementFilter.PageSize, page.HasNext,
        page.Lines.Select(l => new StatementLineJson(l.Sequence, DateTime.SpecifyKind(l.RecordedAt, DateTimeKind.Utc), l.ValueDate, LedgerCanonicalForm.KindName(l.Kind), l.AmountVnd,
            l.Currency, Plain(l.OriginalAmount), Plain(l.ExchangeRate), l.CampaignId, l.CampaignSlug, l.CampaignTitle, l.ReceiptNumber, l.Description,
            l.DonorDisplay, l.DonorDisplay.Length == 0, l.ReversesSequence, l.PreviousHash, l.Hash,
            l.FormatVersion, l.DonorSalt, l.DonorCommitment, l.IsNameErased,
            l.UnitCode, l.Item, Plain(l.Quantity), l.UnitOfMeasure, l.NeedReference, l.SourceSequence, l.Documents,
            l.UnitName, l.SchoolName, l.Category?.ToString())).ToList());

    /// <summary>
    /// PostgreSQL returns numeric(18,2) as 100.50 and SQLite returns 100.5 as stored: drop trailing zeros (dividing a
    /// decimal by one with many zeros keeps the value at its smallest scale) so both databases show the same number,
    /// as the canonical form and the CSV do.
    /// </summary>
    private static decimal? Plain(decimal? value) => value / 1.000000000000000000000000000000000m;
}
