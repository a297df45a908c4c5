using System.Globalization;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ChildAid.Shared.Distributions;

/// <summary>A service delivery as the form sends it. Error keys are these property names.</summary>
public sealed class ServiceDeliveryInput
{
    public int AllocationId { get; set; }
    public ServiceKind? Kind { get; set; }
    /// <summary>Meals: the school meal programme, and the school when the need line names none (a commune's line).</summary>
    public int? InterventionId { get; set; }
    public int? SchoolId { get; set; }
    public DateOnly? FromDate { get; set; }
    public DateOnly? ToDate { get; set; }
    /// <summary>Check-up: the session held.</summary>
    public int? CheckupSessionId { get; set; }
}

/// <summary>What a step came to: done, refused (403: the recorder confirming), or messages by field.</summary>
public sealed record ServiceDeliveryStep(ServiceDelivery? Delivery, string? Refusal, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Delivery is not null;
    public static ServiceDeliveryStep Done(ServiceDelivery d) => new(d, null, new Dictionary<string, string>());
    public static ServiceDeliveryStep Fail(string field, string message) => new(null, null, new Dictionary<string, string> { [field] = message });
    public static ServiceDeliveryStep Fail(IReadOnlyDictionary<string, string> errors) => new(null, null, errors);
}

/// <summary>An approved money allocation to a meals or check-up need that can still be credited with a service.</summary>
public sealed record ServiceAllocation(int Id, ServiceKind Kind, string Commune, string NeedItem, string? School, int? SchoolId, long AmountVnd, int Remaining,
    string? ReceiptNumber);

/// <summary>A line of the service delivery list.</summary>
public sealed record ServiceDeliveryRow(int Id, ServiceKind Kind, ServiceDeliveryState State, string Commune, string Site, DateOnly FromDate, DateOnly ToDate,
    int Served, int Quantity, string Item, string Unit, int AllocationId, string? ReceiptNumber, long? LedgerSequence, string RecordedById, string? CancelReason)
{
    /// <summary>A live row's days (or session) served beyond what all live records of them credit: the rest another allocation may take.</summary>
    public int NotYetCredited { get; init; }
}

/// <summary>
/// Records and confirms service deliveries (<see cref="ServiceDelivery"/>): meals served at a school between two dates (summed
/// from its meal days, read only) or a check-up session held (its children measured), credited to an approved money allocation
/// to a meals or check-up need of the same place. The confirmation, by someone other than the recorder, writes ONE ledger
/// entry of kind distribution with amount 0 (the expense that paid the supplier already counted the money as spent) and the
/// quantity, source = the allocation's entry, under the ledger lock (a double click books once). Read through the unit scope.
/// </summary>
public class ServiceDeliveryService(ChildAidDbContext db, LedgerWriter ledger, AuditActor actor, TimeProvider clock, NeedFulfilment fulfilment)
{
    public const string NotFound = "Không tìm thấy bản ghi dịch vụ trong phạm vi đơn vị của bạn.";
    public const string NoAllocation = "Chọn một phân bổ tiền đã duyệt cho nhu cầu suất ăn hoặc khám sức khỏe trong phạm vi đơn vị của bạn.";
    private string Me => actor.UserId ?? actor.Name;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The kind of service a need line is delivered by: meals for a meals line, a check-up for a line counted in sessions of check-ups.</summary>
    public static ServiceKind? KindOf(NeedLine line) => line switch
    {
        { Target: NeedTarget.Child } => null,
        { Unit: NeedUnit.Meals } => ServiceKind.Meals,
        { Unit: NeedUnit.Sessions, Category: NeedCategory.HealthCheckUp } => ServiceKind.Checkup,
        _ => null,
    };

    /// <summary>"02–06/12/2026", "28/11–02/12/2026", "16/11/2026".</summary>
    public static string Period(DateOnly from, DateOnly to)
    {
        var i = CultureInfo.InvariantCulture;
        if (from == to) return from.ToString("dd/MM/yyyy", i);
        if (from.Year != to.Year) return $"{from.ToString("dd/MM/yyyy", i)}–{to.ToString("dd/MM/yyyy", i)}";
        if (from.Month != to.Month) return $"{from.ToString("dd/MM", i)}–{to.ToString("dd/MM/yyyy", i)}";
        return $"{from.ToString("dd", i)}–{to.ToString("dd/MM/yyyy", i)}";
    }

