using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Data;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Campaigns;

/// <summary>One area of a campaign as the campaign's page lists it; <see cref="InScope"/>: the user covers its commune (may remove it).</summary>
public sealed record CampaignAreaRow(int Id, int AdminUnitId, string CommuneCode, string CommuneName, NeedCategory? Category, bool InScope);

/// <summary>What the area form sends: a commune and, optionally, one category (none: every category of the commune).</summary>
public sealed class CampaignAreaInput
{
    public int? AdminUnitId { get; set; }
    public NeedCategory? Category { get; set; }
}

/// <summary>
/// Where a campaign's gifts may go (<see cref="CampaignArea"/>): listed for anyone who edits campaigns; added for a commune
/// the user covers (an admin: any); removed only when no live allocation (proposed or approved, not reversed) of the
/// campaign's gifts depends on it — an area another area also covers (the whole commune and one of its categories) frees
/// nothing. Every change is audited by the interceptor. Error keys are <see cref="CampaignAreaInput"/>'s property names.
/// </summary>
public class CampaignAreaService(ChildAidDbContext db, TimeProvider clock)
{
    /// <summary>Every area of the campaign (whatever the user's scope: they are public facts), communes by name.</summary>
    public async Task<List<CampaignAreaRow>> ListAsync(int campaignId, CancellationToken ct = default)
    {
        var rows = await db.CampaignAreas.IgnoreQueryFilters().AsNoTracking().Where(a => a.CampaignId == campaignId)
            .Join(db.AdminUnits, a => a.AdminUnitId, u => u.Id, (a, u) => new { a.Id, a.AdminUnitId, u.Code, u.Name, a.Category })
            .ToListAsync(ct);
        return rows.Select(r => new CampaignAreaRow(r.Id, r.AdminUnitId, r.Code, r.Name, r.Category, Covers(r.AdminUnitId)))
            .OrderBy(r => r.CommuneName, StringComparer.Ordinal).ThenBy(r => r.Category).ToList();
    }

