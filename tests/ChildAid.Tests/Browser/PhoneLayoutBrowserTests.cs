using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>
/// Commune and school staff work on phones: every BackOffice page, at 390 × 844, has no sideways scrolling and no
/// WCAG 2.1 A/AA violation. The page list comes from BackOffice's own Razor page endpoints, so a new page is covered
/// (a page whose route needs an id must get a demo record in <see cref="PageUrls"/>, or the test says so).
/// </summary>
[Collection(BrowserCollection.Name)]
public class PhoneLayoutBrowserTests(BrowserFixture site)
{
    private const int PhoneWidth = 390;

    private sealed record DemoRecords(int UnitId, int DonorId, int CampaignId, int ContributionId, int ReviewId, int LineId, int ChildId, int MediaId, int ConsentId, int ContentId, int PledgeId, string DonorToken, int SessionId, int InterventionId, string FollowerConfirmToken, string FollowerUnsubscribeToken, int ExpenseId, int StockLotId, int DistributionId, int DistributionAllocationId);

    [Theory]
    [InlineData(Roles.CommuneOfficer)]
    [InlineData(Roles.SchoolStaff)]
    [InlineData(Roles.Admin)]
    public async Task Every_page_fits_a_390_px_phone_without_sideways_scrolling_and_passes_axe(string role)
    {
        var demo = await DemoRecordsAsync();
        var userName = $"{role}{Guid.NewGuid():N}"[..24];
        var user = await site.CreateStaffAsync(userName, [role], demo.UnitId);
        // BypassCSP lets Axe inject axe-core into pages whose policy refuses inline scripts.
        var page = await site.NewPageAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN", ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 844 }, BypassCSP = true,
        });
        await LogInAsync(page, user, role == Roles.Admin);

        var problems = new List<string>();
        var urls = PageUrls(demo, user.Id, problems);
        foreach (var url in urls)
        {
            await page.GotoAsync(site.BackOfficeUrl + url);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > PhoneWidth) problems.Add($"{url} is {width} px wide on a {PhoneWidth} px phone");
            problems.AddRange((await Axe.CheckAsync(page)).Select(v => $"{url}: {v}"));
            // CHILDAID_SCREENSHOTS=1 keeps a picture of every page, to look at the phone layout by eye.
            if (Environment.GetEnvironmentVariable("CHILDAID_SCREENSHOTS") == "1")
                await BrowserFixture.ScreenshotAsync(page, $"phone-{role}{url.Replace('/', '-')}");
        }

        Assert.True(urls.Count >= 15, $"only {urls.Count} pages found: {string.Join(", ", urls)}");
        Assert.True(problems.Count == 0, $"As {role}:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public async Task On_a_phone_the_menu_folds_into_a_button_that_opens_without_JavaScript()
    {
        var demo = await DemoRecordsAsync();
        var userName = $"xa{Guid.NewGuid():N}"[..20];
        await site.CreateStaffAsync(userName, [Roles.CommuneOfficer], demo.UnitId);
        var page = await site.NewPageAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN", ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 844 }, JavaScriptEnabled = false,
        });
        await site.LogInAsync(page, userName);
        await page.GotoAsync(site.BackOfficeUrl + "/Contributions");

        var receipts = page.GetByRole(AriaRole.Link, new() { Name = "Phiếu thu", Exact = true });
        Assert.False(await receipts.IsVisibleAsync());
        await page.Locator("details.menu summary").ClickAsync();
        Assert.True(await receipts.IsVisibleAsync());
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= PhoneWidth);
        await BrowserFixture.ScreenshotAsync(page, "phone-menu-open");
        await page.GotoAsync(site.BackOfficeUrl + "/Contributions");
        await BrowserFixture.ScreenshotAsync(page, "phone-receipts");
    }

    private async Task LogInAsync(IPage page, Shared.Security.StaffUser user, bool secondFactor)
    {
        if (!secondFactor)
        {
            await site.LogInAsync(page, user.UserName!);
            return;
        }
        await site.LogInWithSecondFactorAsync(page, user);
    }

    /// <summary>
    /// Every Razor page of BackOffice, its route filled with a demo record; pages with an optional id twice (new and
    /// edit). The enrolment page goes last: opening it may end the session.
    /// </summary>
    private List<string> PageUrls(DemoRecords demo, string userId, List<string> problems)
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["/Contributions/Details"] = Id(demo.ContributionId),
            ["/Contributions/Reverse"] = Id(demo.ContributionId),
            ["/Contributions/Receipt"] = Id(demo.ContributionId),
            ["/Allocations/Propose"] = Id(demo.ContributionId),
            ["/Donors/Edit"] = Id(demo.DonorId),
            ["/Donors/EraseName"] = Id(demo.DonorId),
            ["/Campaigns/Edit"] = Id(demo.CampaignId),
            ["/Campaigns/Areas"] = Id(demo.CampaignId),
            ["/Campaigns/Followers"] = Id(demo.CampaignId),
            ["/Users/Edit"] = userId,
            ["/Needs/Review"] = Id(demo.ReviewId),
            ["/Children/Edit"] = Id(demo.ChildId),
            ["/Children/Erase"] = Id(demo.ChildId),
            ["/Media/Edit"] = Id(demo.MediaId),
            ["/Media/Delete"] = Id(demo.MediaId),
            ["/Consent/Withdraw"] = Id(demo.ConsentId),
            ["/Content/Edit"] = Id(demo.ContentId),
            ["/Content/History"] = Id(demo.ContentId),
            ["/Pledges/Cancel"] = Id(demo.PledgeId),
            ["/Pledges/RecordTransfer"] = Id(demo.PledgeId),
            ["/Pledges/RecordGoods"] = Id(demo.PledgeId),
            ["/Checkups/Child"] = Id(demo.ChildId),
            ["/Interventions/Edit"] = Id(demo.InterventionId),
            ["/Interventions/Evaluation"] = Id(demo.InterventionId),
        };
        // Pages whose route has more than one value, and pages that take their record from the query string.
        var full = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["/Needs/Line"] = [$"/Needs/Line/{Id(demo.ReviewId)}", $"/Needs/Line/{Id(demo.ReviewId)}/{Id(demo.LineId)}"],
            ["/Needs/Import"] = [$"/Needs/Import?reviewId={Id(demo.ReviewId)}"],
            ["/Content/Compare"] = [$"/Content/Compare/{Id(demo.ContentId)}?from=1&to=2"],
            ["/Pledges/Details"] = [$"/Pledges/{Id(demo.PledgeId)}"],
            ["/Expenses/Details"] = [$"/Expenses/{Id(demo.ExpenseId)}"],
            ["/Stock/Details"] = [$"/Stock/{Id(demo.StockLotId)}"],
            ["/Distributions/Details"] = [$"/Distributions/{Id(demo.DistributionId)}"],
            ["/Distributions/New"] = [$"/Distributions/New?allocation={Id(demo.DistributionAllocationId)}"],
            // The class grid, widest of the check-up pages, with the child's row filled in.
            ["/Checkups/Session"] = [$"/Checkups/Session/{Id(demo.SessionId)}?class=3A"],
            ["/DonorPortal/Index"] = [$"/nha-tai-tro/{demo.DonorToken}"],
            ["/DonorPortal/Follow"] = [Shared.CampaignUpdates.CampaignFollowers.ConfirmPath + demo.FollowerConfirmToken],
            ["/DonorPortal/Unsubscribe"] = [Shared.CampaignUpdates.CampaignFollowers.UnsubscribePath + demo.FollowerUnsubscribeToken],
            // Downloads (.xlsx), not pages: nothing to lay out.
            ["/Needs/Template"] = [],
            // A download; asks for a reason first when the lines name children (one textarea, the children's export's form).
            ["/Needs/Export"] = [],
            // An image file, not a page.
            ["/Media/File"] = [],
        };
        var pages = ((IEndpointRouteBuilder)site.BackOffice).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() as PageActionDescriptor))
            .Where(x => x.Page is not null)
            .GroupBy(x => x.Page!.ViewEnginePath)
            .Select(g => (Path: g.Key, Route: g.Select(x => x.Endpoint.RoutePattern).OrderBy(r => r.RawText!.Length).First()));
        var urls = new List<string>();
        foreach (var (path, route) in pages)
        {
            if (full.TryGetValue(path, out var given)) { urls.AddRange(given); continue; }
            var parameter = route.Parameters.SingleOrDefault();
            var bare = "/" + string.Join("/", route.RawText!.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => !s.StartsWith('{')));
            if (parameter is null) { urls.Add(bare); continue; }
            if (parameter.IsOptional) urls.Add(bare);
            if (ids.TryGetValue(path, out var id)) urls.Add($"{bare}/{id}");
            else if (!parameter.IsOptional) problems.Add($"{path} needs {{{parameter.Name}}}: give it a demo record in PageUrls");
        }
        return urls.OrderBy(u => u.Equals("/Account/EnrolTwoFactor", StringComparison.OrdinalIgnoreCase)).ThenBy(u => u, StringComparer.Ordinal).ToList();
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Records with long Vietnamese names, the kind that push a phone layout sideways, and a gift with goods.</summary>
    private async Task<DemoRecords> DemoRecordsAsync()
    {
        // The full services as the CLI has them: BackOffice's own context starts with an empty unit scope.
        await using var services = site.Database.Services();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ChildAid.Shared.Audit.AuditActor>().Name = "browser-test";
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var unit = await TestData.UnitAsync(db, "Xã Ia Đal (điện thoại)");
        var donor = await TestData.DonorAsync(db, unit.Id, "Công ty Trách nhiệm hữu hạn Thương mại và Dịch vụ Ánh Dương Tây Nguyên");
        donor.Email = "phong.hanh-chinh.nhan-su@anhduong-taynguyen.example.com.vn";
        donor.Phone = "0905 123 456";
        await db.SaveChangesAsync();
        var campaign = await TestData.CampaignAsync(db, "Áo ấm và bữa trưa có thịt cho học sinh bán trú vùng cao mùa đông");
        var input = TestData.Cash(donor.Id, unit.Id, 1_234_567_890, campaign.Id);
        input.Method = ContributionMethod.InKind;
        input.AmountVnd = null;
        input.GoodsLines = [new GoodsLineInput { Item = "Áo khoác lông vũ trẻ em cỡ 8–10 tuổi", Quantity = 1_200, Unit = "chiếc", UnitValueVnd = 185_000 }];
        var outcome = await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(input);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        var child = await TestData.ChildAsync(db, unit.Id, "Hồ Thị Thanh Hương Nguyễn Ngọc Bảo Trâm");
        var review = await TestData.NeedsReviewAsync(db, unit.Id);
        var line = new Shared.Needs.NeedLine
        {
            NeedsReviewId = review.Id, AdminUnitId = unit.Id, Target = Shared.Needs.NeedTarget.Child, ChildId = child.Id,
            Category = Shared.Needs.NeedCategory.WarmClothes, NeedItemId = 13, SizeBand = Shared.Needs.SizeBand.Age6To8, Quantity = 1,
            Unit = Shared.Needs.NeedUnit.Items, EstimatedUnitCostVnd = 180_000, PeriodStart = review.PeriodStart, PeriodEnd = review.PeriodEnd,
            Note = "Áo khoác lông vũ dày, có mũ trùm đầu, chống gió cho mùa đông vùng cao",
        };
        db.NeedLines.Add(line);
        var consent = new Shared.Consent.ConsentRecord
        {
            AdminUnitId = unit.Id, ChildId = child.Id, GuardianName = "Hồ Văn Thanh Nguyễn Ngọc Bảo Long", GuardianConsentOn = new DateOnly(2026, 11, 1),
            ChildConsentOn = new DateOnly(2026, 11, 1), Scope = Shared.Consent.ConsentScope.Website | Shared.Consent.ConsentScope.SocialMedia,
            ExpiresOn = new DateOnly(2027, 11, 1), RecordedBy = "browser-test", RecordedAt = DateTime.UtcNow,
        };
        db.ConsentRecords.Add(consent);
        var pledge = new Shared.Pledges.Pledge
        {
            Reference = Shared.Pledges.PledgeReference.New(), IntakeId = Guid.NewGuid(), DonorId = donor.Id, CampaignId = campaign.Id, AdminUnitId = unit.Id,
            AmountVnd = 1_234_567_890, CreatedAt = DateTime.UtcNow,
            InstalmentsJson = """[{"due":"2026-12-15","amountVnd":617283945},{"due":"2027-01-15","amountVnd":617283945}]""",
        };
        db.Pledges.Add(pledge);
        // The donor's private link (as a receipt mail carries it), so the donor's own page is laid out too.
        var donorToken = NewToken();
        db.Add(new Shared.Donors.DonorLink
        {
            DonorId = donor.Id, TokenHash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(donorToken)),
            CreatedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddDays(1),
        });
        // A pending follower of the long-named campaign, so the confirm and unsubscribe pages are laid out too.
        var follower = new Shared.CampaignUpdates.CampaignFollower
        {
            CampaignId = campaign.Id, Email = donor.Email, Name = donor.Name, ConfirmToken = NewToken(), UnsubscribeToken = NewToken(),
            CreatedAt = DateTime.UtcNow, ConfirmRequestedAt = DateTime.UtcNow,
        };
        db.CampaignFollowers.Add(follower);
        await db.SaveChangesAsync();
        // Through BackOffice's own services, so that the files land in the store it serves from.
        await using var backOffice = site.BackOfficeScope();
        backOffice.ServiceProvider.GetRequiredService<ChildAidDbContext>().UnitScope = null;
        backOffice.ServiceProvider.GetRequiredService<ChildAidDbContext>().OrganisationScope = null;
        var media = await backOffice.ServiceProvider.GetRequiredService<Shared.Media.MediaLibrary>().UploadAsync(
            "ao-khoac-long-vu-tre-em-co-8-10-tuoi-mua-dong-vung-cao.jpg", Media.TestImages.Jpeg(1600, 1000),
            new Shared.Media.MediaInput { Alt = "Áo khoác lông vũ trẻ em cỡ 8–10 tuổi xếp trên bàn ở điểm trường", ShowsChild = true, ConsentRecordId = consent.Id }, "browser-test");
        Assert.True(media.Succeeded, string.Join("; ", media.Errors.Values));
        var content = scope.ServiceProvider.GetRequiredService<Shared.Content.ContentService>();
        var story = (await content.CreateAsync(Shared.Content.ContentType.Story, new Shared.Content.ContentInput
        {
            Title = "Áo khoác lông vũ đã đến tay học sinh bán trú Trường Phổ thông Dân tộc Bán trú Tiểu học Ia Đal",
            Body = "## Chuyến đi\n\nĐoàn trao 1.200 áo khoác lông vũ cho học sinh bán trú.", CampaignId = campaign.Id,
        })).Value!;
        var second = await content.SaveAsync(story.Id, new Shared.Content.ContentInput
        {
            Title = story.Versions[0].Title, Slug = story.Slug, Body = "## Chuyến đi\n\nĐoàn trao 1.250 áo khoác lông vũ cho học sinh bán trú vùng cao.",
            CampaignId = campaign.Id, Version = story.Version,
        });
        Assert.True(second.Succeeded, string.Join("; ", second.Errors.Values));
        // The child in class 3A of a school with a long name, measured at a check-up session (z-scores as BackOffice computes them).
        var school = new Shared.Organisations.Organisation
        {
            Name = $"Trường Phổ thông Dân tộc Bán trú Tiểu học và THCS Ia Đal {Guid.NewGuid():N}"[..70], Type = Shared.Organisations.OrganisationType.School, AdminUnitId = unit.Id,
        };
        db.Organisations.Add(school);
        await db.SaveChangesAsync();
        var pupil = await db.Children.SingleAsync(c => c.Id == child.Id);
        (pupil.SchoolId, pupil.ClassName) = (school.Id, "3A");
        var session = new Shared.Checkups.CheckupSession
        {
            HeldOn = new DateOnly(2026, 11, 20), SiteId = school.Id, AdminUnitId = unit.Id, CreatedBy = "browser-test",
            Team = "Trạm y tế xã Ia Đal: y sĩ Nguyễn Thị Hồng Hoa, điều dưỡng Rơ Mah Thanh Tâm",
        };
        db.CheckupSessions.Add(session);
        await db.SaveChangesAsync();
        var saved = await backOffice.ServiceProvider.GetRequiredService<Shared.Checkups.CheckupService>().SaveGridAsync(session.Id,
            [new Shared.Checkups.MeasurementInput { ChildId = child.Id, WeightKg = "19,5", LengthCm = "112,4", Position = Shared.Growth.MeasuredPosition.Standing, Findings = "Sâu răng hàm dưới bên trái, cần khám nha khoa" }]);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Values));
        // An intervention at that school whose baseline is that session (no endline yet: the evaluation page says so).
        var intervention = new Shared.Interventions.Intervention
        {
            Name = "Bữa trưa bán trú cho học sinh dân tộc thiểu số năm học 2026–2027", Kind = Shared.Interventions.InterventionKind.SchoolMeals,
            StartsOn = new DateOnly(2026, 9, 1), EndsOn = new DateOnly(2027, 5, 31), BudgetVnd = 1_250_000_000, AdminUnitId = unit.Id,
            BaselineSessionId = session.Id, CreatedBy = "browser-test", Sites = [new Shared.Interventions.InterventionSite { OrganisationId = school.Id }],
        };
        db.Interventions.Add(intervention);
        await db.SaveChangesAsync();
        // An expense proposal with long names (a proposal needs no line to be shown; the database takes it as proposed).
        var expense = new Shared.Expenses.Expense
        {
            AdminUnitId = unit.Id, SupplierName = "Hợp tác xã Dịch vụ Nông nghiệp và Thương mại Tổng hợp Ia Đal Tây Nguyên", SupplierTaxCode = "5901234567-001",
            InvoiceSymbol = "1C26TAA", InvoiceNumber = "00001234", InvoiceDate = new DateOnly(2026, 11, 20), PaymentDate = new DateOnly(2026, 11, 25),
            AmountVnd = 1_234_567_890, ProposedById = "browser-test", ProposedAt = DateTime.UtcNow,
        };
        db.Expenses.Add(expense);
        await db.SaveChangesAsync();
        // A stock lot announced from a goods line with a long name (the receiving form is what the page shows).
        var goods = new Shared.Contributions.ContributionGoodsLine
        {
            ContributionId = outcome.Value!.Id, Item = "Áo khoác lông vũ chần bông chống nước cho học sinh bán trú vùng cao", Quantity = 1_200, Unit = "chiếc", UnitValueVnd = 185_000,
        };
        db.Set<Shared.Contributions.ContributionGoodsLine>().Add(goods);
        await db.SaveChangesAsync();
        var lot = new Shared.Stock.StockLot
        {
            AdminUnitId = unit.Id, ContributionId = goods.ContributionId, GoodsLineId = goods.Id, Item = goods.Item, Unit = goods.Unit,
            UnitValueVnd = goods.UnitValueVnd, ExpectedQuantity = goods.Quantity, AnnouncedById = "browser-test", AnnouncedAt = DateTime.UtcNow,
        };
        db.StockLots.Add(lot);
        await db.SaveChangesAsync();
        // A draft distribution of stocked jackets to that school, made through the services as people make one.
        var distribution = await Distributions.DistributionWorld.DraftAsync(site.BackOfficeServices, db, unit.Id, school.Id, Guid.NewGuid().ToString("N")[..8]);
        return new DemoRecords(unit.Id, donor.Id, campaign.Id, outcome.Value!.Id, review.Id, line.Id, child.Id, media.Value!.Id, consent.Id, story.Id, pledge.Id, donorToken, session.Id, intervention.Id,
            follower.ConfirmToken, follower.UnsubscribeToken, expense.Id, lot.Id,
            distribution.DistributionId, distribution.AllocationId);
    }

    private static string NewToken() => System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
