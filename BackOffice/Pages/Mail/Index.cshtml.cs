using ChildAid.Shared.Data;
using ChildAid.Shared.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.Mail;

/// <summary>Hộp thư đi: every queued mail, its tries and last error; staff may ask for one more try now (audited).</summary>
public class IndexModel(ChildAidDbContext db, TimeProvider clock) : PageModel
{
    private const int Shown = 200;

    [BindProperty(SupportsGet = true)] public MailStatus? Status { get; set; }
    public IReadOnlyList<MailOutboxMessage> Mails { get; private set; } = [];
    public IReadOnlyDictionary<MailStatus, int> Counts { get; private set; } = new Dictionary<MailStatus, int>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Counts = await db.MailOutbox.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var query = db.MailOutbox.AsNoTracking();
        if (Status is { } status) query = query.Where(m => m.Status == status);
        // Failed and waiting mails first: they are what staff come here for.
        Mails = await query.OrderBy(m => m.Status == MailStatus.Failed ? 0 : m.Status == MailStatus.Pending ? 1 : 2)
            .ThenByDescending(m => m.Id).Take(Shown).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        var mail = await db.MailOutbox.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (mail is null) return NotFound();
        if (!mail.RetryNow(clock.GetUtcNow().UtcDateTime))
        {
            TempData["Saved"] = "Thư này đang gửi hoặc đã gửi: không cần gửi lại.";
            return RedirectToPage(new { Status });
        }
        try
        {
            await db.SaveChangesAsync(ct);
            TempData["Saved"] = Localization.StaffText.T("Thư «{0}» sẽ được gửi lại trong giây lát.", mail.Subject);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Saved"] = "Thư vừa được xử lý ở nơi khác; xem lại tình trạng bên dưới.";
        }
        return RedirectToPage(new { Status });
    }

    public static string StatusLabel(MailStatus s) => s switch
    {
        MailStatus.Pending => "Chờ gửi",
        MailStatus.Sending => "Đang gửi",
        MailStatus.Sent => "Đã gửi",
        _ => "Gửi không được",
    };

    public static string KindLabel(MailMessageKind k) => k switch
    {
        MailMessageKind.PledgeConfirmation => "Xác nhận đăng ký ủng hộ",
        MailMessageKind.Receipt => "Phiếu thu",
        MailMessageKind.ThankYou => "Thư cảm ơn",
        MailMessageKind.InstalmentReminder => "Nhắc đợt ủng hộ",
        MailMessageKind.AdvanceInvoiceReminder => "Nhắc nộp hoá đơn tạm ứng",
        _ => "Tin chiến dịch",
    };
}
