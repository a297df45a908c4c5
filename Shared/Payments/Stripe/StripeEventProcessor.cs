using System.Globalization;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Security;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace ChildAid.Shared.Payments.Stripe;

/// <summary>
/// Works through the Stripe inbox in BackOffice, in the order Stripe created the events (whatever order they arrived in).
/// Exactly once rests on the database, not on memory: an event row is claimed by one UPDATE … WHERE claimed_until has
/// passed, a paid checkout books through <see cref="ContributionService.RecordAsync"/> with ExternalId "stripe:pi_…"
/// (UNIQUE on contributions, so a second booking of the same payment returns the first receipt), and a refund reverses
/// that receipt once (a second reversal is refused by the booking core). A refund that arrives before its payment is
/// booked waits and is retried with back-off; a failure is recorded on the row and retried up to
/// <see cref="StripeEvent.MaxAttempts"/> times.
/// </summary>
public sealed class StripeEventProcessor(IServiceScopeFactory scopes, IOptions<StripeOptions> options, TimeProvider clock, ILogger<StripeEventProcessor> log)
{
    /// <summary>The audit trail's name for what the processor books.</summary>
    public const string Actor = "Stripe (tự động)";
    public const string ExternalIdPrefix = "stripe:";
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>One pass over the events that are due. Returns how many were settled (processed for good) in this pass.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken ct = default)
    {
        List<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            due = await db.StripeEvents.AsNoTracking()
                .Where(e => e.ProcessedAt == null && (e.ClaimedUntil == null || e.ClaimedUntil < now))
                .OrderBy(e => e.StripeCreatedAt).ThenBy(e => e.ReceivedAt)
                .Select(e => e.EventId).Take(100).ToListAsync(ct);
        }
        var settled = 0;
        foreach (var eventId in due)
            if (await ProcessAsync(eventId, ct)) settled++;
        return settled;
    }

    /// <summary>Claims and works one event in its own scope. False when another processor holds it or it must wait.</summary>
    public async Task<bool> ProcessAsync(string eventId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = Actor;
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        // BackOffice starts every context with an empty unit scope (fail closed, for requests), under which no booking
        // or donor would be allowed: the processor works for the whole organisation, like the CLI.
        (db.UnitScope, db.OrganisationScope) = (null, null);
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + ClaimFor;
        var claimed = await db.StripeEvents
            .Where(e => e.EventId == eventId && e.ProcessedAt == null && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.ClaimedUntil, until).SetProperty(e => e.Attempts, e => e.Attempts + 1), ct);
        if (claimed == 0) return false;

        var row = await db.StripeEvents.AsNoTracking().SingleAsync(e => e.EventId == eventId, ct);
        Result result;
        try
        {
            result = await HandleAsync(scope.ServiceProvider, db, row, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Stripe event {EventId} ({Type}) failed", row.EventId, row.Type);
            result = Result.Retry(e.Message);
        }

        db.ChangeTracker.Clear();
        now = clock.GetUtcNow().UtcDateTime;
        if (result.Outcome is null && row.Attempts < StripeEvent.MaxAttempts)
        {
            // Not yet: try again after a back-off that doubles each attempt (10 s, 20 s, 40 s … at most an hour).
            var wait = TimeSpan.FromSeconds(Math.Min(3600, 10 * Math.Pow(2, row.Attempts - 1)));
            await Settle(db, eventId).ExecuteUpdateAsync(u => u.SetProperty(e => e.ClaimedUntil, now + wait).SetProperty(e => e.LastError, Trim(result.Note)), ct);
            return false;
        }
        var outcome = result.Outcome ?? StripeEventOutcome.Failed;
        await Settle(db, eventId).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.ProcessedAt, now).SetProperty(e => e.Outcome, outcome).SetProperty(e => e.ContributionId, result.ContributionId)
            .SetProperty(e => e.ClaimedUntil, (DateTime?)null).SetProperty(e => e.LastError, Trim(result.Note)), ct);
        if (outcome == StripeEventOutcome.Failed) log.LogWarning("Stripe event {EventId} ({Type}) needs a person: {Note}", row.EventId, row.Type, result.Note);
        return true;
    }

    private static IQueryable<StripeEvent> Settle(ChildAidDbContext db, string eventId) =>
        db.StripeEvents.Where(e => e.EventId == eventId && e.ProcessedAt == null);

    private static string? Trim(string? note) => note is { Length: > StripeEvent.LastErrorLength } ? note[..StripeEvent.LastErrorLength] : note;

    private async Task<Result> HandleAsync(IServiceProvider services, ChildAidDbContext db, StripeEvent row, CancellationToken ct)
    {
        // The signature was checked on arrival; the API version too (rows are only stored when it matched).
        var stripeEvent = EventUtility.ParseEvent(row.Payload, throwOnApiVersionMismatch: false);
        return stripeEvent.Type switch
        {
            "checkout.session.completed" or "checkout.session.async_payment_succeeded" =>
                await BookAsync(services, db, (Session)stripeEvent.Data.Object, stripeEvent.Created, ct),
            "charge.refunded" => await RefundAsync(services, db, (Charge)stripeEvent.Data.Object, ct),
            "checkout.session.async_payment_failed" or "checkout.session.expired" or "payment_intent.payment_failed" or "charge.failed" =>
                Result.Done(StripeEventOutcome.NotPaid, null, "Thanh toán không thành công hoặc đã hết hạn; không ghi nhận khoản tặng."),
            _ => Result.Done(StripeEventOutcome.Ignored, null, null),
        };
    }

    private async Task<Result> BookAsync(IServiceProvider services, ChildAidDbContext db, Session session, DateTime created, CancellationToken ct)
    {
        // A delayed payment method completes the session unpaid; its async_payment_succeeded event books it later.
        if (session.PaymentStatus != "paid") return Result.Done(StripeEventOutcome.Ignored, null, "Phiên thanh toán chưa được trả tiền.");
        if (session.PaymentIntentId is not { Length: > 0 } paymentIntent) return Result.Done(StripeEventOutcome.Failed, null, "Phiên thanh toán không có mã PaymentIntent.");
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.ReceivingUnitCode)) return Result.Retry("Chưa cấu hình Stripe:ReceivingUnitCode (đơn vị tiếp nhận khoản tặng qua thẻ).");
        var unit = await db.AdminUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Code == settings.ReceivingUnitCode, ct);
        if (unit is null) return Result.Retry($"Không có đơn vị hành chính mã {settings.ReceivingUnitCode} (Stripe:ReceivingUnitCode).");

        var metadata = session.Metadata ?? [];
        var currency = (session.Currency ?? "").ToUpperInvariant();
        var amount = StripeCheckout.FromMinorUnits(session.AmountTotal ?? 0, currency);
        var reference = metadata.GetValueOrDefault(StripeCheckout.ReferenceKey) ?? session.ClientReferenceId;
        int? campaignId = null;
        if (metadata.GetValueOrDefault(StripeCheckout.CampaignKey) is { Length: > 0 } slug)
            campaignId = await db.Campaigns.AsNoTracking()
                .Where(c => c.Slug == slug && c.Status == Campaigns.CampaignStatus.Active).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);

        // A payment of a pledge is the pledge's donor's gift, to its campaign, booked on the pledge (PledgeId); a
        // cancelled or unknown pledge leaves it the payer's own gift.
        var code = PledgeReference.Normalize(reference);
        var pledge = code is null ? null : await db.Pledges.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(p => p.Reference == code && p.Status != PledgeState.Cancelled, ct);
        if (pledge is not null) campaignId = pledge.CampaignId;
        var (donor, isNew) = pledge is not null
            ? (await db.Donors.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]).SingleAsync(d => d.Id == pledge.DonorId, ct), false)
            : await DonorAsync(services, db, session.CustomerDetails, unit.Id, ct);
        var input = new ContributionInput
        {
            DonorId = donor.Id,
            AdminUnitId = unit.Id,
            PledgeId = pledge?.Id,
            CampaignId = campaignId,
            Method = ContributionMethod.BankTransfer,
            Channel = ContributionChannel.Card,
            ExternalId = ExternalIdPrefix + paymentIntent,
            ReceivedOn = VietnamClock.ToVietnamDate(DateTime.SpecifyKind(created, DateTimeKind.Utc)),
            Note = $"Thẻ qua Stripe, phiên {session.Id}" + (reference is null ? "" : $", mã cam kết {reference}"),
        };
        if (currency == "VND") input.AmountVnd = (long)amount;
        else if (decimal.TryParse(metadata.GetValueOrDefault(StripeCheckout.ExchangeRateKey), NumberStyles.Number, CultureInfo.InvariantCulture, out var rate))
            (input.OriginalCurrency, input.OriginalAmount, input.ExchangeRate) = (currency, amount, rate);
        else return Result.Done(StripeEventOutcome.Failed, null, $"Khoản thanh toán {currency} không mang tỷ giá đã ghi nhận; cần cán bộ ghi nhận tay.");

        var outcome = await services.GetRequiredService<ContributionService>().RecordAsync(input, ct);
        if (!outcome.Succeeded) return Result.Done(StripeEventOutcome.Failed, null, string.Join(" ", outcome.Errors.Values));
        if (isNew && outcome.Value!.DonorId != donor.Id)
        {
            // Another event of the same payment (e.g. completed and async_payment_succeeded worked at once) booked it
            // first with its own new donor: the one made here has no gift and would be a duplicate in the registry.
            db.ChangeTracker.Clear();
            await db.Donors.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]).Where(d => d.Id == donor.Id).ExecuteDeleteAsync(ct);
        }
        return Result.Done(StripeEventOutcome.Booked, outcome.Value!.Id, null);
    }

    /// <summary>
    /// The payer, found by e-mail among donors, or a new donor in the receiving unit. Anonymous on the public statement:
    /// a card form gives no consent to publish a name (the pledge's own display choice takes over once pledges are linked).
    /// </summary>
    private static async Task<(Donor Donor, bool IsNew)> DonorAsync(IServiceProvider services, ChildAidDbContext db, SessionCustomerDetails? payer, int unitId, CancellationToken ct)
    {
        var email = payer?.Email?.Trim();
        if (email is { Length: > 0 })
        {
            var lower = email.ToLowerInvariant();
            if (await db.Donors.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]).OrderBy(d => d.Id)
                    .FirstOrDefaultAsync(d => d.Email != null && d.Email.ToLower() == lower, ct) is { } known)
                return (known, false);
        }
        var country = payer?.Address?.Country?.Trim().ToUpperInvariant();
        var foreign = country is { Length: 2 } && country != "VN";
        var created = await ActivatorUtilities.CreateInstance<DonorService>(services).CreateAsync(new DonorInput
        {
            Kind = DonorKind.Person,
            Origin = foreign ? DonorOrigin.Foreign : DonorOrigin.Domestic,
            Country = foreign ? country : null,
            Name = payer?.Name is { Length: > 0 } name ? name.Trim() : "Nhà tài trợ thanh toán thẻ",
            Email = email is { Length: > 0 } ? email : null,
            DisplayChoice = DisplayChoice.Anonymous,
            AdminUnitId = unitId,
        }, ct);
        if (!created.Succeeded) throw new InvalidOperationException("Không tạo được nhà tài trợ: " + string.Join(" ", created.Errors.Values));
        return (created.Value!, true);
    }

    private static async Task<Result> RefundAsync(IServiceProvider services, ChildAidDbContext db, Charge charge, CancellationToken ct)
    {
        if (charge.PaymentIntentId is not { Length: > 0 } paymentIntent) return Result.Done(StripeEventOutcome.Failed, null, "Hoàn tiền không có mã PaymentIntent.");
        var externalId = ExternalIdPrefix + paymentIntent;
        var contribution = await db.Contributions.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.ExternalId == externalId).Select(c => new { c.Id, c.ReceiptNumber }).FirstOrDefaultAsync(ct);
        // Delivered before the payment it refunds was booked: wait for it.
        if (contribution is null) return Result.Retry($"Chưa có phiếu thu cho {externalId}; sẽ thử lại.");
        if (charge.AmountRefunded < charge.Amount)
            return Result.Done(StripeEventOutcome.Failed, contribution.Id,
                $"Hoàn tiền một phần ({charge.AmountRefunded}/{charge.Amount} {charge.Currency?.ToUpperInvariant()}) cho phiếu thu {contribution.ReceiptNumber}: cần cán bộ xử lý.");
        if (await db.ContributionReversals.IgnoreQueryFilters().AnyAsync(r => r.ContributionId == contribution.Id, ct))
            return Result.Done(StripeEventOutcome.Reversed, contribution.Id, null);
        var reversal = await services.GetRequiredService<ContributionService>().ReverseAsync(contribution.Id, $"Hoàn tiền thẻ qua Stripe ({charge.Id})", ct);
        if (reversal.Succeeded || await db.ContributionReversals.IgnoreQueryFilters().AnyAsync(r => r.ContributionId == contribution.Id, ct))
            return Result.Done(StripeEventOutcome.Reversed, contribution.Id, null);
        return Result.Retry(string.Join(" ", reversal.Errors.Values));
    }

    private sealed record Result(StripeEventOutcome? Outcome, int? ContributionId, string? Note)
    {
        public static Result Done(StripeEventOutcome outcome, int? contributionId, string? note) => new(outcome, contributionId, note);
        /// <summary>Not settled: the row is retried after a back-off (and marked Failed after the last attempt).</summary>
        public static Result Retry(string note) => new(null, null, note);
    }
}
