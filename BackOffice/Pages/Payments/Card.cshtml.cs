using ChildAid.Shared.Data;
using ChildAid.Shared.Payments.Stripe;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.Payments;

/// <summary>
/// Thanh toán thẻ: the Stripe events PublicSite stored and what BackOffice made of them. By default those that need a person
/// — given up after every retry (a missing setting, a closed campaign), or a partial refund, which no rule books — and those
/// still being retried, with the last error; a failed one can be sent back to the worker once the cause is mended. The
/// payload (payer's name and e-mail) is never shown; the gift's receipt is linked.
/// </summary>
public class CardModel(ChildAidDbContext db, TimeProvider clock) : PageModel
{
    public const int Shown = 200;

    /// <summary>Every event, not only those needing a person.</summary>
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    public IReadOnlyList<StripeEvent> Rows { get; private set; } = [];
    public int NeedingAPerson { get; private set; }

    public static readonly IReadOnlyDictionary<StripeEventOutcome, string> Outcomes = new Dictionary<StripeEventOutcome, string>
    {
        [StripeEventOutcome.Booked] = "Đã ghi phiếu thu",
        [StripeEventOutcome.Reversed] = "Đã hoàn tiền (bút toán hủy)",
        [StripeEventOutcome.NotPaid] = "Không thanh toán",
        [StripeEventOutcome.Ignored] = "Không cần xử lý",
        [StripeEventOutcome.Failed] = "Cần người xử lý",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.StripeEvents.AsNoTracking();
        if (!All) query = query.Where(e => e.Outcome == StripeEventOutcome.Failed || (e.ProcessedAt == null && e.LastError != null));
        // Only the columns shown: the payload holds the payer's personal data and is never read here.
        Rows = await query.OrderByDescending(e => e.StripeCreatedAt).Take(Shown)
            .Select(e => new StripeEvent
            {
                EventId = e.EventId, Type = e.Type, Payload = "", StripeCreatedAt = e.StripeCreatedAt, ReceivedAt = e.ReceivedAt, ProcessedAt = e.ProcessedAt,
                Outcome = e.Outcome, ContributionId = e.ContributionId, Attempts = e.Attempts, LastError = e.LastError,
            }).ToListAsync(ct);
        NeedingAPerson = await db.StripeEvents.CountAsync(e => e.Outcome == StripeEventOutcome.Failed, ct);
    }

    /// <summary>Sends an event the worker gave up on back to it, as new (audited: who, when, the row before and after).</summary>
    public async Task<IActionResult> OnPostRetryAsync(string eventId, CancellationToken ct)
    {
        var row = await db.StripeEvents.FirstOrDefaultAsync(e => e.EventId == eventId, ct);
        if (row is null) return NotFound();
        if (row.SendBack(Localization.StaffText.T("Gửi lại để xử lý ngày {0}; lỗi trước: {1}",
                ChildAid.Shared.Text.VietnameseFormat.DateTime(clock.GetUtcNow().UtcDateTime), row.LastError ?? "")))
        {
            await db.SaveChangesAsync(ct);
            TempData["Saved"] = Localization.StaffText.T("Đã gửi lại sự kiện {0}; bộ xử lý sẽ ghi nhận trong ít phút.", eventId);
        }
        return RedirectToPage(new { All });
    }
}
