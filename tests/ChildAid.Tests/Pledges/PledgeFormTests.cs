using System.Net;
using System.Text.RegularExpressions;
using ChildAid.Shared.Data;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// The pledge form (/ung-ho) posted as a browser posts it — anti-forgery token, hidden key and all — and the pledge's
/// own page (/ung-ho/cam-ket/{reference}), through PublicSite's intake login on PostgreSQL.
/// </summary>
public abstract partial class PledgeFormTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    internal const string Slug = "ao-am-2026";

    protected WebApplicationFactory<ChildAid.PublicSite.Program> WithAccount(params (string Key, string Value)[] settings) => Site.WithWebHostBuilder(b =>
    {
        b.UseSetting("PublicSite:Giving:BankName", "Ngân hàng Thử");
        b.UseSetting("PublicSite:Giving:AccountNumber", "0123 4567 89");
        b.UseSetting("PublicSite:Giving:AccountName", "BAN VAN DONG THU");
        b.UseSetting("PublicSite:Giving:BankBin", "970422");
        foreach (var (key, value) in settings) b.UseSetting(key, value);
    });

    internal static HttpClient NoRedirects(WebApplicationFactory<ChildAid.PublicSite.Program> site) =>
        site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A donor's answers as the form names them; a test changes what it is about.</summary>
    internal static Dictionary<string, string> Answers(string campaign = Slug) => new()
    {
        ["Input.Campaign"] = campaign,
        ["Input.Suggested"] = "200000",
        ["Input.Amount"] = "",
        ["Input.Kind"] = "individual",
        ["Input.Name"] = "Phạm Thị Dung",
        ["Input.Display"] = "name-amount",
        ["Input.Message"] = "Cho các em ấm áp",
        ["Input.Email"] = "dung@example.com",
        ["Input.Phone"] = "0912 345 678",
        ["Input.Abroad"] = "false",
        ["Input.Channel"] = "transfer",
        ["Input.Website"] = "",
    };

    /// <summary>Opens the form and posts it back with its token, its key and <paramref name="answers"/>.</summary>
    internal static async Task<(HttpResponseMessage Response, string Form)> PostFormAsync(HttpClient client, Dictionary<string, string> answers, string query = "?chien-dich=" + Slug)
    {
        var form = await client.GetStringAsync("/ung-ho" + query);
        var fields = new Dictionary<string, string>(answers)
        {
            ["__RequestVerificationToken"] = StaffClient.Token(form),
            ["Input.Key"] = StaffClient.Hidden(form, "Input.Key"),
        };
        if (form.Contains("name=\"Input.Need\"", StringComparison.Ordinal)) fields["Input.Need"] = StaffClient.Hidden(form, "Input.Need");
        // A browser sends every row of goods and instalments, the empty ones too (list binding needs indexes without gaps).
        foreach (Match row in RowInput().Matches(form)) fields.TryAdd(row.Groups[1].Value, "");
        return (await client.PostAsync("/ung-ho" + query, new FormUrlEncodedContent(fields)), form);
    }

    internal static string ReferenceIn(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var match = PledgePath().Match(redirect.Headers.Location!.OriginalString);
        Assert.True(match.Success, redirect.Headers.Location.OriginalString);
        return match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"(Input\\.(?:InKind|Instalments)\\[\\d+\\]\\.\\w+)\"")]
    private static partial Regex RowInput();

    /// <summary>The messages a form answer shows, for a failing assertion to say what the page said.</summary>
    internal static string ErrorsIn(string html) => string.Join(" | ", FieldError().Matches(html).Select(m => m.Groups[1].Value + ": " + m.Groups[2].Value));

    [GeneratedRegex("<p class=\"field-error\" id=\"e-([^\"]+)\">([^<]*)</p>")]
    private static partial Regex FieldError();

    [GeneratedRegex("^/ung-ho/cam-ket/(CA[0-9A-Z]{7})$")]
    private static partial Regex PledgePath();

    protected Task<int> IntakeRowsAsync() => WithDbAsync(db => db.PledgeIntake.CountAsync());

    [Fact]
    public async Task A_valid_pledge_is_stored_once_and_leads_to_its_page_with_the_QR_and_the_transfer_details_and_nothing_personal()
    {
        await CampaignAsync(slug: Slug);
        using var site = WithAccount();
        var client = NoRedirects(site);

        var (response, form) = await PostFormAsync(client, Answers());
        var reference = ReferenceIn(response);
        var page = await GetHtmlAsync(client, $"/ung-ho/cam-ket/{reference}");

        Assert.Contains($"<option value=\"{Slug}\" selected=\"selected\">", form, StringComparison.Ordinal);
        var row = await WithDbAsync(db => db.PledgeIntake.SingleAsync());
        Assert.Equal((reference, 200_000L, Slug, "Phạm Thị Dung", "dung@example.com"), (row.Reference, row.AmountVnd, row.CampaignSlug, row.DonorName, row.DonorEmail));
        Assert.Contains($"src=\"/api/v1/pledges/{reference}/qr.svg\"", page, StringComparison.Ordinal);
        Assert.Contains($"alt=\"Mã VietQR: chuyển 200.000 ₫ tới tài khoản 0123 4567 89 (Ngân hàng Thử), nội dung {reference}\"", page, StringComparison.Ordinal);
        foreach (var text in new[] { "Ngân hàng Thử", "0123 4567 89", "BAN VAN DONG THU", "200.000 ₫", $"<strong class=\"big-number reference\">{reference}</strong>", "Đã nhận cam kết, đang chờ Ban ghi nhận" })
            Assert.Contains(text, page, StringComparison.Ordinal);
        foreach (var personal in new[] { "Dung", "dung@example.com", "0912", "Cho các em ấm áp" })
            Assert.DoesNotContain(personal, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.Amount", "12,5", "Amount", "Số tiền chỉ gồm chữ số, ví dụ 1.234.567.")]
    [InlineData("Input.Suggested", "", "Amount", "Vui lòng nhập số tiền lớn hơn 0 ₫.")]
    [InlineData("Input.Campaign", "khong-co", "Campaign", "Vui lòng chọn chiến dịch bạn muốn ủng hộ.")]
    [InlineData("Input.Name", "", "Name", "Vui lòng nhập họ tên (hoặc chọn ẩn danh).")]
    [InlineData("Input.Email", "dung@", "Email", "E-mail chưa đúng, ví dụ: ten@example.com.")]
    [InlineData("Input.Phone", "12", "Phone", "Số điện thoại chưa đúng, ví dụ: 0912 345 678 hoặc +84 912 345 678.")]
    [InlineData("Input.Display", "tat-ca", "Display", "Vui lòng chọn cách hiển thị tên: tên và số tiền, tên, số tiền và lời nhắn, chỉ tên, hoặc ẩn danh.")]
    [InlineData("Input.Channel", "card", "Channel", "Hiện chưa nhận thanh toán thẻ; vui lòng chọn chuyển khoản.")]
    public async Task An_invalid_field_gets_its_message_next_to_it_and_nothing_is_stored(string name, string value, string field, string message)
    {
        await CampaignAsync(slug: Slug);
        var answers = Answers();
        answers[name] = value;

        var (response, _) = await PostFormAsync(NoRedirects(Site), answers);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<p class=\"field-error\" id=\"e-{field}\">{message}</p>", html, StringComparison.Ordinal);
        Assert.Matches($"id=\"f-{field}\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"[^\"]*e-{field}", html);
        Assert.Equal(0, await IntakeRowsAsync());
    }

    [Fact]
    public async Task A_business_with_a_wrong_tax_code_is_told_so_next_to_the_tax_code()
    {
        await CampaignAsync(slug: Slug);
        var answers = Answers();
        answers["Input.Kind"] = "business";
        answers["Input.Name"] = "Công ty TNHH Ánh Dương";
        answers["Input.TaxCode"] = "12345";

        var (response, _) = await PostFormAsync(NoRedirects(Site), answers);

        Assert.Contains("<p class=\"field-error\" id=\"e-TaxCode\">Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, gạch ngang và 3 chữ số.</p>",
            await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await IntakeRowsAsync());
    }

    [Fact]
    public async Task A_typed_amount_in_Vietnamese_grouping_wins_over_the_chosen_button_and_a_business_keeps_its_receipt_details()
    {
        await CampaignAsync(slug: Slug);
        var answers = Answers();
        answers["Input.Amount"] = "1.234.567";
        answers["Input.Kind"] = "business";
        answers["Input.Name"] = "Công ty TNHH Ánh Dương";
        answers["Input.TaxCode"] = "0312345678";
        answers["Input.Address"] = "12 Lê Lợi, Kon Tum";
        answers["Input.Follow"] = "true";

        ReferenceIn((await PostFormAsync(NoRedirects(Site), answers)).Response);

        var row = await WithDbAsync(db => db.PledgeIntake.SingleAsync());
        Assert.Equal(1_234_567, row.AmountVnd);
        Assert.Equal(ChildAid.Shared.Donors.DonorKind.Business, row.DonorKind);
        Assert.Equal(("0312345678", "12 Lê Lợi, Kon Tum", true), (row.DonorTaxCode, row.DonorAddress, row.FollowCampaign));
    }

    [Fact]
    public async Task In_English_the_messages_are_English()
    {
        await CampaignAsync(slug: Slug);
        var client = NoRedirects(Site);
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var answers = Answers();
        answers["Input.Email"] = "dung@";

        var html = await (await PostFormAsync(client, answers)).Response.Content.ReadAsStringAsync();

        Assert.Contains("<p class=\"field-error\" id=\"e-Email\">The e-mail address is not right, e.g. name@example.com.</p>", html, StringComparison.Ordinal);
        Assert.Contains("Pledge a gift", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_that_fills_the_honeypot_gets_the_usual_answer_and_nothing_is_stored()
    {
        await CampaignAsync(slug: Slug);
        var answers = Answers();
        answers["Input.Website"] = "http://spam.example";

        var (response, _) = await PostFormAsync(NoRedirects(Site), answers);

        ReferenceIn(response);
        Assert.Equal(0, await IntakeRowsAsync());
    }

    [Fact]
    public async Task The_same_form_posted_twice_makes_one_pledge()
    {
        await CampaignAsync(slug: Slug);
        var client = NoRedirects(Site);
        var form = await client.GetStringAsync("/ung-ho?chien-dich=" + Slug);
        var fields = new Dictionary<string, string>(Answers())
        {
            ["__RequestVerificationToken"] = StaffClient.Token(form),
            ["Input.Key"] = StaffClient.Hidden(form, "Input.Key"),
        };

        var first = await client.PostAsync("/ung-ho", new FormUrlEncodedContent(fields));
        var second = await client.PostAsync("/ung-ho", new FormUrlEncodedContent(fields));

        Assert.Equal(ReferenceIn(first), ReferenceIn(second));
        Assert.Equal(1, await IntakeRowsAsync());
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused()
    {
        await CampaignAsync(slug: Slug);
        var response = await NoRedirects(Site).PostAsync("/ung-ho", new FormUrlEncodedContent(Answers()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await IntakeRowsAsync());
    }

    [Fact]
    public async Task Posts_beyond_the_limit_per_minute_are_refused()
    {
        await CampaignAsync(slug: Slug);
        using var site = WithAccount(("PublicSite:RateLimits:FormPostsPerMinute", "2"));
        var client = NoRedirects(site);
        var answers = Answers();
        answers["Input.Email"] = "sai";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await PostFormAsync(client, answers)).Response.StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task An_unknown_pledge_is_not_found_and_a_code_typed_in_lower_case_finds_its_page()
    {
        await CampaignAsync(slug: Slug);
        var client = NoRedirects(Site);
        var reference = ReferenceIn((await PostFormAsync(client, Answers())).Response);

        var lower = await client.GetAsync($"/ung-ho/cam-ket/{reference.ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.MovedPermanently, lower.StatusCode);
        Assert.Equal($"/ung-ho/cam-ket/{reference}", lower.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ung-ho/cam-ket/CA2222222")).StatusCode);
    }

    [Fact]
    public async Task The_form_and_the_pledge_page_are_never_cached()
    {
        await CampaignAsync(slug: Slug);
        var client = NoRedirects(Site);

        var first = await client.GetStringAsync("/ung-ho?chien-dich=" + Slug);
        var second = await client.GetStringAsync("/ung-ho?chien-dich=" + Slug);

        Assert.NotEqual(StaffClient.Hidden(first, "Input.Key"), StaffClient.Hidden(second, "Input.Key"));
    }

    [Fact]
    public async Task Giving_to_a_need_shows_which_need_chooses_its_communes_campaign_and_stores_the_need_reference()
    {
        await CampaignAsync("Áo ấm cho em", slug: "khac");
        await CampaignAsync("Áo ấm cho trẻ em xã Ia Đal", slug: "ao-am-ia-dal");
        await WithDbAsync(async db =>
        {
            db.PublicNeeds.Add(new ChildAid.Shared.PublicNeeds.PublicNeed
            {
                ReviewUnitId = 1, Year = 2026, CommuneId = 1, CommuneCode = "23535", CommuneName = "Xã Ia Đal",
                PeriodStart = new DateOnly(2026, 9, 1), PeriodEnd = new DateOnly(2027, 5, 31), Category = ChildAid.Shared.Needs.NeedCategory.WarmClothes,
                ItemCode = "winter-jacket", ItemNameVi = "Áo ấm mùa đông", ItemNameEn = "Winter jacket", SizeBand = ChildAid.Shared.Needs.SizeBand.Age9To11,
                Unit = ChildAid.Shared.Needs.NeedUnit.Items, ChildrenCount = 12, Quantity = 12, EstimatedCostVnd = 2_340_000, RefreshedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        const string need = "23535-2026-winter-jacket-Age9To11";
        var needs = await GetHtmlAsync(Client(), "/nhu-cau");
        var client = NoRedirects(Site);

        var (response, form) = await PostFormAsync(client, Answers("ao-am-ia-dal"), "?nhu-cau=" + Uri.EscapeDataString(need));

        Assert.Contains($"href=\"/ung-ho?nhu-cau={need}\"", needs, StringComparison.Ordinal);
        Assert.Contains("Cho nhu cầu:", form, StringComparison.Ordinal);
        Assert.Contains("Áo ấm mùa đông · 9–11 tuổi", WebUtility.HtmlDecode(form), StringComparison.Ordinal);
        Assert.Contains("<option value=\"ao-am-ia-dal\" selected=\"selected\">", form, StringComparison.Ordinal);
        ReferenceIn(response);
        Assert.Equal(need, (await WithDbAsync(db => db.PledgeIntake.SingleAsync())).NeedReference);
    }
}

public class PledgeFormTestsOnSqlite() : PledgeFormTests(DatabaseProvider.Sqlite);

public class PledgeFormTestsOnPostgres() : PledgeFormTests(DatabaseProvider.Postgres);
