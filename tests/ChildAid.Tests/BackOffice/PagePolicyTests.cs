using System.Net;
using ChildAid.BackOffice.Security;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static System.Globalization.CultureInfo;

namespace ChildAid.Tests.BackOffice;

/// <summary>
/// Deny by default, and the role × unit × page matrix. The pages come from the running application's endpoints, so a
/// new page is in these tests the moment it exists: it fails until it has a policy and a place in the matrix.
/// </summary>
public abstract partial class PagePolicyTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    /// <summary>The policy table as people decided it: which roles each policy lets in (null: everyone, even anonymous).</summary>
    private static readonly Dictionary<string, string[]?> WhoMay = new()
    {
        [PagePolicies.Anonymous] = null,
        [Policies.Staff] = [.. Roles.All],
        [Policies.ManageDonors] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer, Roles.Accountant],
        [Policies.ViewReceipts] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer, Roles.Accountant, Roles.Inspector],
        [Policies.RecordReceipts] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer, Roles.Accountant],
        [Policies.ProposeAllocations] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer],
        [Policies.ViewDistributions] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer, Roles.SchoolStaff, Roles.Accountant, Roles.Inspector],
        [Policies.DispatchGoods] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer],
        [Policies.ManageCampaigns] = [Roles.Admin, Roles.ProgrammeOfficer],
        [Policies.ManageUsers] = [Roles.Admin],
        [Policies.ViewAudit] = [Roles.Admin, Roles.Inspector],
        [Policies.ManageMailOutbox] = [Roles.Admin, Roles.Accountant],
        [Policies.ViewNeeds] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer, Roles.Accountant, Roles.Inspector],
        [Policies.EditNeeds] = [Roles.ProgrammeOfficer, Roles.CommuneOfficer],
        [Policies.ManageCriteria] = [Roles.Admin],
        [Policies.DeclareSupport] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer],
        [Policies.ManageChildren] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer],
        [Policies.KeepChildRecords] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer, Roles.HealthWorker, Roles.SchoolStaff],
        [Policies.EraseDonorNames] = [Roles.Admin],
        [Policies.EraseChildren] = [Roles.Admin],
        [Policies.UseMediaLibrary] = [Roles.Admin, Roles.MediaEditor, Roles.MediaWriter],
        [Policies.ManageMediaLibrary] = [Roles.Admin, Roles.MediaEditor],
        [Policies.ManageConsent] = [Roles.Admin, Roles.MediaEditor, Roles.ProgrammeOfficer, Roles.CommuneOfficer],
        [Policies.WriteContent] = [Roles.Admin, Roles.MediaEditor, Roles.MediaWriter, Roles.ProgrammeOfficer],
        [Policies.PublishContent] = [Roles.Admin, Roles.MediaEditor],
        [Policies.ReconcileBankStatements] = [Roles.Admin, Roles.Accountant],
        [Policies.RecordCheckups] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer, Roles.HealthWorker],
        [Policies.RecordMeals] = [Roles.Admin, Roles.ProgrammeOfficer, Roles.CommuneOfficer, Roles.HealthWorker, Roles.SchoolStaff],
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
        var (urls, _, own) = await MatrixAsync();
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

    /// <summary>Every POST handler of every page, from the application's compiled pages (e.g. "/Contributions/Reversals" → Approve, Reject).</summary>
    private async Task<Dictionary<string, List<string?>>> PostHandlersAsync()
    {
        var loader = App.Services.GetRequiredService<Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.PageLoader>();
        var handlers = new Dictionary<string, List<string?>>();
        foreach (var endpoint in App.Services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            var posts = compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)).Select(h => h.Name).Distinct().ToList();
            if (posts.Count > 0) handlers[page.ViewEnginePath] = posts;
        }
        return handlers;
    }

    /// <summary>What any refused post could have changed: records, the ledger, and every audited change but sign-ins.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = Db.NewContext();
        return string.Join(",",
            await db.Donors.CountAsync(), await db.Contributions.CountAsync(), await db.ContributionReversals.CountAsync(),
            await db.ReversalRequests.CountAsync(r => r.Status == Shared.Contributions.ReversalRequestStatus.Pending),
            await db.LedgerEntries.CountAsync(), await db.LedgerEntries.CountAsync(e => e.DonorDisplay == null), await db.Campaigns.CountAsync(), await db.MealDays.CountAsync(),
            await db.Users.CountAsync(), await db.AuditEntries.CountAsync(a => a.EntityType != Shared.Audit.SignInEvents.EntityType),
            string.Join("|", await db.Users.OrderBy(u => u.Id).Select(u => u.SecurityStamp + u.FullName + u.LockoutEnd).ToListAsync()),
            string.Join("|", await db.Donors.OrderBy(d => d.Id).Select(d => d.Name + d.DisplayChoice).ToListAsync()),
            string.Join("|", await db.Pledges.OrderBy(p => p.Id).Select(p => p.Status).ToListAsync()));
    }

    [Fact]
    public async Task A_role_the_policy_table_refuses_cannot_post_to_any_handler_of_any_page_and_nothing_changes()
    {
        var (urls, fields, own) = await MatrixAsync();
        var handlers = await PostHandlersAsync();
        var policies = PagesOfTheApp();
        Assert.Contains("Approve", handlers["/Contributions/Reversals"]);
        Assert.All(handlers.Keys, p => Assert.True(urls.ContainsKey(p), $"{p} is not in the matrix: add how to open it."));

        // Everyone signs in first (sign-ins change stamps and counters), then nothing may change.
        var clients = new List<(string Who, StaffClient Client, string Token)>();
        var anonymous = App.NewClient();
        clients.Add(("anonymous", anonymous, StaffClient.Token(await anonymous.GetPageAsync("/Account/Login"))));
        foreach (var role in Roles.All.Where(r => r != Roles.Admin))
        {
            var client = await LogInWithUnitAsync($"p-{role}", role, own);
            clients.Add((role, client, StaffClient.Token(await client.GetPageAsync("/Account/ChangePassword"))));
        }
        var before = await FingerprintAsync();

        var failures = new List<string>();
        var posts = 0;
        foreach (var (who, client, token) in clients)
        {
            foreach (var (page, names) in handlers.OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                var allowed = WhoMay[policies[page]] is not { } roles || (who != "anonymous" && roles.Contains(who));
                if (allowed) continue;
                foreach (var name in names)
                {
                    var url = urls[page].Own + (name is null ? "" : (urls[page].Own.Contains('?') ? "&" : "?") + "handler=" + name);
                    var form = fields.ByPage.TryGetValue(page, out var f) ? f.Own : [];
                    var response = await client.PostWithTokenAsync(url, token, form);
                    posts++;
                    var refused = who == "anonymous"
                        ? response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal)
                        : response.StatusCode == HttpStatusCode.Forbidden;
                    if (!refused) failures.Add($"{who} POST {url}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.True(posts >= 40, $"only {posts} refused posts tried");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task A_role_allowed_on_a_page_cannot_post_to_another_units_record_and_nothing_changes()
    {
        var (urls, fields, own) = await MatrixAsync();
        var handlers = await PostHandlersAsync();
        var policies = PagePolicies.Table;
        var clients = new List<(string Role, StaffClient Client, string Token)>();
        foreach (var role in Roles.All.Where(r => r != Roles.Admin))
        {
            var client = await LogInWithUnitAsync($"u-{role}", role, own);
            clients.Add((role, client, StaffClient.Token(await client.GetPageAsync("/Account/ChangePassword"))));
        }
        var before = await FingerprintAsync();

        var failures = new List<string>();
        var posts = 0;
        foreach (var (role, client, token) in clients)
        {
            foreach (var (page, names) in handlers.Where(h => urls[h.Key].Scoped || fields.ByPage.ContainsKey(h.Key)))
            {
                if (WhoMay[policies[page]] is { } roles && !roles.Contains(role)) continue;
                if (urls[page].Own == urls[page].Other && fields.ByPage.TryGetValue(page, out var same) && same.Own.SequenceEqual(same.Other)) continue;
                foreach (var name in names)
                {
                    var url = urls[page].Other + (name is null ? "" : "?handler=" + name);
                    var response = await client.PostWithTokenAsync(url, token, fields.ByPage.TryGetValue(page, out var f) ? f.Other : []);
                    posts++;
                    // Refused (403), not found in the user's units (404), or sent back with a message; never a processed form.
                    if (response.StatusCode == HttpStatusCode.OK) failures.Add($"{role} POST {url} (other unit): 200");
                }
            }
        }

        Assert.True(posts >= 10, $"only {posts} posts to other units tried");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await FingerprintAsync());
    }

    private const string FollowerConfirmToken = "confirm-token-of-the-page-matrix-0123456789";
    private const string FollowerUnsubscribeToken = "unsubscribe-token-of-the-page-matrix-012345";

    /// <summary>Requests a POST handler needs to find its record (own unit, other unit), by page.</summary>
    private sealed record PostFields(Dictionary<string, (Dictionary<string, string> Own, Dictionary<string, string> Other)> ByPage);

    /// <summary>A unit of one's own and another, each with a donor, a gift and a pending reversal request; how to open each page in both.</summary>
    private async Task<(Dictionary<string, (string Own, string Other, bool Scoped)> Urls, PostFields Fields, int OwnUnit)> MatrixAsync()
    {
        string donorPage;
        int story, own, other, ownDonor, otherDonor, ownGift, otherGift, campaign, ownRequest, otherRequest, ownReview, otherReview, ownChild, otherChild;
        await using (var db = Db.NewContext())
        {
            own = (await TestData.UnitAsync(db, "Xã Ia Đal", "23535")).Id;
            other = (await TestData.UnitAsync(db, "Xã Ia Tơi", "23538")).Id;
            ownDonor = (await TestData.DonorAsync(db, own, "Trần Thị Bình")).Id;
            otherDonor = (await TestData.DonorAsync(db, other, "Lê Văn Cường")).Id;
            campaign = (await TestData.CampaignAsync(db)).Id;
            db.CampaignFollowers.Add(new Shared.CampaignUpdates.CampaignFollower
            {
                CampaignId = campaign, Email = "theo-doi@example.org", ConfirmToken = FollowerConfirmToken, UnsubscribeToken = FollowerUnsubscribeToken,
                CreatedAt = DateTime.UtcNow, ConfirmRequestedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            ownReview = (await TestData.NeedsReviewAsync(db, own)).Id;
            otherReview = (await TestData.NeedsReviewAsync(db, other)).Id;
            ownChild = (await TestData.ChildAsync(db, own, "Rơ Châm H'Nhi")).Id;
            otherChild = (await TestData.ChildAsync(db, other, "A Dũng")).Id;
            var item = new Shared.Content.ContentItem
            {
                Type = Shared.Content.ContentType.Story, Slug = "ao-am", Path = "/tin-tuc/ao-am", LatestVersion = 1, CreatedBy = "cli",
                Versions = [new Shared.Content.ContentVersion { Number = 1, Title = "Áo ấm", Slug = "ao-am", CreatedBy = "cli" }],
            };
            db.ContentItems.Add(item);
            await db.SaveChangesAsync();
            story = item.Id;
        }
        await using (var sp = Db.Services())
        await using (var scope = Scope(sp, "cli"))
        {
            var service = scope.ServiceProvider.GetRequiredService<Shared.Contributions.ContributionService>();
            ownGift = (await service.RecordAsync(TestData.Cash(ownDonor, own, 100_000))).Value!.Id;
            otherGift = (await service.RecordAsync(TestData.Cash(otherDonor, other, 200_000))).Value!.Id;
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var requests = new[] { ownGift, otherGift }.Select(gift => new Shared.Contributions.ReversalRequest
            {
                ContributionId = gift, Reason = "Nhập sai số tiền", RequestedById = "cli", RequestedAt = DateTime.UtcNow,
            }).ToList();
            db.ReversalRequests.AddRange(requests);
            await db.SaveChangesAsync();
            (ownRequest, otherRequest) = (requests[0].Id, requests[1].Id);
            donorPage = new Uri(scope.ServiceProvider.GetRequiredService<Shared.Donors.DonorLinks>().Issue(ownDonor)).AbsolutePath;
            await db.SaveChangesAsync();
        }
        int ownPledge, otherPledge;
        await using (var db = Db.NewContext())
        {
            var pledges = new[] { (ownDonor, own, "CA2222222"), (otherDonor, other, "CA3333333") }.Select(x => new Shared.Pledges.Pledge
            {
                Reference = x.Item3, IntakeId = Guid.NewGuid(), DonorId = x.Item1, AdminUnitId = x.Item2, CampaignId = campaign, AmountVnd = 500_000, CreatedAt = DateTime.UtcNow,
            }).ToList();
            db.Pledges.AddRange(pledges);
            await db.SaveChangesAsync();
            (ownPledge, otherPledge) = (pledges[0].Id, pledges[1].Id);
        }
        int ownExpense, otherExpense;
        await using (var db = Db.NewContext())
        {
            // An expense proposal in each unit (a proposal needs no line to be shown; the database takes it as proposed).
            var expenses = new[] { own, other }.Select(unit => new Shared.Expenses.Expense
            {
                AdminUnitId = unit, SupplierName = "HTX Ia Đal", SupplierTaxCode = "5901234567", InvoiceSymbol = "1C26TAA", InvoiceNumber = "1",
                InvoiceDate = new DateOnly(2026, 11, 20), PaymentDate = new DateOnly(2026, 11, 20), AmountVnd = 100_000, ProposedById = "cli", ProposedAt = DateTime.UtcNow,
            }).ToList();
            db.Expenses.AddRange(expenses);
            await db.SaveChangesAsync();
            (ownExpense, otherExpense) = (expenses[0].Id, expenses[1].Id);
        }
        int ownLot, otherLot;
        await using (var db = Db.NewContext())
        {
            // A stock lot announced in each unit, from a goods line of each unit's receipt.
            var lines = new[] { ownGift, otherGift }.Select(gift => new Shared.Contributions.ContributionGoodsLine
            {
                ContributionId = gift, Item = "Áo ấm trẻ em", Quantity = 10, Unit = "chiếc", UnitValueVnd = 10_000,
            }).ToList();
            db.Set<Shared.Contributions.ContributionGoodsLine>().AddRange(lines);
            await db.SaveChangesAsync();
            var lots = new[] { (lines[0], own), (lines[1], other) }.Select(x => new Shared.Stock.StockLot
            {
                AdminUnitId = x.Item2, ContributionId = x.Item1.ContributionId, GoodsLineId = x.Item1.Id, Item = x.Item1.Item, Unit = x.Item1.Unit,
                UnitValueVnd = x.Item1.UnitValueVnd, ExpectedQuantity = 10, AnnouncedById = "cli", AnnouncedAt = DateTime.UtcNow,
            }).ToList();
            db.StockLots.AddRange(lots);
            await db.SaveChangesAsync();
            (ownLot, otherLot) = (lots[0].Id, lots[1].Id);
        }
        var someUser = (await StaffAsync("nguoi-khac", [Roles.MediaWriter], own)).Id;
        var (media, mediaKey, ownConsent, otherConsent) = await MediaAndConsentsAsync(ownChild, otherChild, own, other);
        string S(int id) => id.ToString(InvariantCulture);
        var (ownAccount, otherAccount, ownLine, otherLine) = await BankStatements.BankTestData.AccountsAndLinesAsync(Db, own, other);
        var (ownSession, otherSession, ownPupil, otherPupil) = await CheckupsAsync(own, other);
        // A draft distribution in each unit, to each unit's school (the matrix's school staff work at the own one).
        Distributions.DistributionWorld.Draft ownDistribution, otherDistribution;
        await using (var sp = Db.Services())
        await using (var db = Db.NewContext())
        {
            ownDistribution = await Distributions.DistributionWorld.DraftAsync(sp, db, own, _ownSchool, "own");
            otherDistribution = await Distributions.DistributionWorld.DraftAsync(sp, db, other, _otherSchool, "other");
        }
        string L(long id) => id.ToString(InvariantCulture);

        // How to open each page in the own unit and in the other; a new page fails here until it is added.
        var urls = new Dictionary<string, (string Own, string Other, bool Scoped)>
        {
            ["/Account/Login"] = ("/Account/Login", "/Account/Login", false),
            ["/Account/LoginWith2fa"] = ("/Account/LoginWith2fa", "/Account/LoginWith2fa", false),
            ["/Account/AccessDenied"] = ("/Account/AccessDenied", "/Account/AccessDenied", false),
            ["/StatusCode"] = ("/StatusCode?code=404", "/StatusCode?code=404", false),
            // Anyone holding the donor's private link, signed in or not; the token, not the unit, decides.
            ["/DonorPortal/Index"] = (donorPage, donorPage, false),
            ["/DonorPortal/Follow"] = ("/theo-doi/" + FollowerConfirmToken, "/theo-doi/" + FollowerConfirmToken, false),
            ["/DonorPortal/Unsubscribe"] = ("/huy-nhan-tin/" + FollowerUnsubscribeToken, "/huy-nhan-tin/" + FollowerUnsubscribeToken, false),
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
            ["/Allocations/Index"] = ("/Allocations", "/Allocations", false),
            ["/Programme/Index"] = ("/Programme", "/Programme", false),
            ["/Allocations/Propose"] = ($"/Allocations/Propose/{S(ownGift)}", $"/Allocations/Propose/{S(otherGift)}", true),
            ["/Allocations/Suggest"] = ("/Allocations/Suggest", "/Allocations/Suggest", false),
            ["/Expenses/Index"] = ("/Expenses", "/Expenses", false),
            ["/Expenses/New"] = ("/Expenses/New", "/Expenses/New", false),
            ["/Expenses/Details"] = ($"/Expenses/{S(ownExpense)}", $"/Expenses/{S(otherExpense)}", true),
            ["/Stock/Index"] = ("/Stock", "/Stock", false),
            ["/Stock/Details"] = ($"/Stock/{S(ownLot)}", $"/Stock/{S(otherLot)}", true),
            ["/Stock/Count"] = ("/Stock/Count", "/Stock/Count", false),
            ["/Distributions/Index"] = ("/Distributions", "/Distributions", false),
            ["/Distributions/New"] = ($"/Distributions/New?allocation={S(ownDistribution.AllocationId)}", $"/Distributions/New?allocation={S(otherDistribution.AllocationId)}", true),
            ["/Distributions/Details"] = ($"/Distributions/{S(ownDistribution.DistributionId)}", $"/Distributions/{S(otherDistribution.DistributionId)}", true),
            ["/Distributions/Services"] = ("/Distributions/Services", "/Distributions/Services", false),
            ["/Campaigns/Index"] = ("/Campaigns", "/Campaigns", false),
            ["/Campaigns/Edit"] = ($"/Campaigns/Edit/{S(campaign)}", $"/Campaigns/Edit/{S(campaign)}", false),
            ["/Campaigns/Followers"] = ($"/Campaigns/Followers/{S(campaign)}", $"/Campaigns/Followers/{S(campaign)}", false),
            ["/Campaigns/Areas"] = ($"/Campaigns/Areas/{S(campaign)}", $"/Campaigns/Areas/{S(campaign)}", false),
            ["/Users/Index"] = ("/Users", "/Users", false),
            ["/Users/Edit"] = ($"/Users/Edit/{someUser}", $"/Users/Edit/{someUser}", false),
            ["/Audit/Index"] = ("/Audit", "/Audit", false),
            ["/Mail/Index"] = ("/Mail", "/Mail", false),
            ["/Pledges/Index"] = ("/Pledges", "/Pledges", false),
            ["/Pledges/Details"] = ($"/Pledges/{S(ownPledge)}", $"/Pledges/{S(otherPledge)}", true),
            ["/Pledges/Cancel"] = ($"/Pledges/Cancel/{S(ownPledge)}", $"/Pledges/Cancel/{S(otherPledge)}", true),
            ["/Pledges/RecordTransfer"] = ($"/Pledges/RecordTransfer/{S(ownPledge)}", $"/Pledges/RecordTransfer/{S(otherPledge)}", true),
            ["/Pledges/RecordGoods"] = ($"/Pledges/RecordGoods/{S(ownPledge)}", $"/Pledges/RecordGoods/{S(otherPledge)}", true),
            ["/Needs/Index"] = ("/Needs", "/Needs", false),
            ["/Needs/Review"] = ($"/Needs/Review/{S(ownReview)}", $"/Needs/Review/{S(otherReview)}", true),
            ["/Needs/Line"] = ($"/Needs/Line/{S(ownReview)}", $"/Needs/Line/{S(otherReview)}", true),
            ["/Needs/Criteria"] = ("/Needs/Criteria", "/Needs/Criteria", false),
            ["/Needs/DeclaredSupport"] = ("/Needs/DeclaredSupport", "/Needs/DeclaredSupport", false),
            ["/Children/Index"] = ("/Children", "/Children", false),
            ["/Children/Edit"] = ($"/Children/Edit/{S(ownPupil)}", $"/Children/Edit/{S(otherPupil)}", true), // a pupil of the own school and station: every role that keeps child records sees it
            ["/Children/Duplicates"] = ("/Children/Duplicates", "/Children/Duplicates", false),
            ["/Children/Export"] = ("/Children/Export", "/Children/Export", false),
            ["/Children/Import"] = ("/Children/Import", "/Children/Import", false),
            ["/Children/Erase"] = ($"/Children/Erase/{S(ownChild)}", $"/Children/Erase/{S(otherChild)}", true),
            ["/Needs/Import"] = ($"/Needs/Import?reviewId={S(ownReview)}", $"/Needs/Import?reviewId={S(otherReview)}", true),
            ["/Needs/Template"] = ($"/Needs/Template?reviewId={S(ownReview)}", $"/Needs/Template?reviewId={S(otherReview)}", true),
            ["/Needs/Export"] = ($"/Needs/Export?reviewId={S(ownReview)}", $"/Needs/Export?reviewId={S(otherReview)}", true),
            ["/Media/Index"] = ("/Media", "/Media", false),
            ["/Media/Upload"] = ("/Media/Upload", "/Media/Upload", false),
            ["/Media/Edit"] = ($"/Media/Edit/{S(media)}", $"/Media/Edit/{S(media)}", false),
            ["/Media/Delete"] = ($"/Media/Delete/{S(media)}", $"/Media/Delete/{S(media)}", false),
            ["/Media/Folders"] = ("/Media/Folders", "/Media/Folders", false),
            ["/Media/File"] = ($"/Media/File/{mediaKey}/w480.webp", $"/Media/File/{mediaKey}/w480.webp", false),
            ["/Consent/Index"] = ("/Consent", "/Consent", false),
            ["/Consent/Record"] = ("/Consent/Record", "/Consent/Record", false),
            ["/Consent/Withdraw"] = ($"/Consent/Withdraw/{S(ownConsent)}", $"/Consent/Withdraw/{S(otherConsent)}", true),
            ["/Content/Index"] = ("/Content", "/Content", false),
            ["/Content/Edit"] = ($"/Content/Edit/{S(story)}", $"/Content/Edit/{S(story)}", false),
            ["/Content/History"] = ($"/Content/History/{S(story)}", $"/Content/History/{S(story)}", false),
            ["/Content/Compare"] = ($"/Content/Compare/{S(story)}?from=1&to=1", $"/Content/Compare/{S(story)}?from=1&to=1", false),
            ["/Content/Schedule"] = ("/Content/Schedule", "/Content/Schedule", false),
            ["/Content/Redirects"] = ("/Content/Redirects", "/Content/Redirects", false),
            ["/BankStatements/Index"] = ("/BankStatements", "/BankStatements", false),
            ["/BankStatements/Account"] = ($"/BankStatements/Account/{S(ownAccount)}", $"/BankStatements/Account/{S(otherAccount)}", true),
            ["/BankStatements/Import"] = ($"/BankStatements/Import?accountId={S(ownAccount)}", $"/BankStatements/Import?accountId={S(otherAccount)}", true),
            ["/BankStatements/Queue"] = ("/BankStatements/Queue", "/BankStatements/Queue", false),
            // Card gifts are booked to the organisation's one receiving unit (Stripe:ReceivingUnitCode): the page is not unit-scoped.
            ["/Payments/Card"] = ("/Payments/Card", "/Payments/Card", false),
            ["/Checkups/Index"] = ("/Checkups", "/Checkups", false),
            ["/Checkups/Session"] = ($"/Checkups/Session/{S(ownSession)}?class=3A", $"/Checkups/Session/{S(otherSession)}?class=3A", true),
            ["/Checkups/Child"] = ($"/Checkups/Child/{S(ownPupil)}", $"/Checkups/Child/{S(otherPupil)}", true),
            ["/Interventions/Index"] = ("/Interventions", "/Interventions", false),
            ["/Interventions/Edit"] = ($"/Interventions/Edit/{S(_ownIntervention)}", $"/Interventions/Edit/{S(_otherIntervention)}", true),
            ["/Interventions/Evaluation"] = ($"/Interventions/Evaluation/{S(_ownIntervention)}", $"/Interventions/Evaluation/{S(_otherIntervention)}", true),
            ["/Interventions/Meals"] = ($"/Interventions/Meals/{S(_ownIntervention)}?school={S(_ownSchool)}", $"/Interventions/Meals/{S(_otherIntervention)}?school={S(_otherSchool)}", true),
        };
        Dictionary<string, string> F(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);
        var fields = new PostFields(new()
        {
            ["/Contributions/Reversals"] = (F(("requestId", S(ownRequest))), F(("requestId", S(otherRequest)))),
            ["/Users/Index"] = (F(("id", someUser)), F(("id", someUser))),
            ["/Donors/Edit"] = (F(("Input.Name", "Đổi tên"), ("Input.AdminUnitId", S(own))), F(("Input.Name", "Đổi tên"), ("Input.AdminUnitId", S(other)))),
            ["/Donors/EraseName"] = (F(("Input.Reason", "thử"), ("Input.Confirmed", "true")), F(("Input.Reason", "thử"), ("Input.Confirmed", "true"))),
            ["/Contributions/Reverse"] = (F(("Input.Reason", "thử")), F(("Input.Reason", "thử"))),
            ["/Users/Edit"] = (F(("Input.FullName", "Đổi tên")), F(("Input.FullName", "Đổi tên"))),
            ["/Campaigns/Edit"] = (F(("Input.Title", "Đổi tên")), F(("Input.Title", "Đổi tên"))),
            ["/Campaigns/Areas"] = (F(("Input.AdminUnitId", S(own))), F(("Input.AdminUnitId", S(other)))),
            ["/Pledges/RecordTransfer"] = (F(("Input.AmountVnd", "100.000"), ("Input.ReceivedOn", "20/11/2026")), F(("Input.AmountVnd", "100.000"), ("Input.ReceivedOn", "20/11/2026"))),
            ["/Pledges/RecordGoods"] = (F(("Input.Lines[0].Quantity", "10"), ("Input.ReceivedOn", "20/11/2026")), F(("Input.Lines[0].Quantity", "10"), ("Input.ReceivedOn", "20/11/2026"))),
            ["/BankStatements/Queue"] = (F(("LineId", L(ownLine)), ("NewDonorName", "Thử")), F(("LineId", L(otherLine)), ("NewDonorName", "Thử"))),
            ["/BankStatements/Account"] = (F(("Input.BankName", "Đổi tên")), F(("Input.BankName", "Đổi tên"))),
            ["/Interventions/Edit"] = (F(("Input.Name", "Đổi tên")), F(("Input.Name", "Đổi tên"))),
            ["/Interventions/Meals"] = (F(("Rows[0].Day", "02/11/2026"), ("Rows[0].Meals", "10"), ("Rows[0].CostPerMealVnd", "15.000")),
                F(("Rows[0].Day", "02/11/2026"), ("Rows[0].Meals", "10"), ("Rows[0].CostPerMealVnd", "15.000"))),
            ["/Checkups/Session"] = (F(("Rows[0].ChildId", S(ownPupil)), ("Rows[0].WeightKg", "20")), F(("Rows[0].ChildId", S(otherPupil)), ("Rows[0].WeightKg", "20"), ("row.ChildId", S(otherPupil)), ("row.WeightKg", "20"))),
        });
        return (urls, fields, own);
    }

    /// <summary>An image in the library (files in the application's store) and a consent for a child of each unit.</summary>
    private async Task<(int Media, string Key, int OwnConsent, int OtherConsent)> MediaAndConsentsAsync(int ownChild, int otherChild, int own, int other)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var upload = await scope.ServiceProvider.GetRequiredService<Shared.Media.MediaLibrary>()
            .UploadAsync("ao-am.jpg", Media.TestImages.Jpeg(800, 600), new Shared.Media.MediaInput { Alt = "Áo ấm" }, "cli");
        Assert.True(upload.Succeeded, string.Join("; ", upload.Errors.Values));
        await using var db = Db.NewContext();
        Shared.Consent.ConsentRecord Consent(int child, int unit) => new()
        {
            AdminUnitId = unit, ChildId = child, GuardianName = "Người giám hộ", GuardianConsentOn = new DateOnly(2026, 11, 1),
            Scope = Shared.Consent.ConsentScope.Website, ExpiresOn = new DateOnly(2027, 11, 1), RecordedBy = "cli", RecordedAt = DateTime.UtcNow,
        };
        var (mine, theirs) = (Consent(ownChild, own), Consent(otherChild, other));
        db.ConsentRecords.AddRange(mine, theirs);
        await db.SaveChangesAsync();
        return (upload.Value!.Id, upload.Value.FileKey, mine.Id, theirs.Id);
    }

    /// <summary>The own unit's health station: a health worker of the matrix works there (their organisation).</summary>
    private int? _ownStation;
    private int _ownIntervention, _otherIntervention, _ownSchool, _otherSchool;

    /// <summary>A school and a health station in each unit, a pupil of class 3A looked after by each station, a check-up session at each school.</summary>
    private async Task<(int OwnSession, int OtherSession, int OwnPupil, int OtherPupil)> CheckupsAsync(int own, int other)
    {
        await using var db = Db.NewContext();
        var ids = new List<int>();
        foreach (var (unit, tag) in new[] { (own, "Ia Đal"), (other, "Ia Tơi") })
        {
            var school = new Shared.Organisations.Organisation { Name = $"Trường TH {tag}", Type = Shared.Organisations.OrganisationType.School, AdminUnitId = unit };
            var station = new Shared.Organisations.Organisation { Name = $"Trạm y tế {tag}", Type = Shared.Organisations.OrganisationType.HealthCentre, AdminUnitId = unit };
            db.Organisations.AddRange(school, station);
            await db.SaveChangesAsync();
            var pupil = new Shared.Children.Child
            {
                FullName = $"Học sinh {tag}", SearchText = "hoc sinh", DateOfBirth = new DateOnly(2018, 5, 10), Sex = Shared.Children.Sex.Male,
                AdminUnitId = unit, SchoolId = school.Id, ClassName = "3A", HealthStationId = station.Id,
            };
            var session = new Shared.Checkups.CheckupSession
            {
                HeldOn = new DateOnly(2026, 11, 20), SiteId = school.Id, HealthStationId = station.Id, AdminUnitId = unit, Team = "Y sĩ Hoa", CreatedBy = "cli",
            };
            db.Children.Add(pupil);
            db.CheckupSessions.Add(session);
            await db.SaveChangesAsync();
            if (unit == own) (_ownStation, _ownSchool) = (station.Id, school.Id); else _otherSchool = school.Id;
            ids.AddRange([session.Id, pupil.Id]);
            var intervention = new Shared.Interventions.Intervention
            {
                Name = $"Bữa trưa {tag}", Kind = Shared.Interventions.InterventionKind.SchoolMeals, StartsOn = new DateOnly(2026, 9, 1), EndsOn = new DateOnly(2027, 5, 31),
                BudgetVnd = 50_000_000, AdminUnitId = unit, HealthStationId = station.Id, BaselineSessionId = session.Id, CreatedBy = "cli",
                Sites = [new Shared.Interventions.InterventionSite { OrganisationId = school.Id }],
            };
            db.Interventions.Add(intervention);
            await db.SaveChangesAsync();
            if (unit == own) _ownIntervention = intervention.Id; else _otherIntervention = intervention.Id;
        }
        return (ids[0], ids[2], ids[1], ids[3]);
    }

    private async Task<StaffClient> LogInWithUnitAsync(string userName, string role, int unit)
    {
        var user = await StaffAsync(userName, [role], unit);
        if (role == Roles.HealthWorker && _ownStation is { } station)
        {
            await using var db = Db.NewContext();
            (await db.Users.SingleAsync(u => u.Id == user.Id)).OrganisationId = station;
            await db.SaveChangesAsync();
        }
        // School staff work at the own unit's school (the meals page is theirs).
        if (role == Roles.SchoolStaff && _ownSchool != 0)
        {
            await using var db = Db.NewContext();
            (await db.Users.SingleAsync(u => u.Id == user.Id)).OrganisationId = _ownSchool;
            await db.SaveChangesAsync();
        }
        return await LogInAsync(userName);
    }
}

public class PagePolicyTestsOnSqlite() : PagePolicyTests(DatabaseProvider.Sqlite);

public class PagePolicyTestsOnPostgres() : PagePolicyTests(DatabaseProvider.Postgres);
