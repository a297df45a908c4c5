using System.Net.Mail;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Mail;
using ChildAid.Shared.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Pledges;

/// <summary>
/// Turns what PublicSite took in (<see cref="PledgeIntake"/>) into BackOffice's records: the donor (found by tax code,
/// e-mail or phone, else registered in the receiving unit) and the <see cref="Pledge"/>, with the pledge confirmation
/// mail queued in the same transaction. Exactly once without any memory: the transaction first marks the row processed
/// with <c>UPDATE … WHERE processed_at IS NULL</c> (a second processor waits on that row and then finds it done), and the
/// pledge's UNIQUE intake id is the backstop. A row that cannot become a pledge (its campaign is gone or closed) is
/// marked Failed with the reason for staff; an unexpected error is retried with back-off and marked Failed after
/// <see cref="PledgeIntake.MaxAttempts"/> tries. Neither stops the rows behind it.
/// </summary>
public sealed class PledgeIntakeProcessor(IServiceScopeFactory scopes, IOptions<PledgeOptions> options, IOptions<GivingAccountOptions> giving,
    TimeProvider clock, ILogger<PledgeIntakeProcessor> log)
{
    /// <summary>The audit trail's name for what the processor writes.</summary>
    public const string Actor = "Cam kết trực tuyến (tự động)";
    public const int MaxFailureLength = 1000;
    public const string AnonymousName = "Nhà tài trợ ẩn danh";
    private const int BatchSize = 100;

    /// <summary>One pass over the rows that are due, oldest first. Returns how many became pledges in this pass.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken ct = default)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            if (await ReceivingUnitAsync(db, ct) is null) return 0;
            var now = clock.GetUtcNow().UtcDateTime;
            due = await db.PledgeIntake.AsNoTracking()
                .Where(i => i.ProcessedAt == null && (i.RetryAfter == null || i.RetryAfter <= now))
                .OrderBy(i => i.ReceivedAt).Select(i => i.Id).Take(BatchSize).ToListAsync(ct);
        }
        var pledged = 0;
        foreach (var id in due)
            if (await ProcessAsync(id, ct) == PledgeIntakeOutcome.Pledged) pledged++;
        return pledged;
    }

    /// <summary>Works one intake row in its own scope and transaction. Null when another processor had it or it waits for a retry.</summary>
    public async Task<PledgeIntakeOutcome?> ProcessAsync(Guid intakeId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = Actor;
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        // BackOffice starts every context with an empty unit scope (fail closed, for requests); the processor works for
        // the whole organisation, like the CLI.
        (db.UnitScope, db.OrganisationScope) = (null, null);
        try
        {
            return await ProcessInTransactionAsync(scope.ServiceProvider, db, intakeId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another processor made the pledge first: the UNIQUE intake id refused ours.
            if (e is DbUpdateException && await IsSettledAsync(db, intakeId, ct)) return null;
            log.LogError(e, "Pledge intake {IntakeId} failed; it is retried with back-off", intakeId);
            await RecordErrorAsync(db, intakeId, e.Message, ct);
            return null;
        }
    }

    private async Task<PledgeIntakeOutcome?> ProcessInTransactionAsync(IServiceProvider services, ChildAidDbContext db, Guid intakeId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // The claim: only one transaction can move the row from waiting to pledged.
        var claimed = await db.PledgeIntake.Where(i => i.Id == intakeId && i.ProcessedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.ProcessedAt, now).SetProperty(i => i.Outcome, PledgeIntakeOutcome.Pledged)
                .SetProperty(i => i.Failure, (string?)null).SetProperty(i => i.RetryAfter, (DateTime?)null), ct);
        if (claimed == 0) return null;
        var intake = await db.PledgeIntake.AsNoTracking().SingleAsync(i => i.Id == intakeId, ct);

        var unit = await ReceivingUnitAsync(db, ct) ?? throw new InvalidOperationException("Chưa cấu hình Pledges:ReceivingUnitCode.");
        var campaign = intake.CampaignSlug is { Length: > 0 } slug ? await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, ct) : null;
        var problem = campaign is null ? $"Chiến dịch «{intake.CampaignSlug}» không còn tồn tại; không tạo được cam kết."
            : campaign.Status != CampaignStatus.Active ? $"Chiến dịch «{campaign.Title}» không còn nhận ủng hộ; không tạo được cam kết."
            : null;
        if (problem is not null)
        {
            await db.PledgeIntake.Where(i => i.Id == intakeId)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Outcome, PledgeIntakeOutcome.Failed).SetProperty(i => i.Failure, problem), ct);
            await tx.CommitAsync(ct);
            log.LogWarning("Pledge {Reference} needs a person: {Problem}", intake.Reference, problem);
            return PledgeIntakeOutcome.Failed;
        }

        var donor = await ActivatorUtilities.CreateInstance<DonorService>(services).FindByContactAsync(intake.DonorTaxCode, intake.DonorEmail, intake.DonorPhone, ct)
                    ?? NewDonor(intake, unit.Id, now);
        // A known donor asking to be shown less this time is shown less from now on, past gifts too (the honor roll is
        // reprojected below). The other way round needs the donor's own page: whoever knows a donor's e-mail could
        // otherwise put their name and amounts on the public site from an anonymous form.
        var morePrivate = donor.Id != 0 && Enum.IsDefined(intake.Display) && intake.Display > donor.DisplayChoice;
        if (morePrivate) donor.DisplayChoice = intake.Display;
        var pledge = new Pledge
        {
            Reference = intake.Reference,
            IntakeId = intake.Id,
            Donor = donor,
            CampaignId = campaign!.Id,
            AdminUnitId = unit.Id,
            AmountVnd = intake.AmountVnd,
            Currency = intake.Currency,
            OriginalAmount = intake.OriginalAmount,
            ExchangeRate = intake.ExchangeRate,
            InstalmentsJson = intake.InstalmentsJson,
            InKindLinesJson = intake.InKindLinesJson,
            Message = string.IsNullOrWhiteSpace(intake.Message) ? null : intake.Message.Trim(),
            CreatedAt = now,
        };
        db.Pledges.Add(pledge);
        await QueueConfirmationAsync(db, services.GetRequiredService<MailOutbox>(), services.GetRequiredService<DonorLinks>(), intake, donor, campaign, ct);
        // The form's "send me this campaign's news": double opt-in, its confirmation mail goes with the pledge's.
        if (intake.FollowCampaign && intake.DonorEmail is { Length: > 0 } followEmail)
        {
            await db.SaveChangesAsync(ct); // the donor's id, for the follower row
            await services.GetRequiredService<CampaignUpdates.CampaignFollowers>().RequestAsync(campaign, followEmail,
                string.IsNullOrWhiteSpace(intake.DonorName) ? null : intake.DonorName.Trim(), intake.Origin == DonorOrigin.Foreign ? "en" : "vi", donor.Id, ct);
        }
        await db.SaveChangesAsync(ct);
        if (morePrivate)
        {
            await HonorRoll.HonorRollProjection.ReprojectAsync(db, donor, ct);
            await db.Database.ExecuteSqlRawAsync("UPDATE public_data_versions SET version = version + 1 WHERE id = 1", ct);
        }
        await tx.CommitAsync(ct);
        return PledgeIntakeOutcome.Pledged;
    }

    /// <summary>A new donor as the pledge form described them; anonymous donors may leave the name empty.</summary>
    private static Donor NewDonor(PledgeIntake intake, int unitId, DateTime now)
    {
        var donor = new Donor
        {
            Kind = intake.DonorKind,
            Origin = intake.Origin,
            Name = string.IsNullOrWhiteSpace(intake.DonorName) ? AnonymousName : intake.DonorName.Trim(),
            Email = intake.DonorEmail,
            Phone = intake.DonorPhone,
            Address = intake.DonorAddress,
            TaxCode = intake.DonorTaxCode,
            // The form asks "abroad or not", not which country: unknown for a donor abroad until staff fill it in.
            Country = intake.Origin == DonorOrigin.Domestic ? "VN" : null,
            DisplayChoice = intake.Display,
            AdminUnitId = unitId,
            CreatedAt = now,
        };
        donor.RefreshSearchText();
        return donor;
    }

    /// <summary>
    /// The transfer details by mail, in the donor's language (English for donors abroad); none without a usable e-mail.
    /// Keyed "pledge:&lt;reference&gt;", so the mail exists once however often the row is worked.
    /// </summary>
    private async Task QueueConfirmationAsync(ChildAidDbContext db, MailOutbox outbox, DonorLinks links, PledgeIntake intake, Donor donor, Campaign campaign, CancellationToken ct)
    {
        if (intake.DonorEmail is not { Length: > 0 } email || !MailAddress.TryCreate(email, out _)) return;
        var english = intake.Origin == DonorOrigin.Foreign;
        var account = giving.Value.For(await CampaignAccountAsync(db, campaign.Id, ct));
        var qr = account.QrAccount.CanMakeQr && intake.AmountVnd > 0 ? VietQrImage.Png(VietQr.Payload(account.QrAccount, intake.AmountVnd, intake.Reference)) : null;
        var name = string.IsNullOrWhiteSpace(intake.DonorName) ? donor.Name : intake.DonorName.Trim();
        await outbox.EnqueueAsync(MailMessageKind.PledgeConfirmation, email, name, english ? "en" : "vi",
            new PledgeConfirmationMail(name, intake.Reference, intake.AmountVnd, english ? campaign.TitleEn ?? campaign.Title : campaign.Title,
                account.BankName, account.AccountNumber, account.AccountName, intake.Reference, qr, options.Value.PledgePageUrl(intake.Reference),
                links.Issue(donor), PledgeGoods.Describe(PledgeLines.InKind(intake.InKindLinesJson))),
            "pledge:" + intake.Reference, ct);
    }

    /// <summary>
    /// The campaign's own receiving account (Decree 93): the first created that names it, the same rule as the view
    /// <see cref="CampaignReceivingAccount.View"/> the pledge page reads, so mail and page name one account.
    /// </summary>
    private static Task<CampaignReceivingAccount?> CampaignAccountAsync(ChildAidDbContext db, int campaignId, CancellationToken ct) =>
        db.BankAccounts.IgnoreQueryFilters().AsNoTracking().Where(a => a.CampaignId == campaignId).OrderBy(a => a.Id)
            .Select(a => new CampaignReceivingAccount
            {
                CampaignId = campaignId, BankBin = a.Bin, BankName = a.BankName, AccountNumber = a.AccountNumber, AccountName = a.AccountName,
            })
            .FirstOrDefaultAsync(ct);

    private async Task<AdminUnit?> ReceivingUnitAsync(ChildAidDbContext db, CancellationToken ct)
    {
        var code = options.Value.ReceivingUnitCode?.Trim();
        // A code outlives a reform (Ia Đal is 23535 before and after 1 July 2025): the unit in force today.
        var units = string.IsNullOrEmpty(code) ? [] : await db.AdminUnits.AsNoTracking().Where(u => u.Code == code).ToListAsync(ct);
        var today = Time.VietnamClock.VietnamToday(clock);
        var unit = units.Where(u => u.IsValidOn(today)).OrderByDescending(u => u.ValidFrom).FirstOrDefault();
        if (unit is null) log.LogWarning("Pledges:ReceivingUnitCode {Code} names no unit: online pledges wait until it is configured", code);
        return unit;
    }

    private static async Task<bool> IsSettledAsync(ChildAidDbContext db, Guid intakeId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Pledges.IgnoreQueryFilters().AnyAsync(p => p.IntakeId == intakeId, ct);
    }

    /// <summary>Counts the attempt and waits 10 s doubling (at most an hour); after the last attempt the row is Failed for staff.</summary>
    private async Task RecordErrorAsync(ChildAidDbContext db, Guid intakeId, string error, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var attempts = await db.PledgeIntake.Where(i => i.Id == intakeId).Select(i => i.Attempts).FirstOrDefaultAsync(ct) + 1;
        var now = clock.GetUtcNow().UtcDateTime;
        var note = error.Length > MaxFailureLength ? error[..MaxFailureLength] : error;
        var waiting = db.PledgeIntake.Where(i => i.Id == intakeId && i.ProcessedAt == null);
        if (attempts >= PledgeIntake.MaxAttempts)
            await waiting.ExecuteUpdateAsync(u => u.SetProperty(i => i.Attempts, attempts).SetProperty(i => i.ProcessedAt, now)
                .SetProperty(i => i.Outcome, PledgeIntakeOutcome.Failed).SetProperty(i => i.Failure, note), ct);
        else
            await waiting.ExecuteUpdateAsync(u => u.SetProperty(i => i.Attempts, attempts).SetProperty(i => i.Failure, note)
                .SetProperty(i => i.RetryAfter, now + TimeSpan.FromSeconds(Math.Min(3600, 10 * Math.Pow(2, attempts - 1)))), ct);
    }
}
