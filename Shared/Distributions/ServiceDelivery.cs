using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Distributions;

/// <summary>What was delivered as a service: school meals served over days, or a check-up session held (children measured).</summary>
public enum ServiceKind { Meals = 1, Checkup = 2 }

/// <summary>Recorded by staff, then confirmed by someone else (the ledger entry) or cancelled before confirmation.</summary>
public enum ServiceDeliveryState { Recorded = 1, Confirmed = 2, Cancelled = 3 }

/// <summary>
/// A service delivery (dịch vụ đã cung cấp): the meals a school served between two dates (summed from its meal days, read
/// only) or a check-up session held (the children measured), delivered against an approved MONEY allocation to a need line
/// of meals or check-ups. Recorded by one person, confirmed by another (four eyes, CHECK ck_service_deliveries_four_eyes):
/// the confirmation writes ONE ledger entry of kind distribution with amount 0 and the quantity only (the money was already
/// counted as spent by the expense that paid the supplier), source = the allocation's entry. A meal is never delivered twice:
/// the days of a school's programme, or a session, served beyond what one allocation pays for are split — further records of
/// exactly the same days (or session) credit the rest to other allocations, the live records together never more than was
/// served; a range overlapping other days is refused (by the service and by a trigger). Belongs to the allocation's commune and to the site (school staff see
/// and confirm their school's). Never deleted.
/// </summary>
public class ServiceDelivery : Security.IUnitOwned, Security.IOrganisationOwned
{
    public int Id { get; set; }
    public int AdminUnitId { get; set; }
    public int AllocationId { get; set; }
    public ServiceKind Kind { get; set; }
    /// <summary>Where the service was given: the school that served the meals, or the session's site.</summary>
    public int SiteId { get; set; }
    public Organisations.Organisation? Site { get; set; }
    /// <summary>Meals: the school meal programme whose meal days are counted.</summary>
    public int? InterventionId { get; set; }
    /// <summary>Check-up: the session held.</summary>
    public int? CheckupSessionId { get; set; }
    public DateOnly FromDate { get; set; }
    public DateOnly ToDate { get; set; }
    /// <summary>What the source counts: meals served on those days, or children measured at the session.</summary>
    public int Served { get; set; }
    /// <summary>What this allocation is credited with: the served count, up to what the allocation still pays for.</summary>
    public int Quantity { get; set; }
    /// <summary>The need line's item in Vietnamese ("Suất ăn trưa") and the unit shown ("suất", "lượt khám"), as published.</summary>
    public string Item { get; set; } = "";
    public string Unit { get; set; } = "";

    public ServiceDeliveryState State { get; private set; } = ServiceDeliveryState.Recorded;
    public string RecordedById { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public string? ConfirmedById { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }
    public long? LedgerSequence { get; private set; }
    public string? CancelledById { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }

    public const int TextLength = 200;
    public const string WrongState = "Bản ghi dịch vụ không ở bước này nữa (có thể người khác vừa xử lý); hãy tải lại trang.";
    public const string Recorder = "Bạn là người ghi nhận dịch vụ này nên không được tự xác nhận. Cần cán bộ trường hoặc xã khác xác nhận.";

    /// <summary>Why <paramref name="userId"/> may not confirm (Vietnamese), or null.</summary>
    public string? RefusalToConfirm(string userId)
    {
        if (State != ServiceDeliveryState.Recorded) return WrongState;
        if (userId == RecordedById) return Recorder;
        return null;
    }

    public void Confirm(string byId, DateTime at, long sequence)
    {
        if (RefusalToConfirm(byId) is { } refusal) throw new InvalidOperationException(refusal);
        State = ServiceDeliveryState.Confirmed;
        ConfirmedById = byId;
        ConfirmedAt = at;
        LedgerSequence = sequence;
    }

    public void Cancel(string byId, DateTime at, string reason)
    {
        if (State != ServiceDeliveryState.Recorded) throw new InvalidOperationException(WrongState);
        State = ServiceDeliveryState.Cancelled;
        CancelledById = byId;
        CancelledAt = at;
        CancelReason = reason.Trim();
    }
}

public static class ServiceDeliveryLabels
{
    public static readonly IReadOnlyDictionary<ServiceDeliveryState, string> States = new Dictionary<ServiceDeliveryState, string>
    {
        [ServiceDeliveryState.Recorded] = "Chờ xác nhận", [ServiceDeliveryState.Confirmed] = "Đã xác nhận", [ServiceDeliveryState.Cancelled] = "Đã huỷ",
    };

    public static readonly IReadOnlyDictionary<ServiceKind, string> Kinds = new Dictionary<ServiceKind, string>
    {
        [ServiceKind.Meals] = "Bữa ăn đã phục vụ", [ServiceKind.Checkup] = "Buổi khám đã tổ chức",
    };
}

public class ServiceDeliveryConfiguration : IEntityTypeConfiguration<ServiceDelivery>
{
    public void Configure(EntityTypeBuilder<ServiceDelivery> b)
    {
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Item).HasMaxLength(ServiceDelivery.TextLength);
        b.Property(d => d.Unit).HasMaxLength(30);
        b.Property(d => d.CancelReason).HasMaxLength(500);
        foreach (var who in new[] { nameof(ServiceDelivery.RecordedById), nameof(ServiceDelivery.ConfirmedById), nameof(ServiceDelivery.CancelledById) })
            b.Property(who).HasMaxLength(450);
        b.HasOne<AdminUnits.AdminUnit>().WithMany().HasForeignKey(d => d.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Allocations.Allocation>().WithMany().HasForeignKey(d => d.AllocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Site).WithMany().HasForeignKey(d => d.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Interventions.Intervention>().WithMany().HasForeignKey(d => d.InterventionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Checkups.CheckupSession>().WithMany().HasForeignKey(d => d.CheckupSessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.State, d.AdminUnitId });
        b.HasIndex(d => d.AllocationId);
        b.HasIndex(d => new { d.InterventionId, d.SiteId, d.FromDate });
        b.HasIndex(d => d.LedgerSequence).IsUnique();
        // A session's children may be split between allocations: the insert trigger keeps the live records' sum within those measured.
        b.HasIndex(d => d.CheckupSessionId);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_service_deliveries_quantity", "quantity > 0 AND quantity <= served AND from_date <= to_date");
            t.HasCheckConstraint("ck_service_deliveries_source",
                "(kind = 'Meals' AND intervention_id IS NOT NULL AND checkup_session_id IS NULL) OR " +
                "(kind = 'Checkup' AND checkup_session_id IS NOT NULL AND intervention_id IS NULL AND from_date = to_date)");
            t.HasCheckConstraint("ck_service_deliveries_state",
                "(state = 'Recorded' AND confirmed_by_id IS NULL AND ledger_sequence IS NULL AND cancelled_by_id IS NULL) OR " +
                "(state = 'Confirmed' AND confirmed_by_id IS NOT NULL AND ledger_sequence IS NOT NULL AND cancelled_by_id IS NULL) OR " +
                "(state = 'Cancelled' AND cancelled_by_id IS NOT NULL AND cancel_reason IS NOT NULL AND ledger_sequence IS NULL)");
            // The one who records never confirms.
            t.HasCheckConstraint("ck_service_deliveries_four_eyes", "confirmed_by_id IS NULL OR confirmed_by_id <> recorded_by_id");
        });
    }
}
