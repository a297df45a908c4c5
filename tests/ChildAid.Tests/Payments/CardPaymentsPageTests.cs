using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Payments.Stripe;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Payments;

/// <summary>
/// The card payments page: accountants see the Stripe events that need a person (given up, or a partial refund) and those
/// being retried, never the payload's personal data, and send a failed one back to the worker, audited; others get 403.
/// </summary>
public abstract class CardPaymentsPageTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private static StripeEvent Event(string id, StripeEventOutcome? outcome, string? error, int attempts) => new()
    {
        EventId = id, Type = outcome == StripeEventOutcome.Booked ? "checkout.session.completed" : "charge.refunded",
        Payload = "{\"billing_details\":{\"name\":\"Nguyễn Thị Thẻ\",\"email\":\"the.payer@example.com\"}}",
        StripeCreatedAt = new DateTime(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc), ReceivedAt = new DateTime(2026, 12, 1, 3, 0, 1, DateTimeKind.Utc),
        ProcessedAt = outcome is null ? null : new DateTime(2026, 12, 1, 3, 0, 5, DateTimeKind.Utc), Outcome = outcome, Attempts = attempts, LastError = error,
    };

    [Fact]
    public async Task Accountants_see_the_events_needing_a_person_without_personal_data_and_send_one_back_audited()
    {
        await using (var db = Db.NewContext())
        {
            var unit = await TestData.UnitAsync(db, "Xã Ia Đal");
            await StaffAsync("ketoan-the", [Roles.Accountant], unit.Id);
            await StaffAsync("canbo-xa-the", [Roles.CommuneOfficer], unit.Id);
            db.StripeEvents.AddRange(
                Event("evt_failed_partial", StripeEventOutcome.Failed, "Hoàn tiền một phần 100.000 ₫ của 500.000 ₫: cần cán bộ xử lý.", 1),
                Event("evt_booked", StripeEventOutcome.Booked, null, 1),
                Event("evt_retrying", null, "Chưa cấu hình Stripe:ReceivingUnitCode", 3));
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await (await LogInAsync("canbo-xa-the")).GetAsync("/Payments/Card")).Response.StatusCode);

        var accountant = await LogInAsync("ketoan-the");
        var page = WebUtility.HtmlDecode(await accountant.GetPageAsync("/Payments/Card"));
        Assert.Contains("evt_failed_partial", page);
        Assert.Contains("Hoàn tiền một phần 100.000 ₫ của 500.000 ₫", page);
        Assert.Contains("evt_retrying", page);
        Assert.Contains("Đang thử lại (lần 3)", page);
        Assert.DoesNotContain("evt_booked", page);
        Assert.Contains("Sự kiện cần người xử lý: 1.", page);
        var all = WebUtility.HtmlDecode(await accountant.GetPageAsync("/Payments/Card?all=true"));
        Assert.Contains("evt_booked", all);
        Assert.Contains("Đã ghi phiếu thu", all);
        foreach (var shown in new[] { page, all })
        {
            Assert.DoesNotContain("the.payer@example.com", shown);
            Assert.DoesNotContain("Nguyễn Thị Thẻ", shown);
        }

        var fields = new Dictionary<string, string> { ["eventId"] = "evt_failed_partial" };
        Assert.Equal(HttpStatusCode.Redirect, (await accountant.PostWithTokenAsync("/Payments/Card?handler=Retry", StaffClient.Token(page), fields)).StatusCode);
        // A row that did not fail is left as it is.
        fields["eventId"] = "evt_booked";
        Assert.Equal(HttpStatusCode.Redirect, (await accountant.PostWithTokenAsync("/Payments/Card?handler=Retry", StaffClient.Token(page), fields)).StatusCode);

        await using var check = Db.NewContext();
        var retried = await check.StripeEvents.AsNoTracking().SingleAsync(e => e.EventId == "evt_failed_partial");
        Assert.Equal((null, null, 0), (retried.ProcessedAt, retried.Outcome, retried.Attempts));
        Assert.Contains("lỗi trước: Hoàn tiền một phần", retried.LastError);
        Assert.Equal(StripeEventOutcome.Booked, (await check.StripeEvents.AsNoTracking().SingleAsync(e => e.EventId == "evt_booked")).Outcome);
        var audit = Assert.Single(await check.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(StripeEvent)).ToListAsync());
        Assert.Equal(("Modified", "evt_failed_partial"), (audit.Action, audit.EntityKey));
        Assert.NotNull(audit.UserId);
    }
}

public class CardPaymentsPageTestsOnSqlite() : CardPaymentsPageTests(DatabaseProvider.Sqlite);

public class CardPaymentsPageTestsOnPostgres() : CardPaymentsPageTests(DatabaseProvider.Postgres);
