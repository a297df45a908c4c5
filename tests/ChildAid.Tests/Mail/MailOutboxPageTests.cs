using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Mail;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Mail;

/// <summary>Hộp thư đi: admin and accountant see failed mail with its error and send it again (audited); others may not.</summary>
public abstract class MailOutboxPageTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private async Task<long> FailedMailAsync()
    {
        await MailTestWorld.QueueAsync(Db, TimeProvider.System, "receipt:2026-000123");
        await using var db = Db.NewContext();
        await db.MailOutbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MailStatus.Failed).SetProperty(m => m.Attempts, 8)
            .SetProperty(m => m.LastError, "Máy chủ SMTP từ chối (550): mailbox unavailable"));
        return await db.MailOutbox.Select(m => m.Id).SingleAsync();
    }

    [Fact]
    public async Task An_admin_sees_the_failed_mail_with_its_error_and_sends_it_again_which_the_audit_records()
    {
        var id = await FailedMailAsync();
        var admin = await LogInAsAdminAsync();

        var page = await admin.GetPageAsync("/Mail?status=Failed");
        Assert.Contains("Cảm ơn quý vị đã ủng hộ", page);
        Assert.Contains("Gửi không được", page);
        Assert.Contains("Máy chủ SMTP từ chối (550): mailbox unavailable", page);
        Assert.Contains("Gửi lại ngay", page);

        var retried = await admin.PostWithTokenAsync($"/Mail?handler=Retry&id={id}", StaffClient.Token(page), []);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Contains("sẽ được gửi lại trong giây lát", await admin.FollowAsync(retried));

        await using var db = Db.NewContext();
        var mail = await db.MailOutbox.SingleAsync();
        Assert.Equal(MailStatus.Pending, mail.Status);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(MailOutboxMessage));
        Assert.Equal(("Modified", "admin", "Cảm ơn quý vị đã ủng hộ"), (audit.Action, audit.Actor, audit.Label));
        Assert.Contains("\"Status\"", audit.After);
        Assert.Contains("\"Status\"", audit.Before);
    }

    [Fact]
    public async Task The_accountant_may_open_the_outbox_and_a_programme_officer_may_not()
    {
        await FailedMailAsync();
        var unit = await TestDataUnitAsync();
        await StaffAsync("ketoan", [Roles.Accountant], unit);
        await StaffAsync("chuongtrinh", [Roles.ProgrammeOfficer], unit);

        var accountant = await LogInAsync("ketoan");
        Assert.Contains("Máy chủ SMTP từ chối", await accountant.GetPageAsync("/Mail"));
        var officer = await LogInAsync("chuongtrinh");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/Mail")).Response.StatusCode);
    }

    private async Task<int> TestDataUnitAsync()
    {
        await using var db = Db.NewContext();
        return (await TestData.UnitAsync(db, "Xã Ia Đal", "23535")).Id;
    }
}

public class MailOutboxPageTestsOnSqlite() : MailOutboxPageTests(DatabaseProvider.Sqlite);

public class MailOutboxPageTestsOnPostgres() : MailOutboxPageTests(DatabaseProvider.Postgres);
