using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Data;

/// <summary>
/// <see cref="BulkInsert"/> (one prepared INSERT on SQLite, binary COPY on PostgreSQL) stores a row exactly as EF's own
/// SaveChanges stores it: every column type the imports write (enums, nullable enums, Guid, dates, money, accented text,
/// nulls, UTC timestamps) reads back the same on both databases.
/// </summary>
public abstract class BulkInsertTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static NeedLine Line(NeedsPlace p, string note) => new()
    {
        NeedsReviewId = p.ReviewId, AdminUnitId = p.CommuneId, Target = NeedTarget.Child, ChildId = p.Hien, Category = NeedCategory.WarmClothes,
        NeedItemId = 1, SizeBand = SizeBand.Age6To8, Quantity = 300, Unit = NeedUnit.Items, EstimatedUnitCostVnd = 185_000,
        ChildrenCount = 1, PeriodStart = new(2026, 11, 1), PeriodEnd = new(2027, 3, 31), Note = note, ComputedLevel = 2,
        PriorityReasons = "OrphanBothParents,ColdHighland", LevelOverride = 1, OverrideReason = "Nhà dột, trẻ ốm", OverriddenById = "u-1",
        OverriddenAt = new DateTime(2026, 12, 1, 3, 4, 5, 678, DateTimeKind.Utc), DuplicateReason = null,
    };

    [Fact]
    public async Task A_row_written_in_bulk_reads_back_exactly_as_the_same_row_saved_by_EF()
    {
        NeedsPlace p;
        await using (var db = Db.NewContext()) p = await NeedsPlace.CreateAsync(db);
        var bulk = Line(p, "Áo ấm cỡ 6–8 tuổi — “Rơ Mah Hiền” ✓");
        var saved = Line(p, bulk.Note!);
        var plain = Line(p, "không có ghi chú");
        (plain.SizeBand, plain.ChildId, plain.Target, plain.ChildrenCount, plain.Note, plain.LevelOverride, plain.OverriddenAt) =
            (null, null, NeedTarget.Commune, 120, null, null, null);

        await using (var db = Db.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, [bulk, plain]);
            await transaction.CommitAsync();
            db.NeedLines.Add(saved);
            await db.SaveChangesAsync();
        }

        await using var read = Db.NewContext();
        var rows = await read.NeedLines.AsNoTracking().OrderBy(l => l.Id).ToListAsync();
        Assert.Equal(3, rows.Count);
        var (fromBulk, fromPlain, fromEf) = (rows.Single(r => r.Key == bulk.Key), rows.Single(r => r.Key == plain.Key), rows.Single(r => r.Key == saved.Key));
        string Shape(NeedLine l) => string.Join("|", l.NeedsReviewId, l.AdminUnitId, l.Target, l.ChildId, l.Category, l.NeedItemId, l.SizeBand, l.Quantity,
            l.Unit, l.EstimatedUnitCostVnd, l.ChildrenCount, l.PeriodStart, l.PeriodEnd, l.Note, l.ComputedLevel, l.PriorityReasons, l.LevelOverride,
            l.OverrideReason, l.OverriddenById, l.OverriddenAt?.ToString("O"), l.OverriddenAt?.Kind, l.DuplicateReason, l.Version);
        Assert.Equal(Shape(fromEf), Shape(fromBulk));
        Assert.Null(fromPlain.SizeBand);
        Assert.Null(fromPlain.Note);
        Assert.Null(fromPlain.OverriddenAt);
        Assert.Equal((NeedTarget.Commune, 120), (fromPlain.Target, fromPlain.ChildrenCount));
    }

    [Fact]
    public async Task A_bulk_insert_is_part_of_the_callers_transaction_and_goes_when_it_is_rolled_back()
    {
        NeedsPlace p;
        await using (var db = Db.NewContext()) p = await NeedsPlace.CreateAsync(db);
        await using (var db = Db.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, Enumerable.Range(0, 2500).Select(i => Line(p, $"dòng {i}")).ToList());
            Assert.Equal(2500, await db.NeedLines.CountAsync());
            await transaction.RollbackAsync();
        }
        await using var read = Db.NewContext();
        Assert.Equal(0, await read.NeedLines.CountAsync());
    }
}

public class BulkInsertTestsOnSqlite() : BulkInsertTests(DatabaseProvider.Sqlite);

public class BulkInsertTestsOnPostgres() : BulkInsertTests(DatabaseProvider.Postgres);
