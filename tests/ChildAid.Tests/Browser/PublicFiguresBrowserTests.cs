using ChildAid.Shared.Balances;
using ChildAid.Shared.Data;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.PublicNutrition;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>
/// The public figure pages — balances with the nightly runs (/so-du) and children's nutrition (/dinh-duong) — on a
/// 390 px phone and a desktop: no sideways scrolling, no WCAG 2.1 A/AA violation of any impact, with a programme's
/// published and suppressed rows and a nightly run that found a violation (the longest cells these pages have).
/// </summary>
[Collection(BrowserCollection.Name)]
public class PublicFiguresBrowserTests(BrowserFixture site)
{
    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Balances_and_nutrition_pages_fit_the_screen_and_pass_axe(int width)
    {
        await SeedFiguresAsync();
        var page = await site.NewPageAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN", ViewportSize = new ViewportSize { Width = width, Height = 900 }, BypassCSP = true,
        });
        foreach (var path in new[] { "/so-du", "/dinh-duong" })
        {
            await page.GotoAsync(site.PublicUrl + path);
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{path} is {scrollWidth} px wide at {width} px");
            var violations = await Axe.CheckAsync(page);
            Assert.True(violations.Count == 0, $"{path} at {width} px:\n  " + string.Join("\n  ", violations));
            if (Environment.GetEnvironmentVariable("CHILDAID_SCREENSHOTS") == "1")
                await BrowserFixture.ScreenshotAsync(page, $"figures-{width}{path.Replace('/', '-')}");
        }
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains(Programme, main);
        Assert.Contains("< 10", main);
        await page.GotoAsync(site.PublicUrl + "/so-du");
        Assert.True(await page.Locator("#kiem-tra-hang-dem").IsVisibleAsync());
        Assert.Contains("[allocation-over-spent]", await page.Locator("main").InnerTextAsync());
    }

    [Fact]
    public async Task On_a_phone_a_statement_lines_tag_and_text_sit_in_the_value_column_beside_their_label()
    {
        // A gift and its reversal: the reversal's line carries the red "Hủy" tag before its text.
        int contributionId;
        // The full services as the CLI has them (no unit scope).
        await using (var services = site.Database.Services())
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ChildAid.Shared.Audit.AuditActor>().Name = "browser-test";
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var unit = await TestData.UnitAsync(db, "Xã Ia Tơi (sao kê)");
            var donor = await TestData.DonorAsync(db, unit.Id, "Nguyễn Thị Thu Hà");
            var service = scope.ServiceProvider.GetRequiredService<ChildAid.Shared.Contributions.ContributionService>();
            var gift = await service.RecordAsync(TestData.Cash(donor.Id, unit.Id, 350_000));
            Assert.True(gift.Succeeded, string.Join("; ", gift.Errors.Values));
            contributionId = gift.Value!.Id;
            var reversal = await service.ReverseAsync(contributionId, "Ghi nhầm số tiền");
            Assert.True(reversal.Succeeded, string.Join("; ", reversal.Errors.Values));
        }
        var page = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 900 } });
        await page.GotoAsync(site.PublicUrl + "/sao-ke?kind=Reversal");

        // Each cell is a grid "label | value"; every piece of the text (the label is a ::before, outside the range) must
        // start right of the label column, none fall under it on a row of its own.
        var cell = page.Locator("tr.reversal td[data-label='Nội dung']").First;
        Assert.Contains("Hủy", await cell.InnerTextAsync());
        var offsets = await cell.EvaluateAsync<double[]>("""
            td => {
              const range = document.createRange();
              range.selectNodeContents(td);
              const left = td.getBoundingClientRect().left;
              return [...range.getClientRects()].filter(r => r.width > 0).map(r => r.left - left);
            }
            """);
        Assert.NotEmpty(offsets);
        Assert.True(offsets.Min() >= 100, $"text starts {offsets.Min():0} px from the cell's left edge, under the label");
    }

    private const string Programme = "Bữa trưa bán trú có thịt cho học sinh lớp 3A và 4A Trường TH-THCS Ia Tơi (bố cục)";

    private async Task SeedFiguresAsync()
    {
        await using var scope = site.DataScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        if (db.PublicNutritionRows.Any(r => r.InterventionName == Programme)) return;
        PublicNutritionRow Row(PublicNutritionPart part, bool suppressed) => new()
        {
            InterventionId = 900_001, InterventionName = Programme, Kind = InterventionKind.SchoolMeals, StartsOn = new DateOnly(2026, 9, 1), EndsOn = new DateOnly(2026, 11, 30),
            CommuneId = 900_001, CommuneCode = "23538", CommuneName = "Xã Ia Tơi", ProvinceName = "Tỉnh Quảng Ngãi", Part = part,
            SchoolId = suppressed ? null : 900_001, SchoolName = suppressed ? null : "Trường Tiểu học và Trung học cơ sở Ia Tơi", Suppressed = suppressed,
            RefreshedAt = DateTime.UtcNow,
        };
        var reach = Row(PublicNutritionPart.Reach, false);
        (reach.ChildrenCount, reach.MealsServed, reach.MealDays, reach.MealCostVnd) = (1_234, 123_456, 180, 3_703_680_000);
        var evaluation = Row(PublicNutritionPart.Evaluation, false);
        evaluation.ChildrenCount = 1_200;
        (evaluation.StuntingChildren, evaluation.StuntingBefore, evaluation.StuntingAfter) = (1_200, 456, 398);
        (evaluation.UnderweightChildren, evaluation.UnderweightBefore, evaluation.UnderweightAfter) = (1_198, 301, 250);
        (evaluation.WastingChildren, evaluation.WastingBefore, evaluation.WastingAfter) = (1_190, 88, 61);
        db.PublicNutritionRows.AddRange(reach, Row(PublicNutritionPart.Reach, true), evaluation, Row(PublicNutritionPart.Evaluation, true));
        db.BalanceRuns.Add(new BalanceRun
        {
            StartedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow, EntriesChecked = 1_234_567, LastSequence = 1_234_567, InvariantsHold = false, ViolationCount = 2,
            FirstRule = "allocation-over-spent", FirstSequence = 1_234_560,
            FirstMessage = "Phân bổ (bút toán 1234001) đã chi/cấp 123.456.789 ₫, quá số được phân bổ 123.000.000 ₫.",
        });
        await db.SaveChangesAsync();
    }
}
