using ChildAid.PublicSite.Caching;
using ChildAid.Shared.Data;
using ChildAid.Shared.PublicNutrition;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.PublicSite.Api;

/// <summary>Open data of /dinh-duong: the published nutrition cells, each of ten children or more, never a child.</summary>
public static class NutritionApi
{
    public static void MapNutritionApi(this RouteGroupBuilder api) =>
        api.MapGet("/nutrition", async (PublicDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.PublicNutritionRows.AsNoTracking().OrderBy(r => r.InterventionId).ThenBy(r => r.Id)
                    .Select(r => new NutritionRowJson(r.InterventionId, r.InterventionName, r.Kind.ToString(), r.StartsOn, r.EndsOn, r.CommuneCode, r.CommuneName,
                        r.Part.ToString(), r.SchoolId, r.SchoolName, r.Suppressed, r.ChildrenCount, r.MealsServed, r.MealDays, r.MealCostVnd,
                        r.StuntingChildren, r.StuntingBefore, r.StuntingAfter, r.UnderweightChildren, r.UnderweightBefore, r.UnderweightAfter,
                        r.WastingChildren, r.WastingBefore, r.WastingAfter, r.OverweightChildren, r.OverweightBefore, r.OverweightAfter,
                        DateTime.SpecifyKind(r.RefreshedAt, DateTimeKind.Utc)))
                    .ToListAsync(ct)))
            .WithName("ListNutrition")
            .WithSummary("Nutrition programmes in figures: children reached, meals served and the prevalence of stunting, underweight, wasting/thinness and overweight before and after, by school; never a child.")
            .WithDescription("One row per programme (intervention), part (Reach: children enrolled and meals; Evaluation: children measured at both the baseline and " +
                "the endline, published once the programme has ended) and school. A school of fewer than 10 children is merged into the row with schoolId null " +
                "(other sites); if that is still under 10 it is suppressed (every figure null). A condition classifiable for fewer than 10 children is null. " +
                "Recomputed hourly. Amounts in whole đồng.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .CacheOutput(PublicCache.Policy)
            .RequireRateLimiting(PublicRateLimits.Api);
}

public sealed record NutritionRowJson(int Intervention, string Name, string Kind, DateOnly StartsOn, DateOnly EndsOn, string CommuneCode, string CommuneName,
    string Part, int? SchoolId, string? SchoolName, bool Suppressed, int? Children, long? MealsServed, int? MealDays, long? MealCostVnd,
    int? StuntingChildren, int? StuntingBefore, int? StuntingAfter, int? UnderweightChildren, int? UnderweightBefore, int? UnderweightAfter,
    int? WastingChildren, int? WastingBefore, int? WastingAfter, int? OverweightChildren, int? OverweightBefore, int? OverweightAfter, DateTime RefreshedAt);
