using System.Text;
using ChildAid.PublicSite.Caching;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChildAid.PublicSite.Api;

/// <summary>The public JSON API, version 1: open data of campaigns and the statement, described at /openapi/v1.json.</summary>
public static class PublicApi
{
    public static void MapPublicApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Public data");

        api.MapGet("/campaigns", async (CampaignProgressQuery campaigns, CancellationToken ct) =>
                TypedResults.Ok((await campaigns.ListAsync(activeOnly: false, ct)).Select(CampaignJson.From).ToList()))
            .WithName("ListCampaigns")
            .WithSummary("Campaigns with their money goal and what they have raised (reversals included).")
            .CacheOutput(PublicCache.Policy);

        api.MapGet("/statement", async Task<Results<Ok<StatementJson>, NotFound<string>>> (
                    StatementQuery statement, string? q, string? campaign, DateOnly? from, DateOnly? to, int? page, CancellationToken ct) =>
                {
                    var result = await statement.PageAsync(new StatementFilter(q, campaign, from, to, page ?? 1), ct);
                    if (result.CampaignNotFound) return TypedResults.NotFound($"Unknown campaign '{campaign}'.");
                    return TypedResults.Ok(StatementJson.From(result));
                })
            .WithName("GetStatement")
            .WithSummary("One page of the public statement, newest first. q ignores diacritics and case; from/to are yyyy-MM-dd; campaign is a slug or id.")
            .RequireRateLimiting(PublicRateLimits.Api);

        api.MapGet("/statement.csv", async (StatementQuery statement, string? q, string? campaign, DateOnly? from, DateOnly? to, CancellationToken ct) =>
                {
                    var entries = await statement.ExportAsync(new StatementFilter(q, campaign, from, to), ct);
                    return Results.Stream(async body =>
                    {
                        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
                        await StatementCsv.WriteAsync(writer, entries, ct);
                    }, "text/csv; charset=utf-8", "sao-ke.csv");
                })
            .WithName("DownloadStatementCsv")
            .WithSummary("The statement as CSV in chain order, with sequence numbers and hashes. Unfiltered, it re-verifies end to end.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .RequireRateLimiting(PublicRateLimits.Download);
    }
}

public sealed record CampaignJson(
    int Id, string Slug, string Title, string? TitleEn, string Summary, string? SummaryEn, string Status,
    DateOnly StartDate, DateOnly? EndDate, long GoalVnd, long RaisedVnd, int PercentOfGoal)
{
    public static CampaignJson From(CampaignProgress c) => new(c.Id, c.Slug, c.Title, c.TitleEn, c.Summary, c.SummaryEn,
        c.Status.ToString(), c.StartDate, c.EndDate, c.GoalVnd, c.RaisedVnd, c.PercentOfGoal);
}

/// <summary>
/// An empty donorDisplay means the donor chose to stay anonymous beside amounts, or (with a donorCommitment) had their
/// name erased. A v2 entry hashes donorCommitment = SHA-256(donorSalt ‖ name) instead of the name (README).
/// </summary>
public sealed record StatementLineJson(
    long Sequence, DateTime RecordedAt, DateOnly ValueDate, string Kind, long AmountVnd, string? Currency, decimal? OriginalAmount,
    decimal? ExchangeRate, int? CampaignId, string? CampaignSlug, string? CampaignTitle, string? ReceiptNumber, string Description,
    string DonorDisplay, bool Anonymous, long? ReversesSequence, string Hash,
    int FormatVersion, string? DonorSalt, string? DonorCommitment, bool NameErased);

public sealed record StatementJson(int Page, int PageSize, bool HasNext, IReadOnlyList<StatementLineJson> Items)
{
    public static StatementJson From(StatementPage page) => new(page.Page, StatementFilter.PageSize, page.HasNext,
        page.Lines.Select(l => new StatementLineJson(l.Sequence, l.RecordedAt, l.ValueDate, LedgerCanonicalForm.KindName(l.Kind), l.AmountVnd,
            l.Currency, l.OriginalAmount, l.ExchangeRate, l.CampaignId, l.CampaignSlug, l.CampaignTitle, l.ReceiptNumber, l.Description,
            l.DonorDisplay, l.DonorDisplay.Length == 0, l.ReversesSequence, l.Hash,
            l.FormatVersion, l.DonorSalt, l.DonorCommitment, l.IsNameErased)).ToList());
}
