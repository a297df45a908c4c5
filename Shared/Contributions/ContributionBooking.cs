using System.Globalization;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.HonorRoll;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Pledges;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Contributions;

/// <summary>
/// The one place a gift is booked, whatever channel it came through: receipt number, contribution, ledger entry and
/// honor roll line in a single transaction (the audit row is written by the interceptor on save). The transaction
/// takes the ledger head lock first, then the fiscal year's receipt counter, so receipt numbers are gapless and the
/// hash chain has no forks, however many people and workers book at once.
/// Callers have checked the input (<see cref="ContributionService.RecordAsync"/>); this class does not judge it again.
/// The donor's receipt and thank-you mails are queued in the same transaction (<see cref="ReceiptMails"/>).
/// </summary>
public class ContributionBooking(ChildAidDbContext db, LedgerWriter ledger, AuditActor actor, TimeProvider clock, ReceiptMails mails)
{
    /// <summary>The contribution this payment or this form was booked as already, if any (across every unit).</summary>
    public async Task<Contribution?> FindBookedAsync(ContributionInput input, CancellationToken ct)
    {
        if (input.ExternalId is { } externalId &&
            await All.FirstOrDefaultAsync(c => c.ExternalId == externalId, ct) is { } byExternalId)
            return byExternalId;
        if (input.IdempotencyKey is { } key &&
            await All.FirstOrDefaultAsync(c => c.IdempotencyKey == key, ct) is { } byKey)
            return byKey;
        return null;
    }

    /// <param name="isDemo">Only the demo loader says so; a receipt is never edited afterwards to mark it.</param>
    public async Task<Contribution> BookAsync(ContributionInput input, Donor donor, Campaign? campaign, long amountVnd, bool isDemo, CancellationToken ct)
    {
        try
        {
            return await BookOnceAsync(input, donor, campaign, amountVnd, isDemo, ct);
        }
        catch (DbUpdateException) when (input.ExternalId is not null || input.IdempotencyKey is not null)
        {
            // The UNIQUE index decides when two bookings of one payment raced past the check: the loser answers with
            // the winner's receipt. Anything else that failed is rethrown below.
            db.ChangeTracker.Clear();
            var booked = await FindBookedAsync(input, ct);
            if (booked is null) throw;
            return booked;
        }
    }

    private async Task<Contribution> BookOnceAsync(ContributionInput input, Donor donor, Campaign? campaign, long amountVnd, bool isDemo, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var slot = await ledger.ReserveSlotAsync(ct);

        // Checked under the lock, so two identical posts racing each other still book once.
        if (await FindBookedAsync(input, ct) is { } existing)
        {
            await tx.RollbackAsync(ct);
            return existing;
        }

        var (year, number) = await NextReceiptNumberAsync(input.ReceivedOn.Year, ct);
        var contribution = NewContribution(input, donor, campaign, amountVnd, (year, number), slot.Sequence, actor.UserId ?? actor.Name,
            clock.GetUtcNow().UtcDateTime, isDemo);
        // Under the ledger lock, so two payments of one pledge add up however they race. Goods are not money paid: they count
        // against the pledge's goods lines (a goods-only pledge's status follows them).
        if (input.PledgeId is { } pledgeId)
        {
            var pledge = await db.Pledges.IgnoreQueryFilters().SingleAsync(p => p.Id == pledgeId, ct);
            await PledgeReceipts.BookAsync(db, pledge, contribution, ct);
        }
        var entry = await ledger.WriteAsync(slot, ReceiptEntry(contribution, donor), ct);
        db.Contributions.Add(contribution);
        db.VerifiedGifts.Add(new VerifiedGift { TokenHash = VerifiedGift.HashOf(contribution.VerifyToken)!, LedgerSequence = entry.Sequence });
        await HonorRollProjection.AddAsync(db, donor, contribution.CampaignId, contribution.Message, entry, +1, ct);
        // The demo data set is not mailed: its donors are synthetic and thousands of receipts would flood the outbox.
        if (!isDemo) await mails.QueueAsync(contribution, donor, campaign, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return contribution;
    }

    /// <summary>
    /// The contribution a checked input is booked as, receipt number and ledger place given: one definition for the
    /// one-gift path and <see cref="ContributionBatchBooking"/>.
    /// </summary>
    internal static Contribution NewContribution(ContributionInput input, Donor donor, Campaign? campaign, long amountVnd,
        (int Year, int Number) receipt, long ledgerSequence, string recordedBy, DateTime now, bool isDemo)
    {
        var currency = input.Method == ContributionMethod.InKind ? null : input.OriginalCurrency?.Trim().ToUpperInvariant().NullIfEmpty();
        return new Contribution
        {
            ReceiptNumber = ContributionService.FormatReceiptNumber(receipt.Year, receipt.Number),
            FiscalYear = receipt.Year,
            ReceiptSequence = receipt.Number,
            DonorId = donor.Id,
            CampaignId = campaign?.Id,
            Method = input.Method,
            AmountVnd = amountVnd,
            OriginalCurrency = currency,
            OriginalAmount = currency is null ? null : input.OriginalAmount,
            ExchangeRate = currency is null ? null : input.ExchangeRate,
            ReceivedOn = input.ReceivedOn,
            AdminUnitId = input.AdminUnitId,
            Message = input.Message?.Trim().NullIfEmpty(),
            Note = input.Note?.Trim().NullIfEmpty(),
            GoodsLines = input.Method == ContributionMethod.InKind
                ? input.GoodsLines.Where(l => !string.IsNullOrWhiteSpace(l.Item)).Select(l => new ContributionGoodsLine
                {
                    Item = l.Item!.Trim(), Quantity = l.Quantity!.Value, Unit = l.Unit!.Trim(), UnitValueVnd = l.UnitValueVnd!.Value,
                }).ToList()
                : [],
            RecordedById = recordedBy,
            RecordedAt = now,
            LedgerSequence = ledgerSequence,
            IdempotencyKey = input.IdempotencyKey,
            Channel = input.Channel,
            ExternalId = input.ExternalId,
            PledgeId = input.PledgeId,
            IsDemo = isDemo,
            VerifyToken = VerifiedGift.NewToken(),
        };
    }

    /// <summary>The receipt's public ledger entry, before it is sealed into the chain.</summary>
    internal static LedgerEntry ReceiptEntry(Contribution contribution, Donor donor) => new()
    {
        ValueDate = contribution.ReceivedOn,
        Kind = LedgerEntryKind.Receipt,
        AmountVnd = contribution.AmountVnd,
        Currency = contribution.OriginalCurrency,
        OriginalAmount = contribution.OriginalAmount,
        ExchangeRate = contribution.ExchangeRate,
        CampaignId = contribution.CampaignId,
        ReceiptNumber = contribution.ReceiptNumber,
        Description = ContributionService.PublicDescription(contribution),
        DonorDisplay = DonorDisplay.StatementName(donor.DisplayChoice, donor.Name),
    };

    private async Task<(int Year, int Number)> NextReceiptNumberAsync(int year, CancellationToken ct)
    {
        await using (var insert = db.Command(
            "INSERT INTO receipt_counters (fiscal_year, last_number) VALUES (@year, 0) ON CONFLICT (fiscal_year) DO NOTHING", ("@year", year)))
            await insert.ExecuteNonQueryAsync(ct);
        await using var next = db.Command(
            "UPDATE receipt_counters SET last_number = last_number + 1 WHERE fiscal_year = @year RETURNING last_number", ("@year", year));
        return (year, Convert.ToInt32(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
    }

    private IQueryable<Contribution> All => db.Contributions.IgnoreQueryFilters();
}
