using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Pledges;

/// <summary>A transfer for a pledge that staff saw in the bank's app before the statement arrived.</summary>
public sealed class PledgeTransferInput
{
    public long? AmountVnd { get; set; }
    public DateOnly ReceivedOn { get; set; }
    /// <summary>Made when the form is shown: a double post books once.</summary>
    public Guid? IdempotencyKey { get; set; }
}

/// <summary>What staff do to a pledge, within their units; every change is audited by the context's interceptor.</summary>
public sealed class PledgeService(ChildAidDbContext db, ContributionService contributions)
{
    /// <summary>
    /// Books a transfer on the pledge through the one booking core (channel Transfer, PledgeId set): the pledge's donor,
    /// campaign and unit, a receipt and a ledger entry; the pledge's paid amount follows in the same transaction.
    /// </summary>
    public async Task<Outcome<Contribution>> RecordTransferAsync(int id, PledgeTransferInput input, CancellationToken ct = default)
    {
        var pledge = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (pledge is null) return Outcome<Contribution>.Fail("", "Không tìm thấy cam kết trong phạm vi đơn vị của bạn.");
        if (pledge.Status == PledgeState.Cancelled) return Outcome<Contribution>.Fail("", $"Cam kết {pledge.Reference} đã hủy; không ghi nhận thanh toán.");
        if (await FromStatementAsync(pledge.Id, input, ct) is { } booked)
            return Outcome<Contribution>.Fail(nameof(input.AmountVnd),
                $"Khoản {Text.VietnameseFormat.Vnd(booked.AmountVnd)} ngày {Text.VietnameseFormat.Date(booked.ReceivedOn)} đã được ghi nhận từ sao kê ngân hàng (phiếu thu {booked.ReceiptNumber}); không ghi nhận lại. Nếu nhà tài trợ chuyển thêm một khoản khác, khoản đó sẽ có trên sao kê.");
        return await contributions.RecordAsync(new ContributionInput
        {
            DonorId = pledge.DonorId,
            AdminUnitId = pledge.AdminUnitId,
            CampaignId = pledge.CampaignId,
            PledgeId = pledge.Id,
            Method = ContributionMethod.BankTransfer,
            Channel = ContributionChannel.Transfer,
            AmountVnd = input.AmountVnd,
            ReceivedOn = input.ReceivedOn,
            IdempotencyKey = input.IdempotencyKey ?? Guid.NewGuid(),
            Note = $"Chuyển khoản cho cam kết {pledge.Reference}, cán bộ thấy trong ứng dụng ngân hàng trước khi có sao kê",
        }, ct);
    }

    /// <summary>
    /// The same money already booked from the bank statement (the statement came first): a statement line's receipt on
    /// this pledge, same amount, within <see cref="BankStatements.BankStatementMatcher.HandRecordedDays"/> of the date typed.
    /// </summary>
    private Task<Contribution?> FromStatementAsync(int pledgeId, PledgeTransferInput input, CancellationToken ct)
    {
        var (from, to) = (input.ReceivedOn.AddDays(-BankStatements.BankStatementMatcher.HandRecordedDays), input.ReceivedOn.AddDays(BankStatements.BankStatementMatcher.HandRecordedDays));
        return db.Contributions.AsNoTracking()
            .Where(c => c.PledgeId == pledgeId && c.AmountVnd == input.AmountVnd && c.ReceivedOn >= from && c.ReceivedOn <= to && c.Reversal == null
                && db.BankStatementLines.Any(l => l.ContributionId == c.Id))
            .OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Staff send a failed online pledge back to BackOffice's worker once they removed the cause (reopened its campaign,
    /// configured the receiving unit): its attempts start over and the worker makes the pledge on its next pass, exactly
    /// once as ever. The change is audited (a tracked update, not a bulk one).
    /// </summary>
    public async Task<Outcome<PledgeIntake>> RetryIntakeAsync(Guid intakeId, CancellationToken ct = default)
    {
        var intake = await db.PledgeIntake.FirstOrDefaultAsync(i => i.Id == intakeId && i.Outcome == PledgeIntakeOutcome.Failed, ct);
        if (intake is null) return Outcome<PledgeIntake>.Fail("", "Không tìm thấy đăng ký lỗi này; có thể đã được gửi xử lý lại.");
        intake.ProcessedAt = null;
        intake.Outcome = null;
        intake.Attempts = 0;
        intake.RetryAfter = null;
        await db.SaveChangesAsync(ct);
        return Outcome<PledgeIntake>.Ok(intake);
    }

    /// <summary>Cancels a pledge nobody has paid anything on (the donor changed their mind, a duplicate, a test).</summary>
    public async Task<Outcome<Pledge>> CancelAsync(int id, CancellationToken ct = default)
    {
        var pledge = await db.Pledges.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (pledge is null) return Outcome<Pledge>.Fail("", "Không tìm thấy cam kết trong phạm vi đơn vị của bạn.");
        if (pledge.Status == PledgeState.Cancelled) return Outcome<Pledge>.Fail("", $"Cam kết {pledge.Reference} đã hủy trước đó.");
        if (pledge.PaidVnd > 0)
            return Outcome<Pledge>.Fail("", $"Cam kết {pledge.Reference} đã nhận {Text.VietnameseFormat.Vnd(pledge.PaidVnd)}: không hủy được cam kết đã có thanh toán; hãy yêu cầu hủy các phiếu thu trước.");
        pledge.Cancel();
        await db.SaveChangesAsync(ct);
        return Outcome<Pledge>.Ok(pledge);
    }
}
