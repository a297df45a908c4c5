using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Contributions;

/// <summary>Every channel books through one core; a payment known by its source id is booked once.</summary>
public abstract class BookingCoreTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task A_card_payment_keeps_its_channel_and_source_id()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var input = desk.Cash(300_000);
        input.Channel = ContributionChannel.Card;
        input.ExternalId = "stripe:pi_123";

        var outcome = await desk.Gifts.RecordAsync(input);

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        desk.Db.ChangeTracker.Clear();
        var stored = await desk.Db.Contributions.SingleAsync();
        Assert.Equal(ContributionChannel.Card, stored.Channel);
        Assert.Equal("stripe:pi_123", stored.ExternalId);
    }

    [Fact]
    public async Task A_staff_receipt_is_on_the_staff_channel_with_no_source_id()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);

        var gift = (await desk.GiveAsync(50_000)).Value!;

        Assert.Equal(ContributionChannel.Staff, gift.Channel);
        Assert.Null(gift.ExternalId);
    }

    [Fact]
    public async Task Booking_the_same_payment_twice_returns_the_first_contribution()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var first = await desk.Gifts.RecordAsync(Transfer(desk, "bank:VCB:FT24336000001"));
        // The retry differs in amount: the source id alone says it is the same payment.
        var retry = Transfer(desk, "bank:VCB:FT24336000001");
        retry.AmountVnd = 999_000;

        var second = await desk.Gifts.RecordAsync(retry);

        Assert.Equal(first.Value!.Id, second.Value!.Id);
        Assert.Equal(1, await desk.Db.Contributions.CountAsync());
        Assert.Equal(1, await desk.Db.LedgerEntries.CountAsync());
        Assert.Equal(1, await desk.Db.HonorRollEntries.CountAsync());
    }

    [Fact]
    public async Task Different_payments_get_their_own_receipts()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);

        var a = await desk.Gifts.RecordAsync(Transfer(desk, "bank:VCB:FT1"));
        var b = await desk.Gifts.RecordAsync(Transfer(desk, "bank:VCB:FT2"));

        Assert.NotEqual(a.Value!.ReceiptNumber, b.Value!.ReceiptNumber);
    }

    [Fact]
    public async Task A_source_id_that_is_blank_or_too_long_is_refused_next_to_the_field()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);

        var blank = await desk.Gifts.RecordAsync(Transfer(desk, "  "));
        var tooLong = await desk.Gifts.RecordAsync(Transfer(desk, new string('x', ContributionRules.MaxExternalIdLength + 1)));

        Assert.Contains(nameof(ContributionInput.ExternalId), blank.Errors.Keys);
        Assert.Contains(nameof(ContributionInput.ExternalId), tooLong.Errors.Keys);
        Assert.Equal(0, await desk.Db.Contributions.CountAsync());
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_contribution_with_the_same_source_id()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var first = (await desk.Gifts.RecordAsync(Transfer(desk, "stripe:pi_dup"))).Value!;
        desk.Db.ChangeTracker.Clear();

        desk.Db.Contributions.Add(new Contribution
        {
            ReceiptNumber = "2026-999999", FiscalYear = 2026, ReceiptSequence = 999_999, DonorId = first.DonorId,
            Method = first.Method, AmountVnd = first.AmountVnd, ReceivedOn = first.ReceivedOn, AdminUnitId = first.AdminUnitId,
            LedgerSequence = first.LedgerSequence, Channel = ContributionChannel.Card, ExternalId = "stripe:pi_dup",
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => desk.Db.SaveChangesAsync());
    }

    [Fact]
    public async Task Ten_concurrent_bookings_of_one_payment_give_one_contribution_one_ledger_entry()
    {
        await using var sp = Db.Services();
        int donorId, unitId;
        await using (var setup = Scope(sp))
        {
            var db = setup.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            unitId = (await TestData.UnitAsync(db)).Id;
            donorId = (await TestData.DonorAsync(db, unitId)).Id;
        }

        var receipts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await using var scope = Scope(sp);
            var input = TestData.Cash(donorId, unitId, 200_000);
            input.Method = ContributionMethod.BankTransfer;
            input.Channel = ContributionChannel.Card;
            input.ExternalId = "stripe:pi_concurrent";
            var outcome = await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(input);
            return outcome.Value!.ReceiptNumber;
        })));

        Assert.Single(receipts.Distinct());
        await using var check = Scope(sp);
        var ctx = check.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        Assert.Equal(1, await ctx.Contributions.IgnoreQueryFilters().CountAsync());
        Assert.Equal(1, await ctx.LedgerEntries.CountAsync());
    }

    private static ContributionInput Transfer(GiftDesk desk, string externalId)
    {
        var input = desk.Cash(200_000);
        input.Method = ContributionMethod.BankTransfer;
        input.Channel = ContributionChannel.BankStatement;
        input.ExternalId = externalId;
        return input;
    }
}

public class BookingCoreTestsOnSqlite() : BookingCoreTests(DatabaseProvider.Sqlite);

public class BookingCoreTestsOnPostgres() : BookingCoreTests(DatabaseProvider.Postgres);
