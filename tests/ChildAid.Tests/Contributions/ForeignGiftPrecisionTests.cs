using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Contributions;

/// <summary>What the ledger hashes, what the database stores and what people read are the same digits, on both databases.</summary>
public abstract class ForeignGiftPrecisionTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static ContributionInput Dollars(GiftDesk desk, decimal amount, decimal rate) => new()
    {
        DonorId = desk.Donor.Id, AdminUnitId = desk.Unit.Id, Method = ContributionMethod.BankTransfer, ReceivedOn = new DateOnly(2026, 11, 20),
        OriginalCurrency = "USD", OriginalAmount = amount, ExchangeRate = rate,
    };

    [Fact]
    public async Task A_dollar_gift_at_a_six_decimal_rate_reloads_with_the_same_hash_verifies_and_shows_the_same_digits()
    {
        await using (var desk = await GiftDesk.OpenAsync(Db))
        {
            var outcome = await desk.Gifts.RecordAsync(Dollars(desk, 100.55m, 25_450.123456m));
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        }

        await using var db = Db.NewContext();
        var entry = await db.LedgerEntries.AsNoTracking().SingleAsync();
        var gift = await db.Contributions.AsNoTracking().SingleAsync();
        Assert.Equal(LedgerCanonicalForm.ComputeHash(entry), entry.Hash);
        Assert.Equal("100.55", LedgerCanonicalForm.FormatDecimal(entry.OriginalAmount));
        Assert.Equal("25450.123456", LedgerCanonicalForm.FormatDecimal(entry.ExchangeRate));
        Assert.Equal(2_559_010, entry.AmountVnd);
        Assert.Equal((gift.OriginalAmount, gift.ExchangeRate), (entry.OriginalAmount, entry.ExchangeRate));
        Assert.Equal("Chuyển khoản (100,55 USD × 25.450,123456)", entry.Description);
        Assert.Equal(entry.Description, ContributionService.PublicDescription(gift));
        var head = await db.LedgerHeads.SingleAsync();
        var fromDatabase = await LedgerVerifier.VerifyAsync(db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable(), head.LastHash);
        Assert.True(fromDatabase.IsIntact, fromDatabase.Problem);
        var csv = new StringWriter();
        await StatementCsv.WriteAsync(csv, db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable());
        Assert.Contains("100.55", csv.ToString());
        Assert.Contains("25450.123456", csv.ToString());
        var fromCsv = await LedgerVerifier.VerifyAsync(StatementCsv.ReadAsync(new StringReader(csv.ToString())));
        Assert.True(fromCsv.IsIntact, fromCsv.Problem);
    }

    [Fact]
    public async Task A_dollar_amount_with_three_decimals_is_refused_and_nothing_reaches_the_ledger()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);

        var outcome = await desk.Gifts.RecordAsync(Dollars(desk, 100.555m, 25_450.1234567m));

        Assert.Equal("Số tiền USD có nhiều nhất 2 chữ số thập phân; vui lòng kiểm tra lại.", outcome.Errors[nameof(ContributionInput.OriginalAmount)]);
        Assert.Equal("Tỷ giá có nhiều nhất 6 chữ số thập phân; vui lòng kiểm tra lại.", outcome.Errors[nameof(ContributionInput.ExchangeRate)]);
        Assert.Equal(0, await desk.Db.LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task Yen_are_whole_and_read_back_the_same_on_both_databases()
    {
        await using (var desk = await GiftDesk.OpenAsync(Db))
            Assert.True((await desk.Gifts.RecordAsync(new ContributionInput
            {
                DonorId = desk.Donor.Id, AdminUnitId = desk.Unit.Id, Method = ContributionMethod.BankTransfer, ReceivedOn = new DateOnly(2026, 11, 20),
                OriginalCurrency = "JPY", OriginalAmount = 50_000m, ExchangeRate = 170.25m,
            })).Succeeded);

        await using var db = Db.NewContext();
        var entry = await db.LedgerEntries.AsNoTracking().SingleAsync();
        Assert.Equal(LedgerCanonicalForm.ComputeHash(entry), entry.Hash);
        Assert.Equal("Chuyển khoản (50.000 JPY × 170,25)", entry.Description);
        Assert.Equal(8_512_500, entry.AmountVnd);
    }

    [Fact]
    public async Task A_goods_gift_of_93_lines_at_the_maximum_is_refused_instead_of_booking_a_wrapped_total()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var input = new ContributionInput
        {
            DonorId = desk.Donor.Id, AdminUnitId = desk.Unit.Id, Method = ContributionMethod.InKind, ReceivedOn = new DateOnly(2026, 11, 20),
            GoodsLines = [.. Enumerable.Range(0, 93).Select(i => new GoodsLineInput { Item = $"Hàng {i}", Quantity = ContributionRules.MaxQuantity, Unit = "cái", UnitValueVnd = ContributionRules.MaxAmountVnd })],
        };

        var outcome = await desk.Gifts.RecordAsync(input);

        Assert.Contains(nameof(ContributionInput.GoodsLines), outcome.Errors.Keys);
        Assert.Equal(0, await desk.Db.LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task A_reversal_reason_that_would_overflow_the_ledger_description_is_refused_with_a_message()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var gift = (await desk.GiveAsync(100_000)).Value!;

        var outcome = await desk.Gifts.ReverseAsync(gift.Id, new string('x', 480));

        Assert.Equal("Lý do tối đa 450 ký tự.", outcome.Errors["Reason"]);
        Assert.Equal(1, await desk.Db.LedgerEntries.CountAsync());
    }
}

public class ForeignGiftPrecisionTestsOnSqlite() : ForeignGiftPrecisionTests(DatabaseProvider.Sqlite);

public class ForeignGiftPrecisionTestsOnPostgres() : ForeignGiftPrecisionTests(DatabaseProvider.Postgres);
