using System.Globalization;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>
/// A health worker, signed in with a second factor on a phone, enters a class with the keyboard, sees the server's
/// classification as they type, ticks a common condition, saves, and sees what was saved.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CheckupGridBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task A_health_worker_types_a_class_on_a_phone_sees_the_classification_as_they_type_and_saves_it()
    {
        var suffix = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        int unitId, stationId, sessionId;
        await using (var scope = site.DataScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var unit = await TestData.UnitAsync(db, $"Xã Ia Dom {suffix}", $"K{suffix}");
            var school = new Organisation { Name = $"Trường TH Ia Dom {suffix}", Type = OrganisationType.School, AdminUnitId = unit.Id };
            var station = new Organisation { Name = $"Trạm y tế Ia Dom {suffix}", Type = OrganisationType.HealthCentre, AdminUnitId = unit.Id };
            db.Organisations.AddRange(school, station);
            await db.SaveChangesAsync();
            foreach (var (name, sex) in new[] { ("Rơ Lan Hơ", Sex.Female), ("Ksor Nhí", Sex.Male) })
                db.Children.Add(new Child
                {
                    FullName = name, SearchText = Shared.Text.TextFolding.Fold(name), DateOfBirth = new DateOnly(2018, 5, 10), Sex = sex,
                    AdminUnitId = unit.Id, SchoolId = school.Id, ClassName = "3B", HealthStationId = station.Id,
                });
            var session = new CheckupSession { HeldOn = new DateOnly(2026, 11, 20), SiteId = school.Id, HealthStationId = station.Id, AdminUnitId = unit.Id, Team = "Y sĩ Hoa", CreatedBy = "browser-test" };
            db.CheckupSessions.Add(session);
            await db.SaveChangesAsync();
            (unitId, stationId, sessionId) = (unit.Id, station.Id, session.Id);
        }
        var userName = $"yte{Guid.NewGuid():N}"[..20];
        var user = await site.CreateStaffAsync(userName, [Roles.HealthWorker], unitId);
        await using (var scope = site.DataScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            (await db.Users.SingleAsync(u => u.Id == user.Id)).OrganisationId = stationId;
            await db.SaveChangesAsync();
        }
        // A phone (390 px, BackOffice's default here) with the site's real CSP: the page's script runs under its nonce.
        var page = await site.NewPageAsync();
        await site.LogInWithSecondFactorAsync(page, user);
        // What the browser saw, said when the instant preview does not come (a refused preview is silent on the page).
        var seen = new List<string>();
        page.Console += (_, m) => seen.Add($"console {m.Type}: {m.Text}");
        page.PageError += (_, e) => seen.Add($"page error: {e}");
        page.Response += (_, r) => seen.Add($"{r.Status} {r.Request.Method} {r.Url}");

        await page.GotoAsync($"{site.BackOfficeUrl}/Checkups/Session/{sessionId.ToString(CultureInfo.InvariantCulture)}?class=3B");
        // Ksor Nhí sorts first ("ksor" < "ro"); the keyboard only: type, Enter moves to the next cell.
        await page.Locator("input[name='Rows[0].WeightKg']").FocusAsync();
        await page.Keyboard.TypeAsync("26,1");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("128,4");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Rows[0].Position", await page.EvaluateAsync<string>("() => document.activeElement.name"));
        // Rơ Lan Hơ: 8½ years and 108 cm is severely stunted (HAZ about −3,9); the server's classification shows as she types.
        await page.Locator("input[name='Rows[1].WeightKg']").FocusAsync();
        await page.Keyboard.TypeAsync("18");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("108");
        try { await Assertions.Expect(page.Locator("#result-1 .status")).ToContainTextAsync("Thấp còi nặng"); }
        catch (PlaywrightException e) { Assert.Fail($"no instant classification: {e.Message}\n{string.Join("\n", seen)}"); }
        await Assertions.Expect(page.Locator("#result-1")).ToContainTextAsync("CC/T −");
        // A common condition: unfold the row's list and tick it.
        await page.Locator("tr[data-row='0'] details.conditions summary").ClickAsync();
        await page.GetByLabel("Sâu răng").First.CheckAsync();
        // Skinfolds are kept at any age; their z-score exists under 5 only, and the preview says why there is none.
        await page.Locator("input[name='Rows[0].TricepsSkinfoldMm']").FillAsync("8,5");
        await page.Locator("input[name='Rows[0].SubscapularSkinfoldMm']").FillAsync("6,2");
        await Assertions.Expect(page.Locator("#result-0")).ToContainTextAsync("WHO chỉ có chuẩn đến dưới 5 tuổi");

        await page.Locator("#save-grid").ClickAsync();
        try { await page.WaitForURLAsync(url => url.Contains("class=3B", StringComparison.Ordinal) && !url.Contains("handler", StringComparison.Ordinal)); }
        catch (TimeoutException) { Assert.Fail("the save did not come back to the grid:\n" + string.Join("\n", seen)); }
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Đã lưu kết quả đo của 2 trẻ.");
        await Assertions.Expect(page.Locator("#result-1 .status")).ToContainTextAsync("Thấp còi nặng");
        Assert.True(await page.Locator("tr[data-row='0'] input[name='Rows[0].Conditions'][value='DentalCaries']").IsCheckedAsync());
        await using (var scope = site.DataScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var saved = await db.Measurements.IgnoreQueryFilters().Where(m => m.SessionId == sessionId).OrderBy(m => m.WeightKg).ToListAsync();
            Assert.Equal([18.0m, 26.1m], saved.Select(m => m.WeightKg!.Value));
            Assert.Equal(CommonConditions.DentalCaries, saved[1].Conditions);
            Assert.Equal((8.5m, 6.2m), (saved[1].TricepsSkinfoldMm!.Value, saved[1].SubscapularSkinfoldMm!.Value));
            Assert.Null(saved[1].TricepsSkinfoldForAge);
            Assert.True(saved[0].Status.HasFlag(NutritionStatus.SevereStunting));
        }

        // The saved grid at 390 px: no sideways scrolling, and axe finds no serious or critical violation.
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        var violations = await Axe.CheckAsync(page);
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await BrowserFixture.ScreenshotAsync(page, "checkup-grid");
    }
}
