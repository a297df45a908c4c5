using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Mail;
using ChildAid.Shared.Pledges;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// A business pledges 300 winter jackets and no money: PublicSite takes it (amount 0 with goods lines), BackOffice makes the
/// pledge with its goods and mails a confirmation without transfer details; staff record the goods as they arrive (in-kind
/// receipts on the pledge), the pledge shows received against pledged and is kept once all came; a reversed receipt takes its
/// goods off again. The database refuses a pledge of nothing.
/// </summary>
public abstract class GoodsPledgeTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const string UnitCode = "99003";
    private ServiceProvider? _services;

    private ServiceProvider Services => _services ??= Db.Services(s => s.AddPledgeProcessing(new ConfigurationBuilder().AddInMemoryCollection(
        new Dictionary<string, string?>
        {
            ["Pledges:ReceivingUnitCode"] = UnitCode,
            ["PublicSite:BaseUrl"] = "https://childaid.example",
            ["PublicSite:Giving:BankName"] = "Ngân hàng DEMO",
            ["PublicSite:Giving:BankBin"] = "970422",
            ["PublicSite:Giving:AccountNumber"] = "0000000000",
            ["PublicSite:Giving:AccountName"] = "CHILDAID DEMO",
        }).Build(), worker: false));

    public override async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await base.DisposeAsync();
    }

    public static PledgeRequest Jackets(string campaign) => new()
    {
        Campaign = campaign, Amount = 0, Display = "name-only",
        Donor = new PledgeDonor { Kind = "business", Name = "Công ty CP Dệt May Tây Nguyên", Email = "kinhdoanh@detmay.example", TaxCode = "5900123456" },
        InKind =
        [
            new PledgeInKindLineRequest { Item = "Áo ấm", Quantity = 300, Unit = "chiếc", SizeBand = "6–8 tuổi", Delivery = "Giao tại UBND xã trước 20/12" },
            new PledgeInKindLineRequest { Item = "Mũ len", Quantity = 100, Unit = "chiếc" },
        ],
    };

    [Fact]
    public void Goods_alone_are_a_pledge_for_a_business_only_never_by_card_or_in_instalments()
    {
        Assert.Empty(Jackets("c").Validate());
        var person = Jackets("c");
        person.Donor.Kind = "individual";
        Assert.Contains("amount", person.Validate().Keys);
        var card = Jackets("c");
        card.Channel = "card";
        Assert.Contains("channel", card.Validate().Keys);
        var split = Jackets("c");
        split.Instalments = [new() { Due = new DateOnly(2027, 1, 1), Amount = 1 }, new() { Due = new DateOnly(2027, 2, 1), Amount = 1 }];
        Assert.Contains("instalments", split.Validate().Keys);
        var nothing = Jackets("c");
        nothing.InKind = null;
        Assert.Equal("Vui lòng nhập số tiền lớn hơn 0 ₫.", nothing.Validate()["amount"][0]);
        var huge = Jackets("c");
        huge.InKind![0].Quantity = 5_000_000_000;
        Assert.Contains("inKind[0].quantity", huge.Validate().Keys);
    }

    [Fact]
    public async Task Jackets_pledged_arrive_in_two_deliveries_and_the_pledge_follows_them()
    {
        await using (var db = Db.NewContext()) await TestData.UnitAsync(db, "Xã Ia Đal", code: UnitCode);
        var campaign = await WithDbAsync(db => TestData.CampaignAsync(db));
        string reference;
        await using (var intake = IntakeDbContext.Create(Db.IntakeOptions))
            reference = (await new PledgeIntakeService(intake, TimeProvider.System).SubmitAsync(Jackets(campaign.Slug), Guid.NewGuid().ToString())).Status.Reference;
        Assert.Equal(1, await Services.GetRequiredService<PledgeIntakeProcessor>().ProcessPendingAsync());

        var pledge = await WithDbAsync(db => db.Pledges.AsNoTracking().SingleAsync(p => p.Reference == reference));
        Assert.Equal((0L, PledgeState.Pledged, true), (pledge.AmountVnd, pledge.Status, pledge.IsGoodsOnly));
        var mail = await WithDbAsync(db => db.MailOutbox.AsNoTracking().Include(m => m.Attachments).SingleAsync(m => m.DedupeKey == "pledge:" + reference));
        Assert.Contains("hiện vật", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("300 chiếc Áo ấm, cỡ 6–8 tuổi — Giao tại UBND xã trước 20/12", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("0000000000", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(mail.Attachments);

        var first = Guid.NewGuid();
        var booked = await RecordAsync(pledge.Id, first, (120, 150_000), (null, null));
        Assert.Equal(ContributionMethod.InKind, booked.Method);
        Assert.Equal(18_000_000, booked.AmountVnd);
        var again = await RecordAsync(pledge.Id, first, (120, 150_000), (null, null));
        Assert.Equal(booked.Id, again.Id);
        var standing = await StandingAsync(reference);
        Assert.Equal(PledgeState.PartlyPaid, standing.Pledge.Status);
        Assert.Equal([(300L, 120L), (100L, 0L)], standing.Goods.Select(g => (g.PledgedQuantity, g.ReceivedQuantity)));
        Assert.Equal(0, standing.Pledge.PaidVnd);

        var second = await RecordAsync(pledge.Id, Guid.NewGuid(), (180, 150_000), (100, 60_000));
        Assert.Equal(PledgeState.Paid, (await StandingAsync(reference)).Pledge.Status);

        await using (var scope = Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "cli";
            Assert.True((await scope.ServiceProvider.GetRequiredService<ContributionService>().ReverseAsync(second.Id, "Giao nhầm lô")).Succeeded);
        }
        standing = await StandingAsync(reference);
        Assert.Equal(PledgeState.PartlyPaid, standing.Pledge.Status);
        Assert.Equal([120L, 0L], standing.Goods.Select(g => g.ReceivedQuantity));
    }

    [Fact]
    public void A_delivery_date_is_read_from_today_on_within_two_years()
    {
        var today = new DateOnly(2026, 12, 5);
        var pledge = Jackets("c");
        pledge.InKind![0].DeliverBy = today;
        Assert.Empty(pledge.Validate(today));
        pledge.InKind[0].DeliverBy = today.AddDays(-1);
        Assert.Equal("Ngày giao không được ở trong quá khứ.", pledge.Validate(today)["inKind[0].deliverBy"][0]);
        pledge.InKind[0].DeliverBy = today.AddYears(2).AddDays(1);
        Assert.Equal("Ngày giao trong vòng 2 năm tới.", pledge.Validate(today)["inKind[0].deliverBy"][0]);
        pledge.InKind[0].DeliverBy = null;
        pledge.InKind[0].DeliverByUnreadable = true;
        Assert.Equal("Vui lòng nhập ngày giao dạng dd/MM/yyyy, ví dụ 15/12/2026.", pledge.Validate(today)["inKind[0].deliverBy"][0]);
    }

    [Fact]
    public async Task Before_the_delivery_date_the_business_is_reminded_once_of_what_is_still_missing()
    {
        await using (var db = Db.NewContext()) await TestData.UnitAsync(db, "Xã Ia Đal", code: UnitCode);
        var campaign = await WithDbAsync(db => TestData.CampaignAsync(db));
        var today = Shared.Time.VietnamClock.VietnamToday(TimeProvider.System);
        var request = Jackets(campaign.Slug);
        request.InKind![0].DeliverBy = today.AddDays(3);
        request.InKind[1].DeliverBy = today.AddDays(2);
        string reference;
        await using (var intake = IntakeDbContext.Create(Db.IntakeOptions))
            reference = (await new PledgeIntakeService(intake, TimeProvider.System).SubmitAsync(request, Guid.NewGuid().ToString())).Status.Reference;
        Assert.Equal(1, await Services.GetRequiredService<PledgeIntakeProcessor>().ProcessPendingAsync());
        var pledge = await WithDbAsync(db => db.Pledges.AsNoTracking().SingleAsync(p => p.Reference == reference));
        var confirmation = await WithDbAsync(db => db.MailOutbox.AsNoTracking().SingleAsync(m => m.DedupeKey == "pledge:" + reference));
        Assert.Contains($"300 chiếc Áo ấm, cỡ 6–8 tuổi — Giao tại UBND xã trước 20/12 — trước {today.AddDays(3):dd/MM/yyyy}", confirmation.TextBody, StringComparison.Ordinal);

        // 120 jackets and all the hats came: the hats' date needs no reminder, the jackets' lists the 180 still missing.
        await RecordAsync(pledge.Id, Guid.NewGuid(), (120, 150_000), (100, 60_000));
        var reminders = Services.GetRequiredService<InstalmentReminders>();
        Assert.Equal(1, await reminders.QueueGoodsDueAsync());
        Assert.Equal(0, await reminders.QueueGoodsDueAsync());
        var mail = await WithDbAsync(db => db.MailOutbox.AsNoTracking().SingleAsync(m => m.Kind == MailMessageKind.GoodsDeliveryReminder));
        Assert.Equal(InstalmentReminders.GoodsDedupeKey(reference, today.AddDays(3)), mail.DedupeKey);
        Assert.Equal("kinhdoanh@detmay.example", mail.ToAddress);
        Assert.Contains($"trước ngày {today.AddDays(3):dd/MM/yyyy}", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("• 180 chiếc Áo ấm, cỡ 6–8 tuổi", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Mũ len", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/ung-ho/cam-ket/{reference}", mail.TextBody, StringComparison.Ordinal);
        var standing = await StandingAsync(reference);
        Assert.Equal(today.AddDays(3), standing.Goods[0].DeliverBy);
        Assert.False(standing.Goods[0].IsLate(today));
        Assert.True(standing.Goods[0].IsLate(today.AddDays(4)));
        Assert.False(standing.Goods[1].IsLate(today.AddDays(4)));
    }

    [Fact]
    public async Task A_quantity_refused_comes_back_next_to_its_row_and_books_nothing()
    {
        await using (var db = Db.NewContext()) await TestData.UnitAsync(db, "Xã Ia Đal", code: UnitCode);
        var campaign = await WithDbAsync(db => TestData.CampaignAsync(db));
        await using (var intake = IntakeDbContext.Create(Db.IntakeOptions))
            await new PledgeIntakeService(intake, TimeProvider.System).SubmitAsync(Jackets(campaign.Slug), Guid.NewGuid().ToString());
        await Services.GetRequiredService<PledgeIntakeProcessor>().ProcessPendingAsync();
        var id = await WithDbAsync(db => db.Pledges.Select(p => p.Id).SingleAsync());

        var outcome = await TryRecordAsync(id, Guid.NewGuid(), (null, null), (5, null));
        Assert.False(outcome.Succeeded);
        Assert.Equal(["Lines[1].UnitValueVnd"], outcome.Errors.Keys);
        Assert.Equal(0, await WithDbAsync(db => db.Contributions.CountAsync()));
    }

    [Fact]
    public async Task The_database_refuses_an_intake_row_or_a_pledge_of_nothing()
    {
        await using var db = Db.NewContext();
        var row = Jackets("c").ToIntake(null, DateTime.UtcNow);
        row.InKindLinesJson = null;
        db.PledgeIntake.Add(row);
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    private async Task<T> WithDbAsync<T>(Func<ChildAidDbContext, Task<T>> work)
    {
        await using var db = Db.NewContext();
        return await work(db);
    }

    private async Task<Shared.Validation.Outcome<Contribution>> TryRecordAsync(int pledgeId, Guid key, params (int? Quantity, long? Value)[] lines)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "cli";
        return await scope.ServiceProvider.GetRequiredService<PledgeService>().RecordGoodsAsync(pledgeId, new PledgeGoodsInput
        {
            ReceivedOn = new DateOnly(2026, 12, 1), IdempotencyKey = key,
            Lines = [.. lines.Select(l => new PledgeGoodsReceived { Quantity = l.Quantity, UnitValueVnd = l.Value })],
        });
    }

    private async Task<Contribution> RecordAsync(int pledgeId, Guid key, params (int? Quantity, long? Value)[] lines)
    {
        var outcome = await TryRecordAsync(pledgeId, key, lines);
        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return outcome.Value!;
    }

    private async Task<PledgeDetails> StandingAsync(string reference)
    {
        await using var scope = Services.CreateAsyncScope();
        var id = await WithDbAsync(db => db.Pledges.Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync());
        return (await scope.ServiceProvider.GetRequiredService<PledgeQueries>().DetailsAsync(id))!;
    }
}

public class GoodsPledgeTestsOnSqlite() : GoodsPledgeTests(DatabaseProvider.Sqlite);

public class GoodsPledgeTestsOnPostgres() : GoodsPledgeTests(DatabaseProvider.Postgres);
