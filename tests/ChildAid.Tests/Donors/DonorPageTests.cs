using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ChildAid.BackOffice.Pages.DonorPortal;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Mail;
using ChildAid.Shared.Pledges;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UglyToad.PdfPig;

namespace ChildAid.Tests.Donors;

/// <summary>
/// The donor's own page on BackOffice, reached by the private link in the receipt mail (no password): their pledges,
/// receipts and PDFs, display choice and "erase my name"; any other token is a 404 that names nobody.
/// </summary>
public abstract partial class DonorPageTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private sealed record World(string Path, Contribution Gift, Contribution OtherGift, string Reference, Donor Donor);

    [GeneratedRegex(@"http://127\.0\.0\.1:5081(/nha-tai-tro/[A-Za-z0-9_-]{43})")]
    private static partial Regex DonorLink();

    /// <summary>A donor with an e-mail, a gift (so a receipt mail with the link), a partly paid pledge; another donor with a gift.</summary>
    private async Task<World> WorldAsync()
    {
        await using var desk = await GiftDesk.OpenAsync(Db, "Trần Thị Mai");
        desk.Donor.Email = "mai@example.org";
        await desk.Db.SaveChangesAsync();
        var campaign = await TestData.CampaignAsync(desk.Db, "Áo ấm cho em");
        var gift = (await desk.GiveAsync(1_200_000, campaign.Id)).Value!;
        var other = await TestData.DonorAsync(desk.Db, desk.Unit.Id, "Lê Văn Khác");
        var otherGift = (await desk.Gifts.RecordAsync(TestData.Cash(other.Id, desk.Unit.Id, 300_000))).Value!;
        var pledge = new Pledge
        {
            Reference = PledgeReference.New(), IntakeId = Guid.NewGuid(), DonorId = desk.Donor.Id, CampaignId = campaign.Id,
            AdminUnitId = desk.Unit.Id, AmountVnd = 2_000_000, CreatedAt = DateTime.UtcNow,
        };
        pledge.RecordPayment(500_000);
        desk.Db.Pledges.Add(pledge);
        await desk.Db.SaveChangesAsync();
        var mail = await desk.Db.MailOutbox.AsNoTracking().SingleAsync(m => m.DedupeKey == "receipt:" + gift.ReceiptNumber);
        return new World(DonorLink().Match(mail.TextBody).Groups[1].Value, gift, otherGift, pledge.Reference, desk.Donor);
    }

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public async Task The_link_in_the_receipt_mail_opens_the_donor_s_page_with_pledges_receipts_and_the_pay_link()
    {
        var world = await WorldAsync();
        Assert.StartsWith("/nha-tai-tro/", world.Path);

        var (response, html) = await App.NewClient().GetAsync(world.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Trần Thị Mai", html);
        Assert.Contains(world.Gift.ReceiptNumber, html);
        Assert.Contains("1.200.000 ₫", html);
        Assert.Contains(world.Reference, html);
        Assert.Contains("Đã nhận một phần", html);
        Assert.Contains("1.500.000 ₫", html); // outstanding
        Assert.Contains($"http://127.0.0.1:5080/ung-ho/cam-ket/{world.Reference}", html);
        Assert.DoesNotContain("Lê Văn Khác", html);
        Assert.DoesNotContain(world.OtherGift.ReceiptNumber, html);
        Assert.DoesNotContain("/Account/Logout", html); // no staff menu
    }

    [Fact]
    public async Task Instalments_show_their_due_dates_what_is_paid_and_what_is_still_owed()
    {
        var world = await WorldAsync();
        var today = Shared.Time.VietnamClock.VietnamToday(TimeProvider.System);
        string reference;
        await using (var db = Db.NewContext())
        {
            var pledge = new Pledge
            {
                Reference = PledgeReference.New(), IntakeId = Guid.NewGuid(), DonorId = world.Donor.Id, CampaignId = world.Gift.CampaignId,
                AdminUnitId = world.Donor.AdminUnitId, AmountVnd = 9_000_000, CreatedAt = DateTime.UtcNow,
                InstalmentsJson = $$"""[{"due":"{{today.AddDays(-5):yyyy-MM-dd}}","amountVnd":3000000},{"due":"{{today.AddDays(3):yyyy-MM-dd}}","amountVnd":3000000},{"due":"{{today.AddDays(40):yyyy-MM-dd}}","amountVnd":3000000}]""",
            };
            pledge.RecordPayment(4_000_000);
            db.Pledges.Add(pledge);
            await db.SaveChangesAsync();
            reference = pledge.Reference;
        }

        var (_, html) = await App.NewClient().GetAsync(world.Path);

        // The stacked-table helper adds its class and a data-label to each cell: read the cells whatever their attributes.
        var table = Regex.Match(html, $"<table class=\"instalments[^\"]*\" id=\"instalments-{reference}\"[\\s\\S]*?</table>").Value;
        Assert.True(table.Length > 0, "no instalments table in: " + html);
        var body = table[table.IndexOf("<tbody>", StringComparison.Ordinal)..];
        var rows = Regex.Matches(body, "<tr[^>]*>([\\s\\S]*?)</tr>")
            .Select(tr => string.Join(" | ", Regex.Matches(tr.Groups[1].Value, "<td[^>]*>([^<]*)</td>").Select(td => System.Net.WebUtility.HtmlDecode(td.Groups[1].Value.Trim()))))
            .ToList();
        Assert.Equal([
            $"{today.AddDays(-5).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)} | 3.000.000 ₫ | 3.000.000 ₫ | 0 ₫ | Đã trả",
            $"{today.AddDays(3).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)} | 3.000.000 ₫ | 1.000.000 ₫ | 2.000.000 ₫ | Đến hạn",
            $"{today.AddDays(40).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)} | 3.000.000 ₫ | 0 ₫ | 3.000.000 ₫ | Chưa đến hạn",
        ], rows);
    }

    [Fact]
    public async Task A_donor_abroad_reads_the_page_in_English_and_the_language_link_switches_it()
    {
        var world = await WorldAsync();
        await using (var db = Db.NewContext())
        {
            var donor = await db.Donors.IgnoreQueryFilters().SingleAsync(d => d.Id == world.Donor.Id);
            donor.Origin = DonorOrigin.Foreign;
            await db.SaveChangesAsync();
        }
        var client = App.NewClient();

        var (_, english) = await client.GetAsync(world.Path);
        var (_, vietnamese) = await client.GetAsync(world.Path + "?lang=vi");
        var unconfirmed = await client.PostFormAsync(world.Path, new(), world.Path + "?handler=Erase&lang=en");

        Assert.Contains("<html lang=\"en\"", english);
        Assert.Contains("Dear Trần Thị Mai", english);
        Assert.Contains("Partly paid", english);
        Assert.Contains("Erase my name", english);
        Assert.Contains($"href=\"{world.Path}?lang=vi\"", english);
        Assert.Contains("<html lang=\"vi\"", vietnamese);
        Assert.Contains("Kính chào Trần Thị Mai", vietnamese);
        Assert.Contains("Please tick the confirmation before erasing your name.", await unconfirmed.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Every_text_on_the_donor_page_has_an_English_entry()
    {
        var folder = Path.Combine(RepositoryFolder.Root, "BackOffice", "Pages", "DonorPortal");
        var keys = Directory.EnumerateFiles(folder, "*.cs*")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "(?:\\bT\\[|AddModelError\\([^;]*?, |TempData\\[\"Saved\"\\] = )\"((?:[^\"\\\\]|\\\\.)+)\"").Select(m => m.Groups[1].Value))
            .Concat(ChildAid.BackOffice.Labels.DisplayChoices.Vietnamese.Values)
            .Concat(["Đã đăng ký, chưa nhận tiền", "Đã nhận một phần", "Đã nhận đủ", "Đã hủy", "Quá hạn", "Đến hạn", "Chưa đến hạn", "Đã trả"])
            .Distinct().ToList();

        Assert.True(keys.Count > 40, $"found only {keys.Count} texts: is the scan looking in the right place?");
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        try
        {
            var missing = keys.Where(k => ChildAid.BackOffice.Localization.StaffText.Localizer[k].ResourceNotFound).ToList();
            Assert.True(missing.Count == 0, "No English for: " + string.Join(" | ", missing));
        }
        finally { System.Globalization.CultureInfo.CurrentUICulture = previous; }
    }

    [Fact]
    public async Task A_wrong_an_expired_or_a_malformed_token_answers_404_and_names_nobody()
    {
        var world = await WorldAsync();
        string expired;
        await using (var old = Db.Services(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-366)))))
        await using (var scope = Scope(old))
        {
            expired = new Uri(scope.ServiceProvider.GetRequiredService<DonorLinks>().Issue(world.Donor.Id)).AbsolutePath;
            await scope.ServiceProvider.GetRequiredService<ChildAidDbContext>().SaveChangesAsync();
        }
        var wrong = world.Path[..^4] + (world.Path.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var client = App.NewClient();

        foreach (var path in new[] { wrong, expired, "/nha-tai-tro/abc", "/nha-tai-tro/" + new string('a', 44), wrong + "?handler=Pdf&so=" + world.Gift.ReceiptNumber })
        {
            var (response, html) = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Trần Thị Mai", html);
            Assert.DoesNotContain(world.Gift.ReceiptNumber, html);
        }
    }

    [Fact]
    public async Task The_receipt_PDF_downloads_through_the_link_and_another_donor_s_receipt_is_404()
    {
        var world = await WorldAsync();
        var client = App.NewClient();

        var response = await client.Http.GetAsync($"{world.Path}?handler=Pdf&so={world.Gift.ReceiptNumber}");
        var other = await client.Http.GetAsync($"{world.Path}?handler=Pdf&so={world.OtherGift.ReceiptNumber}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = TextOf(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(world.Gift.ReceiptNumber, text);
        Assert.Contains("Một triệu hai trăm nghìn đồng.", text);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task The_page_lists_the_donors_campaign_news_and_its_button_unsubscribes_only_their_own()
    {
        var world = await WorldAsync();
        int own, stranger;
        await using (var db = Db.NewContext())
        {
            var campaignId = await db.Campaigns.Select(c => c.Id).FirstAsync();
            var followers = new[] { ("mai@example.org", (int?)world.Donor.Id), ("nguoi-khac@example.org", null) }.Select((x, i) =>
            {
                var f = new Shared.CampaignUpdates.CampaignFollower
                {
                    CampaignId = campaignId, Email = x.Item1, DonorId = x.Item2, ConfirmToken = $"confirm-{i}".PadRight(43, 'c'),
                    UnsubscribeToken = $"unsub-{i}".PadRight(43, 'u'), CreatedAt = DateTime.UtcNow, ConfirmRequestedAt = DateTime.UtcNow,
                };
                f.Confirm(DateTime.UtcNow);
                return f;
            }).ToList();
            db.CampaignFollowers.AddRange(followers);
            await db.SaveChangesAsync();
            (own, stranger) = (followers[0].Id, followers[1].Id);
        }
        var client = App.NewClient();

        var page = await client.GetPageAsync(world.Path);
        Assert.Contains("id=\"donor-subscriptions\"", page, StringComparison.Ordinal);
        Assert.Contains("Đang nhận tin", page, StringComparison.Ordinal);
        var someoneElses = await client.PostFormAsync(world.Path, new() { ["follower"] = stranger.ToString(CultureInfo.InvariantCulture) }, world.Path + "?handler=Unfollow");
        Assert.Equal(HttpStatusCode.NotFound, someoneElses.StatusCode);
        var mine = await client.PostFormAsync(world.Path, new() { ["follower"] = own.ToString(CultureInfo.InvariantCulture) }, world.Path + "?handler=Unfollow");

        Assert.Equal(HttpStatusCode.Redirect, mine.StatusCode);
        await using var check = Db.NewContext();
        var states = await check.CampaignFollowers.OrderBy(f => f.Id).Select(f => f.State).ToListAsync();
        Assert.Equal([Shared.CampaignUpdates.FollowerState.Unsubscribed, Shared.CampaignUpdates.FollowerState.Confirmed], states);
        Assert.Contains("Đã hủy nhận tin", await client.GetPageAsync(world.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_display_choice_is_audited_and_the_honor_roll_follows_for_past_gifts()
    {
        var world = await WorldAsync();
        var client = App.NewClient();

        var response = await client.PostFormAsync(world.Path, new() { ["Display"] = nameof(DisplayChoice.Anonymous) }, world.Path + "?handler=Display");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = Db.NewContext();
        var donor = await db.Donors.IgnoreQueryFilters().SingleAsync(d => d.Id == world.Donor.Id);
        Assert.Equal(DisplayChoice.Anonymous, donor.DisplayChoice);
        var roll = Assert.Single(await db.HonorRollEntries.Where(h => h.DonorKey == donor.PublicKey).ToListAsync());
        Assert.Equal(("", (long?)null), (roll.DisplayName, roll.AmountVnd));
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(Donor) && a.Actor == IndexModel.Actor);
        Assert.Contains($"\"DisplayChoice\":{(int)DisplayChoice.Anonymous}", audit.After);
    }

    [Fact]
    public async Task Erase_my_name_needs_the_confirmation_then_the_statement_no_longer_shows_it()
    {
        var world = await WorldAsync();
        var client = App.NewClient();

        var unconfirmed = await client.PostFormAsync(world.Path, new(), world.Path + "?handler=Erase");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Vui lòng đánh dấu xác nhận", await unconfirmed.Content.ReadAsStringAsync());
        await using (var db = Db.NewContext())
            Assert.Equal("Trần Thị Mai", (await db.LedgerEntries.SingleAsync(e => e.ReceiptNumber == world.Gift.ReceiptNumber)).DonorDisplay);

        var confirmed = await client.PostFormAsync(world.Path, new() { ["ConfirmErase"] = "true" }, world.Path + "?handler=Erase");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using var after = Db.NewContext();
        Assert.Null((await after.LedgerEntries.SingleAsync(e => e.ReceiptNumber == world.Gift.ReceiptNumber)).DonorDisplay);
        Assert.Equal("Lê Văn Khác", (await after.LedgerEntries.SingleAsync(e => e.ReceiptNumber == world.OtherGift.ReceiptNumber)).DonorDisplay);
        Assert.True(await after.AuditEntries.AnyAsync(a => a.Action == LedgerNameErasure.EraseNameAction && a.Actor == IndexModel.Actor));
        var (_, page) = await client.GetAsync(world.Path);
        Assert.Contains("đã được xóa khỏi sao kê công khai", page);
    }
}

public class DonorPageTestsOnSqlite() : DonorPageTests(DatabaseProvider.Sqlite);

public class DonorPageTestsOnPostgres() : DonorPageTests(DatabaseProvider.Postgres);
