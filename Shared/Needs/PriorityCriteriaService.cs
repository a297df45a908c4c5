using ChildAid.Shared.Data;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Needs;

/// <summary>One criterion as the admin edits it.</summary>
public class CriterionInput
{
    public int Id { get; set; }
    public int? Weight { get; set; }
    public bool IsActive { get; set; }
}

/// <summary>
/// The published criteria and scale, edited by an admin (every change audited by the context). Lines of reviews that are
/// not frozen get their level again from the new rule in the same transaction; approved reviews keep the level they
/// were approved with.
/// </summary>
public class PriorityCriteriaService(ChildAidDbContext db, NeedPriority priority)
{
    public async Task<(IReadOnlyList<PriorityCriterion> Criteria, PriorityScale Scale)> LoadAsync(CancellationToken ct = default) =>
        (await db.PriorityCriteria.AsNoTracking().OrderByDescending(c => c.Weight).ThenBy(c => c.Kind).ToListAsync(ct),
         await db.PriorityScales.AsNoTracking().SingleAsync(ct));

    /// <returns>How many lines were assessed again.</returns>
    public async Task<Outcome<int>> SaveAsync(IReadOnlyList<CriterionInput> inputs, int? level1From, int? level2From, int? level3From, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var criteria = await db.PriorityCriteria.ToListAsync(ct);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var criterion = criteria.FirstOrDefault(c => c.Id == input.Id);
            if (criterion is null) { errors[$"Criteria[{i}].Weight"] = "Không tìm thấy tiêu chí."; continue; }
            if (input.Weight is not { } w || w < 0 || w > PriorityCriterion.MaxWeight)
            { errors[$"Criteria[{i}].Weight"] = $"Trọng số phải từ 0 đến {PriorityCriterion.MaxWeight}."; continue; }
            criterion.Weight = w;
            criterion.IsActive = input.IsActive;
        }
        var scale = await db.PriorityScales.SingleAsync(ct);
        if (level1From is null || level2From is null || level3From is null) errors["Level1From"] = "Vui lòng nhập đủ ba ngưỡng điểm.";
        else
        {
            scale.Level1From = level1From.Value;
            scale.Level2From = level2From.Value;
            scale.Level3From = level3From.Value;
            if (scale.Refusal() is { } refusal) errors["Level1From"] = refusal;
        }
        if (errors.Count > 0)
        {
            foreach (var entry in db.ChangeTracker.Entries().ToList()) entry.State = EntityState.Detached;
            return Outcome<int>.Fail(errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var assessed = 0;
        var open = await db.NeedsReviews.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Status == NeedsReviewStatus.Draft || r.Status == NeedsReviewStatus.Submitted || r.Status == NeedsReviewStatus.Returned)
            .Select(r => new { r.Id, r.Year }).ToListAsync(ct);
        foreach (var review in open)
        {
            var lines = await db.NeedLines.IgnoreQueryFilters().Where(l => l.NeedsReviewId == review.Id).ToListAsync(ct);
            await priority.AssessAsync(lines, review.Year, ct);
            await db.SaveChangesAsync(ct);
            assessed += lines.Count;
        }
        await tx.CommitAsync(ct);
        return Outcome<int>.Ok(assessed);
    }
}
