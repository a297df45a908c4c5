using ChildAid.BackOffice.Localization;
using ChildAid.BackOffice.Receipts;
using ChildAid.BackOffice.Security;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.HonorRoll;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Pledges;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildAid.BackOffice.Pages.DonorPortal;

public sealed record DonorPledgeRow(string Reference, string? CampaignTitle, long AmountVnd, long PaidVnd, long OutstandingVnd, PledgeState Status, string PayUrl,
    IReadOnlyList<InstalmentStanding> Instalments);

/// <summary>A campaign whose news the donor asked for (with a pledge, or the follow form with their address).</summary>
public sealed record DonorSubscriptionRow(int Id, string CampaignTitle, ChildAid.Shared.CampaignUpdates.FollowerState State);

public sealed record DonorReceiptRow(string ReceiptNumber, DateOnly ReceivedOn, string? CampaignTitle, long AmountVnd, bool Reversed);

/// <summary>
/// The donor's own page, reached by the private link in their mails (<see cref="DonorLinks"/>), no password: their
/// pledges, receipts (PDF), display choice and "erase my name". Anonymous and rate-limited; a token that is wrong,
/// expired or malformed is a plain 404. The token decides whose records these are, so the page reads across units
/// (the request's unit scope is lifted once the token is known) and every query is by that donor's id.
/// </summary>
[EnableRateLimiting(DonorLinkRateLimit.Policy)]
public class IndexModel(DonorLinks links, ChildAidDbContext db, ReceiptPdfFiles pdfs, LedgerNameErasure erasure, AuditActor actor,
    IOptions<PublicSiteLinkOptions> publicSite, TimeProvider clock, ChildAid.Shared.CampaignUpdates.CampaignFollowers followers) : PageModel
{
    public const string Actor = "Nhà tài trợ (đường dẫn riêng)";

    public Donor Donor { get; private set; } = null!;
    public IReadOnlyList<DonorPledgeRow> Pledges { get; private set; } = [];
    public IReadOnlyList<DonorReceiptRow> Receipts { get; private set; } = [];
    public IReadOnlyList<DonorSubscriptionRow> Subscriptions { get; private set; } = [];
    public bool NameErased { get; private set; }
    public DateOnly Today => ChildAid.Shared.Time.VietnamClock.VietnamToday(clock);

    /// <summary>"en" or "vi" from the language link, kept across the forms' posts; the page's language itself is the
    /// request's culture (<see cref="DonorPageCulture"/>), and its words come from the resources as on every page.</summary>
    [BindProperty(SupportsGet = true, Name = "lang")] public string? Lang { get; set; }

    [BindProperty] public DisplayChoice Display { get; set; }
    [BindProperty] public bool ConfirmErase { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct)) return NotFound();
        Display = Donor.DisplayChoice;
        return Page();
    }

    /// <summary>One of this donor's receipts as a PDF; another donor's number answers 404 like a wrong token.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string token, string? so, CancellationToken ct)
    {
        if (await DonorIdAsync(token, ct) is not { } donorId || string.IsNullOrEmpty(so)) return NotFound();
        if (!await db.Contributions.IgnoreQueryFilters().AnyAsync(c => c.ReceiptNumber == so && c.DonorId == donorId, ct)) return NotFound();
        var pdf = await pdfs.RenderAsync(so, ct);
        return pdf is null ? NotFound() : File(pdf, "application/pdf", $"phieu-thu-{so}.pdf");
    }

    /// <summary>The donor changes how the public sees them: audited; the honor roll follows for past gifts too.</summary>
    public async Task<IActionResult> OnPostDisplayAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct)) return NotFound();
        if (!Enum.IsDefined(Display)) ModelState.AddModelError(nameof(Display), "Vui lòng chọn một cách hiển thị.");
        else if (NameErased && Display != DisplayChoice.Anonymous)
            ModelState.AddModelError(nameof(Display), "Tên của quý vị đã được xóa khỏi sao kê công khai theo yêu cầu; từ nay quý vị được hiển thị ẩn danh.");
        if (!ModelState.IsValid) return Page();
        if (Display != Donor.DisplayChoice)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            actor.UserId = null; actor.Name = Actor;
            Donor.DisplayChoice = Display;
            await db.SaveChangesAsync(ct); // the audit row: "… đã sửa nhà tài trợ …: Hiển thị … → …"
            await HonorRollProjection.ReprojectAsync(db, Donor, ct);
            await db.Database.ExecuteSqlRawAsync("UPDATE public_data_versions SET version = version + 1 WHERE id = 1", ct);
            await tx.CommitAsync(ct);
        }
        TempData["Saved"] = "Đã lưu cách hiển thị công khai của quý vị.";
        return RedirectToPage(new { token, lang = Lang });
    }

    /// <summary>"Erase my name": the ledger v2 name erasure staff use, audited without the name.</summary>
    public async Task<IActionResult> OnPostEraseAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct)) return NotFound();
        Display = Donor.DisplayChoice;
        if (!ConfirmErase)
        {
            ModelState.AddModelError(nameof(ConfirmErase), "Vui lòng đánh dấu xác nhận trước khi xóa tên.");
            return Page();
        }
        actor.UserId = null; actor.Name = Actor;
        await erasure.EraseDonorNameAsync(Donor.Id, "Nhà tài trợ tự yêu cầu qua đường dẫn riêng", ct);
        TempData["Saved"] = "Đã xóa tên của quý vị khỏi sao kê công khai và bảng vàng; từ nay quý vị được hiển thị ẩn danh.";
        return RedirectToPage(new { token, lang = Lang });
    }

    /// <summary>"Stop this campaign's news" from the donor's own page: only a subscription of this donor; audited.</summary>
    public async Task<IActionResult> OnPostUnfollowAsync(string token, int follower, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct)) return NotFound();
        if (Subscriptions.All(s => s.Id != follower)) return NotFound();
        var unsubscribeToken = await db.CampaignFollowers.Where(f => f.Id == follower).Select(f => f.UnsubscribeToken).SingleAsync(ct);
        actor.UserId = null; actor.Name = Actor;
        await followers.UnsubscribeAsync(unsubscribeToken, ct);
        TempData["Saved"] = "Đã hủy nhận tin của chiến dịch.";
        return RedirectToPage(new { token, lang = Lang });
    }

    public string PdfUrl(string token, string receiptNumber) => $"{DonorLinks.PathPrefix}{token}?handler=Pdf&so={Uri.EscapeDataString(receiptNumber)}";

    /// <summary>An instalment's state in words: paid, not yet due, due now (within the reminder week) or overdue.</summary>
    public string InstalmentState(InstalmentStanding i) =>
        StaffText.T(i.IsPaid ? "Đã trả" : i.Due < Today ? "Quá hạn" : i.Due <= Today.AddDays(7) ? "Đến hạn" : "Chưa đến hạn");

    private async Task<int?> DonorIdAsync(string token, CancellationToken ct)
    {
        var donorId = await links.DonorIdAsync(token, ct);
        // The token, not a staff member's units, decides what this request may read: only this donor's records.
        if (donorId is not null) { db.UnitScope = null; db.OrganisationScope = null; }
        return donorId;
    }

    private async Task<bool> LoadAsync(string token, CancellationToken ct)
    {
        if (await DonorIdAsync(token, ct) is not { } donorId) return false;
        Donor = await db.Donors.SingleAsync(d => d.Id == donorId, ct);
        Lang = Lang is "en" or "vi" ? Lang : null;
        var english = Cultures.IsEnglish;
        NameErased = await db.AuditEntries.AnyAsync(a => a.Action == LedgerNameErasure.EraseNameAction && a.EntityKey == $"donor {donorId}", ct);
        Pledges = (await db.Pledges.Where(p => p.DonorId == donorId).OrderByDescending(p => p.CreatedAt)
                .Select(p => new { p.Reference, Title = p.Campaign != null ? p.Campaign.Title : null, TitleEn = p.Campaign != null ? p.Campaign.TitleEn : null,
                    p.AmountVnd, p.PaidVnd, p.Status, p.InstalmentsJson })
                .ToListAsync(ct))
            .Select(p => new DonorPledgeRow(p.Reference, p.Title is null ? null : Cultures.Pick(p.Title, p.TitleEn, english), p.AmountVnd, p.PaidVnd,
                Math.Max(0, p.AmountVnd - p.PaidVnd), p.Status, publicSite.Value.Url("/ung-ho/cam-ket/" + Uri.EscapeDataString(p.Reference)),
                // Payments fill the oldest instalment first, as the reminders count them.
                PledgeLines.Standing(PledgeLines.Instalments(p.InstalmentsJson), p.PaidVnd)))
            .ToList();
        // Followed with a pledge (the donor's id) or with the follow form and the donor's own address.
        var email = Donor.Email?.Trim().ToLowerInvariant();
        Subscriptions = (await db.CampaignFollowers.Where(f => f.DonorId == donorId || (email != null && f.Email == email))
                .Join(db.Campaigns, f => f.CampaignId, c => c.Id, (f, c) => new { f.Id, c.Title, c.TitleEn, f.State })
                .OrderBy(x => x.Id).ToListAsync(ct))
            .Select(x => new DonorSubscriptionRow(x.Id, Cultures.Pick(x.Title, x.TitleEn, english), x.State)).ToList();
        Receipts = await db.Contributions.Where(c => c.DonorId == donorId).OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Id)
            .Select(c => new DonorReceiptRow(c.ReceiptNumber, c.ReceivedOn,
                c.Campaign == null ? null : english && c.Campaign.TitleEn != null && c.Campaign.TitleEn != "" ? c.Campaign.TitleEn : c.Campaign.Title,
                c.AmountVnd, c.Reversal != null))
            .ToListAsync(ct);
        return true;
    }
}
