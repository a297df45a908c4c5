using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.PublicNeeds;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChildAid.Tests.PublicNeeds.ApprovedNeeds;

namespace ChildAid.Tests.PublicNeeds;

public abstract class PublicNeedsProjectionTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private ServiceProvider? _services;
    private ServiceProvider Services => _services ??= Db.Services();

    public override async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await base.DisposeAsync();
    }

    private async Task<T> WithDbAsync<T>(Func<ChildAidDbContext, Task<T>> work)
    {
        await using var scope = Scope(Services);
        return await work(scope.ServiceProvider.GetRequiredService<ChildAidDbContext>());
    }

    [Fact]
    public async Task Approved_needs_add_up_by_school_item_size_band_and_level_with_the_map_in_force()
    {
        await WithDbAsync(async db =>
        {
            var (province, commune) = await CommuneAsync(db);
            var school = await SchoolAsync(db, commune.Id, "Trường Tiểu học Ia Đal");
            var small = await ChildrenAsync(db, commune.Id, school.Id, 6, "Siu H'Nhỏ");
            var big = await ChildrenAsync(db, commune.Id, school.Id, 7, "Rơ Mah Lớn");
            await ApproveAsync(db, commune.Id, province.Id, 2026,
                new LineSpec(WinterJacket, 1, UnitCost: 180_000, Band: SizeBand.Age6To8, Children: small, SchoolId: school.Id, Committed: 1),
                new LineSpec(LunchMeal, 2, Quantity: 100, UnitCost: 20_000, Children: big, SchoolId: school.Id),
                new LineSpec(PlayArea, 3, UnitCost: 80_000_000, SchoolId: school.Id, SchoolChildren: 120));
            return 0;
        });

        var rows = await RowsAsync(Services);

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(("Xã Ia Đal", "Tỉnh Gia Lai", (string?)null, 2026), (r.CommuneName, r.ProvinceName!, r.DistrictName, r.Year)));
        var jackets = rows.Single(r => r.ItemCode == "winter-jacket");
        Assert.Equal((6, 6L, 1_080_000L, 1, SizeBand.Age6To8, "Trường Tiểu học Ia Đal", 6L, 1_080_000L),
            (jackets.ChildrenCount!.Value, jackets.Quantity!.Value, jackets.EstimatedCostVnd!.Value, jackets.PriorityLevel!.Value, jackets.SizeBand!.Value,
             jackets.SchoolName!, jackets.CommittedQuantity!.Value, jackets.CommittedVnd!.Value));
        var meals = rows.Single(r => r.ItemCode == "lunch-meal");
        Assert.Equal((7, 700L, 14_000_000L, NeedUnit.Meals), (meals.ChildrenCount!.Value, meals.Quantity!.Value, meals.EstimatedCostVnd!.Value, meals.Unit!.Value));
        Assert.Equal(120, rows.Single(r => r.ItemCode == "play-area").ChildrenCount);
        Assert.All(rows, r => Assert.False(r.Suppressed));
    }

    [Fact]
    public async Task Size_bands_of_fewer_than_five_children_are_merged_into_their_item()
    {
        await WithDbAsync(async db =>
        {
            var (province, commune) = await CommuneAsync(db);
            var six = await ChildrenAsync(db, commune.Id, null, 6, "A");
            var three = await ChildrenAsync(db, commune.Id, null, 3, "B");
            var two = await ChildrenAsync(db, commune.Id, null, 2, "C");
            await ApproveAsync(db, commune.Id, province.Id, 2026,
                new LineSpec(WinterJacket, 1, Band: SizeBand.Age6To8, Children: six),
                new LineSpec(WinterJacket, 1, Band: SizeBand.Age9To11, Children: three),
                new LineSpec(WinterJacket, 1, Band: SizeBand.Age12To15, Children: two));
            return 0;
        });

        var rows = await RowsAsync(Services);

        Assert.Equal([(SizeBand?)SizeBand.Age6To8, null], rows.Select(r => r.SizeBand));
        Assert.Equal([6, 5], rows.Select(r => r.ChildrenCount!.Value));
        Assert.All(rows, r => Assert.Equal("winter-jacket", r.ItemCode));
    }

    [Fact]
    public async Task Needs_of_fewer_than_five_children_left_after_merging_show_as_one_row_without_figures()
    {
        await WithDbAsync(async db =>
        {
            var (province, commune) = await CommuneAsync(db);
            var many = await ChildrenAsync(db, commune.Id, null, 8, "D");
            var few = await ChildrenAsync(db, commune.Id, null, 4, "E");
            await ApproveAsync(db, commune.Id, province.Id, 2026,
                new LineSpec(Boots, 2, Band: SizeBand.Age3To5, Children: many),
                new LineSpec(HealthCheck, 1, UnitCost: 123_457, Children: few));
            return 0;
        });

        var rows = await RowsAsync(Services);

        Assert.Equal(2, rows.Count);
        var hidden = rows.Single(r => r.Suppressed);
        Assert.Equal([null, null, null, null, null, null], new object?[] { hidden.ChildrenCount, hidden.Quantity, hidden.EstimatedCostVnd, hidden.Category, hidden.PriorityLevel, hidden.ItemCode });
        Assert.Equal(8, rows.Single(r => !r.Suppressed).ChildrenCount);
    }

    [Fact]
    public async Task Approving_a_new_revision_replaces_the_commune_years_rows_and_leaves_other_communes_alone()
    {
        var (provinceId, communeId, otherId, children) = await WithDbAsync(async db =>
        {
            var (province, commune) = await CommuneAsync(db);
            var (_, other) = await CommuneAsync(db, "Xã Ia Kriêng");
            var kids = await ChildrenAsync(db, commune.Id, null, 10, "F");
            var otherKids = await ChildrenAsync(db, other.Id, null, 5, "G");
            await ApproveAsync(db, commune.Id, province.Id, 2026, new LineSpec(LunchMeal, 1, Quantity: 50, Children: kids));
            await ApproveAsync(db, other.Id, province.Id, 2026, new LineSpec(LunchMeal, 1, Quantity: 50, Children: otherKids));
            return (province.Id, commune.Id, other.Id, kids);
        });
        var versionBefore = await WithDbAsync(db => db.PublicDataVersions.Select(v => v.Version).SingleAsync());

        await WithDbAsync(async db =>
        {
            await ApproveAsync(db, communeId, provinceId, 2026, new LineSpec(LunchMeal, 1, Quantity: 80, Children: children[..5]));
            return 0;
        });

        var rows = await RowsAsync(Services);
        Assert.Equal([(communeId, 400L), (otherId, 250L)], rows.OrderBy(r => r.CommuneId).Select(r => (r.ReviewUnitId, r.Quantity!.Value)));
        Assert.True(await WithDbAsync(db => db.PublicDataVersions.Select(v => v.Version).SingleAsync()) > versionBefore);
        Assert.Equal(NeedsReviewStatus.Superseded,
            await WithDbAsync(db => db.NeedsReviews.Where(r => r.AdminUnitId == communeId && r.Revision == 1).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_database_refuses_a_published_cell_of_four_children()
    {
        var error = await Assert.ThrowsAnyAsync<DbUpdateException>(() => WithDbAsync(async db =>
        {
            db.PublicNeeds.Add(new PublicNeed { CommuneCode = "1", CommuneName = "Xã", ChildrenCount = 4, Quantity = 4, EstimatedCostVnd = 1 });
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("ck_public_needs_small_cells", error.InnerException?.Message ?? error.Message);
    }
}

public class PublicNeedsProjectionTestsOnSqlite() : PublicNeedsProjectionTests(DatabaseProvider.Sqlite);

public class PublicNeedsProjectionTestsOnPostgres() : PublicNeedsProjectionTests(DatabaseProvider.Postgres);
