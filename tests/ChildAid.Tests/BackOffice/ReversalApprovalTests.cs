using System.Net;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.BackOffice;

/// <summary>A receipt is reversed only when a second person approves: never by the one who recorded it.</summary>
public abstract class ReversalApprovalTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private const string Pending = "/Contributions/Reversals";
    private int _unitId;

    private async Task<(StaffUser Recorder, Contribution Gift)> GiftRecordedByAsync(string userName, long amountVnd, string role = Roles.ProgrammeOfficer)
    {
        await using var db = Db.NewContext();
        _unitId = (await TestData.UnitAsync(db)).Id;
        var donor = await TestData.DonorAsync(db, _unitId, "Công ty TNHH Ánh Dương");
        var recorder = await StaffAsync(userName, [role], _unitId);
        await using var sp = Db.Services();
        await using var scope = Scope(sp, userName);
        scope.ServiceProvider.GetRequiredService<AuditActor>().UserId = recorder.Id;
        var gift = (await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(TestData.Cash(donor.Id, _unitId, amountVnd))).Value!;
        return (recorder, gift);
    }

    private static async Task RequestAsync(StaffClient client, int contributionId, string reason = "Nhập sai số tiền")
    {
        var requested = await client.PostFormAsync($"/Contributions/Reverse/{contributionId}", new() { ["Input.Reason"] = reason });
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        Assert.Contains("chờ duyệt", await client.FollowAsync(requested));
    }

    private static async Task<HttpResponseMessage> ApproveAsync(StaffClient client)
    {
        var page = await client.GetPageAsync(Pending);
        return await client.PostWithTokenAsync($"{Pending}?handler=Approve", StaffClient.Token(page),
            new() { ["RequestId"] = StaffClient.Hidden(page, "RequestId") });
    }

    private async Task LedgerIsAsync(params long[] amounts)
    {
        await using var db = Db.NewContext();
        Assert.Equal(amounts, await db.LedgerEntries.OrderBy(e => e.Sequence).Select(e => e.AmountVnd).ToListAsync());
    }

    [Fact]
    public async Task Recorder_may_ask_but_not_approve_the_reversal_of_their_own_receipt_a_colleague_may()
    {
        var (_, gift) = await GiftRecordedByAsync("canbo", 300_000);
        var colleague = await StaffAsync("dongnghiep", [Roles.CommuneOfficer], _unitId);
        var recorder = await LogInAsync("canbo");

        await RequestAsync(recorder, gift.Id);
        await LedgerIsAsync(300_000L);
        var own = await ApproveAsync(recorder);

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("người đã lập phiếu", await own.Content.ReadAsStringAsync());
        await LedgerIsAsync(300_000L);

        var approver = await LogInAsync("dongnghiep");
        var approved = await ApproveAsync(approver);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        await LedgerIsAsync(300_000L, -300_000L);
        var receipt = await approver.GetPageAsync($"/Contributions/Details/{gift.Id}");
        Assert.Contains("ĐÃ HỦY", receipt);
        Assert.Contains("Nhập sai số tiền", receipt);

        await using var db = Db.NewContext();
        var reversal = await db.ContributionReversals.SingleAsync();
        Assert.Equal(colleague.Id, reversal.ReversedById);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "ReversalRequest" && a.Action == "Added"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "ReversalRequest" && a.Action == "Modified" && a.UserId == colleague.Id));
        Assert.DoesNotContain("Nhập sai số tiền", await approver.GetPageAsync(Pending));
    }

    [Fact]
    public async Task Whoever_asked_for_a_reversal_cannot_approve_it_and_it_books_once()
    {
        var (_, gift) = await GiftRecordedByAsync("canbo", 300_000);
        await StaffAsync("nguoihoi", [Roles.CommuneOfficer], _unitId);
        await StaffAsync("nguoiduyet", [Roles.CommuneOfficer], _unitId);
        var asker = await LogInAsync("nguoihoi");
        await RequestAsync(asker, gift.Id);

        var own = await ApproveAsync(asker);
        var approver = await LogInAsync("nguoiduyet");
        var page = await approver.GetPageAsync(Pending);
        var fields = new Dictionary<string, string> { ["RequestId"] = StaffClient.Hidden(page, "RequestId") };
        var first = await approver.PostWithTokenAsync($"{Pending}?handler=Approve", StaffClient.Token(page), fields);
        var again = await approver.PostWithTokenAsync($"{Pending}?handler=Approve", StaffClient.Token(page), fields);

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("người đã yêu cầu", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, again.StatusCode);
        await LedgerIsAsync(300_000L, -300_000L);
    }

    [Fact]
    public async Task A_large_reversal_needs_an_accountant_or_an_admin()
    {
        var (_, gift) = await GiftRecordedByAsync("canbo", 50_000_000);
        await StaffAsync("nguoihoi", [Roles.ProgrammeOfficer], _unitId);
        await StaffAsync("xa", [Roles.CommuneOfficer], _unitId);
        await StaffAsync("ketoan", [Roles.Accountant], _unitId);
        await RequestAsync(await LogInAsync("nguoihoi"), gift.Id);

        var commune = await ApproveAsync(await LogInAsync("xa"));
        Assert.Equal(HttpStatusCode.Forbidden, commune.StatusCode);
        Assert.Contains("10.000.000 ₫", await commune.Content.ReadAsStringAsync());
        await LedgerIsAsync(50_000_000L);

        var accountant = await ApproveAsync(await LogInAsync("ketoan"));
        Assert.Equal(HttpStatusCode.Redirect, accountant.StatusCode);
        await LedgerIsAsync(50_000_000L, -50_000_000L);
    }

    [Fact]
    public async Task A_staff_member_cannot_book_a_reversal_without_the_approval_step()
    {
        var (recorder, gift) = await GiftRecordedByAsync("canbo", 300_000);
        await using var sp = Db.Services();
        await using var scope = Scope(sp, "canbo");
        scope.ServiceProvider.GetRequiredService<AuditActor>().UserId = recorder.Id;

        var outcome = await scope.ServiceProvider.GetRequiredService<ContributionService>().ReverseAsync(gift.Id, "Tự hủy");

        Assert.False(outcome.Succeeded);
        await LedgerIsAsync(300_000L);
    }
}

public class ReversalApprovalTestsOnSqlite() : ReversalApprovalTests(DatabaseProvider.Sqlite);

public class ReversalApprovalTestsOnPostgres() : ReversalApprovalTests(DatabaseProvider.Postgres);