    /// <summary>How many units the allocation pays for at the line's estimated unit cost (as NeedFulfilment counts committed), less what live services took.</summary>
    public async Task<int> RemainingAsync(int allocationId, long amountVnd, long unitCostVnd, CancellationToken ct = default)
    {
        var paysFor = unitCostVnd > 0 ? (int)Math.Min(int.MaxValue, amountVnd / unitCostVnd) : 0;
        var taken = await db.ServiceDeliveries.IgnoreQueryFilters()
            .Where(d => d.AllocationId == allocationId && d.State != ServiceDeliveryState.Cancelled).SumAsync(d => d.Quantity, ct);
        return paysFor - taken;
    }

    /// <summary>Approved money allocations of the user's units to a meals or check-up need of a school or commune, with what each can still be credited.</summary>
    public async Task<IReadOnlyList<ServiceAllocation>> AllocationsAsync(CancellationToken ct = default)
    {
        // Past the receipts' unit filter only: a district's gift allocated to the commune's meals is the commune's to credit.
        var rows = await db.Allocations.AsNoTracking().IgnoreQueryFilters([ScopeFilters.Unit<Contribution>()])
            .Where(a => a.State == AllocationState.Approved && a.GoodsLineId == null && a.NeedLine!.Target != NeedTarget.Child
                        && (a.NeedLine.Unit == NeedUnit.Meals || (a.NeedLine.Unit == NeedUnit.Sessions && a.NeedLine.Category == NeedCategory.HealthCheckUp)))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.AmountVnd, a.NeedLine!.Unit, a.NeedLine.EstimatedUnitCostVnd, Item = a.NeedLine.Item!.NameVi, a.NeedLine.SchoolId,
                School = a.NeedLine.School != null ? a.NeedLine.School.Name : null, a.AdminUnitId, a.Contribution!.ReceiptNumber })
            .ToListAsync(ct);
        var communes = await CommuneNamesAsync(rows.Select(r => r.AdminUnitId), ct);
        var list = new List<ServiceAllocation>();
        foreach (var r in rows)
        {
            var remaining = await RemainingAsync(r.Id, r.AmountVnd, r.EstimatedUnitCostVnd, ct);
            if (remaining > 0)
                list.Add(new ServiceAllocation(r.Id, r.Unit == NeedUnit.Meals ? ServiceKind.Meals : ServiceKind.Checkup, communes[r.AdminUnitId], r.Item, r.School,
                    r.SchoolId, r.AmountVnd, remaining, r.ReceiptNumber));
        }
        return list;
    }

    /// <summary>School meal programmes of the user's units (their schools), and check-up sessions held in them, for the form.</summary>
    public async Task<(IReadOnlyList<(int Id, string Name)> Programmes, IReadOnlyList<(int Id, string Name)> Schools, IReadOnlyList<(int Id, string Name)> Sessions)>
        SourcesAsync(CancellationToken ct = default)
    {
        var programmes = (await db.Interventions.AsNoTracking().Where(i => i.Kind == InterventionKind.SchoolMeals).OrderBy(i => i.Name)
            .Select(i => new { i.Id, i.Name }).ToListAsync(ct)).Select(i => (i.Id, i.Name)).ToList();
        var schools = (await db.Organisations.AsNoTracking().Where(o => o.Type == Organisations.OrganisationType.School).OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(o => (o.Id, o.Name)).ToList();
        var sessions = (await db.CheckupSessions.AsNoTracking().OrderByDescending(s => s.HeldOn)
            .Select(s => new { s.Id, s.HeldOn, Site = s.Site!.Name }).Take(200).ToListAsync(ct))
            .Select(s => (s.Id, $"{VietnameseFormat.Date(s.HeldOn)} — {s.Site}")).ToList();
        return (programmes, schools, sessions);
    }

    public async Task<ServiceDeliveryStep> RecordAsync(ServiceDeliveryInput input, CancellationToken ct = default)
    {
        var allocation = await db.Allocations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == input.AllocationId, ct);
        var line = allocation is null ? null : await db.NeedLines.IgnoreQueryFilters().AsNoTracking().Include(l => l.Item).SingleAsync(l => l.Id == allocation.NeedLineId, ct);
        if (allocation is not { State: AllocationState.Approved, GoodsLineId: null } || line is null || KindOf(line) is not { } kind)
            return ServiceDeliveryStep.Fail(nameof(input.AllocationId), NoAllocation);
        if (input.Kind is { } asked && asked != kind)
            return ServiceDeliveryStep.Fail(nameof(input.Kind), kind == ServiceKind.Meals
                ? "Phân bổ này dành cho suất ăn: chọn chương trình bữa ăn và các ngày đã phục vụ."
                : "Phân bổ này dành cho khám sức khỏe: chọn buổi khám đã tổ chức.");
        var today = clock.VietnamToday();
        var errors = new Dictionary<string, string>();
        int siteId = 0, served = 0;
        DateOnly from = default, to = default;
        if (kind == ServiceKind.Meals)
        {
            // The need's own school; or, for a commune's line, a school of the commune (or of a unit merged into it).
            var school = line.SchoolId ?? input.SchoolId;
            var commune = await CommuneAsync(allocation.AdminUnitId, ct);
            if (school is null || (line.SchoolId is null && !await db.Organisations.IgnoreQueryFilters().AnyAsync(o => o.Id == school
                    && commune.Contains(o.AdminUnitId) && o.Type == Organisations.OrganisationType.School, ct)))
                errors[nameof(input.SchoolId)] = "Chọn trường đã phục vụ bữa ăn, trong xã của nhu cầu.";
            else if (input.InterventionId is not { } programme || !await db.InterventionSites.IgnoreQueryFilters()
                         .AnyAsync(s => s.InterventionId == programme && s.OrganisationId == school && s.Intervention!.Kind == InterventionKind.SchoolMeals, ct))
                errors[nameof(input.InterventionId)] = "Chọn chương trình bữa ăn mà trường này là điểm thực hiện.";
            if (input.FromDate is null) errors[nameof(input.FromDate)] = "Nhập ngày đầu tiên đã phục vụ.";
            if (input.ToDate is null) errors[nameof(input.ToDate)] = "Nhập ngày cuối cùng đã phục vụ.";
            else if (input.ToDate > today) errors[nameof(input.ToDate)] = "Ngày cuối không được ở tương lai: chỉ ghi nhận bữa ăn đã phục vụ.";
            else if (input.FromDate > input.ToDate) errors[nameof(input.ToDate)] = "Ngày cuối không được trước ngày đầu.";
            else if (input.FromDate < line.PeriodStart || input.ToDate > line.PeriodEnd)
                errors[nameof(input.FromDate)] = Messages.Format("Các ngày phải nằm trong thời gian của nhu cầu ({0}–{1}).",
                    VietnameseFormat.Date(line.PeriodStart), VietnameseFormat.Date(line.PeriodEnd));
            if (errors.Count > 0) return ServiceDeliveryStep.Fail(errors);
            siteId = school!.Value;
            (from, to) = (input.FromDate!.Value, input.ToDate!.Value);
            var intervention = input.InterventionId!.Value;
            served = await db.MealDays.IgnoreQueryFilters()
                .Where(m => m.InterventionId == intervention && m.SchoolId == siteId && m.ServedOn >= from && m.ServedOn <= to).SumAsync(m => m.Meals, ct);
            if (served <= 0) return ServiceDeliveryStep.Fail(nameof(input.FromDate), "Trường chưa ghi suất ăn nào trong các ngày này (trang Bữa ăn theo ngày).");
        }
        else
        {
            var commune = await CommuneAsync(allocation.AdminUnitId, ct);
            var session = input.CheckupSessionId is { } sid ? await db.CheckupSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, ct) : null;
            if (session is null || !commune.Contains(session.AdminUnitId) || (line.SchoolId is { } lineSchool && session.SiteId != lineSchool))
                return ServiceDeliveryStep.Fail(nameof(input.CheckupSessionId), "Chọn buổi khám đã tổ chức tại nơi của nhu cầu.");
            if (session.HeldOn > today || session.HeldOn < line.PeriodStart || session.HeldOn > line.PeriodEnd)
                return ServiceDeliveryStep.Fail(nameof(input.CheckupSessionId), Messages.Format("Buổi khám phải đã diễn ra, trong thời gian của nhu cầu ({0}–{1}).",
                    VietnameseFormat.Date(line.PeriodStart), VietnameseFormat.Date(line.PeriodEnd)));
            siteId = session.SiteId;
            from = to = session.HeldOn;
            served = await db.Measurements.IgnoreQueryFilters().CountAsync(m => m.SessionId == session.Id, ct);
            if (served == 0) return ServiceDeliveryStep.Fail(nameof(input.CheckupSessionId), "Buổi khám này chưa có trẻ nào được đo.");
        }

        // One at a time, so two posts of the same form (a double click) cannot both pass the checks below.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ledger.LockAsync(ct);
        // What earlier live records already credited of the same days or session: a range served beyond what one allocation pays
        // for is split — the rest goes to another allocation, recorded for exactly the same days (or the same session).
        var earlier = await LiveOfSameSourceAsync(ServiceSource.Of(kind, kind == ServiceKind.Meals ? input.InterventionId : input.CheckupSessionId, siteId, from, to), ct);
        if (earlier.FirstOrDefault(d => d.FromDate != from || d.ToDate != to) is { } overlap)
        {
            await tx.RollbackAsync(ct);
            return ServiceDeliveryStep.Fail(nameof(input.FromDate), Messages.Format(
                "Các ngày {0} của trường này đã được ghi nhận (bản ghi dịch vụ số {1}); một ngày chỉ được tính một lần. Để tính phần còn lại cho phân bổ khác, ghi nhận đúng các ngày {0}.",
                Period(overlap.FromDate, overlap.ToDate), overlap.Id));
        }
        var field = kind == ServiceKind.Meals ? nameof(input.FromDate) : nameof(input.CheckupSessionId);
        if (earlier.Any(d => d.AllocationId == allocation.Id))
        {
            await tx.RollbackAsync(ct);
            return ServiceDeliveryStep.Fail(field, kind == ServiceKind.Meals
                ? Messages.Format("Các ngày {0} đã được ghi nhận cho phân bổ này (bản ghi dịch vụ số {1}).", Period(from, to), earlier.First(d => d.AllocationId == allocation.Id).Id)
                : Messages.Format("Buổi khám này đã được ghi nhận cho phân bổ này (bản ghi dịch vụ số {0}); một buổi khám chỉ được tính một lần.", earlier.First(d => d.AllocationId == allocation.Id).Id));
        }
        var rest = served - earlier.Sum(d => d.Quantity);
        if (rest <= 0)
        {
            await tx.RollbackAsync(ct);
            return ServiceDeliveryStep.Fail(field, kind == ServiceKind.Meals
                ? Messages.Format("Các ngày {0} của trường này đã được ghi nhận đủ {1} suất đã phục vụ (bản ghi dịch vụ số {2}); một suất chỉ được tính một lần.",
                    Period(from, to), served, string.Join(", ", earlier.Select(d => d.Id)))
                : "Buổi khám này đã được ghi nhận đủ số trẻ đã khám; một buổi khám chỉ được tính một lần.");
        }
        var remaining = await RemainingAsync(allocation.Id, allocation.AmountVnd, line.EstimatedUnitCostVnd, ct);
        if (remaining <= 0)
        {
            await tx.RollbackAsync(ct);
            return ServiceDeliveryStep.Fail(nameof(input.AllocationId), "Phân bổ này đã được ghi nhận đủ số suất hoặc lượt mà nó chi trả.");
        }
        var delivery = new ServiceDelivery
        {
            AdminUnitId = allocation.AdminUnitId, AllocationId = allocation.Id, Kind = kind, SiteId = siteId,
            InterventionId = kind == ServiceKind.Meals ? input.InterventionId : null, CheckupSessionId = kind == ServiceKind.Checkup ? input.CheckupSessionId : null,
            FromDate = from, ToDate = to, Served = served, Quantity = Math.Min(rest, remaining),
            Item = line.Item!.NameVi, Unit = kind == ServiceKind.Meals ? "suất" : "lượt",
            RecordedById = Me, RecordedAt = Now,
        };
        db.ServiceDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ServiceDeliveryStep.Done(delivery);
    }

    /// <summary>
    /// Someone other than the recorder (403 otherwise) confirms: ONE ledger entry of kind distribution, amount 0, the quantity and
    /// unit, the place and period in its description, source = the allocation's entry. Once, whoever clicks twice. The meal days
    /// are counted again: if they now hold fewer meals than recorded, nothing is booked (cancel and record again).
    /// </summary>
    public async Task<ServiceDeliveryStep> ConfirmAsync(int id, CancellationToken ct = default)
    {
        const string Field = "State";
        var delivery = await db.ServiceDeliveries.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (delivery is null) return ServiceDeliveryStep.Fail(Field, NotFound);
        if (delivery.State != ServiceDeliveryState.Recorded) return ServiceDeliveryStep.Fail(Field, ServiceDelivery.WrongState);
        if (delivery.RefusalToConfirm(Me) is { } refusal) return new(null, refusal, new Dictionary<string, string>());

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ledger.LockAsync(ct);
        await db.Entry(delivery).ReloadAsync(ct);
        if (delivery.State != ServiceDeliveryState.Recorded)
        {
            await tx.RollbackAsync(ct);
            return ServiceDeliveryStep.Fail(Field, ServiceDelivery.WrongState);
        }
        var served = delivery.Kind == ServiceKind.Meals
            ? await db.MealDays.IgnoreQueryFilters().Where(m => m.InterventionId == delivery.InterventionId && m.SchoolId == delivery.SiteId
                && m.ServedOn >= delivery.FromDate && m.ServedOn <= delivery.ToDate).SumAsync(m => m.Meals, ct)
            : await db.Measurements.IgnoreQueryFilters().CountAsync(m => m.SessionId == delivery.CheckupSessionId, ct);
        // This record and the others that split the same days or session may together credit no more than the source now holds.
        var credited = (await LiveOfSameSourceAsync(ServiceSource.Of(delivery), ct)).Sum(d => d.Quantity);
        if (served < credited)
        {
            await tx.RollbackAsync(ct);
            return ServiceDeliveryStep.Fail(Field, Messages.Format(
                "Nguồn đã thay đổi từ khi ghi nhận: nay chỉ còn {0} {1} (đã ghi nhận {2}). Hãy huỷ bản ghi này và ghi nhận lại.", served, delivery.Unit, credited));
        }
        var allocation = await db.Allocations.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == delivery.AllocationId, ct);
        if (allocation.State != AllocationState.Approved)
        {
            await tx.RollbackAsync(ct);
            return ServiceDeliveryStep.Fail(Field, "Phân bổ của dịch vụ này không còn hiệu lực (đã hoàn); hãy huỷ bản ghi.");
        }
        var allocated = await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.Sequence == allocation.LedgerSequence, ct);
        var site = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Id == delivery.SiteId).Select(o => o.Name).SingleAsync(ct);
        var slot = await ledger.ReserveSlotAsync(ct);
        await ledger.WriteAsync(slot, new LedgerEntry
        {
            ValueDate = delivery.ToDate,
            Kind = LedgerEntryKind.Distribution,
            // The money was counted when the expense paid the supplier: a service is a quantity, never money again.
            AmountVnd = 0,
            CampaignId = allocated.CampaignId,
            ReceiptNumber = allocated.ReceiptNumber,
            Description = Description(delivery, site),
            DonorDisplay = "",
            UnitCode = allocated.UnitCode,
            NeedReference = allocated.NeedReference,
            Item = delivery.Item,
            Quantity = delivery.Quantity,
            UnitOfMeasure = delivery.Unit,
            SourceSequence = allocated.Sequence,
        }, ct);
        await db.SaveChangesAsync(ct);
        delivery.Confirm(Me, Now, slot.Sequence);
        await db.SaveChangesAsync(ct);
        await fulfilment.RefreshAsync([allocation.NeedLineKey], ct);
        await tx.CommitAsync(ct);
        return ServiceDeliveryStep.Done(delivery);
    }

    private sealed record LiveRecord(int Id, int AllocationId, DateOnly FromDate, DateOnly ToDate, int Quantity);

    /// <summary>
    /// What a service record counts: meal days of one programme at one school from–to, or one check-up session (whose site
    /// and day follow from the session). Records of the same source split it between allocations; overlapping days of
    /// another range are refused.
    /// </summary>
    private readonly record struct ServiceSource(ServiceKind Kind, int? Source, int SiteId, DateOnly From, DateOnly To)
    {
        public static ServiceSource Of(ServiceKind kind, int? source, int siteId, DateOnly from, DateOnly to) =>
            kind == ServiceKind.Meals ? new(kind, source, siteId, from, to) : new(kind, source, 0, default, default);

        public static ServiceSource Of(ServiceDelivery d) =>
            Of(d.Kind, d.Kind == ServiceKind.Meals ? d.InterventionId : d.CheckupSessionId, d.SiteId, d.FromDate, d.ToDate);
    }

    /// <summary>The live (recorded or confirmed) records of the source: meal days of its programme at its school overlapping its days, or its session.</summary>
    private async Task<List<LiveRecord>> LiveOfSameSourceAsync(ServiceSource s, CancellationToken ct)
    {
        var live = db.ServiceDeliveries.IgnoreQueryFilters().AsNoTracking().Where(d => d.State != ServiceDeliveryState.Cancelled);
        live = s.Kind == ServiceKind.Meals
            ? live.Where(d => d.InterventionId == s.Source && d.SiteId == s.SiteId && d.FromDate <= s.To && d.ToDate >= s.From)
            : live.Where(d => d.CheckupSessionId == s.Source);
        return await live.OrderBy(d => d.Id).Select(d => new LiveRecord(d.Id, d.AllocationId, d.FromDate, d.ToDate, d.Quantity)).ToListAsync(ct);
    }

    /// <summary>The public words: "40 suất ăn trưa, Trường TH-THCS Ia Đal, đã phục vụ 02–06/12/2026" — a place and a count, never a child.</summary>
    public static string Description(ServiceDelivery d, string site)
    {
        var item = d.Item.Length > 0 ? char.ToLower(d.Item[0], VietnameseFormat.Culture) + d.Item[1..] : d.Item;
        return d.Kind == ServiceKind.Meals
            ? Messages.Format("{0} {1}, {2}, đã phục vụ {3}", d.Quantity, item, site, Period(d.FromDate, d.ToDate))
            : Messages.Format("{0} {1}, {2}, đã khám ngày {3}", d.Quantity, item, site, Period(d.FromDate, d.ToDate));
    }

    /// <summary>A recorded (not yet confirmed) delivery is cancelled with a reason, freeing its days or session; nothing was booked.</summary>
    public async Task<ServiceDeliveryStep> CancelAsync(int id, string? reason, CancellationToken ct = default)
    {
        var delivery = await db.ServiceDeliveries.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (delivery is null) return ServiceDeliveryStep.Fail("State", NotFound);
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500) return ServiceDeliveryStep.Fail("CancelReason", "Nhập lý do huỷ (tối đa 500 ký tự).");
        if (delivery.State != ServiceDeliveryState.Recorded) return ServiceDeliveryStep.Fail("State", ServiceDelivery.WrongState);
        delivery.Cancel(Me, Now, reason);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ServiceDeliveryStep.Fail("State", ServiceDelivery.WrongState);
        }
        return ServiceDeliveryStep.Done(delivery);
    }

    /// <summary>The service deliveries of the user's units (school staff: of their school), newest first.</summary>
    /// <param name="needLineId">Only services paid by allocations to one need line (the needs review's "delivered" drill-down).</param>
    public async Task<IReadOnlyList<ServiceDeliveryRow>> ListAsync(ServiceDeliveryState? state = null, CancellationToken ct = default, int? needLineId = null)
    {
        var query = db.ServiceDeliveries.AsNoTracking();
        if (state is { } s) query = query.Where(d => d.State == s);
        if (needLineId is { } need) query = query.Where(d => db.Allocations.Where(a => a.NeedLineId == need).Select(a => a.Id).Contains(d.AllocationId));
        var list = await query.OrderByDescending(d => d.Id).Take(500).ToListAsync(ct);
        var siteIds = list.Select(d => d.SiteId).Distinct().ToList();
        var sites = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => siteIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var allocationIds = list.Select(d => d.AllocationId).Distinct().ToList();
        var receipts = await db.Allocations.IgnoreQueryFilters().AsNoTracking().Where(a => allocationIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Contribution!.ReceiptNumber }).ToDictionaryAsync(a => a.Id, a => a.ReceiptNumber, ct);
        var communes = await CommuneNamesAsync(list.Select(d => d.AdminUnitId), ct);
        var credited = await CreditedBySourceAsync(list.Where(d => d.State != ServiceDeliveryState.Cancelled).ToList(), ct);
        return [.. list.Select(d => new ServiceDeliveryRow(d.Id, d.Kind, d.State, communes[d.AdminUnitId], sites[d.SiteId], d.FromDate, d.ToDate, d.Served, d.Quantity,
            d.Item, d.Unit, d.AllocationId, receipts.GetValueOrDefault(d.AllocationId), d.LedgerSequence, d.RecordedById, d.CancelReason)
        {
            NotYetCredited = d.State == ServiceDeliveryState.Cancelled ? 0 : Math.Max(0, d.Served - credited.GetValueOrDefault(ServiceSource.Of(d))),
        })];
    }

    /// <summary>What all live records of the same days (or session) credit together, whoever's scope they are in.</summary>
    private async Task<Dictionary<ServiceSource, int>> CreditedBySourceAsync(List<ServiceDelivery> live, CancellationToken ct)
    {
        var programmes = live.Where(d => d.InterventionId != null).Select(d => d.InterventionId).Distinct().ToList();
        var sessions = live.Where(d => d.CheckupSessionId != null).Select(d => d.CheckupSessionId).Distinct().ToList();
        if (programmes.Count == 0 && sessions.Count == 0) return [];
        var all = await db.ServiceDeliveries.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.State != ServiceDeliveryState.Cancelled && (programmes.Contains(d.InterventionId) || sessions.Contains(d.CheckupSessionId)))
            .ToListAsync(ct);
        return all.GroupBy(ServiceSource.Of).ToDictionary(g => g.Key, g => g.Sum(d => d.Quantity));
    }

    /// <summary>
    /// The record form filled in for the rest of a live record's days (or session), for another allocation to take: the same
    /// programme, school and days. Null when the record is not one the user sees.
    /// </summary>
    public async Task<ServiceDeliveryInput?> RestOfAsync(int id, CancellationToken ct = default)
    {
        var d = await db.ServiceDeliveries.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.State != ServiceDeliveryState.Cancelled, ct);
        return d is null ? null : new ServiceDeliveryInput
        {
            Kind = d.Kind, InterventionId = d.InterventionId, SchoolId = d.Kind == ServiceKind.Meals ? d.SiteId : null,
            FromDate = d.Kind == ServiceKind.Meals ? d.FromDate : null, ToDate = d.Kind == ServiceKind.Meals ? d.ToDate : null, CheckupSessionId = d.CheckupSessionId,
        };
    }

    public static async Task<FileStream> WorkbookAsync(IEnumerable<ServiceDeliveryRow> rows, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await Task.Run(() => file.SaveAs(rows.Select(r => new Dictionary<string, object?>
        {
            ["Số"] = r.Id, ["Loại"] = ServiceDeliveryLabels.Kinds[r.Kind], ["Trạng thái"] = ServiceDeliveryLabels.States[r.State], ["Xã"] = r.Commune,
            ["Nơi"] = r.Site, ["Từ ngày"] = VietnameseFormat.Date(r.FromDate), ["Đến ngày"] = VietnameseFormat.Date(r.ToDate), ["Đã phục vụ"] = r.Served,
            ["Tính cho phân bổ"] = r.Quantity, ["Mặt hàng"] = r.Item, ["Đơn vị tính"] = r.Unit, ["Phân bổ"] = r.AllocationId, ["Phiếu thu"] = r.ReceiptNumber,
            ["Bút toán"] = r.LedgerSequence,
        }), sheetName: "Dịch vụ"), ct);
        file.Position = 0;
        return file;
    }

    /// <summary>The commune and the units merged into it (the 2025 reform): where its schools and sessions may be registered.</summary>
    private async Task<HashSet<int>> CommuneAsync(int unitId, CancellationToken ct) =>
        new AdminUnits.AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync(ct)).Covered([unitId]);

    private async Task<Dictionary<int, string>> CommuneNamesAsync(IEnumerable<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.AdminUnits.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }
}
