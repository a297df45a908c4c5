using ChildAid.Shared.Data;
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

    public Task<List<string>> EntityTypesAsync(CancellationToken ct = default) =>
        db.AuditEntries.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
}
