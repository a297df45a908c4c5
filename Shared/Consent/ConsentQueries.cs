using ChildAid.Shared.Data;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Consent;

/// <summary>What depends on a consent: the media items and content items linked to it.</summary>
public sealed record ConsentDependents(IReadOnlyList<int> MediaItemIds, IReadOnlyList<int> ContentItemIds)
{
    public bool IsEmpty => MediaItemIds.Count == 0 && ContentItemIds.Count == 0;
}

/// <summary>
/// Reads for the sweeper that unpublishes what a withdrawn or expired consent covered (content-public writes it) and
/// for the consent pages. Meant for an unrestricted context (background work) or a scoped one alike.
/// </summary>
public sealed class ConsentQueries(ChildAidDbContext db, TimeProvider clock)
{
    public async Task<ConsentDependents> ItemsDependingOnAsync(int consentId, CancellationToken ct = default) => new(
        await db.MediaItems.AsNoTracking().Where(m => m.ConsentRecordId == consentId).Select(m => m.Id).OrderBy(i => i).ToListAsync(ct),
        await db.ContentItems.AsNoTracking().Where(c => c.ConsentRecordId == consentId).Select(c => c.Id).OrderBy(i => i).ToListAsync(ct));

    /// <summary>Consents no longer valid today (withdrawn, or expired before today in Vietnam) that something still depends on.</summary>
    public async Task<IReadOnlyList<int>> EndedWithDependentsAsync(CancellationToken ct = default)
    {
        var today = clock.VietnamToday();
        return await db.ConsentRecords.AsNoTracking()
            .Where(c => c.WithdrawnAt != null || (c.ExpiresOn != null && c.ExpiresOn < today))
            .Where(c => db.MediaItems.Any(m => m.ConsentRecordId == c.Id) || db.ContentItems.Any(i => i.ConsentRecordId == c.Id))
            .Select(c => c.Id).OrderBy(i => i).ToListAsync(ct);
    }
}
