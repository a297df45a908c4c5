using System.Globalization;
using System.Net.Mail;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Mail;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Pledges;

/// <summary>
/// Queues an InstalmentReminder <see cref="PledgeOptions.ReminderDaysBefore"/> days before each instalment falls due (and
/// up to its due date, so a BackOffice that was down catches up), with the pay link to the pledge's PublicSite page.
/// Once per instalment: the outbox's UNIQUE dedupe key "reminder:&lt;reference&gt;:&lt;due yyyy-MM-dd&gt;" decides, however
/// many passes or nodes run. Never for a paid instalment (payments fill the oldest due first), a cancelled or paid
/// pledge, or a donor without e-mail. Goods the same way (<see cref="QueueGoodsDueAsync"/>): before a goods line's delivery
/// date, while it is not fully received, one mail per pledge and date listing what is still missing.
/// </summary>
public sealed class InstalmentReminders(IServiceScopeFactory scopes, IOptions<PledgeOptions> options, TimeProvider clock, ILogger<InstalmentReminders> log)
{
    public const string Actor = "Nhắc hạn cam kết (tự động)";

    public static string DedupeKey(string reference, DateOnly due) =>
        $"reminder:{reference}:{due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static string GoodsDedupeKey(string reference, DateOnly deliverBy) =>
        $"goods-reminder:{reference}:{deliverBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>One pass. Returns how many reminders were queued.</summary>
    public async Task<int> QueueDueAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = Actor;
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        (db.UnitScope, db.OrganisationScope) = (null, null); // works for the whole organisation (BackOffice's contexts start empty)
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        var links = scope.ServiceProvider.GetRequiredService<DonorLinks>();
        var today = clock.VietnamToday();
        var daysBefore = options.Value.ReminderDaysBefore;

        var open = await db.Pledges.AsNoTracking()
            .Where(p => p.InstalmentsJson != null && (p.Status == PledgeState.Pledged || p.Status == PledgeState.PartlyPaid))
            .Select(p => new { p.Reference, p.DonorId, p.InstalmentsJson, p.PaidVnd, p.Donor!.Name, p.Donor.Email, p.Donor.Origin, Campaign = p.Campaign!.Title, CampaignEn = p.Campaign.TitleEn })
            .ToListAsync(ct);
        var queued = 0;
        foreach (var p in open)
        {
            if (p.Email is not { Length: > 0 } email || !MailAddress.TryCreate(email, out _)) continue;
            var english = p.Origin == DonorOrigin.Foreign;
            foreach (var due in PledgeLines.Standing(PledgeLines.Instalments(p.InstalmentsJson), p.PaidVnd)
                         .Where(i => !i.IsPaid && i.Due.AddDays(-daysBefore) <= today && today <= i.Due))
            {
                if (await outbox.QueueOnceAsync(MailMessageKind.InstalmentReminder, email, p.Name, english ? "en" : "vi",
                    new InstalmentReminderMail(p.Name, p.Reference, due.OutstandingVnd, due.Due, options.Value.PledgePageUrl(p.Reference),
                        english ? p.CampaignEn ?? p.Campaign : p.Campaign, links.Issue(p.DonorId)),
                    DedupeKey(p.Reference, due.Due), ct))
                    queued++;
            }
        }
        if (queued > 0) log.LogInformation("Instalment reminders: {Queued} queued", queued);
        return queued;
    }

    /// <summary>
    /// One pass over pledged goods: <see cref="PledgeOptions.ReminderDaysBefore"/> days before a line's delivery date and up to
    /// it, when the line is not fully received, one mail per pledge and date (UNIQUE dedupe key "goods-reminder:&lt;reference&gt;:&lt;date&gt;")
    /// listing what is still missing. Never for a cancelled pledge or a donor without e-mail. Returns how many were queued.
    /// </summary>
    public async Task<int> QueueGoodsDueAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = Actor;
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        (db.UnitScope, db.OrganisationScope) = (null, null);
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        var links = scope.ServiceProvider.GetRequiredService<DonorLinks>();
        var today = clock.VietnamToday();
        var daysBefore = options.Value.ReminderDaysBefore;

        // Only pledges whose goods carry a date can be due (the JSON names it); few pledges are in kind, each is read on its own.
        var dated = await db.Pledges.AsNoTracking().Include(p => p.Donor).Include(p => p.Campaign)
            .Where(p => p.InKindLinesJson != null && p.InKindLinesJson.Contains("deliverBy") && p.Status != PledgeState.Cancelled)
            .ToListAsync(ct);
        var queued = 0;
        foreach (var pledge in dated)
        {
            if (pledge.Donor?.Email is not { Length: > 0 } email || !MailAddress.TryCreate(email, out _)) continue;
            var due = (await PledgeGoods.OfAsync(db, pledge, ct: ct))
                .Where(l => !l.IsComplete && l.DeliverBy is { } by && by.AddDays(-daysBefore) <= today && today <= by)
                .GroupBy(l => l.DeliverBy!.Value);
            var english = pledge.Donor.Origin == DonorOrigin.Foreign;
            foreach (var lines in due)
            {
                var missing = lines.Select(l => $"{VietnameseFormat.Number(l.OutstandingQuantity)} {l.Unit} {l.ReceiptItem}").ToList();
                if (await outbox.QueueOnceAsync(MailMessageKind.GoodsDeliveryReminder, email, pledge.Donor.Name, english ? "en" : "vi",
                    new GoodsDeliveryReminderMail(pledge.Donor.Name, pledge.Reference, lines.Key, missing, options.Value.PledgePageUrl(pledge.Reference),
                        english ? pledge.Campaign?.TitleEn ?? pledge.Campaign?.Title : pledge.Campaign?.Title, links.Issue(pledge.DonorId)),
                    GoodsDedupeKey(pledge.Reference, lines.Key), ct))
                    queued++;
            }
        }
        if (queued > 0) log.LogInformation("Goods delivery reminders: {Queued} queued", queued);
        return queued;
    }
}

/// <summary>Runs <see cref="InstalmentReminders"/> (instalments, then goods) in BackOffice every <see cref="PledgeOptions.ReminderIntervalMinutes"/>.</summary>
public sealed class InstalmentReminderWorker(InstalmentReminders reminders, IOptions<PledgeOptions> options, TimeProvider clock, ILogger<InstalmentReminderWorker> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Hosting.PeriodicWork.RunAsync("Instalment reminders", TimeSpan.FromMinutes(options.Value.ReminderIntervalMinutes), clock, log,
            async ct =>
            {
                await reminders.QueueDueAsync(ct);
                await reminders.QueueGoodsDueAsync(ct);
            }, stoppingToken);
}
