using System.Globalization;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.HonorRoll;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;
using ChildAid.Shared.Time;

namespace ChildAid.Shared.Contributions;

/// <summary>
/// Records gifts and their reversals. <see cref="RecordAsync"/> is the entry point of every channel (staff form, transfer,
/// card, bank statement, unsolicited gift): it checks the input and the user's scope, then hands the gift to
/// <see cref="ContributionBooking"/>, where the booking rules live once.
/// </summary>
public class ContributionService(ChildAidDbContext db, LedgerWriter ledger, ContributionBooking booking, AuditActor actor, TimeProvider clock)
{
    /// <param name="isDemo">Only the demo loader says so; a receipt is never edited afterwards to mark it.</param>
    public async Task<Outcome<Contribution>> RecordAsync(ContributionInput input, CancellationToken ct = default, bool isDemo = false)
    {
        // A payment booked before is answered with its receipt, even if its campaign has closed since.
        if (await booking.FindBookedAsync(input, ct) is { } booked) return Outcome<Contribution>.Ok(booked);
        var errors = ContributionRules.Validate(input, Today(), out var amountVnd);
        // The donor registry is shared: any donor may give to any unit. The receipt belongs to the unit that received it,
        // which must be one the user covers and must exist on the day the gift was received.
        var donor = input.DonorId > 0 ? await Registry.FirstOrDefaultAsync(d => d.Id == input.DonorId, ct) : null;
        if (input.DonorId > 0 && donor is null) errors[nameof(input.DonorId)] = "Không tìm thấy nhà tài trợ này.";
        if (input.AdminUnitId > 0 && !InScope(input.AdminUnitId)) errors[nameof(input.AdminUnitId)] = "Bạn không được ghi nhận cho đơn vị này.";
        else if (input.AdminUnitId > 0)
        {
            var unit = await db.AdminUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == input.AdminUnitId, ct);
            if (unit is null) errors[nameof(input.AdminUnitId)] = "Đơn vị tiếp nhận không tồn tại.";
            else if (input.ReceivedOn != default && !unit.IsValidOn(input.ReceivedOn))
                errors[nameof(input.AdminUnitId)] = $"{unit.Name} không có hiệu lực vào ngày nhận {VietnameseFormat.Date(input.ReceivedOn)}; chọn đơn vị đang có hiệu lực ngày đó.";
        }
        Campaign? campaign = null;
        if (input.CampaignId is { } campaignId)
        {
            campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, ct);
            if (campaign is null) errors[nameof(input.CampaignId)] = "Chiến dịch không tồn tại.";
            else if (campaign.Status != CampaignStatus.Active) errors[nameof(input.CampaignId)] = "Chiến dịch này không còn nhận ủng hộ.";
        }
        if (input.PledgeId is { } pledgeId)
        {
            var pledge = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pledgeId, ct);
            if (pledge is null) errors[nameof(input.PledgeId)] = "Không tìm thấy cam kết này.";
            else if (pledge.Status == Pledges.PledgeState.Cancelled) errors[nameof(input.PledgeId)] = $"Cam kết {pledge.Reference} đã hủy; không ghi nhận thanh toán vào cam kết đã hủy.";
            // The receipt goes to whoever pledged: a payment from someone else is that person's own gift.
            else if (input.DonorId > 0 && pledge.DonorId != input.DonorId) errors[nameof(input.PledgeId)] = $"Cam kết {pledge.Reference} là của nhà tài trợ khác.";
            else ContributionRules.TakeFromPledge(input, pledge);
        }
        if (errors.Count > 0) return Outcome<Contribution>.Fail(errors);

        return Outcome<Contribution>.Ok(await booking.BookAsync(input, donor!, campaign, amountVnd, isDemo, ct));
    }

    /// <summary>
    /// Books a reversal at once: for unattended callers only (the demo loader, CLI verbs). A signed-in staff member is
    /// refused here and goes through <see cref="ReversalService"/>, where a second person approves.
    /// </summary>
    public async Task<Outcome<ContributionReversal>> ReverseAsync(int contributionId, string? reason, CancellationToken ct = default)
    {
        if (actor.UserId is not null)
            return Outcome<ContributionReversal>.Fail("Reason", "Hủy phiếu thu cần một cán bộ khác duyệt: hãy gửi yêu cầu hủy.");
        return await BookReversalAsync(contributionId, reason, approved: null, ct);
    }

    /// <param name="approved">The request this reversal carries out; marked approved by the acting person in the same transaction.</param>
    internal async Task<Outcome<ContributionReversal>> BookReversalAsync(int contributionId, string? reason, ReversalRequest? approved, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<ContributionReversal>.Fail("Reason", "Vui lòng nhập lý do hủy phiếu thu.");
        if (reason.Trim().Length > ContributionRules.MaxReasonLength) return Outcome<ContributionReversal>.Fail("Reason", $"Lý do tối đa {ContributionRules.MaxReasonLength} ký tự.");
        var contribution = await db.Contributions.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]).Include(c => c.Donor).FirstOrDefaultAsync(c => c.Id == contributionId, ct);
        if (contribution is null) return Outcome<ContributionReversal>.Fail("Reason", "Không tìm thấy phiếu thu trong phạm vi đơn vị của bạn.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var slot = await ledger.ReserveSlotAsync(ct);
        if (await db.ContributionReversals.AnyAsync(r => r.ContributionId == contributionId, ct))
        {
            await tx.RollbackAsync(ct);
            return Outcome<ContributionReversal>.Fail("Reason", $"Phiếu thu {contribution.ReceiptNumber} đã được hủy trước đó.");
        }
        // Under the ledger lock, as approvals are: money already allocated cannot vanish from under its need.
        if (await db.Allocations.IgnoreQueryFilters().AnyAsync(a => a.ContributionId == contributionId
            && (a.State == Allocations.AllocationState.Proposed || a.State == Allocations.AllocationState.Approved), ct))
        {
            await tx.RollbackAsync(ct);
            return Outcome<ContributionReversal>.Fail("Reason",
                $"Phiếu thu {contribution.ReceiptNumber} đã được phân bổ (hoặc đang có đề xuất phân bổ); hãy từ chối hoặc hoàn các phân bổ trước khi hủy phiếu thu.");
        }

        var reversal = new ContributionReversal
        {
            ContributionId = contribution.Id,
            Reason = reason.Trim(),
            ReversedById = actor.UserId ?? actor.Name,
            ReversedAt = clock.GetUtcNow().UtcDateTime,
            LedgerSequence = slot.Sequence,
        };
        approved?.Approve(reversal.ReversedById, reversal.ReversedAt);
        var donor = contribution.Donor!;
        var entry = await ledger.WriteAsync(slot, new LedgerEntry
        {
            ValueDate = VietnamClock.ToVietnamDate(reversal.ReversedAt),
            Kind = LedgerEntryKind.Reversal,
            AmountVnd = -contribution.AmountVnd,
            Currency = contribution.OriginalCurrency,
            OriginalAmount = -contribution.OriginalAmount,
            ExchangeRate = contribution.ExchangeRate,
            CampaignId = contribution.CampaignId,
            ReceiptNumber = contribution.ReceiptNumber,
            Description = $"Hủy phiếu thu {contribution.ReceiptNumber}: {reversal.Reason}",
            DonorDisplay = DonorDisplay.StatementName(donor.DisplayChoice, donor.Name),
            ReversesSequence = contribution.LedgerSequence,
        }, ct);
        db.ContributionReversals.Add(reversal);
        if (contribution.PledgeId is { } pledgeId)
        {
            var pledge = await db.Pledges.IgnoreQueryFilters().SingleAsync(p => p.Id == pledgeId, ct);
            await Pledges.PledgeReceipts.ReverseAsync(db, pledge, contribution, ct);
        }
        await HonorRollProjection.AddAsync(db, donor, contribution.CampaignId, contribution.Message, entry, -1, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<ContributionReversal>.Ok(reversal);
    }

    public static string FormatReceiptNumber(int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{year}-{number:000000}");

    /// <summary>The public line of the statement: how it came, and what, never who recorded it or private notes.</summary>
    public static string PublicDescription(Contribution c) => c.Method switch
    {
        ContributionMethod.Cash when c.OriginalCurrency is not null => $"Tiền mặt ({ForeignText(c)})",
        ContributionMethod.Cash => "Tiền mặt",
        ContributionMethod.BankTransfer when c.OriginalCurrency is not null => $"Chuyển khoản ({ForeignText(c)})",
        ContributionMethod.BankTransfer => "Chuyển khoản",
        ContributionMethod.InKind => ContributionRules.GoodsDescription(c.GoodsLines.Select(l => (l.Quantity, l.Unit, l.Item))),
        _ => c.Method.ToString(),
    };

    private static string ForeignText(Contribution c) =>
        $"{Currencies.FormatAmount(c.OriginalAmount!.Value, c.OriginalCurrency!)} {c.OriginalCurrency} × {Currencies.FormatRate(c.ExchangeRate!.Value)}";

    /// <summary>Every donor, for picking; contacts are the caller's to withhold (the registry is shared, contacts are not).</summary>
    private IQueryable<Donor> Registry => db.Donors.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]);

    private bool InScope(int unitId) => db.UnitScope is null || db.UnitScope.Contains(unitId);

    private DateOnly Today() => clock.VietnamToday();
}

internal static class StringExtensions
{
    public static string? NullIfEmpty(this string? s) => string.IsNullOrEmpty(s) ? null : s;
}
