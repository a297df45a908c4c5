using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Security;
using ChildAid.Shared.Validation;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using ChildAid.Tests.PublicNeeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Allocations;

/// <summary>
/// Two communes with approved needs: Ia Đal (a school's 100 lunch meals at 20.000 ₫, a school's 50 winter jackets at
/// 180.000 ₫, one child's jacket) and Ia Tơi (a school's lunch meals). A proposer covering both, an approver in Ia Đal,
/// a commune officer of Ia Tơi; a donor; a campaign whose area is warm clothes in Ia Đal.
/// </summary>
public sealed class AllocationWorld
{
    public const string ChildName = "Rơ Châm H'Nhi";
    public AdminUnit IaDal = null!, IaToi = null!;
    public int SchoolIaDal;
    public NeedLine Meals = null!, Jackets = null!, ChildJacket = null!, MealsIaToi = null!;
    public Person Proposer = null!, Approver = null!, OtherCommune = null!;
    public int DonorId;
    public Campaign WarmClothes = null!;

    public static async Task<AllocationWorld> CreateAsync(ChildAidDbContext db)
    {
        var w = new AllocationWorld();
        (_, w.IaDal) = await ApprovedNeeds.CommuneAsync(db, "Xã Ia Đal");
        (_, w.IaToi) = await ApprovedNeeds.CommuneAsync(db, "Xã Ia Tơi");
        var school = await ApprovedNeeds.SchoolAsync(db, w.IaDal.Id, "Trường TH-THCS Ia Đal");
        var schoolToi = await ApprovedNeeds.SchoolAsync(db, w.IaToi.Id, "Trường TH-THCS Ia Tơi");
        w.SchoolIaDal = school.Id;
        var child = NeedsWorld.Child(db, ChildName, new DateOnly(2018, 4, 2), w.IaDal.Id, school.Id, CircumstanceGroups.PoorHousehold);
        await db.SaveChangesAsync();
        var review = await ApprovedNeeds.ApproveAsync(db, w.IaDal.Id, w.IaDal.ParentId!.Value, 2026,
            new LineSpec(ApprovedNeeds.LunchMeal, 1, Quantity: 100, UnitCost: 20_000, SchoolId: school.Id, SchoolChildren: 30),
            new LineSpec(ApprovedNeeds.WinterJacket, 1, Quantity: 50, UnitCost: 180_000, Band: SizeBand.Age6To8, SchoolId: school.Id, SchoolChildren: 50),
            new LineSpec(ApprovedNeeds.WinterJacket, 1, Quantity: 1, UnitCost: 180_000, Band: SizeBand.Age6To8, Children: [child]));
        var reviewToi = await ApprovedNeeds.ApproveAsync(db, w.IaToi.Id, w.IaToi.ParentId!.Value, 2026,
            new LineSpec(ApprovedNeeds.LunchMeal, 1, Quantity: 100, UnitCost: 20_000, SchoolId: schoolToi.Id, SchoolChildren: 30));
        var lines = await db.NeedLines.AsNoTracking().Where(l => l.NeedsReviewId == review.Id || l.NeedsReviewId == reviewToi.Id).ToListAsync();
        w.Meals = lines.Single(l => l.NeedsReviewId == review.Id && l.NeedItemId == ApprovedNeeds.LunchMeal);
        w.Jackets = lines.Single(l => l.NeedItemId == ApprovedNeeds.WinterJacket && l.Target == NeedTarget.School);
        w.ChildJacket = lines.Single(l => l.Target == NeedTarget.Child);
        w.MealsIaToi = lines.Single(l => l.NeedsReviewId == reviewToi.Id);
        w.Proposer = await NeedsWorld.PersonAsync(db, "dexuat", [Roles.ProgrammeOfficer], w.IaDal.Id, w.IaToi.Id);
        w.Approver = await NeedsWorld.PersonAsync(db, "duyet", [Roles.CommuneOfficer], w.IaDal.Id);
        w.OtherCommune = await NeedsWorld.PersonAsync(db, "xakhac", [Roles.CommuneOfficer], w.IaToi.Id);
        w.DonorId = (await TestData.DonorAsync(db, w.IaDal.Id, "Công ty TNHH Ánh Dương")).Id;
        w.WarmClothes = await TestData.CampaignAsync(db, "Áo ấm cho em Ia Đal");
        db.CampaignAreas.Add(new CampaignArea { CampaignId = w.WarmClothes.Id, AdminUnitId = w.IaDal.Id, Category = NeedCategory.WarmClothes });
        await db.SaveChangesAsync();
        return w;
    }

    /// <summary>
    /// The school meal programme at Ia Đal's school with one enrolled child (<paramref name="childName"/>), and 30 meals a day
    /// at 20.000 ₫ entered for each day from <paramref name="from"/> to <paramref name="to"/>. Returns the programme's id.
    /// </summary>
    public async Task<int> SchoolMealsAsync(ChildAidDbContext db, string childName, DateOnly from, DateOnly to)
    {
        var child = new Shared.Children.Child
        {
            FullName = childName, DateOfBirth = new DateOnly(2018, 2, 3), Sex = Shared.Children.Sex.Female, AdminUnitId = IaDal.Id, SchoolId = SchoolIaDal,
            Circumstances = CircumstanceGroups.PoorHousehold,
        };
        db.Children.Add(child);
        await db.SaveChangesAsync();
        var programme = new Shared.Interventions.Intervention
        {
            Name = "Bữa trưa bán trú Ia Đal", Kind = Shared.Interventions.InterventionKind.SchoolMeals, StartsOn = new DateOnly(2026, 9, 1),
            EndsOn = new DateOnly(2027, 5, 31), BudgetVnd = 10_000_000, AdminUnitId = IaDal.Id, CreatedBy = "test",
            Sites = [new Shared.Interventions.InterventionSite { OrganisationId = SchoolIaDal }],
            Children = [new Shared.Interventions.InterventionChild { ChildId = child.Id }],
        };
        db.Interventions.Add(programme);
        await db.SaveChangesAsync();
        for (var day = from; day <= to; day = day.AddDays(1))
            db.MealDays.Add(new Shared.Interventions.MealDay
            {
                InterventionId = programme.Id, SchoolId = SchoolIaDal, AdminUnitId = IaDal.Id, ServedOn = day, Meals = 30, CostPerMealVnd = 20_000,
                EnteredBy = "test", EnteredAt = DateTime.UtcNow,
            });
        await db.SaveChangesAsync();
        return programme.Id;
    }
}

