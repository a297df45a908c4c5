using System.Net;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// BackOffice's Cam kết pages: the list (search without diacritics, filters, paid and outstanding), one pledge with its
/// instalments, goods, message and receipts, cancelling an unpaid pledge (audited), and another unit's pledges out of reach.
/// </summary>
public abstract class PledgePagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private sealed record World(int Unit, int OtherUnit, int Campaign, int Pledge, int OtherPledge);

    private const string Reference = "CA2222222";
    private const string OtherReference = "CA3333333";

    /// <summary>A business pledge of 300.000 ₫ in two instalments with goods and a message, 100.000 ₫ paid; another unit's pledge.</summary>
    private async Task<World> ArrangeAsync(bool paid = true)
    {
        int unit, other, campaign, donor, otherDonor;
        var intakeId = Guid.NewGuid();
        await using (var db = Db.NewContext())
        {
            unit = (await TestData.UnitAsync(db, "Xã Ia Đal", "23535")).Id;
            other = (await TestData.UnitAsync(db, "Xã Ia Tơi", "23538")).Id;
            campaign = (await TestData.CampaignAsync(db, "Áo ấm cho em")).Id;
            donor = (await TestData.DonorAsync(db, unit, "Công ty TNHH Ánh Dương", kind: DonorKind.Business)).Id;
            otherDonor = (await TestData.DonorAsync(db, other, "Lê Văn Cường")).Id;
            db.PledgeIntake.Add(new PledgeIntake
            {
                Id = intakeId, Reference = Reference, CampaignSlug = "ao-am", AmountVnd = 300_000, Display = DisplayChoice.NameAmount,
                Message = "Mong các em có mùa đông ấm", DonorKind = DonorKind.Business, DonorName = "Công ty TNHH Ánh Dương",
                Origin = DonorOrigin.Domestic, Channel = PaymentChannel.Transfer, ReceivedAt = DateTime.UtcNow,
                InKindLinesJson = """[{"item":"Áo khoác trẻ em","quantity":300,"unit":"chiếc","sizeBand":"6–8 tuổi","delivery":"Giao trước 15/12"}]""",
                ProcessedAt = DateTime.UtcNow, Outcome = PledgeIntakeOutcome.Pledged,
            });
            db.Pledges.AddRange(
                new Pledge
                {
                    Reference = Reference, IntakeId = intakeId, DonorId = donor, AdminUnitId = unit, CampaignId = campaign, AmountVnd = 300_000,
                    CreatedAt = DateTime.UtcNow, InstalmentsJson = """[{"due":"2027-01-15","amountVnd":150000},{"due":"2026-12-15","amountVnd":150000}]""",
                    InKindLinesJson = """[{"item":"Áo khoác trẻ em","quantity":300,"unit":"chiếc","sizeBand":"6–8 tuổi","delivery":"Giao trước 15/12"}]""",
                },
                new Pledge { Reference = OtherReference, IntakeId = Guid.NewGuid(), DonorId = otherDonor, AdminUnitId = other, CampaignId = campaign, AmountVnd = 200_000, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var ids = await WithDbAsync(db => db.Pledges.OrderBy(p => p.Reference).Select(p => p.Id).ToListAsync());
        if (paid)
        {
            await using var sp = Db.Services();
            await using var scope = Scope(sp, "cli");
            var input = TestData.Cash(donor, unit, 100_000, campaign);
            input.PledgeId = ids[0];
            var booked = await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(input);
            Assert.True(booked.Succeeded, string.Join("; ", booked.Errors.Values));
        }
        return new World(unit, other, campaign, ids[0], ids[1]);
    }

    private async Task<T> WithDbAsync<T>(Func<ChildAidDbContext, Task<T>> work)
    {
        await using var db = Db.NewContext();
        return await work(db);
    }

    private async Task<StaffClient> OfficerAsync(int unit, string name = "chuongtrinh", string role = Roles.ProgrammeOfficer)
    {
        await StaffAsync(name, [role], unit);
        return await LogInAsync(name);
    }

    [Fact]
    public async Task Staff_find_a_pledge_by_the_donors_name_without_diacritics_or_by_its_reference_with_paid_and_outstanding()
    {
        var world = await ArrangeAsync();
        var officer = await OfficerAsync(world.Unit);

        var byName = await officer.GetPageAsync("/Pledges?q=cong+ty+tnhh+anh+duong");
        Assert.Contains(Reference, byName);
        Assert.Contains("300.000 ₫", byName);
        Assert.Contains("100.000 ₫", byName);
        Assert.Contains("200.000 ₫", byName);
        Assert.Contains("Đã trả một phần", byName);
        Assert.Contains(Reference, await officer.GetPageAsync("/Pledges?q=ca+2222"));
        Assert.DoesNotContain(Reference, await officer.GetPageAsync("/Pledges?q=nguyen+van+an"));
        Assert.DoesNotContain(Reference, await officer.GetPageAsync("/Pledges?status=Paid"));
        Assert.Contains(Reference, await officer.GetPageAsync($"/Pledges?status=PartlyPaid&campaignId={world.Campaign}"));
    }

    [Fact]
    public async Task The_pledge_shows_its_instalments_oldest_paid_first_its_goods_its_message_and_the_receipt_that_paid_it()
    {
        var world = await ArrangeAsync();
        var officer = await OfficerAsync(world.Unit);

        var page = await officer.GetPageAsync($"/Pledges/{world.Pledge}");

        Assert.Contains("Công ty TNHH Ánh Dương", page);
        Assert.Contains("Mong các em có mùa đông ấm", page);
        Assert.Contains("Áo khoác trẻ em", page);
        Assert.Contains("Giao trước 15/12", page);
        // 100.000 ₫ paid goes to the instalment due first (15/12/2026), which still owes 50.000 ₫.
        Assert.Matches(@"15/12/2026</td>\s*<td[^>]*>150\.000 ₫</td>\s*<td[^>]*>100\.000 ₫</td>\s*<td[^>]*>50\.000 ₫", page);
        Assert.Matches(@"15/01/2027</td>\s*<td[^>]*>150\.000 ₫</td>\s*<td[^>]*>0 ₫</td>\s*<td[^>]*>150\.000 ₫", page);
        var receipt = await WithDbAsync(db => db.Contributions.Where(c => c.PledgeId == world.Pledge).Select(c => c.ReceiptNumber).SingleAsync());
        Assert.Contains(receipt, page);
        Assert.DoesNotContain("Hủy cam kết", page); // paid something: not cancellable
    }

    [Fact]
    public async Task Another_units_staff_neither_list_nor_open_the_pledge()
    {
        var world = await ArrangeAsync();
        var officer = await OfficerAsync(world.Unit);

        Assert.DoesNotContain(OtherReference, await officer.GetPageAsync("/Pledges"));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Pledges/{world.OtherPledge}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Pledges/Cancel/{world.OtherPledge}")).Response.StatusCode);
    }

    [Fact]
    public async Task Staff_cancel_an_unpaid_pledge_which_the_audit_records_and_a_paid_one_stays()
    {
        var world = await ArrangeAsync(paid: false);
        var officer = await OfficerAsync(world.Unit);
        Assert.Contains("Hủy cam kết", await officer.GetPageAsync($"/Pledges/{world.Pledge}"));

        var form = await officer.GetPageAsync($"/Pledges/Cancel/{world.Pledge}");
        var cancelled = await officer.PostWithTokenAsync($"/Pledges/Cancel/{world.Pledge}", StaffClient.Token(form), []);

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("Đã hủy cam kết " + Reference, await officer.FollowAsync(cancelled));
        Assert.Equal(PledgeState.Cancelled, await WithDbAsync(db => db.Pledges.Where(p => p.Id == world.Pledge).Select(p => p.Status).SingleAsync()));
        var audit = await WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == nameof(Pledge) && a.Action == "Modified"));
        Assert.Equal(("chuongtrinh", Reference), (audit.Actor, audit.Label));
        Assert.Contains("\"Status\"", audit.After);
        Assert.Contains("\"Status\"", audit.Before);
    }

    [Fact]
    public async Task A_pledge_with_a_payment_is_not_cancelled()
    {
        var world = await ArrangeAsync();
        var officer = await OfficerAsync(world.Unit);

        var form = await officer.GetPageAsync($"/Pledges/Cancel/{world.Pledge}");
        var answer = await officer.PostWithTokenAsync($"/Pledges/Cancel/{world.Pledge}", StaffClient.Token(form), []);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("không hủy được cam kết đã có thanh toán", await answer.Content.ReadAsStringAsync());
        Assert.Equal(PledgeState.PartlyPaid, await WithDbAsync(db => db.Pledges.Where(p => p.Id == world.Pledge).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Staff_record_a_transfer_seen_in_the_bank_app_on_the_pledge_once_however_often_the_form_is_posted()
    {
        var world = await ArrangeAsync(paid: false);
        var officer = await OfficerAsync(world.Unit);
        var form = await officer.GetPageAsync($"/Pledges/RecordTransfer/{world.Pledge}");
        var fields = new Dictionary<string, string>
        {
            ["Input.AmountVnd"] = "120.000", ["Input.ReceivedOn"] = Vn(Today), ["Input.IdempotencyKey"] = StaffClient.Hidden(form, "Input.IdempotencyKey"),
        };

        var first = await officer.PostWithTokenAsync($"/Pledges/RecordTransfer/{world.Pledge}", StaffClient.Token(form), fields);
        var again = await officer.PostWithTokenAsync($"/Pledges/RecordTransfer/{world.Pledge}", StaffClient.Token(form), fields);

        Assert.Contains("Đã ghi nhận phiếu thu", await officer.FollowAsync(first));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var contribution = await WithDbAsync(db => db.Contributions.AsNoTracking().SingleAsync(c => c.PledgeId == world.Pledge));
        Assert.Equal((120_000L, ContributionChannel.Transfer, ContributionMethod.BankTransfer, world.Campaign), (contribution.AmountVnd, contribution.Channel, contribution.Method, contribution.CampaignId));
        var pledge = await WithDbAsync(db => db.Pledges.AsNoTracking().SingleAsync(p => p.Id == world.Pledge));
        Assert.Equal((PledgeState.PartlyPaid, 120_000L), (pledge.Status, pledge.PaidVnd));
        Assert.Equal(contribution.DonorId, pledge.DonorId);
    }

    [Fact]
    public async Task Staff_record_goods_that_arrived_for_the_pledge_and_its_page_shows_received_and_missing()
    {
        var world = await ArrangeAsync(paid: false);
        var officer = await OfficerAsync(world.Unit);
        var form = await officer.GetPageAsync($"/Pledges/RecordGoods/{world.Pledge}");
        Assert.Contains("Áo khoác trẻ em, cỡ 6–8 tuổi", form);
        Assert.Equal("300", StaffClient.Hidden(form, "Input.Lines[0].Quantity"));
        var fields = new Dictionary<string, string>
        {
            ["Input.ReceivedOn"] = Vn(Today), ["Input.IdempotencyKey"] = StaffClient.Hidden(form, "Input.IdempotencyKey"),
            ["Input.Lines[0].Quantity"] = "100", ["Input.Lines[0].UnitValueVnd"] = "",
        };

        var refused = await officer.PostWithTokenAsync($"/Pledges/RecordGoods/{world.Pledge}", StaffClient.Token(form), fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Vui lòng nhập đơn giá ước tính", await refused.Content.ReadAsStringAsync());
        fields["Input.Lines[0].UnitValueVnd"] = "150.000";
        var booked = await officer.PostWithTokenAsync($"/Pledges/RecordGoods/{world.Pledge}", StaffClient.Token(form), fields);
        Assert.Contains("Đã lập phiếu thu hiện vật", await officer.FollowAsync(booked));

        var receipt = await WithDbAsync(db => db.Contributions.AsNoTracking().Include(c => c.GoodsLines).SingleAsync(c => c.PledgeId == world.Pledge));
        Assert.Equal((ContributionMethod.InKind, 15_000_000L), (receipt.Method, receipt.AmountVnd));
        Assert.Equal(("Áo khoác trẻ em, cỡ 6–8 tuổi", 100, "chiếc"), (receipt.GoodsLines[0].Item, receipt.GoodsLines[0].Quantity, receipt.GoodsLines[0].Unit));
        var pledge = await WithDbAsync(db => db.Pledges.AsNoTracking().SingleAsync(p => p.Id == world.Pledge));
        Assert.Equal((PledgeState.Pledged, 0L), (pledge.Status, pledge.PaidVnd));
        var page = await officer.GetPageAsync($"/Pledges/{world.Pledge}");
        Assert.Contains("""<td data-label="Đã nhận" class="money">100</td>""", page);
        Assert.Contains("""<td data-label="Còn thiếu" class="money">200</td>""", page);
    }

    [Fact]
    public async Task An_inspector_reads_pledges_but_may_not_cancel()
    {
        var world = await ArrangeAsync(paid: false);
        var inspector = await OfficerAsync(world.Unit, "thanhtra", Roles.Inspector);

        var page = await inspector.GetPageAsync($"/Pledges/{world.Pledge}");
        Assert.DoesNotContain("/Pledges/Cancel/", page);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync($"/Pledges/Cancel/{world.Pledge}")).Response.StatusCode);
    }

    [Fact]
    public async Task Online_pledges_that_could_not_be_made_are_listed_with_the_reason()
    {
        await ArrangeAsync(paid: false);
        await using (var db = Db.NewContext())
        {
            db.PledgeIntake.Add(new PledgeIntake
            {
                Id = Guid.NewGuid(), Reference = "CA4444444", CampaignSlug = "da-xoa", AmountVnd = 50_000, Display = DisplayChoice.Anonymous,
                DonorKind = DonorKind.Person, DonorName = "", DonorPhone = "0912 345 678", Origin = DonorOrigin.Domestic, Channel = PaymentChannel.Transfer,
                ReceivedAt = DateTime.UtcNow, ProcessedAt = DateTime.UtcNow, Outcome = PledgeIntakeOutcome.Failed,
                Failure = "Chiến dịch «da-xoa» không còn tồn tại; không tạo được cam kết.",
            });
            await db.SaveChangesAsync();
        }
        var admin = await LogInAsAdminAsync();

        var page = await admin.GetPageAsync("/Pledges");

        Assert.Contains("Đăng ký không tạo được cam kết", page);
        Assert.Contains("CA4444444", page);
        Assert.Contains("Chiến dịch «da-xoa» không còn tồn tại", page);
    }

    [Fact]
    public async Task Staff_send_a_failed_online_pledge_back_to_the_worker_which_the_audit_records()
    {
        await ArrangeAsync(paid: false);
        var id = Guid.NewGuid();
        await using (var db = Db.NewContext())
        {
            db.PledgeIntake.Add(new PledgeIntake
            {
                Id = id, Reference = "CA4444444", CampaignSlug = "dong-tam-thoi", AmountVnd = 50_000, Display = DisplayChoice.Anonymous,
                DonorKind = DonorKind.Person, DonorName = "", DonorPhone = "0912 345 678", Origin = DonorOrigin.Domestic, Channel = PaymentChannel.Transfer,
                ReceivedAt = DateTime.UtcNow, ProcessedAt = DateTime.UtcNow, Outcome = PledgeIntakeOutcome.Failed, Attempts = PledgeIntake.MaxAttempts,
                Failure = "Chiến dịch «dong-tam-thoi» đã đóng; không tạo được cam kết.",
            });
            await db.SaveChangesAsync();
        }
        var admin = await LogInAsAdminAsync();
        var page = await admin.GetPageAsync("/Pledges");

        var answer = await admin.PostWithTokenAsync($"/Pledges?handler=Retry&id={id}", StaffClient.Token(page), []);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var after = await admin.FollowAsync(answer);
        Assert.Contains("Đã gửi lại đăng ký CA4444444 để xử lý", after);
        Assert.DoesNotContain("Chiến dịch «dong-tam-thoi» đã đóng", after);
        var row = await WithDbAsync(db => db.PledgeIntake.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Null(row.ProcessedAt);
        Assert.Null(row.Outcome);
        Assert.Equal(0, row.Attempts);
        var audit = await WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == nameof(PledgeIntake)));
        Assert.Equal("Modified", audit.Action);
        Assert.Contains("\"Outcome\"", audit.Before);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostWithTokenAsync($"/Pledges?handler=Retry&id={id}", StaffClient.Token(after), [])).StatusCode);
    }
}

public class PledgePagesTestsOnSqlite() : PledgePagesTests(DatabaseProvider.Sqlite);

public class PledgePagesTestsOnPostgres() : PledgePagesTests(DatabaseProvider.Postgres);
