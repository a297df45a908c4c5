using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Mail;
using ChildAid.Shared.Pledges;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// From what PublicSite took in (through the real intake path: the intake login on PostgreSQL) to BackOffice's pledge:
/// one donor, one pledge, one confirmation mail, however often and by however many processors a row is worked. The
/// processor runs as BackOffice's login (childaid_app).
/// </summary>
public abstract class PledgeIntakeProcessorTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const string UnitCode = "99002";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ServiceProvider? _processing;

    private static IConfiguration Settings(string? unitCode = UnitCode) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Pledges:ReceivingUnitCode"] = unitCode,
        ["Pledges:ProcessorIntervalSeconds"] = "1",
        ["PublicSite:BaseUrl"] = "https://childaid.example",
        ["PublicSite:Giving:BankName"] = "Ngân hàng DEMO",
        ["PublicSite:Giving:BankBin"] = "970422",
        ["PublicSite:Giving:AccountNumber"] = "0000000000",
        ["PublicSite:Giving:AccountName"] = "CHILDAID DEMO",
    }).Build();

    private ServiceProvider Processing => _processing ??= Db.Services(s =>
    {
        s.AddSingleton<TimeProvider>(_clock);
        s.AddPledgeProcessing(Settings(), worker: false);
    }, asApp: true);

    private PledgeIntakeProcessor Processor => Processing.GetRequiredService<PledgeIntakeProcessor>();

    public override async Task DisposeAsync()
    {
        if (_processing is not null) await _processing.DisposeAsync();
        await base.DisposeAsync();
    }

    private async Task<T> WithDbAsync<T>(Func<ChildAidDbContext, Task<T>> work)
    {
        await using var db = Db.NewContext();
        return await work(db);
    }

    private async Task<Campaign> ArrangeAsync()
    {
        await WithDbAsync(db => TestData.UnitAsync(db, "Xã Ia Đal", code: UnitCode));
        return await WithDbAsync(db => TestData.CampaignAsync(db));
    }

    private static PledgeRequest Request(string campaign, string? email = "lan.pham@example.com", string? phone = null, string name = "Phạm Thị Lan",
        bool abroad = false, string kind = "individual", string? taxCode = null, string display = "name-amount") => new()
    {
        Campaign = campaign, Amount = 300_000, Display = display, Message = "Chúc các em ấm áp", Abroad = abroad,
        Donor = new PledgeDonor { Kind = kind, Name = name, Email = email, Phone = phone, TaxCode = taxCode },
    };

    /// <summary>Through PublicSite's own service and login, as the form and the API write.</summary>
    private async Task<string> PledgeAsync(PledgeRequest request)
    {
        await using var intake = IntakeDbContext.Create(Db.IntakeOptions);
        var made = await new PledgeIntakeService(intake, TimeProvider.System).SubmitAsync(request, Guid.NewGuid().ToString());
        return made.Status.Reference;
    }

    private Task<Pledge> PledgeRowAsync(string reference) =>
        WithDbAsync(db => db.Pledges.AsNoTracking().Include(p => p.Donor).SingleAsync(p => p.Reference == reference));

    private Task<List<MailOutboxMessage>> MailsAsync(string reference) =>
        WithDbAsync(db => db.MailOutbox.AsNoTracking().Include(m => m.Attachments).Where(m => m.DedupeKey == "pledge:" + reference).ToListAsync());

    [Fact]
    public async Task An_intake_row_becomes_one_pledge_of_a_new_donor_in_the_receiving_unit_with_its_confirmation_mail()
    {
        var campaign = await ArrangeAsync();
        var reference = await PledgeAsync(Request(campaign.Slug, phone: "0912 345 678"));

        Assert.Equal(1, await Processor.ProcessPendingAsync());

        var pledge = await PledgeRowAsync(reference);
        Assert.Equal((300_000L, campaign.Id, PledgeState.Pledged, 0L), (pledge.AmountVnd, pledge.CampaignId, pledge.Status, pledge.PaidVnd));
        var unitId = await WithDbAsync(db => db.AdminUnits.Where(u => u.Code == UnitCode).Select(u => u.Id).SingleAsync());
        Assert.Equal(unitId, pledge.AdminUnitId);
        Assert.Equal(("Phạm Thị Lan", "lan.pham@example.com", "0912 345 678", DisplayChoice.NameAmount, DonorOrigin.Domestic, unitId),
            (pledge.Donor!.Name, pledge.Donor.Email, pledge.Donor.Phone, pledge.Donor.DisplayChoice, pledge.Donor.Origin, pledge.Donor.AdminUnitId));
        var intake = await WithDbAsync(db => db.PledgeIntake.AsNoTracking().SingleAsync(i => i.Reference == reference));
        Assert.Equal(PledgeIntakeOutcome.Pledged, intake.Outcome);
        Assert.NotNull(intake.ProcessedAt);

        var mail = Assert.Single(await MailsAsync(reference));
        Assert.Equal((MailMessageKind.PledgeConfirmation, "lan.pham@example.com", "vi"), (mail.Kind, mail.ToAddress, mail.Culture));
        Assert.Contains(reference, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("300.000 ₫", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("0000000000", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://childaid.example/ung-ho/cam-ket/" + reference, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(mail.Attachments, a => a.ContentType == "image/png" && a.Content.Length > 0);

        var audit = await WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Pledge)).ToListAsync());
        Assert.Equal(PledgeIntakeProcessor.Actor, Assert.Single(audit).Actor);
    }

    [Fact]
    public async Task The_confirmation_mail_carries_the_donors_private_link_which_opens_their_own_page()
    {
        var campaign = await ArrangeAsync();
        var reference = await PledgeAsync(Request(campaign.Slug));

        await Processor.ProcessPendingAsync();

        var mail = Assert.Single(await MailsAsync(reference));
        var token = System.Text.RegularExpressions.Regex.Match(mail.TextBody, DonorLinks.PathPrefix + "([A-Za-z0-9_-]{43})").Groups[1].Value;
        Assert.Contains("đường dẫn riêng", mail.TextBody, StringComparison.Ordinal);
        await using var scope = Processing.CreateAsyncScope();
        var donorId = await scope.ServiceProvider.GetRequiredService<DonorLinks>().DonorIdAsync(token);
        Assert.Equal((await PledgeRowAsync(reference)).DonorId, donorId);
    }

    [Fact]
    public async Task The_confirmation_mail_names_the_campaigns_own_account_when_it_has_one()
    {
        var campaign = await ArrangeAsync();
        var unitId = await WithDbAsync(db => db.AdminUnits.Where(u => u.Code == UnitCode).Select(u => u.Id).SingleAsync());
        await WithDbAsync(async db =>
        {
            var account = await BankStatements.BankTestData.AccountAsync(db, unitId, Shared.BankStatements.StatementPreset.Vietcombank, "VCB-AOAM", campaign.Id);
            account.AccountNumber = "1012345678";
            account.AccountName = "QUY AO AM CHO EM";
            return await db.SaveChangesAsync();
        });
        var reference = await PledgeAsync(Request(campaign.Slug));

        await Processor.ProcessPendingAsync();

        var mail = Assert.Single(await MailsAsync(reference));
        foreach (var text in new[] { "Vietcombank", "1012345678", "QUY AO AM CHO EM" }) Assert.Contains(text, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("0000000000", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_worked_again_and_again_stays_one_pledge_with_one_mail()
    {
        var campaign = await ArrangeAsync();
        var reference = await PledgeAsync(Request(campaign.Slug));
        var intakeId = await WithDbAsync(db => db.PledgeIntake.Where(i => i.Reference == reference).Select(i => i.Id).SingleAsync());

        await Processor.ProcessPendingAsync();
        Assert.Null(await Processor.ProcessAsync(intakeId));
        Assert.Equal(0, await Processor.ProcessPendingAsync());

        Assert.Equal(1, await WithDbAsync(db => db.Pledges.CountAsync()));
        Assert.Single(await MailsAsync(reference));
        Assert.Equal(1, await WithDbAsync(db => db.Donors.CountAsync()));
    }

    [Fact]
    public async Task Processors_racing_over_the_same_rows_make_each_pledge_once()
    {
        var campaign = await ArrangeAsync();
        var references = new List<string>();
        for (var i = 0; i < 5; i++) references.Add(await PledgeAsync(Request(campaign.Slug, email: $"racer{i}@example.com", name: $"Người đua {i}")));
        var intakeIds = await WithDbAsync(db => db.PledgeIntake.Select(i => i.Id).ToListAsync());

        // Two whole passes and, besides, every row worked by two tasks at the same moment.
        var passes = Enumerable.Range(0, 2).Select(_ => Task.Run(() => Processor.ProcessPendingAsync()));
        var pairs = intakeIds.SelectMany(id => Enumerable.Range(0, 2).Select(_ => Task.Run(() => Processor.ProcessAsync(id))));
        await Task.WhenAll([.. passes, .. pairs]);

        var pledges = await WithDbAsync(db => db.Pledges.AsNoTracking().ToListAsync());
        Assert.Equal(references.Order(), pledges.Select(p => p.Reference).Order());
        Assert.Equal(5, await WithDbAsync(db => db.Donors.CountAsync()));
        Assert.Equal(5, await WithDbAsync(db => db.MailOutbox.CountAsync(m => m.Kind == MailMessageKind.PledgeConfirmation)));
        Assert.Equal(5, await WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Pledge))));
    }

    [Fact]
    public async Task A_known_donor_is_found_by_tax_code_email_or_phone_instead_of_registered_twice()
    {
        var campaign = await ArrangeAsync();
        var known = await WithDbAsync(async db =>
        {
            var unit = await db.AdminUnits.SingleAsync(u => u.Code == UnitCode);
            var donor = new Donor
            {
                Name = "Công ty TNHH Ánh Dương", Kind = DonorKind.Business, Origin = DonorOrigin.Domestic, Email = "LienHe@AnhDuong.example",
                Phone = "0912345678", TaxCode = "0101234567", DisplayChoice = DisplayChoice.NameOnly, AdminUnitId = unit.Id, CreatedAt = DateTime.UtcNow,
            };
            db.Donors.Add(donor);
            await db.SaveChangesAsync();
            return donor;
        });
        var byTax = await PledgeAsync(Request(campaign.Slug, email: null, phone: "0900 000 000", kind: "business", taxCode: "0101234567", name: "Ánh Dương"));
        var byEmail = await PledgeAsync(Request(campaign.Slug, email: "lienhe@anhduong.example"));
        var byPhone = await PledgeAsync(Request(campaign.Slug, email: null, phone: "+84 912 345 678"));

        await Processor.ProcessPendingAsync();

        foreach (var reference in new[] { byTax, byEmail, byPhone })
            Assert.Equal(known.Id, (await PledgeRowAsync(reference)).DonorId);
        Assert.Equal(1, await WithDbAsync(db => db.Donors.CountAsync()));
        var donor = await WithDbAsync(db => db.Donors.AsNoTracking().SingleAsync());
        Assert.Equal(("Công ty TNHH Ánh Dương", DisplayChoice.NameOnly), (donor.Name, donor.DisplayChoice)); // a public form changes no record
    }

    [Fact]
    public async Task A_known_donor_asking_to_be_shown_less_is_shown_less_past_gifts_too_but_never_more_from_a_public_form()
    {
        await using var shown = await GiftDesk.OpenAsync(Db, "Trần Thị Bình", DisplayChoice.NameAmount);
        await using var hidden = await GiftDesk.OpenAsync(Db, "Lê Văn Cường", DisplayChoice.Anonymous);
        shown.Donor.Email = "binh@example.com";
        hidden.Donor.Email = "cuong@example.com";
        await shown.Db.SaveChangesAsync();
        await hidden.Db.SaveChangesAsync();
        Assert.True((await shown.GiveAsync(200_000)).Succeeded);
        var campaign = await ArrangeAsync();
        var before = await WithDbAsync(db => db.HonorRollEntries.AsNoTracking().SingleAsync(h => h.DonorKey == shown.Donor.PublicKey));
        Assert.Contains("Bình", before.DisplayName, StringComparison.Ordinal);

        var anonymous = await PledgeAsync(Request(campaign.Slug, email: "binh@example.com", name: "Trần Thị Bình", display: "anonymous"));
        var named = await PledgeAsync(Request(campaign.Slug, email: "cuong@example.com", name: "Lê Văn Cường", display: "name-amount-message"));
        await Processor.ProcessPendingAsync();

        Assert.Equal(shown.Donor.Id, (await PledgeRowAsync(anonymous)).DonorId);
        Assert.Equal(hidden.Donor.Id, (await PledgeRowAsync(named)).DonorId);
        var choices = await WithDbAsync(db => db.Donors.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.DisplayChoice));
        Assert.Equal(DisplayChoice.Anonymous, choices[shown.Donor.Id]);
        Assert.Equal(DisplayChoice.Anonymous, choices[hidden.Donor.Id]); // only the donor's own page shows a donor more
        var after = await WithDbAsync(db => db.HonorRollEntries.AsNoTracking().SingleAsync(h => h.DonorKey == shown.Donor.PublicKey));
        Assert.DoesNotContain("Bình", after.DisplayName, StringComparison.Ordinal); // the earlier gift too
        Assert.Null(after.AmountVnd);
        Assert.Equal("Chúc các em ấm áp", (await PledgeRowAsync(anonymous)).Message);
    }

    [Fact]
    public async Task A_row_whose_campaign_is_gone_or_closed_is_marked_failed_with_the_reason_and_the_rows_behind_it_still_become_pledges()
    {
        var campaign = await ArrangeAsync();
        var closed = await WithDbAsync(db => TestData.CampaignAsync(db, "Bữa trưa cho em"));
        var gone = await PledgeAsync(Request(campaign.Slug));
        var late = await PledgeAsync(Request(closed.Slug, email: "late@example.com"));
        var fine = await PledgeAsync(Request(campaign.Slug, email: "fine@example.com"));
        await WithDbAsync(async db =>
        {
            await db.Campaigns.Where(c => c.Id == closed.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatus.Closed));
            // The first row names a campaign that does not exist (any more).
            return await db.PledgeIntake.Where(i => i.Reference == gone).ExecuteUpdateAsync(u => u.SetProperty(i => i.CampaignSlug, "da-xoa"));
        });

        Assert.Equal(1, await Processor.ProcessPendingAsync());
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await Processor.ProcessPendingAsync()); // failed rows are never retried

        var rows = await WithDbAsync(db => db.PledgeIntake.AsNoTracking().ToDictionaryAsync(i => i.Reference));
        Assert.Equal(PledgeIntakeOutcome.Failed, rows[gone].Outcome);
        Assert.Contains("da-xoa", rows[gone].Failure, StringComparison.Ordinal);
        Assert.Equal(PledgeIntakeOutcome.Failed, rows[late].Outcome);
        Assert.Contains("không còn nhận ủng hộ", rows[late].Failure, StringComparison.Ordinal);
        Assert.Equal(PledgeIntakeOutcome.Pledged, rows[fine].Outcome);
        Assert.Equal([fine], await WithDbAsync(db => db.Pledges.Select(p => p.Reference).ToListAsync()));
        Assert.Empty(await MailsAsync(gone));
    }

    [Fact]
    public async Task A_donor_abroad_is_written_to_in_English_and_a_donor_without_email_gets_no_mail()
    {
        var campaign = await ArrangeAsync();
        var abroad = await PledgeAsync(Request(campaign.Slug, email: "john.smith@example.com", name: "John Smith", abroad: true));
        var phoneOnly = await PledgeAsync(Request(campaign.Slug, email: null, phone: "0987 654 321", display: "anonymous", name: ""));

        await Processor.ProcessPendingAsync();

        var mail = Assert.Single(await MailsAsync(abroad));
        Assert.Equal("en", mail.Culture);
        Assert.Contains("Your pledge " + abroad, mail.Subject, StringComparison.Ordinal);
        Assert.Equal((DonorOrigin.Foreign, (string?)null), ((await PledgeRowAsync(abroad)).Donor!.Origin, (await PledgeRowAsync(abroad)).Donor!.Country));
        Assert.Empty(await MailsAsync(phoneOnly));
        var anonymous = (await PledgeRowAsync(phoneOnly)).Donor!;
        Assert.Equal((PledgeIntakeProcessor.AnonymousName, DisplayChoice.Anonymous), (anonymous.Name, anonymous.DisplayChoice));
    }

    [Fact]
    public async Task Without_a_receiving_unit_configured_rows_wait_untouched()
    {
        var campaign = await WithDbAsync(db => TestData.CampaignAsync(db));
        var reference = await PledgeAsync(Request(campaign.Slug));

        Assert.Equal(0, await Processor.ProcessPendingAsync()); // the unit 99002 does not exist

        var row = await WithDbAsync(db => db.PledgeIntake.AsNoTracking().SingleAsync(i => i.Reference == reference));
        Assert.Equal((null, null, 0), (row.ProcessedAt, row.Outcome, row.Attempts));
    }

    [Fact]
    public async Task A_pledge_made_while_BackOffice_is_down_is_processed_when_its_worker_starts()
    {
        var campaign = await ArrangeAsync();
        var reference = await PledgeAsync(Request(campaign.Slug)); // no worker runs anywhere

        using var host = new HostBuilder().ConfigureServices(s =>
        {
            s.AddLogging();
            s.AddChildAidData(Db.AppOptions);
            s.AddPledgeProcessing(Settings());
        }).Build();
        await host.StartAsync();
        try
        {
            // The worker's first pass runs as it starts; wait for it (bounded), not for a timer.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await WithDbAsync(db => db.Pledges.CountAsync(p => p.Reference == reference)) == 0 && DateTime.UtcNow < deadline)
                await Task.Delay(100);
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Equal(PledgeState.Pledged, (await PledgeRowAsync(reference)).Status);
        Assert.Single(await MailsAsync(reference));
    }
}

public class PledgeIntakeProcessorTestsOnSqlite() : PledgeIntakeProcessorTests(DatabaseProvider.Sqlite);

public class PledgeIntakeProcessorTestsOnPostgres() : PledgeIntakeProcessorTests(DatabaseProvider.Postgres);
