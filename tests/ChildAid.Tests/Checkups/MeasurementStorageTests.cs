using ChildAid.Shared.Checkups;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Growth;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Checkups;

/// <summary>Measurements in the database: exact decimals, impossible values refused by the database itself, bulk recompute.</summary>
public abstract class MeasurementStorageTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private CheckupWorld W = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
    }

    private Measurement Row(int child, decimal? weight = 19.5m, decimal? length = 118.2m, int? muac = null) => new()
    {
        SessionId = W.OwnSession, ChildId = child, AdminUnitId = W.Own, WeightKg = weight, LengthCm = length,
        Position = length is null ? null : MeasuredPosition.Standing, MuacMm = muac,
    };

    [Fact]
    public async Task Decimals_come_back_exactly_as_measured()
    {
        await using (var db = Db.NewContext())
        {
            db.Measurements.Add(Row(W.OwnGirl, 19.9m, 99.9m, 135));
            await db.SaveChangesAsync();
        }
        await using var read = Db.NewContext();
        var m = await read.Measurements.SingleAsync();
        Assert.Equal(19.9m, m.WeightKg);
        Assert.Equal(99.9m, m.LengthCm);
        Assert.Equal(135, m.MuacMm);
    }

    [Theory]
    [InlineData(300.0, 118.2, null)]
    [InlineData(0.2, 118.2, null)]
    [InlineData(19.5, 20.0, null)]
    [InlineData(19.5, 118.2, 9)]
    public async Task The_database_refuses_an_impossible_value(double weight, double length, int? muac)
    {
        await using var db = Db.NewContext();
        db.Measurements.Add(Row(W.OwnGirl, (decimal)weight, (decimal)length, muac));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task The_database_refuses_a_length_without_its_position_and_a_row_with_nothing_measured()
    {
        await using (var db = Db.NewContext())
        {
            var noPosition = Row(W.OwnGirl);
            noPosition.Position = null;
            db.Measurements.Add(noPosition);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var db = Db.NewContext())
        {
            db.Measurements.Add(Row(W.OwnBoy, null, null));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    private ServiceProvider Services() => Db.Services(s => s.Configure<GrowthOptions>(o => o.ReferenceFolder = SharedFolder.WhoGrowth));

    [Fact]
    public async Task Recompute_fills_in_rows_saved_without_tables_and_rows_of_an_older_reference_and_leaves_current_ones()
    {
        await using (var db = Db.NewContext())
        {
            var missing = Row(W.OwnGirl);
            var old = Row(W.OwnBoy);
            old.ReferenceVersion = "WHO2006+2007:0000000000000000";
            old.LengthForAge = 9.99m;
            var other = Row(W.OtherChild);
            other.SessionId = W.OtherSession;
            other.AdminUnitId = W.Other;
            db.Measurements.AddRange(missing, old, other);
            await db.SaveChangesAsync();
        }
        await using var sp = Services();
        await using var scope = Scope(sp);
        var recompute = scope.ServiceProvider.GetRequiredService<GrowthRecompute>();
        var progress = new List<(int, int)>();

        var done = await recompute.RunAsync((n, total) => progress.Add((n, total)));
        var again = await recompute.RunAsync();

        Assert.Equal(3, done);
        Assert.Equal(0, again);
        Assert.Equal(new[] { (3, 3) }, progress);
        await using var db2 = Db.NewContext();
        var rows = await db2.Measurements.Include(m => m.Child).ToListAsync();
        Assert.All(rows, m => Assert.Equal(WhoTables.Calculator.ReferenceVersion, m.ReferenceVersion));
        foreach (var m in rows)
        {
            var expected = WhoTables.Calculator.Compute(MeasurementScores.Input(m, m.Child!.Sex, m.Child.DateOfBirth, CheckupWorld.SessionDay));
            Assert.Equal((decimal?)expected.LengthForAge, m.LengthForAge);
            Assert.Equal((decimal?)expected.BmiForAge, m.BmiForAge);
        }
    }

    [Fact]
    public async Task The_growth_recompute_verb_prints_its_progress()
    {
        await using (var db = Db.NewContext())
        {
            db.Measurements.AddRange(Row(W.OwnGirl), Row(W.OwnBoy));
            await db.SaveChangesAsync();
        }

        var (code, output) = await CliRunner.RunAsync(Db, "growth", "recompute", $"--Growth:ReferenceFolder={SharedFolder.WhoGrowth}");

        Assert.True(code == 0, output);
        Assert.Contains("2 kết quả đo cần tính lại", output);
        Assert.Contains("2/2", output);
        Assert.Contains("Đã tính lại 2 kết quả đo.", output);
        await using var read = Db.NewContext();
        Assert.Equal(0, await read.Measurements.CountAsync(m => m.ReferenceVersion == null));
    }

    [Fact]
    public async Task Growth_recompute_without_the_tables_says_how_to_install_them()
    {
        var (code, output) = await CliRunner.RunAsync(Db, "growth", "recompute", "--Growth:ReferenceFolder=/nonexistent/who-growth");

        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/who-growth", output);
    }
}

public class MeasurementStorageTestsOnSqlite() : MeasurementStorageTests(DatabaseProvider.Sqlite);

public class MeasurementStorageTestsOnPostgres() : MeasurementStorageTests(DatabaseProvider.Postgres);
