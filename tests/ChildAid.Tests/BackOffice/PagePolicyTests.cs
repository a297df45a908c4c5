using System.Net;
using ChildAid.BackOffice.Security;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static System.Globalization.CultureInfo;

namespace ChildAid.Tests.BackOffice;

/// <summary>
/// Deny by default, and the role × unit × page matrix. The pages come from the running application's endpoints, so a
/// new page is in these tests the moment it exists: it fails until it has a policy and a place in the matrix.
/// </summary>
public abstract class PagePolicyTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    /// <summary>The policy table as people decided it: which roles each policy lets in (null: everyone, even anonymous).</summary>
    private static readonly Dictionary<string, string[]?> WhoMay = new()
    {
        [PagePolicies.Anonymous] = null,
        [Policies.Staff] = [.. Roles.All],
        [Policies.ManageDonors] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer, Roles.Accountant],
        [Policies.ViewReceipts] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer, Roles.Accountant, Roles.Inspector],
        [Policies.RecordReceipts] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer, Roles.Accountant],
        [Policies.ManageCampaigns] = [Roles.Admin, Roles.ProgrammeOfficer],
        [Policies.ManageUsers] = [Roles.Admin],
        [Policies.ViewAudit] = [Roles.Admin, Roles.Inspector],
        [Policies.ViewNeeds] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer, Roles.Accountant, Roles.Inspector],
        [Policies.EditNeeds] = [Roles.ProgrammeOfficer, Roles.CommuneOfficer],
        [Policies.ManageCriteria] = [Roles.Admin],
        [Policies.DeclareSupport] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer],
        [Policies.ManageChildren] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer],
        [Policies.EraseDonorNames] = [Roles.Admin],
    };

    /// <summary>Each page's policy as the application enforces it, read from its endpoints' metadata.</summary>
    private Dictionary<string, string> PagesOfTheApp()
    {
        var pages = new Dictionary<string, string>();
        foreach (var endpoint in App.Services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var policy = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? PagePolicies.Anonymous
                : string.Join("+", endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(default)").Distinct());
            pages[page.ViewEnginePath] = policy.Length == 0 ? "(none: refused)" : policy;
        }
        return pages;
    }

    [Fact]
    public void Every_page_has_an_explicit_policy()
    {
        var pages = PagesOfTheApp();
        var listing = string.Join("\n", pages.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} → {p.Value}"));

        Assert.True(pages.Count >= 21, listing);
        Assert.All(pages, p => Assert.True(WhoMay.ContainsKey(p.Value), $"{p.Key} has no explicit policy ({p.Value}).\n{listing}"));
        Assert.Equal(PagePolicies.Table.OrderBy(p => p.Key), pages.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task A_page_without_a_policy_is_refused_even_to_an_admin()
    {
        var fallback = App.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy!;
        var admin = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "admin"), new(System.Security.Claims.ClaimTypes.Role, Roles.Admin)], "test"));
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { User = admin };
        http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "a page nobody listed"));

        await using var scope = App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(admin, http, fallback);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Every_role_gets_what_the_policy_table_says_on_every_page_in_its_own_unit_and_in_another()
    {
        int own, other, ownDonor, otherDonor, ownGift, otherGift, campaign, ownReview, otherReview, ownChild, otherChild;
        await using (var db = Db.NewContext())
        {
            own = (await TestData.UnitAsync(db, "Xã Ia Đal", "23535")).Id;
            other = (await TestData.UnitAsync(db, "Xã Ia Tơi", "23538")).Id;
            ownDonor = (await TestData.DonorAsync(db, own, "Trần Thị Bình")).Id;
            otherDonor = (await TestData.DonorAsync(db, other, "Lê Văn Cường")).Id;
            campaign = (await TestData.CampaignAsync(db)).Id;
            ownReview = (await TestData.NeedsReviewAsync(db, own)).Id;
            otherReview = (await TestData.NeedsReviewAsync(db, other)).Id;
            ownChild = (await TestData.ChildAsync(db, own, "Rơ Châm H'Nhi")).Id;
            otherChild = (await TestData.ChildAsync(db, other, "A Dũng")).Id;
        }
        await using (var sp = Db.Services())
        await using (var scope = Scope(sp, "cli"))
        {
            var service = scope.ServiceProvider.GetRequiredService<Shared.Contributions.ContributionService>();
            ownGift = (await service.RecordAsync(TestData.Cash(ownDonor, own, 100_000))).Value!.Id;
            otherGift = (await service.RecordAsync(TestData.Cash(otherDonor, other, 200_000))).Value!.Id;
        }
        var someUser = (await StaffAsync("nguoi-khac", [Roles.MediaWriter], own)).Id;
        string S(int id) => id.ToString(InvariantCulture);

        // How to open each page in the own unit and in the other; a new page fails here until it is added.
        var urls = new Dictionary<string, (string Own, string Other, bool Scoped)>
        {
            ["/Account/Login"] = ("/Account/Login", "/Account/Login", false),
            ["/Account/LoginWith2fa"] = ("/Account/LoginWith2fa", "/Account/LoginWith2fa", false),
            ["/Account/AccessDenied"] = ("/Account/AccessDenied", "/Account/AccessDenied", false),
            ["/StatusCode"] = ("/StatusCode?code=404", "/StatusCode?code=404", false),
            ["/Account/Logout"] = ("/Account/Logout", "/Account/Logout", false),
            ["/Account/ChangePassword"] = ("/Account/ChangePassword", "/Account/ChangePassword", false),
            ["/Account/EnrolTwoFactor"] = ("/Account/EnrolTwoFactor", "/Account/EnrolTwoFactor", false),
            ["/Index"] = ("/", "/", false),
            ["/Donors/Index"] = ("/Donors", "/Donors", false),
            ["/Donors/Edit"] = ($"/Donors/Edit/{S(ownDonor)}", $"/Donors/Edit/{S(otherDonor)}", true),
            ["/Donors/EraseName"] = ($"/Donors/EraseName/{S(ownDonor)}", $"/Donors/EraseName/{S(otherDonor)}", true),
            ["/Contributions/Index"] = ("/Contributions", "/Contributions", false),
            ["/Contributions/Details"] = ($"/Contributions/Details/{S(ownGift)}", $"/Contributions/Details/{S(otherGift)}", true),
            ["/Contributions/Receipt"] = ($"/Contributions/Receipt/{S(ownGift)}", $"/Contributions/Receipt/{S(otherGift)}", true),
            ["/Contributions/Record"] = ("/Contributions/Record", "/Contributions/Record", false),
            ["/Contributions/Reverse"] = ($"/Contributions/Reverse/{S(ownGift)}", $"/Contributions/Reverse/{S(otherGift)}", true),
            ["/Contributions/Receipt"] = ($"/Contributions/Receipt/{S(ownGift)}", $"/Contributions/Receipt/{S(otherGift)}", true),
            ["/Contributions/Reversals"] = ("/Contributions/Reversals", "/Contributions/Reversals", false),
            ["/Campaigns/Index"] = ("/Campaigns", "/Campaigns", false),
            ["/Campaigns/Edit"] = ($"/Campaigns/Edit/{S(campaign)}", $"/Campaigns/Edit/{S(campaign)}", false),
            ["/Users/Index"] = ("/Users", "/Users", false),
            ["/Users/Edit"] = ($"/Users/Edit/{someUser}", $"/Users/Edit/{someUser}", false),
            ["/Audit/Index"] = ("/Audit", "/Audit", false),
            ["/Needs/Index"] = ("/Needs", "/Needs", false),
            ["/Needs/Review"] = ($"/Needs/Review/{S(ownReview)}", $"/Needs/Review/{S(otherReview)}", true),
            ["/Needs/Line"] = ($"/Needs/Line/{S(ownReview)}", $"/Needs/Line/{S(otherReview)}", true),
            ["/Needs/Criteria"] = ("/Needs/Criteria", "/Needs/Criteria", false),
            ["/Needs/DeclaredSupport"] = ("/Needs/DeclaredSupport", "/Needs/DeclaredSupport", false),
            ["/Children/Index"] = ("/Children", "/Children", false),
            ["/Children/Edit"] = ($"/Children/Edit/{S(ownChild)}", $"/Children/Edit/{S(otherChild)}", true),
            ["/Needs/Import"] = ($"/Needs/Import?reviewId={S(ownReview)}", $"/Needs/Import?reviewId={S(otherReview)}", true),
            ["/Needs/Template"] = ($"/Needs/Template?reviewId={S(ownReview)}", $"/Needs/Template?reviewId={S(otherReview)}", true),
            ["/Needs/Export"] = ($"/Needs/Export?reviewId={S(ownReview)}", $"/Needs/Export?reviewId={S(otherReview)}", true),
        };
        // Pages with side effects on the session go last.
        var pages = PagesOfTheApp().OrderBy(p => p.Key is "/Account/EnrolTwoFactor" or "/Account/Logout").ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        Assert.All(pages, p => Assert.True(urls.ContainsKey(p.Key), $"{p.Key} is not in the matrix: add how to open it."));

        var failures = new List<string>();
        foreach (var role in Roles.All)
        {
            var client = role == Roles.Admin ? await LogInAsAdminAsync("r-admin") : await LogInWithUnitAsync($"r-{role}", role, own);
            foreach (var (page, policy) in pages)
            {
                var allowed = WhoMay[policy] is not { } roles || roles.Contains(role);
                foreach (var (url, inOwnUnit) in new[] { (urls[page].Own, true), (urls[page].Other, false) })
                {
                    var expected = !allowed ? [HttpStatusCode.Forbidden]
                        : page == "/Account/LoginWith2fa" ? [HttpStatusCode.Redirect]
                        : page == "/Account/AccessDenied" ? [HttpStatusCode.Forbidden]
                        : urls[page].Scoped && !inOwnUnit && role != Roles.Admin ? new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden }
                        : [HttpStatusCode.OK];
                    var status = (await client.GetAsync(url)).Response.StatusCode;
                    if (!expected.Contains(status)) failures.Add($"{role} {(inOwnUnit ? "own" : "other")} {url}: {(int)status}, expected {string.Join("/", expected.Select(e => (int)e))}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<StaffClient> LogInWithUnitAsync(string userName, string role, int unit)
    {
        await StaffAsync(userName, [role], unit);
        return await LogInAsync(userName);
    }
}

public class PagePolicyTestsOnSqlite() : PagePolicyTests(DatabaseProvider.Sqlite);

public class PagePolicyTestsOnPostgres() : PagePolicyTests(DatabaseProvider.Postgres);
