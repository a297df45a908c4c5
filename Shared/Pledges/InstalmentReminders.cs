using System.Globalization;
using System.Net.Mail;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Mail;
using ChildAid.Shared.Security;
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
/// pledge, or a donor without e-mail.
/// </summary>
public sealed class InstalmentReminders(IServiceScopeFactory scopes, IOptions<PledgeOptions> options, TimeProvider clock, ILogger<InstalmentReminders> log)
{
    public const string Actor = "Nhắc hạn cam kết (tự động)";

    public static string DedupeKey(string reference, DateOnly due) =>
        $"reminder:{reference}:{due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

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
}

/// <summary>Runs <see cref="InstalmentReminders"/> in BackOffice every <see cref="PledgeOptions.ReminderIntervalMinutes"/>.</summary>
public sealed class InstalmentReminderWorker(InstalmentReminders reminders, IOptions<PledgeOptions> options, TimeProvider clock, ILogger<InstalmentReminderWorker> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Hosting.PeriodicWork.RunAsync("Instalment reminders", TimeSpan.FromMinutes(options.Value.ReminderIntervalMinutes), clock, log,
            async ct => await reminders.QueueDueAsync(ct), stoppingToken);
}
