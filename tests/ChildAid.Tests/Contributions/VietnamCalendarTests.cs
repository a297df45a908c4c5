using ChildAid.Shared.Data;
using ChildAid.Shared.Contributions;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.Contributions;

/// <summary>Receipts follow Vietnam's calendar on the injected clock, whatever the machine's date or time zone.</summary>
public abstract class VietnamCalendarTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static readonly FakeTimeProvider NewYearsEveLate = new(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_gift_received_at_half_past_eleven_UTC_on_New_Years_Eve_is_numbered_and_dated_in_the_new_Vietnam_year()
    {
        await using var desk = await GiftDesk.OpenAsync(Db, clock: NewYearsEveLate);
        var input = desk.Cash(100_000);
        input.ReceivedOn = new DateOnly(2027, 1, 1);

        var gift = await desk.Gifts.RecordAsync(input);
        var reversal = await desk.Gifts.ReverseAsync(gift.Value!.Id, "Nhập nhầm nhà tài trợ");

        Assert.True(gift.Succeeded, string.Join("; ", gift.Errors.Values));
        Assert.Equal("2027-000001", gift.Value.ReceiptNumber);
        Assert.Equal(2027, gift.Value.FiscalYear);
        Assert.True(reversal.Succeeded);
        var reversalEntry = await desk.Db.LedgerEntries.SingleAsync(e => e.ReversesSequence != null);
        Assert.Equal(new DateOnly(2027, 1, 1), reversalEntry.ValueDate);
    }

    [Fact]
    public async Task A_gift_dated_tomorrow_in_Vietnam_is_refused_as_in_the_future()
    {
        await using var desk = await GiftDesk.OpenAsync(Db, clock: new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 16, 59, 0, TimeSpan.Zero)));
        var input = desk.Cash(100_000);
        input.ReceivedOn = new DateOnly(2027, 1, 1);

        var outcome = await desk.Gifts.RecordAsync(input);

        Assert.Equal("Ngày nhận không được ở tương lai.", outcome.Errors[nameof(ContributionInput.ReceivedOn)]);
    }
}

public class VietnamCalendarTestsOnSqlite() : VietnamCalendarTests(DatabaseProvider.Sqlite);

public class VietnamCalendarTestsOnPostgres() : VietnamCalendarTests(DatabaseProvider.Postgres);
