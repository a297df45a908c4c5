using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.PublicNeeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.PublicNeeds;

/// <summary>A line of a test review: for <paramref name="Children"/> (one line each) or, with none, for the school.</summary>
public sealed record LineSpec(int ItemId, int Level, int Quantity = 1, long UnitCost = 100_000, SizeBand? Band = null,
    IReadOnlyList<Child>? Children = null, int? SchoolId = null, int SchoolChildren = 0, int Committed = 0);

/// <summary>Builds what the public needs list reads: a province, communes, schools, children, approved reviews.</summary>
public static class ApprovedNeeds
{
    public const int WinterJacket = 13, Boots = 15, LunchMeal = 6, HealthCheck = 1, PlayArea = 9;

    public static async Task<(AdminUnit Province, AdminUnit Commune)> CommuneAsync(ChildAidDbContext db, string name = "Xã Ia Đal",
        string province = "Tỉnh Gia Lai")
    {
        var p = await db.AdminUnits.FirstOrDefaultAsync(u => u.Name == province && u.Level == AdminUnitLevel.Province)
                ?? new AdminUnit { Level = AdminUnitLevel.Province, Code = Code(), Name = province };
        var c = new AdminUnit { Level = AdminUnitLevel.Commune, Code = Code(), Name = name, Parent = p, ColdHighland = true };
        db.AdminUnits.Add(c);
        await db.SaveChangesAsync();
        return (p, c);
    }

    public static async Task<Organisation> SchoolAsync(ChildAidDbContext db, int communeId, string name)
    {
        var school = new Organisation { Name = name, Type = OrganisationType.School, SchoolLevel = SchoolLevel.Primary, AdminUnitId = communeId };
        db.Organisations.Add(school);
        await db.SaveChangesAsync();
        return school;
    }

    /// <summary>Children with distinctive names ("{prefix} 1" …) and dates of birth (14/03/2017 …), as a leak would show them.</summary>
    public static async Task<List<Child>> ChildrenAsync(ChildAidDbContext db, int communeId, int? schoolId, int count, string prefix)
    {
        var children = Enumerable.Range(1, count).Select(i => new Child
        {
            FullName = $"{prefix} {i}", DateOfBirth = new DateOnly(2017, 3, 14).AddDays(i), Sex = i % 2 == 0 ? Sex.Female : Sex.Male,
            AdminUnitId = communeId, SchoolId = schoolId, Circumstances = CircumstanceGroups.PoorHousehold,
        }).ToList();
        db.Children.AddRange(children);
        await db.SaveChangesAsync();
        return children;
    }

    /// <summary>A review of <paramref name="year"/> with these lines, submitted and approved through the entity (revision after the last one).</summary>
    public static async Task<NeedsReview> ApproveAsync(ChildAidDbContext db, int communeId, int approvingUnitId, int year, params LineSpec[] specs)
    {
        var items = await db.NeedItems.ToDictionaryAsync(i => i.Id);
        var previous = await db.NeedsReviews.Where(r => r.AdminUnitId == communeId && r.Year == year && r.Status == NeedsReviewStatus.Approved)
            .SingleOrDefaultAsync();
        var review = NeedsReview.Open(communeId, year, "officer", DateTime.UtcNow, (previous?.Revision ?? 0) + 1, previous?.Id);
        foreach (var s in specs)
        {
            var item = items[s.ItemId];
            NeedLine Line(NeedTarget target, int? childId, int children) => new()
            {
                AdminUnitId = communeId, Target = target, ChildId = childId, SchoolId = s.SchoolId, Category = item.Category, NeedItemId = item.Id,
                SizeBand = s.Band, Quantity = s.Quantity, Unit = item.Unit, EstimatedUnitCostVnd = s.UnitCost, ChildrenCount = children,
                PeriodStart = review.PeriodStart, PeriodEnd = review.PeriodEnd, ComputedLevel = s.Level, CommittedQuantity = s.Committed,
            };
            if (s.Children is { } children) review.Lines.AddRange(children.Select(c => Line(NeedTarget.Child, c.Id, 1)));
            else review.Lines.Add(Line(s.SchoolId is null ? NeedTarget.Commune : NeedTarget.School, null, s.SchoolChildren));
        }
        db.NeedsReviews.Add(review);
        await db.SaveChangesAsync();

        review.Submit("officer", DateTime.UtcNow, approvingUnitId);
        await using var tx = await db.Database.BeginTransactionAsync();
        if (previous is not null)
        {
            previous.Supersede();
            await db.SaveChangesAsync();
        }
        review.Approve("approver", DateTime.UtcNow);
        await db.SaveChangesAsync();
        await new PublicNeedsProjection(db, TimeProvider.System).RefreshAsync(communeId, year);
        await tx.CommitAsync();
        return review;
    }

    public static async Task<List<PublicNeed>> RowsAsync(IServiceProvider sp)
    {
        await using var scope = sp.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChildAidDbContext>().PublicNeeds.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
    }

    private static string Code() => Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
