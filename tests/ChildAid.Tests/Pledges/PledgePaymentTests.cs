using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Pledges;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// A payment that names its pledge is recorded on the pledge by the booking core, in the booking's transaction: the
/// pledge's paid amount is never updated anywhere else, so every channel (transfer, card, bank line) agrees.
/// </summary>
public abstract class PledgePaymentTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task A_pledge_paid_in_two_parts_is_partly_paid_then_paid()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var pledge = await PledgeAsync(desk.Db, desk.Donor.Id, desk.Unit.Id, 1_000_000);

        var first = await desk.Gifts.RecordAsync(Payment(desk, pledge, 400_000, "bank:DEMO:1"));
        Assert.Equal(PledgeState.PartlyPaid, (await Reload(desk, pledge)).Status);
        var second = await desk.Gifts.RecordAsync(Payment(desk, pledge, 600_000, "bank:DEMO:2"));

        Assert.True(first.Succeeded && second.Succeeded);
        var paid = await Reload(desk, pledge);
        Assert.Equal(PledgeState.Paid, paid.Status);
        Assert.Equal(1_000_000, paid.PaidVnd);
        Assert.Equal(0, paid.OutstandingVnd);
        Assert.Equal(2, await desk.Db.Contributions.CountAsync(c => c.PledgeId == pledge.Id));
    }

    [Fact]
    public async Task Every_payment_of_a_pledge_carries_the_pledge_forms_message_to_its_receipt_and_the_honor_roll()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var pledge = await PledgeAsync(desk.Db, desk.Donor.Id, desk.Unit.Id, 1_000_000, message: "Mong các em có áo ấm");

        var first = await desk.Gifts.RecordAsync(Payment(desk, pledge, 400_000, "bank:DEMO:m1"));
        var own = Payment(desk, pledge, 600_000, "bank:DEMO:m2");
        own.Message = "Lần hai: chúc các em khoẻ";
        var second = await desk.Gifts.RecordAsync(own);

        Assert.Equal(("Mong các em có áo ấm", "Lần hai: chúc các em khoẻ"), (first.Value!.Message, second.Value!.Message));
        desk.Db.ChangeTracker.Clear();
        var shown = await desk.Db.HonorRollEntries.Where(h => h.DonorKey == desk.Donor.PublicKey).OrderBy(h => h.LedgerSequence).Select(h => h.Message).ToListAsync();
        Assert.Equal(["Mong các em có áo ấm", "Lần hai: chúc các em khoẻ"], shown);
    }

    [Fact]
    public async Task The_same_payment_booked_twice_is_recorded_on_the_pledge_once()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var pledge = await PledgeAsync(desk.Db, desk.Donor.Id, desk.Unit.Id, 1_000_000);

        await desk.Gifts.RecordAsync(Payment(desk, pledge, 300_000, "stripe:pi_twice"));
        await desk.Gifts.RecordAsync(Payment(desk, pledge, 300_000, "stripe:pi_twice"));

        Assert.Equal(300_000, (await Reload(desk, pledge)).PaidVnd);
    }

    [Fact]
    public async Task A_reversed_payment_comes_off_the_pledge()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var pledge = await PledgeAsync(desk.Db, desk.Donor.Id, desk.Unit.Id, 500_000);
        var gift = (await desk.Gifts.RecordAsync(Payment(desk, pledge, 500_000, "stripe:pi_refunded"))).Value!;

        var reversal = await desk.Gifts.ReverseAsync(gift.Id, "Hoàn tiền thẻ");

        Assert.True(reversal.Succeeded, string.Join("; ", reversal.Errors.Values));
        var after = await Reload(desk, pledge);
        Assert.Equal(0, after.PaidVnd);
        Assert.Equal(PledgeState.Pledged, after.Status);
    }

    [Fact]
    public async Task A_cancelled_pledge_or_another_donors_pledge_takes_no_payment_and_says_why()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var cancelled = await PledgeAsync(desk.Db, desk.Donor.Id, desk.Unit.Id, 500_000);
        cancelled.Cancel();
        await desk.Db.SaveChangesAsync();
        var other = await TestData.DonorAsync(desk.Db, desk.Unit.Id, "Trần Thị Bình");
        var othersPledge = await PledgeAsync(desk.Db, other.Id, desk.Unit.Id, 500_000);

        var toCancelled = await desk.Gifts.RecordAsync(Payment(desk, cancelled, 100_000, "bank:DEMO:c"));
        var toOthers = await desk.Gifts.RecordAsync(Payment(desk, othersPledge, 100_000, "bank:DEMO:o"));

        Assert.Contains("đã hủy", toCancelled.Errors[nameof(ContributionInput.PledgeId)]);
        Assert.Contains("nhà tài trợ khác", toOthers.Errors[nameof(ContributionInput.PledgeId)]);
        Assert.Equal(0, await desk.Db.Contributions.CountAsync());
    }

    [Fact]
    public async Task Concurrent_payments_of_one_pledge_all_add_up()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var pledge = await PledgeAsync(desk.Db, desk.Donor.Id, desk.Unit.Id, 10_000_000);

        await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            await using var scope = Scope(desk.Services);
            var outcome = await scope.ServiceProvider.GetRequiredService<ContributionService>()
                .RecordAsync(Payment(desk, pledge, 100_000, $"bank:DEMO:race{i}"));
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        })));

        Assert.Equal(800_000, (await Reload(desk, pledge)).PaidVnd);
    }

    private static ContributionInput Payment(GiftDesk desk, Pledge pledge, long amount, string externalId)
    {
        var input = desk.Cash(amount);
        input.Method = ContributionMethod.BankTransfer;
        input.Channel = ContributionChannel.BankStatement;
        input.ExternalId = externalId;
        input.PledgeId = pledge.Id;
        return input;
    }

    private static async Task<Pledge> Reload(GiftDesk desk, Pledge pledge)
    {
        desk.Db.ChangeTracker.Clear();
        return await desk.Db.Pledges.SingleAsync(p => p.Id == pledge.Id);
    }

    private static async Task<Pledge> PledgeAsync(ChildAidDbContext db, int donorId, int unitId, long amount, string? message = null)
    {
        var pledge = new Pledge
        {
            Reference = PledgeReference.New(), IntakeId = Guid.NewGuid(), DonorId = donorId, AdminUnitId = unitId,
            AmountVnd = amount, CreatedAt = new DateTime(2026, 11, 20, 3, 0, 0, DateTimeKind.Utc), Message = message,
        };
        db.Pledges.Add(pledge);
        await db.SaveChangesAsync();
        return pledge;
    }
}

public class PledgePaymentTestsOnSqlite() : PledgePaymentTests(DatabaseProvider.Sqlite);

public class PledgePaymentTestsOnPostgres() : PledgePaymentTests(DatabaseProvider.Postgres);
