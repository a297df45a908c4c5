using System.Globalization;
using System.Net;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Allocations;

/// <summary>
/// The needs review shows each line's committed, received, in-transit and delivered figures, and each figure above zero
/// links to the records behind it: the lists filtered to that one need line, which say so and keep the filter.
/// </summary>
public abstract class NeedLineRecordsPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task A_figure_of_the_review_opens_the_records_of_its_line_only()
    {
        AllocationWorld w;
        await using (var db = Db.NewContext()) w = await AllocationWorld.CreateAsync(db);
        await StaffAsync("canbo-xem", [Roles.CommuneOfficer], w.IaDal.Id);
        await using (var sp = Db.Services())
        {
            Contribution receipt;
            await using (var scope = Scope(sp, "cli"))
                receipt = (await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(TestData.Cash(w.DonorId, w.IaDal.Id, 3_000_000))).Value!;
            foreach (var (line, amount) in new[] { (w.Meals, 400_000L), (w.Jackets, 360_000L) })
            {
                var proposed = await AllocationTest.ActAsAsync<AllocationService, Shared.Validation.Outcome<Allocation>>(sp, w.Proposer,
                    (s, _) => s.ProposeAsync(new AllocationInput { ContributionId = receipt.Id, NeedLineId = line.Id, AmountVnd = amount }));
                Assert.True(proposed.Succeeded, string.Join("; ", proposed.Errors.Values));
                var decision = await AllocationTest.ActAsAsync<AllocationService, AllocationDecision>(sp, w.Approver, (s, _) => s.ApproveAsync(proposed.Value!.Id));
                Assert.True(decision.Booked, decision.Problem ?? decision.Refusal);
            }
        }
        var meals = w.Meals.Id.ToString(CultureInfo.InvariantCulture);
        var client = await LogInAsync("canbo-xem");

        var review = WebUtility.HtmlDecode(await client.GetPageAsync($"/Needs/Review/{w.Meals.NeedsReviewId.ToString(CultureInfo.InvariantCulture)}"));
        Assert.Contains("Đang vận chuyển", review);
        Assert.Contains($"<a href=\"/Allocations?state=Approved&need={meals}\">20/100</a>", review); // 400.000 ₫ at 20.000 ₫ a meal
        // Nothing received, in transit or delivered yet: those figures link nowhere.
        Assert.DoesNotContain($"/Expenses?need={meals}", review);
        Assert.DoesNotContain($"/Distributions/Services?need={meals}", review);

        var committed = WebUtility.HtmlDecode(await client.GetPageAsync($"/Allocations?state=Approved&need={meals}"));
        Assert.Contains($"Chỉ các bản ghi của dòng nhu cầu số {meals}.", committed);
        Assert.Contains($"<input type=\"hidden\" name=\"need\" value=\"{meals}\" />", committed);
        Assert.Contains($"handler=Export&state=Approved&need={meals}", committed);
        Assert.Contains("Suất ăn trưa", committed);
        Assert.DoesNotContain("Áo ấm mùa đông", committed);
        Assert.Contains("Áo ấm mùa đông", WebUtility.HtmlDecode(await client.GetPageAsync("/Allocations?state=Approved")));
        foreach (var list in new[] { "/Expenses", "/Distributions", "/Distributions/Services" })
        {
            var page = WebUtility.HtmlDecode(await client.GetPageAsync($"{list}?need={meals}"));
            Assert.Contains($"Chỉ các bản ghi của dòng nhu cầu số {meals}.", page);
        }
    }
}

public class NeedLineRecordsPagesTestsOnSqlite() : NeedLineRecordsPagesTests(DatabaseProvider.Sqlite);

public class NeedLineRecordsPagesTestsOnPostgres() : NeedLineRecordsPagesTests(DatabaseProvider.Postgres);