    /// <summary>The communes (valid today) the user may add: those they cover; an admin (no scope) every one.</summary>
    public async Task<List<AdminUnit>> CommunesAsync(CancellationToken ct = default)
    {
        var today = clock.VietnamToday();
        var scope = db.UnitScope;
        var communes = await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminUnitLevel.Commune)
            .Where(u => scope == null || scope.Contains(u.Id)).OrderBy(u => u.Name).ToListAsync(ct);
        return communes.Where(u => u.IsValidOn(today)).ToList();
    }

    public async Task<Outcome<CampaignArea>> AddAsync(int campaignId, CampaignAreaInput input, CancellationToken ct = default)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, ct)) return Outcome<CampaignArea>.Fail("", "Không tìm thấy chiến dịch.");
        if (input.Category is { } category && !Enum.IsDefined(category))
            return Outcome<CampaignArea>.Fail(nameof(input.Category), "Chọn một nhóm nhu cầu trong danh sách.");
        var commune = input.AdminUnitId is { } unitId
            ? await db.AdminUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId && u.Level == AdminUnitLevel.Commune, ct)
            : null;
        if (commune is null) return Outcome<CampaignArea>.Fail(nameof(input.AdminUnitId), "Chọn một xã.");
        if (!Covers(commune.Id))
            return Outcome<CampaignArea>.Fail(nameof(input.AdminUnitId), Messages.Format("{0} không thuộc phạm vi đơn vị của bạn; bạn chỉ thêm được xã mình phụ trách.", commune.Name));
        var existing = await db.CampaignAreas.IgnoreQueryFilters().Where(a => a.CampaignId == campaignId && a.AdminUnitId == commune.Id).ToListAsync(ct);
        if (existing.Any(a => a.Category == input.Category))
            return Outcome<CampaignArea>.Fail(nameof(input.AdminUnitId), Messages.Format("Chiến dịch đã có địa bàn này ({0}).", commune.Name));
        var area = new CampaignArea { CampaignId = campaignId, AdminUnitId = commune.Id, Category = input.Category };
        db.CampaignAreas.Add(area);
        await db.SaveChangesAsync(ct);
        return Outcome<CampaignArea>.Ok(area);
    }

    /// <summary>The CLI's form: a commune by its official code, a category by its name (WarmClothes…).</summary>
    public async Task<Outcome<CampaignArea>> AddAsync(int campaignId, string communeCode, string? categoryName, CancellationToken ct = default)
    {
        NeedCategory? category = null;
        if (!string.IsNullOrWhiteSpace(categoryName))
        {
            if (!Enum.TryParse<NeedCategory>(categoryName.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(categoryName, out _))
                return Outcome<CampaignArea>.Fail(nameof(CampaignAreaInput.Category),
                    Messages.Format("Nhóm nhu cầu “{0}” không có trong danh sách ({1}).", categoryName.Trim(), string.Join(", ", Enum.GetNames<NeedCategory>())));
            category = parsed;
        }
        var today = clock.VietnamToday();
        var communes = await db.AdminUnits.AsNoTracking().Where(u => u.Code == communeCode.Trim() && u.Level == AdminUnitLevel.Commune).ToListAsync(ct);
        var commune = communes.FirstOrDefault(u => u.IsValidOn(today)) ?? communes.FirstOrDefault();
        if (commune is null) return Outcome<CampaignArea>.Fail(nameof(CampaignAreaInput.AdminUnitId), Messages.Format("Không có xã mã {0}.", communeCode.Trim()));
        return await AddAsync(campaignId, new CampaignAreaInput { AdminUnitId = commune.Id, Category = category }, ct);
    }

    public async Task<Outcome<CampaignArea>> RemoveAsync(int campaignId, int areaId, CancellationToken ct = default)
    {
        var area = await db.CampaignAreas.IgnoreQueryFilters().FirstOrDefaultAsync(a => a.Id == areaId && a.CampaignId == campaignId, ct);
        if (area is null) return Outcome<CampaignArea>.Fail("", "Không tìm thấy địa bàn này của chiến dịch.");
        var commune = await db.AdminUnits.AsNoTracking().Where(u => u.Id == area.AdminUnitId).Select(u => u.Name).SingleAsync(ct);
        if (!Covers(area.AdminUnitId))
            return Outcome<CampaignArea>.Fail("", Messages.Format("{0} không thuộc phạm vi đơn vị của bạn; bạn chỉ bỏ được địa bàn ở xã mình phụ trách.", commune));
        var dependent = await DependentAllocationsAsync(area, ct);
        if (dependent > 0)
            return Outcome<CampaignArea>.Fail("", Messages.Format(
                "Không bỏ được địa bàn {0}: {1} phân bổ (đang chờ duyệt hoặc đã duyệt) của chiến dịch dựa vào địa bàn này. Hãy từ chối hoặc hoàn các phân bổ đó trước.",
                commune, dependent));
        db.CampaignAreas.Remove(area);
        await db.SaveChangesAsync(ct);
        return Outcome<CampaignArea>.Ok(area);
    }

    /// <summary>Live allocations of the campaign's gifts inside <paramref name="area"/> and inside no other area of the campaign.</summary>
    private async Task<int> DependentAllocationsAsync(CampaignArea area, CancellationToken ct)
    {
        var others = await db.CampaignAreas.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.CampaignId == area.CampaignId && a.Id != area.Id && a.AdminUnitId == area.AdminUnitId).ToListAsync(ct);
        var categories = await db.Allocations.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.State == AllocationState.Proposed || a.State == AllocationState.Approved)
            .Where(a => a.Contribution!.CampaignId == area.CampaignId && a.NeedLine!.AdminUnitId == area.AdminUnitId)
            .Select(a => a.NeedLine!.Category).ToListAsync(ct);
        return categories.Count(c => area.Covers(area.AdminUnitId, c) && !others.Any(o => o.Covers(area.AdminUnitId, c)));
    }

    /// <summary>Whether the user covers the commune (an admin and the CLI: every one).</summary>
    public bool Covers(int unitId) => db.UnitScope is null || db.UnitScope.Contains(unitId);
}
