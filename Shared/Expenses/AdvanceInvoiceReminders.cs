using System.Globalization;
using System.Net.Mail;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Mail;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Expenses;

/// <summary>Section "AdvanceReminders"; the link goes to <c>BackOffice:StaffBaseUrl</c>, the address staff reach BackOffice at (donors' links use <c>BackOffice:PublicBaseUrl</c>).</summary>
public sealed class AdvanceReminderOptions
{
    public const string Section = "AdvanceReminders";
    public const string DefaultBackOfficeUrl = "http://127.0.0.1:5081";

    /// <summary>How often BackOffice looks for advances to remind of (minutes).</summary>
    public int IntervalMinutes { get; set; } = 60;
    /// <summary>From <c>BackOffice:StaffBaseUrl</c> only (not bound from this section: one setting, one name).</summary>
    public string StaffBaseUrl { get; internal set; } = DefaultBackOfficeUrl;
    public bool Enabled { get; set; } = true;

    public string ExpenseUrl(int id) => StaffBaseUrl.TrimEnd('/') + "/Expenses/" + id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Mails the staff member who proposed an approved advance whose invoice is still not filed, at each step of
/// <see cref="ExpenseRules.Delay"/>: on the 15th day after its payment date, on the 29th (two days before the block), and on
/// the 31st (they are now blocked from new disbursements). Once per advance and step: the outbox's UNIQUE dedupe key
/// "advance-invoice:&lt;id&gt;:&lt;days&gt;" decides, however many passes or nodes run; a BackOffice that was down sends only
/// the step reached, not the ones it missed. Never for a reversed advance, one whose invoice is filed, or a proposer
/// without e-mail (the badge on /Expenses and the block's message still tell them).
/// </summary>
public sealed class AdvanceInvoiceReminders(IServiceScopeFactory scopes, IOptions<AdvanceReminderOptions> options, TimeProvider clock,
    ILogger<AdvanceInvoiceReminders> log)
{
    public const string Actor = "Nhắc nộp hoá đơn tạm ứng (tự động)";

    public static string DedupeKey(int expenseId, InvoiceDelay step) =>
        $"advance-invoice:{expenseId.ToString(CultureInfo.InvariantCulture)}:{((int)step).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>One pass. Returns how many reminders were queued.</summary>
    public async Task<int> QueueDueAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = Actor;
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        (db.UnitScope, db.OrganisationScope) = (null, null); // every commune's advances (BackOffice's contexts start empty)
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        var today = clock.VietnamToday();
        var firstStep = today.AddDays(-(int)InvoiceDelay.Day15);

        var waiting = await db.Expenses.AsNoTracking()
            .Where(e => e.Kind == ExpenseKind.Advance && e.State == ExpenseState.Approved && e.ReversedAt == null && e.InvoiceFiledAt == null
                && e.PaymentDate <= firstStep)
            .Join(db.Users, e => e.ProposedById, u => u.Id, (e, u) => new { e.Id, e.SupplierName, e.AmountVnd, e.PaymentDate, u.FullName, u.UserName, u.Email })
            .OrderBy(e => e.Id).ToListAsync(ct);
        var queued = 0;
        foreach (var advance in waiting)
        {
            if (advance.Email is not { Length: > 0 } email || !MailAddress.TryCreate(email, out _)) continue;
            var step = ExpenseRules.Delay(advance.PaymentDate, today);
            var mail = new AdvanceInvoiceReminderMail(advance.FullName is { Length: > 0 } name ? name : advance.UserName ?? email, advance.Id, advance.SupplierName,
                advance.AmountVnd, advance.PaymentDate, today.DayNumber - advance.PaymentDate.DayNumber, advance.PaymentDate.AddDays((int)InvoiceDelay.Blocking),
                options.Value.ExpenseUrl(advance.Id));
            if (await outbox.QueueOnceAsync(MailMessageKind.AdvanceInvoiceReminder, email, mail.StaffName, "vi", mail, DedupeKey(advance.Id, step), ct))
                queued++;
        }
        if (queued > 0) log.LogInformation("Advance invoice reminders: {Queued} queued", queued);
        return queued;
    }
}

public static class AdvanceReminderServices
{
    /// <summary>For BackOffice: the reminders, and (with <paramref name="worker"/>) their periodic pass.</summary>
    public static IServiceCollection AddAdvanceReminders(this IServiceCollection services, IConfiguration configuration, bool worker = true)
    {
        services.AddOptions<AdvanceReminderOptions>().Bind(configuration.GetSection(AdvanceReminderOptions.Section))
            .PostConfigure(o =>
            {
                if (configuration["BackOffice:StaffBaseUrl"] is { Length: > 0 } url) o.StaffBaseUrl = url;
            })
            .Validate(o => o.IntervalMinutes >= 1, "AdvanceReminders:IntervalMinutes must be 1 or more.")
            .Validate(o => Uri.TryCreate(o.StaffBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "BackOffice:StaffBaseUrl must be an absolute http or https address (reminder mails link to it).")
            .ValidateOnStart();
        services.AddSingleton<AdvanceInvoiceReminders>();
        if (worker) services.AddHostedService<AdvanceInvoiceReminderWorker>();
        return services;
    }
}

/// <summary>Runs <see cref="AdvanceInvoiceReminders"/> in BackOffice every <see cref="AdvanceReminderOptions.IntervalMinutes"/>.</summary>
public sealed class AdvanceInvoiceReminderWorker(AdvanceInvoiceReminders reminders, IOptions<AdvanceReminderOptions> options, TimeProvider clock,
    ILogger<AdvanceInvoiceReminderWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled
            ? PeriodicWork.RunAsync("Advance invoice reminders", TimeSpan.FromMinutes(options.Value.IntervalMinutes), clock, log,
                async ct => await reminders.QueueDueAsync(ct), stoppingToken)
            : Task.CompletedTask;
}
