using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Needs;

public class DeclaredSupportInput
{
    /// <summary>Ignored for staff of an agency: their own agency is the one declaring.</summary>
    public int? AgencyId { get; set; }
    public NeedTarget Target { get; set; } = NeedTarget.Child;
    public int? ChildId { get; set; }
    public int? SchoolId { get; set; }
    public NeedCategory? Category { get; set; }
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public string? Description { get; set; }
}

public sealed record DeclaredSupportRow(int Id, string AgencyName, string For, NeedCategory Category, DateOnly PeriodStart, DateOnly PeriodEnd, string Description);

/// <summary>The register of support other agencies declared (for the duplicate check), within the reader's units.</summary>
public class DeclaredSupportService(ChildAidDbContext db, AuditActor actor, TimeProvider clock)
{
    public async Task<IReadOnlyList<DeclaredSupportRow>> ListAsync(CancellationToken ct = default) =>
        await db.DeclaredSupports.AsNoTracking().OrderByDescending(d => d.PeriodStart).ThenBy(d => d.Id).Take(500)
            .Select(d => new DeclaredSupportRow(d.Id, d.Agency!.Name, d.Target == NeedTarget.Child ? d.Child!.FullName : d.School!.Name,
                d.Category, d.PeriodStart, d.PeriodEnd, d.Description)).ToListAsync(ct);

    /// <summary>The agency the acting person declares for: their own organisation, or null (they choose one).</summary>
    public async Task<Organisation?> OwnAgencyAsync(CancellationToken ct = default) =>
        actor.UserId is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.Organisation).FirstOrDefaultAsync(ct) : null;

    public async Task<IReadOnlyList<Organisation>> AgenciesAsync(CancellationToken ct = default) =>
        await db.Organisations.AsNoTracking().Where(o => o.Type != OrganisationType.School).OrderBy(o => o.Name).ToListAsync(ct);

    /// <summary>Schools of the reader's units.</summary>
    public async Task<IReadOnlyList<Organisation>> SchoolsAsync(CancellationToken ct = default) =>
        await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.School && (db.UnitScope == null || db.UnitScope.Contains(o.AdminUnitId)))
            .OrderBy(o => o.Name).ToListAsync(ct);

    public async Task<Outcome<DeclaredSupport>> AddAsync(DeclaredSupportInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var agencyId = (await OwnAgencyAsync(ct))?.Id ?? input.AgencyId;
        if (agencyId is null || !await db.Organisations.AnyAsync(o => o.Id == agencyId && o.Type != OrganisationType.School, ct))
            errors[nameof(input.AgencyId)] = "Vui lòng chọn cơ quan, tổ chức hỗ trợ.";
        int? unitId = null;
        if (input.Target == NeedTarget.Child)
        {
            unitId = input.ChildId is { } c ? await db.Children.Where(x => x.Id == c).Select(x => (int?)x.AdminUnitId).FirstOrDefaultAsync(ct) : null;
            if (unitId is null) errors[nameof(input.ChildId)] = "Vui lòng chọn trẻ em trong phạm vi của bạn.";
        }
        else if (input.Target == NeedTarget.School)
        {
            unitId = input.SchoolId is { } s ? await db.Organisations.Where(o => o.Id == s && o.Type == OrganisationType.School).Select(o => (int?)o.AdminUnitId).FirstOrDefaultAsync(ct) : null;
            if (unitId is null) errors[nameof(input.SchoolId)] = "Vui lòng chọn trường học.";
            else if (db.UnitScope is { } scope && !scope.Contains(unitId.Value)) errors[nameof(input.SchoolId)] = "Trường học này không thuộc phạm vi của bạn.";
        }
        else errors[nameof(input.Target)] = "Hỗ trợ được đăng ký cho một trẻ em hoặc một trường học.";
        if (input.Category is not { } category || !Enum.IsDefined(category)) errors[nameof(input.Category)] = "Vui lòng chọn nhóm nhu cầu.";
        if (input.PeriodStart is null) errors[nameof(input.PeriodStart)] = "Vui lòng nhập ngày bắt đầu.";
        if (input.PeriodEnd is null) errors[nameof(input.PeriodEnd)] = "Vui lòng nhập ngày kết thúc.";
        else if (input.PeriodStart is { } start && input.PeriodEnd < start) errors[nameof(input.PeriodEnd)] = "Ngày kết thúc không được trước ngày bắt đầu.";
        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0) errors[nameof(input.Description)] = "Vui lòng ghi nội dung hỗ trợ.";
        else if (description.Length > DeclaredSupport.DescriptionLength) errors[nameof(input.Description)] = $"Nội dung tối đa {DeclaredSupport.DescriptionLength} ký tự.";
        if (errors.Count > 0) return Outcome<DeclaredSupport>.Fail(errors);

        var support = new DeclaredSupport
        {
            AgencyId = agencyId!.Value, AdminUnitId = await CommuneOfAsync(unitId!.Value, ct), Target = input.Target,
            ChildId = input.Target == NeedTarget.Child ? input.ChildId : null, SchoolId = input.Target == NeedTarget.School ? input.SchoolId : null,
            Category = input.Category!.Value, PeriodStart = input.PeriodStart!.Value, PeriodEnd = input.PeriodEnd!.Value, Description = description,
            RecordedById = actor.UserId ?? actor.Name, RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.DeclaredSupports.Add(support);
        await db.SaveChangesAsync(ct);
        return Outcome<DeclaredSupport>.Ok(support);
    }

    /// <summary>The commune of a village (its parent), or the unit itself when it is a commune or above.</summary>
    private async Task<int> CommuneOfAsync(int unitId, CancellationToken ct)
    {
        var unit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == unitId, ct);
        return unit.Level == AdminUnitLevel.Village && unit.ParentId is { } parent ? parent : unit.Id;
    }
}