/// <summary>Runs allocation services as a given person, their unit scope applied, each call in its own scope (as one request).</summary>
public abstract class AllocationTest(DatabaseProvider provider) : DatabaseTest(provider)
{
    protected AllocationWorld W { get; private set; } = null!;
    protected ServiceProvider Sp { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Sp = Db.Services();
        await using var db = Db.NewContext();
        W = await AllocationWorld.CreateAsync(db);
    }

    public override async Task DisposeAsync()
    {
        await Sp.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Runs <typeparamref name="TService"/> as <paramref name="person"/> (null: the CLI), in a scope of its own with their unit scope.</summary>
    protected Task<T> ActAsAsync<TService, T>(Person? person, Func<TService, ChildAidDbContext, Task<T>> act) where TService : notnull =>
        ActAsAsync(Sp, person, act);

    /// <summary>Runs <typeparamref name="TService"/> as <paramref name="person"/> (null: the CLI) in a scope of its own with their unit scope, as one request would.</summary>
    public static async Task<T> ActAsAsync<TService, T>(IServiceProvider sp, Person? person, Func<TService, ChildAidDbContext, Task<T>> act) where TService : notnull
    {
        await using var scope = sp.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
        actor.UserId = person?.Id;
        actor.Name = person?.UserName ?? "cli";
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        db.UnitScope = person?.Units is null ? null : new AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync()).Covered(person.Units);
        // A site's services (browser tests) may start with an organisation scope from no request at all: these people are not school staff.
        db.OrganisationScope = null;
        return await act(scope.ServiceProvider.GetRequiredService<TService>(), db);
    }

    /// <summary>Another agency declares support (the 3W register) for a target of the Ia Đal world, a month into the meals period.</summary>
    protected async Task DeclareAsync(NeedTarget target, int? childId, int? schoolId, NeedCategory category, string description)
    {
        await using var db = Db.NewContext();
        var agency = new Organisation { Name = "Hội Chữ thập đỏ tỉnh Gia Lai", Type = OrganisationType.RedCross, AdminUnitId = W.IaDal.ParentId!.Value };
        db.Organisations.Add(agency);
        await db.SaveChangesAsync();
        db.DeclaredSupports.Add(new DeclaredSupport
        {
            AgencyId = agency.Id, AdminUnitId = W.IaDal.Id, Target = target, ChildId = childId, SchoolId = schoolId, Category = category,
            PeriodStart = W.Meals.PeriodStart.AddDays(30), PeriodEnd = W.Meals.PeriodStart.AddDays(60), Description = description,
            RecordedById = "x", RecordedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    protected Task<T> AsAsync<T>(Person? person, Func<AllocationService, ChildAidDbContext, Task<T>> act) => ActAsAsync(person, act);

    protected Task<T> AsAsync<T>(Person? person, Func<AllocationService, Task<T>> act) => AsAsync(person, (s, _) => act(s));

    /// <summary>A receipt booked by the CLI (no four-eyes question there), received by Ia Đal.</summary>
    protected async Task<Contribution> ReceiptAsync(long amountVnd, int? campaignId = null)
    {
        await using var scope = Sp.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "cli";
        return Ok(await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(TestData.Cash(W.DonorId, W.IaDal.Id, amountVnd, campaignId)));
    }

    protected async Task<Contribution> GoodsReceiptAsync(string item, int quantity, long unitValueVnd)
    {
        var input = TestData.Cash(W.DonorId, W.IaDal.Id, 0);
        input.Method = ContributionMethod.InKind;
        input.AmountVnd = null;
        input.GoodsLines = [new GoodsLineInput { Item = item, Quantity = quantity, Unit = "chiếc", UnitValueVnd = unitValueVnd }];
        await using var scope = Sp.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "cli";
        var receipt = Ok(await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(input));
        return receipt;
    }

    protected Task<Outcome<Allocation>> ProposeMoneyAsync(Contribution receipt, NeedLine line, long amountVnd, Person? by = null) =>
        AsAsync(by ?? W.Proposer, s => s.ProposeAsync(new AllocationInput { ContributionId = receipt.Id, NeedLineId = line.Id, AmountVnd = amountVnd }));

    protected Task<Outcome<Allocation>> ProposeGoodsAsync(Contribution receipt, NeedLine line, int quantity, Person? by = null) =>
        AsAsync(by ?? W.Proposer, async (s, db) => await s.ProposeAsync(new AllocationInput
        {
            ContributionId = receipt.Id, NeedLineId = line.Id, Quantity = quantity,
            GoodsLineId = await db.Set<ContributionGoodsLine>().Where(g => g.ContributionId == receipt.Id).Select(g => g.Id).SingleAsync(),
        }));

    protected static T Ok<T>(Outcome<T> outcome)
    {
        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return outcome.Value!;
    }

    protected async Task<List<Shared.Ledger.LedgerEntry>> LedgerAsync()
    {
        await using var db = Db.NewContext();
        return await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }
}
