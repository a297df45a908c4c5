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

/// <summary>Goods that arrived for a pledge: per pledged line (in the order of <see cref="PledgeGoods.OfAsync"/>), how many came and their value each.</summary>
public sealed class PledgeGoodsInput
{
    public DateOnly ReceivedOn { get; set; }
    public List<PledgeGoodsReceived> Lines { get; set; } = [];
    /// <summary>Made when the form is shown: a double post books once.</summary>
    public Guid? IdempotencyKey { get; set; }
}

public sealed class PledgeGoodsReceived
{
    public int? Quantity { get; set; }
    /// <summary>Estimated value of one item in đồng (the receipt and the ledger carry the goods' value).</summary>
    public long? UnitValueVnd { get; set; }
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
    /// Books goods that arrived for a pledge through the one booking core: an in-kind receipt for the pledge's donor, campaign and
    /// unit whose lines carry the pledged lines' names (<see cref="PledgeGoodsLine.ReceiptItem"/>), so they count against them;
    /// the pledge's goods and, for goods alone, its status follow in the same transaction. Errors are keyed "Lines[i].Quantity".
    /// </summary>
    public async Task<Outcome<Contribution>> RecordGoodsAsync(int id, PledgeGoodsInput input, CancellationToken ct = default)
    {
        var pledge = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (pledge is null) return Outcome<Contribution>.Fail("", "Không tìm thấy cam kết trong phạm vi đơn vị của bạn.");
        if (pledge.Status == PledgeState.Cancelled) return Outcome<Contribution>.Fail("", $"Cam kết {pledge.Reference} đã hủy; không ghi nhận hàng.");
        var pledged = (await PledgeGoods.OfAsync(db, pledge, ct: ct)).Where(l => l.PledgedQuantity > 0).ToList();
        var taken = new List<(int Line, GoodsLineInput Goods)>();
        for (var i = 0; i < Math.Min(pledged.Count, input.Lines.Count); i++)
            if (input.Lines[i] is { Quantity: not null } or { UnitValueVnd: not null })
                taken.Add((i, new GoodsLineInput
                {
                    Item = pledged[i].ReceiptItem, Unit = pledged[i].Unit, Quantity = input.Lines[i].Quantity, UnitValueVnd = input.Lines[i].UnitValueVnd,
                }));
        if (taken.Count == 0) return Outcome<Contribution>.Fail(nameof(input.Lines), "Nhập số lượng đã nhận của ít nhất một mặt hàng.");
        var outcome = await contributions.RecordAsync(new ContributionInput
        {
            DonorId = pledge.DonorId,
            AdminUnitId = pledge.AdminUnitId,
            CampaignId = pledge.CampaignId,
            PledgeId = pledge.Id,
            Method = ContributionMethod.InKind,
            Channel = ContributionChannel.Staff,
            GoodsLines = [.. taken.Select(t => t.Goods)],
            ReceivedOn = input.ReceivedOn,
            IdempotencyKey = input.IdempotencyKey ?? Guid.NewGuid(),
            Note = $"Hàng giao theo cam kết {pledge.Reference}",
        }, ct);
        if (outcome.Succeeded) return outcome;
        // The receipt's goods lines are the form's taken rows: its messages go back next to the row they are about.
        var errors = outcome.Errors.ToDictionary(e => System.Text.RegularExpressions.Regex.Replace(e.Key, @"^GoodsLines\[(\d+)\]",
            m => $"{nameof(input.Lines)}[{taken[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)].Line}]",
            System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)), e => e.Value);
        return Outcome<Contribution>.Fail(errors);
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
        if (pledge.IsGoodsOnly && pledge.Status != PledgeState.Pledged)
            return Outcome<Pledge>.Fail("", $"Cam kết {pledge.Reference} đã nhận hàng: không hủy được; hãy yêu cầu hủy các phiếu thu hiện vật trước.");
        pledge.Cancel();
        await db.SaveChangesAsync(ct);
        return Outcome<Pledge>.Ok(pledge);
    }
}
