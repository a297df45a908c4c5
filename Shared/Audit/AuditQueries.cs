using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using Microsoft.EntityFrameworkCore;
using ChildAid.Shared.Time;

namespace ChildAid.Shared.Audit;

public class AuditFilter
{
    public string? Entity { get; set; }
    /// <summary>Matches the acting user's id or name.</summary>
    public string? User { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int PageNumber { get; set; } = 1;
}

/// <summary>Reads the audit trail for admins and inspectors. Dates are Vietnam's calendar days (UTC+7).</summary>
public class AuditQueries(ChildAidDbContext db)
{
    public Task<Paged<AuditEntry>> SearchAsync(AuditFilter filter, int pageSize = 50, CancellationToken ct = default)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Entity)) q = q.Where(e => e.EntityType == filter.Entity);
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            q = q.Where(e => e.UserId == user || e.Actor.Contains(user));
        }
        if (filter.From is { } from)
        {
            var start = VietnamClock.StartOfDayUtc(from);
            q = q.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = VietnamClock.StartOfDayUtc(to.AddDays(1));
            q = q.Where(e => e.At < end);
        }
        return Paged<AuditEntry>.FromAsync(q.OrderByDescending(e => e.Id), filter.PageNumber, pageSize, ct);
    }

    /// <summary>The names behind the ids in these rows: staff, units, campaigns, donors (names only: the registry is shared) and roles.</summary>
    public async Task<AuditNames> NamesAsync(IReadOnlyCollection<AuditEntry> rows, CancellationToken ct = default)
    {
        var userIds = rows.Select(r => r.UserId).OfType<string>().Distinct().ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.FullName.Length > 0 ? u.FullName : u.UserName ?? "", ct);
        var units = await db.AdminUnits.ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var campaigns = await db.Campaigns.ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var donorIds = rows.Where(r => r.EntityType == "Contribution").SelectMany(r => DonorIds(r.Before).Concat(DonorIds(r.After))).Distinct().ToList();
        var donors = await db.Donors.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]).Where(d => donorIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Id, r => Roles.VietnameseLabels.GetValueOrDefault(r.Name ?? "", r.Name ?? ""), ct);
        return new AuditNames(users, units, campaigns, donors, roles);
    }

    private static IEnumerable<int> DonorIds(string? json)
    {
        if (json is null) yield break;
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        if (doc.RootElement.TryGetProperty("DonorId", out var id) && id.TryGetInt32(out var value)) yield return value;
    }

    public Task<List<string>> EntityTypesAsync(CancellationToken ct = default) =>
        db.AuditEntries.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
}

/// <summary>Names the audit page may show for ids found in the trail.</summary>
public sealed record AuditNames(
    IReadOnlyDictionary<string, string> Users,
    IReadOnlyDictionary<int, string> Units,
    IReadOnlyDictionary<int, string> Campaigns,
    IReadOnlyDictionary<int, string> Donors,
    IReadOnlyDictionary<string, string> Roles);
