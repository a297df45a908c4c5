using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildAid.Shared.Data;
using ChildAid.Tests.PublicSite;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// A business's goods lines and instalments, from the form's rows and the API's arrays, checked row by row in Vietnamese
/// and stored in the intake row's JSON columns as BackOffice reads them.
/// </summary>
public abstract class PledgeBusinessExtrasTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    private static Dictionary<string, string> Business(long amount = 1_200_000)
    {
        var answers = PledgeFormTests.Answers();
        answers["Input.Kind"] = "business";
        answers["Input.Name"] = "Công ty TNHH Ánh Dương";
        answers["Input.TaxCode"] = "0312345678";
        answers["Input.Amount"] = amount.ToString("#,0", ChildAid.Shared.Text.VietnameseFormat.Culture);
        return answers;
    }

    [Fact]
    public async Task A_business_pledges_goods_and_two_instalments_and_blank_rows_are_left_out()
    {
        await CampaignAsync(slug: PledgeFormTests.Slug);
        var answers = Business();
        answers["Input.InKind[0].Item"] = "Áo ấm";
        answers["Input.InKind[0].Quantity"] = "300";
        answers["Input.InKind[0].Unit"] = "chiếc";
        answers["Input.InKind[0].SizeBand"] = "6–8 tuổi";
        answers["Input.InKind[0].Delivery"] = "Giao tại xã Ia Đal trước 15/12";
        answers["Input.Instalments[0].Due"] = "15/01/2099";
        answers["Input.Instalments[0].Amount"] = "700.000";
        answers["Input.Instalments[2].Due"] = "2099-03-15";
        answers["Input.Instalments[2].Amount"] = "500.000";

        var (response, _) = await PledgeFormTests.PostFormAsync(PledgeFormTests.NoRedirects(Site), answers);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, PledgeFormTests.ErrorsIn(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync())));

        var row = await WithDbAsync(db => db.PledgeIntake.SingleAsync());
        Assert.Equal("[{\"item\":\"Áo ấm\",\"quantity\":300,\"unit\":\"chiếc\",\"sizeBand\":\"6–8 tuổi\",\"delivery\":\"Giao tại xã Ia Đal trước 15/12\",\"deliverBy\":null}]", row.InKindLinesJson);
        Assert.Equal("[{\"due\":\"2099-01-15\",\"amountVnd\":700000},{\"due\":\"2099-03-15\",\"amountVnd\":500000}]", row.InstalmentsJson);
    }

    [Fact]
    public async Task A_business_pledges_goods_alone_on_the_form_by_typing_0_and_lands_on_a_page_about_delivery()
    {
        await CampaignAsync(slug: PledgeFormTests.Slug);
        var answers = Business();
        answers["Input.Amount"] = "0";
        answers["Input.InKind[0].Item"] = "Áo ấm";
        answers["Input.InKind[0].Quantity"] = "300";
        answers["Input.InKind[0].Unit"] = "chiếc";
        // A delivery date the form cannot read is told next to its field.
        answers["Input.InKind[0].DeliverBy"] = "31/02/2099";
        var (unreadable, _) = await PledgeFormTests.PostFormAsync(PledgeFormTests.NoRedirects(Site), answers);
        Assert.Contains("<p class=\"field-error\" id=\"e-InKind0DeliverBy\">Vui lòng nhập ngày giao dạng dd/MM/yyyy, ví dụ 15/12/2026.</p>",
            WebUtility.HtmlDecode(await unreadable.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var deliverBy = ChildAid.Shared.Time.VietnamClock.VietnamToday(TimeProvider.System).AddDays(30);
        answers["Input.InKind[0].DeliverBy"] = deliverBy.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

        var (response, _) = await PledgeFormTests.PostFormAsync(PledgeFormTests.NoRedirects(Site), answers);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, PledgeFormTests.ErrorsIn(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync())));
        var row = await WithDbAsync(db => db.PledgeIntake.SingleAsync());
        Assert.Equal(0, row.AmountVnd);
        Assert.Equal(deliverBy, ChildAid.Shared.Pledges.PledgeLines.InKind(row.InKindLinesJson)[0].DeliverBy);
        var page = await Site.CreateClient().GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Đây là cam kết ủng hộ hiện vật, không cần chuyển khoản.", WebUtility.HtmlDecode(page));

        answers["Input.Kind"] = "individual";
        var (person, _) = await PledgeFormTests.PostFormAsync(PledgeFormTests.NoRedirects(Site), answers);
        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
        Assert.Contains("Vui lòng nhập số tiền lớn hơn 0 ₫.", WebUtility.HtmlDecode(await person.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Each_bad_row_is_told_next_to_its_own_field_and_nothing_is_stored()
    {
        await CampaignAsync(slug: PledgeFormTests.Slug);
        var answers = Business();
        answers["Input.InKind[1].Item"] = "Chăn";
        answers["Input.InKind[1].Quantity"] = "100";
        answers["Input.Instalments[0].Due"] = "15/01/2099";
        answers["Input.Instalments[0].Amount"] = "700.000";
        answers["Input.Instalments[3].Due"] = "31/02/2099";
        answers["Input.Instalments[3].Amount"] = "400.000";

        var (response, _) = await PledgeFormTests.PostFormAsync(PledgeFormTests.NoRedirects(Site), answers);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.True(html.Contains("id=\"e-InKind1Unit\"", StringComparison.Ordinal), PledgeFormTests.ErrorsIn(html));
        Assert.Contains("<p class=\"field-error\" id=\"e-InKind1Unit\">Vui lòng nhập đơn vị tính, ví dụ: chiếc, bộ, thùng.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"e-Instalments3Due\">Vui lòng nhập ngày đến hạn dạng dd/MM/yyyy, ví dụ 15/01/2027.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"e-Instalments\">Tổng số tiền các đợt phải bằng số tiền cam kết.</p>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Chăn\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await WithDbAsync(db => db.PledgeIntake.CountAsync()));
    }

    [Fact]
    public async Task The_API_takes_inKind_and_instalments_and_names_the_row_of_each_problem()
    {
        await CampaignAsync(slug: PledgeFormTests.Slug);
        var client = Client();
        object Pledge(object[] instalments, string kind = "business") => new
        {
            campaign = PledgeFormTests.Slug, amount = 1_000_000, currency = "VND", display = "name-amount",
            donor = new { kind, name = "Công ty TNHH Ánh Dương", email = "ketoan@anhduong.example" },
            inKind = new[] { new { item = "Áo ấm", quantity = 300, unit = "chiếc", sizeBand = "6–8 tuổi", delivery = "trước 15/12" } },
            instalments,
        };

        var made = await client.PostAsJsonAsync("/api/v1/pledges", Pledge([new { due = "2099-01-15", amount = 400_000 }, new { due = "2099-02-15", amount = 600_000 }]));
        var bad = await client.PostAsJsonAsync("/api/v1/pledges", Pledge([new { due = "2099-01-15", amount = 400_000 }, new { due = "2020-02-15", amount = 600_000 }]));
        var individual = await client.PostAsJsonAsync("/api/v1/pledges", Pledge([new { due = "2099-01-15", amount = 400_000 }, new { due = "2099-02-15", amount = 600_000 }], "individual"));

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var row = await WithDbAsync(db => db.PledgeIntake.SingleAsync());
        Assert.Equal("[{\"due\":\"2099-01-15\",\"amountVnd\":400000},{\"due\":\"2099-02-15\",\"amountVnd\":600000}]", row.InstalmentsJson);
        Assert.Contains("\"quantity\":300", row.InKindLinesJson, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Equal("Ngày đến hạn không được ở trong quá khứ.", problem.RootElement.GetProperty("errors").GetProperty("instalments[1].due")[0].GetString());
        using var refused = JsonDocument.Parse(await individual.Content.ReadAsStringAsync());
        Assert.Equal("Chia đợt dành cho doanh nghiệp, tổ chức.", refused.RootElement.GetProperty("errors").GetProperty("instalments")[0].GetString());
        Assert.Equal("Ủng hộ hiện vật qua biểu mẫu này dành cho doanh nghiệp, tổ chức.", refused.RootElement.GetProperty("errors").GetProperty("inKind")[0].GetString());
    }
}

public class PledgeBusinessExtrasTestsOnSqlite() : PledgeBusinessExtrasTests(DatabaseProvider.Sqlite);

public class PledgeBusinessExtrasTestsOnPostgres() : PledgeBusinessExtrasTests(DatabaseProvider.Postgres);
