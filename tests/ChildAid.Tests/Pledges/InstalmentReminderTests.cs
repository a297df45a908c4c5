using System.Globalization;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Mail;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Time;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// Reminders go out N days before each instalment's due date (a fake clock moves the days), once per instalment,
/// never for what is paid (payments fill the oldest due first) nor for a cancelled pledge or a donor without e-mail.
/// </summary>
public abstract class InstalmentReminderTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
    private ServiceProvider? _services;

    private ServiceProvider Services => _services ??= Db.Services(s =>
    {
        s.AddSingleton<TimeProvider>(_clock);
        s.AddPledgeProcessing(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pledges:ReminderDaysBefore"] = "7", ["PublicSite:BaseUrl"] = "https://childaid.example",
        }).Build(), worker: false);
    }, asApp: true);

    private InstalmentReminders Reminders => Services.GetRequiredService<InstalmentReminders>();

    public override async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await base.DisposeAsync();
    }

    private DateOnly Today => _clock.VietnamToday();

    private static string Json(params (DateOnly Due, long Amount)[] instalments) =>
        "[" + string.Join(",", instalments.Select(i => $$"""{"due":"{{i.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}","amountVnd":{{i.Amount}}}""")) + "]";

    private async Task<Pledge> PledgeAsync(string reference, string instalments, long paid = 0, string? email = "ketoan@anhduong.example",
        DonorOrigin origin = DonorOrigin.Domestic)
    {
        await using var db = Db.NewContext();
        var unit = await db.AdminUnits.FirstOrDefaultAsync() ?? await TestData.UnitAsync(db);
        var campaign = await db.Campaigns.FirstOrDefaultAsync() ?? await TestData.CampaignAsync(db);
        var donor = await TestData.DonorAsync(db, unit.Id, "Công ty TNHH Ánh Dương", kind: DonorKind.Business);
        donor.Email = email;
        donor.Origin = origin;
        var pledge = new Pledge
        {
            Reference = reference, IntakeId = Guid.NewGuid(), DonorId = donor.Id, AdminUnitId = unit.Id, CampaignId = campaign.Id,
            AmountVnd = 20_000_000, InstalmentsJson = instalments, CreatedAt = DateTime.UtcNow,
        };
        if (paid > 0) pledge.RecordPayment(paid);
        db.Pledges.Add(pledge);
        await db.SaveChangesAsync();
        return pledge;
    }

    private async Task<List<MailOutboxMessage>> RemindersAsync()
    {
        await using var db = Db.NewContext();
        return await db.MailOutbox.AsNoTracking().Where(m => m.Kind == MailMessageKind.InstalmentReminder).OrderBy(m => m.DedupeKey).ToListAsync();
    }

    [Fact]
    public async Task A_reminder_is_queued_seven_days_before_each_due_date_once_with_the_pay_link()
    {
        var first = Today.AddDays(10);
        var second = Today.AddDays(40);
        await PledgeAsync("CA2222222", Json((first, 10_000_000), (second, 10_000_000)));

        Assert.Equal(0, await Reminders.QueueDueAsync()); // ten days ahead: not yet
        _clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await Reminders.QueueDueAsync());
        Assert.Equal(0, await Reminders.QueueDueAsync()); // the next pass (or another node) adds nothing
        _clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(1, await Reminders.QueueDueAsync());

        var mails = await RemindersAsync();
        Assert.Equal([InstalmentReminders.DedupeKey("CA2222222", first), InstalmentReminders.DedupeKey("CA2222222", second)], mails.Select(m => m.DedupeKey));
        Assert.Contains("10.000.000 ₫", mails[0].TextBody, StringComparison.Ordinal);
        Assert.Contains(first.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), mails[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("https://childaid.example/ung-ho/cam-ket/CA2222222", mails[0].TextBody, StringComparison.Ordinal);
        Assert.Equal("vi", mails[0].Culture);
    }

    [Fact]
    public async Task A_reminder_carries_the_donors_private_link_and_a_pass_that_adds_nothing_leaves_no_stray_link()
    {
        var pledge = await PledgeAsync("CA3333333", Json((Today.AddDays(3), 10_000_000), (Today.AddDays(60), 10_000_000)));

        Assert.Equal(1, await Reminders.QueueDueAsync());
        Assert.Equal(0, await Reminders.QueueDueAsync());

        var mail = Assert.Single(await RemindersAsync());
        var token = System.Text.RegularExpressions.Regex.Match(mail.TextBody, DonorLinks.PathPrefix + "([A-Za-z0-9_-]{43})").Groups[1].Value;
        await using var scope = Services.CreateAsyncScope();
        Assert.Equal(pledge.DonorId, await scope.ServiceProvider.GetRequiredService<DonorLinks>().DonorIdAsync(token));
        await using var db = Db.NewContext();
        Assert.Equal(1, await db.DonorLinks.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task A_paid_instalment_gets_no_reminder_and_a_part_paid_one_is_reminded_of_what_is_left()
    {
        var due = Today.AddDays(5);
        await PledgeAsync("CA2222222", Json((due, 10_000_000), (Today.AddDays(6), 10_000_000)), paid: 14_000_000);

        Assert.Equal(1, await Reminders.QueueDueAsync());

        var mail = Assert.Single(await RemindersAsync());
        Assert.Equal(InstalmentReminders.DedupeKey("CA2222222", Today.AddDays(6)), mail.DedupeKey);
        Assert.Contains("6.000.000 ₫", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_reminder_for_a_cancelled_pledge_a_donor_without_email_or_a_date_already_past_and_donors_abroad_read_English()
    {
        var soon = Json((Today.AddDays(3), 10_000_000));
        var cancelled = await PledgeAsync("CA2222222", soon);
        await using (var db = Db.NewContext())
        {
            var tracked = await db.Pledges.SingleAsync(p => p.Id == cancelled.Id);
            tracked.Cancel();
            await db.SaveChangesAsync();
        }
        await PledgeAsync("CA3333333", soon, email: null);
        await PledgeAsync("CA4444444", Json((Today.AddDays(-1), 10_000_000)));
        await PledgeAsync("CA5555555", soon, email: "john.smith@example.com", origin: DonorOrigin.Foreign);

        Assert.Equal(1, await Reminders.QueueDueAsync());

        var mail = Assert.Single(await RemindersAsync());
        Assert.Equal(("john.smith@example.com", "en"), (mail.ToAddress, mail.Culture));
    }
}

public class InstalmentReminderTestsOnSqlite() : InstalmentReminderTests(DatabaseProvider.Sqlite);

public class InstalmentReminderTestsOnPostgres() : InstalmentReminderTests(DatabaseProvider.Postgres);
