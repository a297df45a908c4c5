using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Contributions;

public abstract class RecordingContributionTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task Recorded_gift_gets_a_receipt_number_a_ledger_entry_and_an_honor_roll_line()
    {
        await using var desk = await GiftDesk.OpenAsync(Db, "Công ty TNHH Ánh Dương", DisplayChoice.NameAmount, DonorKind.Business);
        var db = desk.Db;
        var campaign = await TestData.CampaignAsync(db);

        var outcome = await desk.GiveAsync(1_500_000, campaign.Id);

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        Assert.Equal("2026-000001", outcome.Value!.ReceiptNumber);
        var entry = await db.LedgerEntries.SingleAsync();
        Assert.Equal(1_500_000, entry.AmountVnd);
        Assert.Equal("Công ty TNHH Ánh Dương", entry.DonorDisplay);
        Assert.Equal(LedgerCanonicalForm.ComputeHash(entry), entry.Hash);
        var honor = await db.HonorRollEntries.SingleAsync();
        Assert.Equal(1_500_000, honor.AmountVnd);
        Assert.Equal(desk.Donor.PublicKey, honor.DonorKey);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Contribution) && a.Action == "Added"));
        // Its verification key and a mail's donor link go with the audited receipt, as in the statement's batch booking.
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(VerifiedGift) || a.EntityType == nameof(DonorLink)));
    }

    [Fact]
    public async Task Reversal_appends_a_negative_entry_pointing_at_the_receipt_and_cannot_happen_twice()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var db = desk.Db;
        var gift = (await desk.GiveAsync(200_000)).Value!;

        var reversal = await desk.Gifts.ReverseAsync(gift.Id, "Nhập sai số tiền");
        var again = await desk.Gifts.ReverseAsync(gift.Id, "Bấm hai lần");

        Assert.True(reversal.Succeeded);
        Assert.False(again.Succeeded);
        var entries = await db.LedgerEntries.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([200_000L, -200_000L], entries.Select(e => e.AmountVnd));
        Assert.Equal(entries[0].Sequence, entries[1].ReversesSequence);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(0, await db.HonorRollEntries.SumAsync(h => h.GiftDelta));
    }

    [Fact]
    public async Task Same_form_posted_twice_books_once()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var db = desk.Db;
        var input = desk.Cash(50_000);
        input.IdempotencyKey = Guid.NewGuid();

        var first = await desk.Gifts.RecordAsync(input);
        var second = await desk.Gifts.RecordAsync(input);

        Assert.Equal(first.Value!.ReceiptNumber, second.Value!.ReceiptNumber);
        Assert.Equal(1, await db.Contributions.CountAsync());
        Assert.Equal(1, await db.LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task Concurrent_recording_gives_gapless_unique_receipt_numbers_and_an_unbroken_chain()
    {
        await using var sp = Db.Services();
        int donorId, unitId;
        await using (var setup = Scope(sp))
        {
            var db = setup.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var unit = await TestData.UnitAsync(db);
            unitId = unit.Id;
            donorId = (await TestData.DonorAsync(db, unit.Id)).Id;
        }

        const int writers = 8, each = 5;
        var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            var numbers = new List<string>();
            for (var i = 0; i < each; i++)
            {
                await using var scope = Scope(sp);
                var outcome = await scope.ServiceProvider.GetRequiredService<ContributionService>()
                    .RecordAsync(TestData.Cash(donorId, unitId, 10_000 + i));
                numbers.Add(outcome.Value!.ReceiptNumber);
            }
            return numbers;
        }));
        var all = (await Task.WhenAll(tasks)).SelectMany(n => n).ToList();

        var expected = Enumerable.Range(1, writers * each).Select(n => ContributionService.FormatReceiptNumber(2026, n));
        Assert.Equal(expected.Order(), all.Order());
        await using var check = Scope(sp);
        var ctx = check.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var head = await ctx.LedgerHeads.SingleAsync();
        var result = await LedgerVerifier.VerifyAsync(ctx.LedgerEntries.OrderBy(e => e.Sequence).AsAsyncEnumerable(), head.LastHash);
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(writers * each, result.EntriesChecked);
    }

    [Fact]
    public async Task Bad_amounts_are_refused_with_messages_next_to_the_field_and_nothing_is_written()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var db = desk.Db;

        var negative = await desk.GiveAsync(-5);
        var foreignWithoutRate = await desk.Gifts.RecordAsync(new ContributionInput
        {
            DonorId = desk.Donor.Id, AdminUnitId = desk.Unit.Id, Method = ContributionMethod.BankTransfer, OriginalCurrency = "USD", OriginalAmount = 100,
            ReceivedOn = new DateOnly(2026, 11, 1),
        });

        Assert.Contains(nameof(ContributionInput.AmountVnd), negative.Errors.Keys);
        Assert.Contains(nameof(ContributionInput.ExchangeRate), foreignWithoutRate.Errors.Keys);
        Assert.Equal(0, await db.LedgerEntries.CountAsync());
        Assert.Equal(0, await db.Contributions.CountAsync());
    }
}

public class RecordingContributionTestsOnSqlite() : RecordingContributionTests(DatabaseProvider.Sqlite);

public class RecordingContributionTestsOnPostgres() : RecordingContributionTests(DatabaseProvider.Postgres);
