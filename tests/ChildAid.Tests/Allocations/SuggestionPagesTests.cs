using System.Net;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Allocations;

/// <summary>/Allocations/Suggest through the real forms: run, edit an amount, untick a row, propose (twice), a colleague approves, balances hold.</summary>
public abstract class SuggestionPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task Staff_run_the_suggestions_edit_and_untick_rows_propose_once_and_a_colleague_approves_with_balances_holding()
    {
        AllocationWorld w;
        await using (var db = Db.NewContext()) w = await AllocationWorld.CreateAsync(db);
        await StaffAsync("canbo-de-xuat", [Roles.ProgrammeOfficer], w.IaDal.Id);
        await StaffAsync("canbo-duyet", [Roles.CommuneOfficer], w.IaDal.Id);
        await StaffAsync("canbo-xa-khac", [Roles.CommuneOfficer], w.IaToi.Id);
        Contribution big, small;
        await using (var sp = Db.Services())
        await using (var scope = Scope(sp, "cli"))
        {
            var contributions = scope.ServiceProvider.GetRequiredService<ContributionService>();
            big = (await contributions.RecordAsync(TestData.Cash(w.DonorId, w.IaDal.Id, 3_000_000))).Value!;
            small = (await contributions.RecordAsync(TestData.Cash(w.DonorId, w.IaDal.Id, 200_000))).Value!;
        }

        var proposer = await LogInAsync("canbo-de-xuat");
        Assert.Contains("/Allocations/Suggest", await proposer.GetPageAsync("/Allocations"));
        Assert.Contains("Chạy gợi ý", await proposer.GetPageAsync("/Allocations/Suggest"));
        // 3.000.000 ₫ → Ia Đal's meals (2.000.000 ₫), its rest and then the 200.000 ₫ gift → the school's jackets.
        var page = await proposer.GetPageAsync("/Allocations/Suggest?run=true");
        Assert.Contains("Đề xuất các dòng đã chọn", page);
        Assert.Contains(big.ReceiptNumber, page);
        Assert.Contains("Mức ưu tiên 1, nhu cầu lâu nhất trước", page);
        Assert.Contains("tiền cũ nhất còn dùng được (phiếu thu " + big.ReceiptNumber, page);
        Assert.Equal($"{big.Id}-0-{w.Meals.Id}", StaffClient.Hidden(page, "Rows[0].Ref"));
        Assert.Equal("2.000.000", StaffClient.Hidden(page, "Rows[0].Amount"));
        Assert.Equal($"{small.Id}-0-{w.Jackets.Id}", StaffClient.Hidden(page, "Rows[2].Ref"));

        Dictionary<string, string> Form(string firstAmount) => new()
        {
            ["RunKey"] = StaffClient.Hidden(page, "RunKey"),
            ["Rows[0].Ref"] = StaffClient.Hidden(page, "Rows[0].Ref"), ["Rows[0].Selected"] = "true", ["Rows[0].Amount"] = firstAmount,
            ["Rows[1].Ref"] = StaffClient.Hidden(page, "Rows[1].Ref"), ["Rows[1].Amount"] = StaffClient.Hidden(page, "Rows[1].Amount"),
            ["Rows[2].Ref"] = StaffClient.Hidden(page, "Rows[2].Ref"), ["Rows[2].Selected"] = "true", ["Rows[2].Amount"] = StaffClient.Hidden(page, "Rows[2].Amount"),
        };
        var token = StaffClient.Token(page);
        var bad = await proposer.PostWithTokenAsync("/Allocations/Suggest", token, Form("hai triệu"));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Vui lòng nhập số nguyên", await bad.Content.ReadAsStringAsync());
        await using (var db = Db.NewContext()) Assert.False(await db.Allocations.AnyAsync());

        // The edited amount, row 1 unticked; the same form a second time proposes nothing more.
        var first = await proposer.PostWithTokenAsync("/Allocations/Suggest", token, Form("1.500.000"));
        var second = await proposer.PostWithTokenAsync("/Allocations/Suggest", token, Form("1.500.000"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        List<Allocation> proposals;
        await using (var db = Db.NewContext()) proposals = await db.Allocations.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([(big.Id, w.Meals.Id, 1_500_000L), (small.Id, w.Jackets.Id, 200_000L)],
            proposals.Select(a => (a.ContributionId, a.NeedLineId, a.AmountVnd)));
        Assert.All(proposals, a => Assert.Equal(AllocationState.Proposed, a.State));
        Assert.All(proposals, a => Assert.StartsWith("Gợi ý phân bổ, lượt ", a.Note));

        // The proposer may not approve; a colleague does, on the list, as for any proposal.
        var own = await proposer.PostWithTokenAsync("/Allocations?handler=Approve", StaffClient.Token(await proposer.GetPageAsync("/Allocations?state=Proposed")),
            new() { ["AllocationId"] = proposals[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        var approver = await LogInAsync("canbo-duyet");
        foreach (var a in proposals)
        {
            var list = await approver.GetPageAsync("/Allocations?state=Proposed");
            var approved = await approver.PostWithTokenAsync("/Allocations?handler=Approve", StaffClient.Token(list),
                new() { ["AllocationId"] = a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }
        await using (var db = Db.NewContext())
            Assert.Equal(2, await db.Allocations.CountAsync(a => a.State == AllocationState.Approved));
        var (code, output) = await CliRunner.RunAsync(Db, "verify-balances");
        Assert.True(code == 0, output);

        // What is left is suggested again (1.500.000 ₫ left on the big gift: the meals' last 500.000 ₫, then the jackets); the workbook holds the table.
        var again = await proposer.GetPageAsync("/Allocations/Suggest?run=true");
        Assert.Equal(("500.000", "1.000.000"), (StaffClient.Hidden(again, "Rows[0].Amount"), StaffClient.Hidden(again, "Rows[1].Amount")));
        var workbook = await proposer.GetAsync("/Allocations/Suggest?handler=Export");
        Assert.Equal(HttpStatusCode.OK, workbook.Response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Response.Content.Headers.ContentType?.MediaType);

        // Another commune's officer sees neither the gifts nor the lines of Ia Đal.
        var other = await LogInAsync("canbo-xa-khac");
        var theirs = await other.GetPageAsync("/Allocations/Suggest?run=true");
        Assert.Contains("Không có gợi ý nào", theirs);
        Assert.DoesNotContain(big.ReceiptNumber, theirs);
    }

    [Fact]
    public async Task A_row_someone_else_took_meanwhile_keeps_its_message_next_to_the_amount_and_the_other_rows_are_proposed()
    {
        AllocationWorld w;
        await using (var db = Db.NewContext()) w = await AllocationWorld.CreateAsync(db);
        await StaffAsync("canbo-de-xuat", [Roles.ProgrammeOfficer], w.IaDal.Id, w.IaToi.Id);
        await using var sp = Db.Services();
        Contribution gift;
        await using (var scope = Scope(sp, "cli"))
            gift = (await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(TestData.Cash(w.DonorId, w.IaDal.Id, 3_000_000))).Value!;

        var proposer = await LogInAsync("canbo-de-xuat");
        var page = await proposer.GetPageAsync("/Allocations/Suggest?run=true");
        Assert.Equal($"{gift.Id}-0-{w.Meals.Id}", StaffClient.Hidden(page, "Rows[0].Ref"));
        // Meanwhile a colleague proposes 2.000.000 ₫ of the same gift by hand (Ia Tơi's meals): 1.000.000 ₫ are left.
        await using (var scope = Scope(sp, "cli"))
            Assert.True((await scope.ServiceProvider.GetRequiredService<AllocationService>()
                .ProposeAsync(new AllocationInput { ContributionId = gift.Id, NeedLineId = w.MealsIaToi.Id, AmountVnd = 2_000_000 })).Succeeded);

        var response = await proposer.PostWithTokenAsync("/Allocations/Suggest", StaffClient.Token(page), new()
        {
            ["RunKey"] = StaffClient.Hidden(page, "RunKey"),
            ["Rows[0].Ref"] = StaffClient.Hidden(page, "Rows[0].Ref"), ["Rows[0].Selected"] = "true", ["Rows[0].Amount"] = StaffClient.Hidden(page, "Rows[0].Amount"),
            ["Rows[1].Ref"] = StaffClient.Hidden(page, "Rows[1].Ref"), ["Rows[1].Selected"] = "true", ["Rows[1].Amount"] = "500.000",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"Phiếu thu {gift.ReceiptNumber} chỉ còn 1.000.000 ₫ chưa phân bổ.", html);
        Assert.Contains("Đã gửi 1 đề xuất; 1 dòng không đề xuất được", html);
        await using var check = Db.NewContext();
        var fromForm = Assert.Single(await check.Allocations.Where(a => a.Note!.StartsWith("Gợi ý phân bổ")).ToListAsync());
        Assert.Equal((w.Jackets.Id, 500_000L), (fromForm.NeedLineId, fromForm.AmountVnd));
    }

    [Fact]
    public async Task A_line_already_supported_elsewhere_is_shown_apart_with_what_was_found_not_suggested()
    {
        AllocationWorld w;
        await using (var db = Db.NewContext())
        {
            w = await AllocationWorld.CreateAsync(db);
            var agency = new Shared.Organisations.Organisation { Name = "Tổ chức Cứu trợ Nhi đồng", Type = Shared.Organisations.OrganisationType.RedCross, AdminUnitId = w.IaDal.ParentId!.Value };
            db.Organisations.Add(agency);
            await db.SaveChangesAsync();
            db.DeclaredSupports.Add(new Shared.Needs.DeclaredSupport
            {
                AgencyId = agency.Id, AdminUnitId = w.IaDal.Id, Target = Shared.Needs.NeedTarget.School, SchoolId = w.SchoolIaDal,
                Category = Shared.Needs.NeedCategory.Nutrition, PeriodStart = w.Meals.PeriodStart, PeriodEnd = w.Meals.PeriodEnd,
                Description = "Bữa trưa bán trú", RecordedById = "x", RecordedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        await StaffAsync("canbo-de-xuat", [Roles.ProgrammeOfficer], w.IaDal.Id);
        await using (var sp = Db.Services())
        await using (var scope = Scope(sp, "cli"))
            await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(TestData.Cash(w.DonorId, w.IaDal.Id, 3_000_000));

        var page = await (await LogInAsync("canbo-de-xuat")).GetPageAsync("/Allocations/Suggest?run=true");
        Assert.Contains("Không gợi ý (1 dòng)", page);
        Assert.Contains("Tổ chức Cứu trợ Nhi đồng đã đăng ký hỗ trợ: Bữa trưa bán trú", page);
        Assert.DoesNotContain($"-0-{w.Meals.Id}\"", page);
    }
}

public class SuggestionPagesTestsOnSqlite() : SuggestionPagesTests(DatabaseProvider.Sqlite);

public class SuggestionPagesTestsOnPostgres() : SuggestionPagesTests(DatabaseProvider.Postgres);
