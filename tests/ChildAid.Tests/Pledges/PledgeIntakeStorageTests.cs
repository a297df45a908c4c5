using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Pledges;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Pledges;

/// <summary>What the database itself guarantees about pledges, through PublicSite's intake context.</summary>
public abstract class PledgeIntakeStorageTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    internal static PledgeIntake Intake(long amount = 200_000, string? idempotencyKey = null, string? campaign = "ao-am") => new()
    {
        Id = Guid.NewGuid(),
        Reference = PledgeReference.New(),
        IdempotencyKeyHash = idempotencyKey is null ? null : PledgeIntake.HashIdempotencyKey(idempotencyKey),
        CampaignSlug = campaign,
        AmountVnd = amount,
        Display = DisplayChoice.NameAmount,
        DonorKind = DonorKind.Person,
        DonorName = "Trần Thị Bình",
        DonorEmail = "binh@example.com",
        DonorPhone = "0912345678",
        Origin = DonorOrigin.Domestic,
        Channel = PaymentChannel.Transfer,
        ReceivedAt = new DateTime(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc),
    };

    [Fact]
    public async Task A_pledge_written_by_the_intake_login_shows_in_the_status_view_as_received()
    {
        var intake = Intake(campaign: "ao-am-2026");
        await using (var db = IntakeDbContext.Create(Db.IntakeOptions))
        {
            db.PledgeIntake.Add(intake);
            await db.SaveChangesAsync();
        }

        await using var read = IntakeDbContext.Create(Db.IntakeOptions);
        var status = await read.PledgeStatus.AsNoTracking().SingleAsync(s => s.Reference == intake.Reference);

        Assert.Equal((200_000L, "VND", PledgeStatus.Received, "ao-am-2026"), (status.AmountVnd, status.Currency, status.Status, status.CampaignSlug));
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_is_refused_by_the_database()
    {
        await using var db = IntakeDbContext.Create(Db.IntakeOptions);
        db.PledgeIntake.Add(Intake(idempotencyKey: "key-1"));
        await db.SaveChangesAsync();

        await using var again = IntakeDbContext.Create(Db.IntakeOptions);
        again.PledgeIntake.Add(Intake(idempotencyKey: "key-1"));
        await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());
    }

    [Fact]
    public async Task The_same_reference_twice_is_refused_by_the_database()
    {
        var first = Intake();
        await using var db = IntakeDbContext.Create(Db.IntakeOptions);
        db.PledgeIntake.Add(first);
        await db.SaveChangesAsync();

        var second = Intake();
        second.Reference = first.Reference;
        await using var again = IntakeDbContext.Create(Db.IntakeOptions);
        again.PledgeIntake.Add(second);
        await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());
    }

    [Theory]
    [InlineData(0L, "VND", null, null)]
    [InlineData(-5L, "VND", null, null)]
    [InlineData(100_000L, "JPY", null, null)]
    [InlineData(100_000L, "USD", null, null)]
    [InlineData(100_000L, "VND", 4.0, 25_000.0)]
    public async Task The_database_refuses_an_amount_or_currency_that_makes_no_sense(long amount, string currency, double? original, double? rate)
    {
        var intake = Intake(amount);
        intake.Currency = currency;
        intake.OriginalAmount = (decimal?)original;
        intake.ExchangeRate = (decimal?)rate;
        await using var db = IntakeDbContext.Create(Db.IntakeOptions);
        db.PledgeIntake.Add(intake);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Once_BackOffice_made_the_pledge_the_view_shows_its_status_and_a_second_pledge_for_the_same_intake_is_refused()
    {
        var intake = Intake();
        await using (var db = IntakeDbContext.Create(Db.IntakeOptions))
        {
            db.PledgeIntake.Add(intake);
            await db.SaveChangesAsync();
        }
        await using (var app = Db.NewContext())
        {
            var unit = await TestData.UnitAsync(app);
            var donor = await TestData.DonorAsync(app, unit.Id);
            var pledge = new Pledge { Reference = intake.Reference, IntakeId = intake.Id, DonorId = donor.Id, AdminUnitId = unit.Id, AmountVnd = 200_000, CreatedAt = DateTime.UtcNow };
            pledge.RecordPayment(50_000);
            app.Pledges.Add(pledge);
            await app.SaveChangesAsync();

            app.Pledges.Add(new Pledge { Reference = PledgeReference.New(), IntakeId = intake.Id, DonorId = donor.Id, AdminUnitId = unit.Id, AmountVnd = 200_000, CreatedAt = DateTime.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(() => app.SaveChangesAsync());
        }

        await using var read = IntakeDbContext.Create(Db.IntakeOptions);
        Assert.Equal("PartlyPaid", (await read.PledgeStatus.AsNoTracking().SingleAsync(s => s.Reference == intake.Reference)).Status);
    }
}

public class PledgeIntakeStorageTestsOnSqlite() : PledgeIntakeStorageTests(DatabaseProvider.Sqlite);

public class PledgeIntakeStorageTestsOnPostgres() : PledgeIntakeStorageTests(DatabaseProvider.Postgres);
