using System.Net;
using System.Text.Json;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Pledges;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// The public pledge page (/ung-ho/cam-ket/{reference}) and status API once BackOffice has moved a pledge on: what is
/// still owed once part is paid, the original dollars and their rate, and a row BackOffice could not take — read, as
/// PublicSite reads them, through the status view only (on PostgreSQL as the intake login).
/// </summary>
public abstract class PledgePageTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    private const string Slug = PledgeFormTests.Slug;

    private WebApplicationFactory<ChildAid.PublicSite.Program> WithAccount() => Site.WithWebHostBuilder(b =>
    {
        b.UseSetting("PublicSite:Giving:BankName", "Ngân hàng Thử");
        b.UseSetting("PublicSite:Giving:AccountNumber", "0123 4567 89");
        b.UseSetting("PublicSite:Giving:AccountName", "BAN VAN DONG THU");
        b.UseSetting("PublicSite:Giving:BankBin", "970422");
    });

    private async Task<string> IntakeAsync(long amountVnd, string currency = "VND", decimal? original = null, decimal? rate = null,
        PledgeIntakeOutcome? outcome = null) =>
        await WithDbAsync(async db =>
        {
            var row = new PledgeIntake
            {
                Id = Guid.NewGuid(), Reference = PledgeReference.New(), CampaignSlug = Slug, AmountVnd = amountVnd,
                Currency = currency, OriginalAmount = original, ExchangeRate = rate, Display = DisplayChoice.NameAmount,
                DonorKind = DonorKind.Person, DonorName = "Nguyễn Văn Bình", DonorEmail = "binh@example.com",
                DonorPhone = "0912 000 111", Origin = currency == "VND" ? DonorOrigin.Domestic : DonorOrigin.Foreign,
                Channel = currency == "VND" ? PaymentChannel.Transfer : PaymentChannel.Card, ReceivedAt = DateTime.UtcNow,
                Message = "Lời nhắn riêng",
            };
            if (outcome is { } settled)
            {
                row.Outcome = settled;
                row.ProcessedAt = DateTime.UtcNow;
                row.Failure = "Chiến dịch đã đóng (Nguyễn Văn Bình)";
            }
            db.PledgeIntake.Add(row);
            await db.SaveChangesAsync();
            return row.Reference;
        });

    /// <summary>BackOffice's pledge for an intake row, with <paramref name="paid"/> already paid.</summary>
    private async Task PledgedAsync(string reference, long amountVnd, long paid, string? instalments = null)
    {
        var unit = await UnitAsync();
        var donor = await DonorAsync(unit, "Nguyễn Văn Bình");
        await WithDbAsync(async db =>
        {
            var intake = db.PledgeIntake.Single(i => i.Reference == reference);
            intake.Outcome = PledgeIntakeOutcome.Pledged;
            intake.ProcessedAt = DateTime.UtcNow;
            var campaign = db.Campaigns.Single(c => c.Slug == Slug);
            var pledge = new Pledge
            {
                Reference = reference, IntakeId = intake.Id, DonorId = donor, CampaignId = campaign.Id, AdminUnitId = unit,
                AmountVnd = amountVnd, CreatedAt = DateTime.UtcNow, InstalmentsJson = instalments,
            };
            intake.InstalmentsJson = instalments;
            if (paid > 0) pledge.RecordPayment(paid);
            db.Pledges.Add(pledge);
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task A_partly_paid_pledge_shows_what_is_still_owed_and_its_QR_asks_for_that()
    {
        await CampaignAsync(slug: Slug);
        var reference = await IntakeAsync(1_000_000);
        await PledgedAsync(reference, 1_000_000, paid: 400_000);
        using var site = WithAccount();
        var client = site.CreateClient();

        var page = WebUtility.HtmlDecode(await GetHtmlAsync(client, $"/ung-ho/cam-ket/{reference}"));
        var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/pledges/{reference}")).RootElement;

        Assert.Contains("Đã nhận một phần", page, StringComparison.Ordinal);
        Assert.Matches("Số tiền cam kết</dt><dd>1.000.000 ₫</dd>\\s*<dt>Ban đã nhận</dt><dd>400.000 ₫</dd>\\s*<dt>Còn lại</dt><dd><strong class=\"big-number outstanding\">600.000 ₫</strong>", page);
        Assert.Contains("data-copy=\"600000\"", page, StringComparison.Ordinal);
        Assert.Contains($"Mã VietQR: chuyển 600.000 ₫ tới tài khoản", page, StringComparison.Ordinal);
        Assert.Equal(("partly-paid", 1_000_000L, 400_000L, 600_000L),
            (status.GetProperty("status").GetString(), status.GetProperty("amount").GetInt64(), status.GetProperty("paid").GetInt64(), status.GetProperty("outstanding").GetInt64()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/pledges/{reference}/qr.png")).StatusCode);
        foreach (var personal in new[] { "Bình", "binh@example.com", "0912", "Lời nhắn riêng" })
            Assert.DoesNotContain(personal, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pledge_in_instalments_lists_them_and_asks_for_the_rest_of_the_next_one_in_text_and_QR()
    {
        await CampaignAsync(slug: Slug);
        var reference = await IntakeAsync(3_000_000);
        await PledgedAsync(reference, 3_000_000, paid: 1_400_000,
            """[{"due":"2027-03-15","amountVnd":1000000},{"due":"2027-01-15","amountVnd":1000000},{"due":"2027-02-15","amountVnd":1000000}]""");
        using var site = WithAccount();
        var client = site.CreateClient();

        var page = WebUtility.HtmlDecode(await GetHtmlAsync(client, $"/ung-ho/cam-ket/{reference}"));
        var qr = VietQrTests.DecodePng(await client.GetByteArrayAsync($"/api/v1/pledges/{reference}/qr.png"));

        Assert.Contains("Các đợt thanh toán", page, StringComparison.Ordinal);
        // Paid 1.400.000 ₫: the first instalment (due 15/01) in full, 400.000 ₫ of the second; the third not yet due.
        Assert.Matches("<tr class=\"paid\">\\s*<td>1</td>\\s*<td>15/01/2027</td>\\s*<td>1.000.000 ₫</td>\\s*<td>1.000.000 ₫</td>\\s*<td>Đã nhận đủ</td>", page);
        Assert.Matches("<tr class=\"due-now\">\\s*<td>2</td>\\s*<td>15/02/2027</td>\\s*<td>1.000.000 ₫</td>\\s*<td>400.000 ₫</td>\\s*<td>Cần chuyển bây giờ</td>", page);
        Assert.Matches("<tr class=\"later\">\\s*<td>3</td>\\s*<td>15/03/2027</td>", page);
        Assert.Contains("Số tiền và mã QR dưới đây là của đợt 2 (hạn 15/02/2027).", page, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"big-number outstanding\">1.600.000 ₫</strong>", page, StringComparison.Ordinal); // still owed in all
        Assert.Contains("data-copy=\"600000\"", page, StringComparison.Ordinal);
        Assert.Contains("Mã VietQR: chuyển 600.000 ₫ tới tài khoản", page, StringComparison.Ordinal);
        Assert.NotNull(qr);
        Assert.Contains("5406600000", qr, StringComparison.Ordinal); // EMVCo tag 54: the amount, 600000 đồng
        Assert.Contains(reference, qr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dollar_pledge_shows_the_dollars_the_donor_typed_and_the_rate_it_was_converted_at()
    {
        await CampaignAsync(slug: Slug);
        var reference = await IntakeAsync(2_537_500, "USD", original: 100.50m, rate: 25_250m);
        var client = Site.CreateClient();

        var page = WebUtility.HtmlDecode(await GetHtmlAsync(client, $"/ung-ho/cam-ket/{reference}"));
        var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/pledges/{reference}")).RootElement;

        Assert.Contains("Bạn cam kết 100,5 USD; theo tỷ giá ghi trên cam kết (1 USD = 25.250 ₫), số tiền là 2.537.500 ₫ (thanh toán bằng thẻ).", page, StringComparison.Ordinal);
        Assert.Equal((100.50m, 25_250m), (status.GetProperty("originalAmount").GetDecimal(), status.GetProperty("exchangeRate").GetDecimal()));
    }

    [Fact]
    public async Task A_row_BackOffice_could_not_take_says_so_plainly_with_what_to_do_and_offers_no_transfer()
    {
        await CampaignAsync(slug: Slug);
        var reference = await IntakeAsync(300_000, outcome: PledgeIntakeOutcome.Failed);
        using var site = WithAccount();
        var client = site.CreateClient();

        var page = WebUtility.HtmlDecode(await GetHtmlAsync(client, $"/ung-ho/cam-ket/{reference}"));
        var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/pledges/{reference}")).RootElement;

        Assert.Contains("Chưa ghi nhận được cam kết này", page, StringComparison.Ordinal);
        Assert.Contains($"Xin đừng chuyển khoản theo mã {reference}.", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/ung-ho\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Đã nhận cam kết", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Số tài khoản", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Chiến dịch đã đóng", page, StringComparison.Ordinal);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/pledges/{reference}/qr.svg")).StatusCode);
    }
}

public class PledgePageTestsOnSqlite() : PledgePageTests(DatabaseProvider.Sqlite);

public class PledgePageTestsOnPostgres() : PledgePageTests(DatabaseProvider.Postgres);
