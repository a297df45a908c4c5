using ChildAid.Shared.Data;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Pledges;

/// <summary>What staff do to a pledge, within their units; every change is audited by the context's interceptor.</summary>
public sealed class PledgeService(ChildAidDbContext db)
{
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
