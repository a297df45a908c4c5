using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;

namespace ChildAid.Shared.Contributions;

public sealed record PendingReversal(int RequestId, int ContributionId, string ReceiptNumber, string DonorName, long AmountVnd,
    string Reason, string RequestedBy, DateTime RequestedAt);

/// <summary>What an approval came to: booked, refused by the second-person rule (403), or nothing to do.</summary>
public sealed record ReversalDecision(ContributionReversal? Reversal, string? Refusal, string? Problem)
{
    public bool Booked => Reversal is not null;
}

/// <summary>
/// Reversals by two people: <see cref="RequestAsync"/> records who asks and why, <see cref="ApproveAsync"/> books the
/// reversal when the rule of <see cref="ReversalRequest.RefusalFor"/> allows the acting person. Both see only
/// receipts of their units (the contribution query filter).
/// </summary>
public class ReversalService(ChildAidDbContext db, ContributionService contributions, AuditActor actor, TimeProvider clock, IOptions<ReversalOptions> options)
{
    public long ThresholdVnd => options.Value.ApprovalThresholdVnd;

    public async Task<Outcome<ReversalRequest>> RequestAsync(int contributionId, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<ReversalRequest>.Fail("Reason", "Vui lòng nhập lý do hủy phiếu thu.");
        // The same limit as booking the reversal: the reason ends up in the ledger description.
        if (reason.Trim().Length > ContributionRules.MaxReasonLength) return Outcome<ReversalRequest>.Fail("Reason", $"Lý do tối đa {ContributionRules.MaxReasonLength} ký tự.");
        var receipt = await db.Contributions.Include(c => c.Reversal).FirstOrDefaultAsync(c => c.Id == contributionId, ct);
        if (receipt is null) return Outcome<ReversalRequest>.Fail("Reason", "Không tìm thấy phiếu thu trong phạm vi đơn vị của bạn.");
        if (receipt.Reversal is not null) return Outcome<ReversalRequest>.Fail("Reason", $"Phiếu thu {receipt.ReceiptNumber} đã được hủy trước đó.");
        if (await PendingForAsync(contributionId, ct) is not null) return AlreadyAsked();

        var request = new ReversalRequest
        {
            ContributionId = receipt.Id,
            Reason = reason.Trim(),
            RequestedById = actor.UserId ?? actor.Name,
            RequestedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ReversalRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The partial unique index: someone else asked at the same moment.
            db.Entry(request).State = EntityState.Detached;
            return AlreadyAsked();
        }
        return Outcome<ReversalRequest>.Ok(request);

        static Outcome<ReversalRequest> AlreadyAsked() =>
            Outcome<ReversalRequest>.Fail("Reason", "Phiếu thu này đã có yêu cầu hủy đang chờ duyệt.");
    }

    public Task<ReversalRequest?> PendingForAsync(int contributionId, CancellationToken ct = default) =>
        db.ReversalRequests.AsNoTracking().FirstOrDefaultAsync(r => r.ContributionId == contributionId && r.Status == ReversalRequestStatus.Pending, ct);

    /// <summary>Pending requests on receipts of the user's units, oldest first.</summary>
    public Task<List<PendingReversal>> PendingAsync(CancellationToken ct = default) =>
        (from r in db.ReversalRequests.AsNoTracking()
         join c in db.Contributions.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]) on r.ContributionId equals c.Id // the donor registry is shared
         where r.Status == ReversalRequestStatus.Pending
         orderby r.RequestedAt, r.Id
         select new PendingReversal(r.Id, c.Id, c.ReceiptNumber, c.Donor!.Name, c.AmountVnd, r.Reason,
             db.Users.Where(u => u.Id == r.RequestedById).Select(u => u.FullName).FirstOrDefault() ?? r.RequestedById,
             r.RequestedAt)).ToListAsync(ct);

    /// <param name="approvesLargeAmounts">The acting person is an accountant or an admin.</param>
    public async Task<ReversalDecision> ApproveAsync(int requestId, bool approvesLargeAmounts, CancellationToken ct = default)
    {
        var (request, receipt) = await FindAsync(requestId, ct);
        if (request is null || receipt is null) return new(null, null, "Không tìm thấy yêu cầu hủy trong phạm vi đơn vị của bạn.");
        if (request.Status != ReversalRequestStatus.Pending) return new(null, null, "Yêu cầu hủy này đã được xử lý.");
        if (request.RefusalFor(receipt, actor.UserId ?? actor.Name, approvesLargeAmounts, ThresholdVnd) is { } refusal) return new(null, refusal, null);

        var booked = await contributions.BookReversalAsync(receipt.Id, request.Reason, request, ct);
        return booked.Succeeded ? new(booked.Value, null, null) : new(null, null, string.Join(" ", booked.Errors.Values));
    }

    /// <summary>Declines a request (anyone who may approve, or the one who asked, withdrawing it). Nothing is booked.</summary>
    public async Task<string?> RejectAsync(int requestId, CancellationToken ct = default)
    {
        var (request, receipt) = await FindAsync(requestId, ct);
        if (request is null || receipt is null) return "Không tìm thấy yêu cầu hủy trong phạm vi đơn vị của bạn.";
        if (request.Status != ReversalRequestStatus.Pending) return "Yêu cầu hủy này đã được xử lý.";
        request.Reject(actor.UserId ?? actor.Name, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private async Task<(ReversalRequest? Request, Contribution? Receipt)> FindAsync(int requestId, CancellationToken ct)
    {
        var request = await db.ReversalRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        // Through the contributions filter: a request on a receipt outside the user's units does not exist for them.
        var receipt = request is null ? null : await db.Contributions.FirstOrDefaultAsync(c => c.Id == request.ContributionId, ct);
        return (request, receipt);
    }
}
