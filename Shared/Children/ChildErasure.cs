using System.Text.Json;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Children;

/// <summary>What an erasure will touch, shown before it is confirmed.</summary>
public sealed record ErasurePreview(Child Child, int Measurements, int Consents, int Photos, int PhotosInUse, int MergedRecords,
    IReadOnlyList<NameMention> Mentions);

/// <summary>
/// Free text that names the child (a need line's note, a page or story in any version): the erasure does not rewrite
/// what people wrote, so the officer is shown where to edit it. <see cref="ContentItemId"/> or <see cref="NeedLine"/> is set.
/// </summary>
public sealed record NameMention(int? ContentItemId, string? ContentTitle, bool Published, (int ReviewId, int LineId)? NeedLine);

/// <summary>
/// What an erasure did with the child's photos: deleted (files and rows), or kept because content uses them; and how many
/// deleted photos' files could not be removed from the disk (the rows are gone: the files must go by hand).
/// </summary>
public sealed record ErasureResult(int ChildId, int PhotosDeleted, int PhotosKept, IReadOnlyList<string> FilesLeft);

/// <summary>
/// Erasure at the guardian's request (Personal Data Protection Law): the child's personal fields are wiped in place —
/// name, date of birth, ethnicity, guardian, class, circumstances, the village (the record keeps only its commune) —
/// and the record reads "Đã xoá theo yêu cầu" with the date and the reason. Its measurements stay as anonymous
/// statistics: sex, the age at measurement (stored in days), the measured values and z-scores; their free-text findings,
/// referral and treatment are wiped. Its consent records are withdrawn and lose the guardian's name and note; photos
/// linked to them (an item links one consent, so it shows only this child) are deleted — the rendition files in the
/// media store's private and public areas and the rows — except those content still uses (a content version's
/// pictures or hero: the foreign keys keep them), which are unpublished at once and kept without their description and
/// file name for an editor to replace. Records merged into it are erased with it. Audit rows that
/// carried the erased values keep who did what and when, not the values; one new audit row says who erased, when and
/// why. Done past the audit interceptor (which would keep the old values in its "before"), in one transaction.
/// </summary>
public class ChildErasure(ChildAidDbContext db, AuditActor actor, TimeProvider clock, Media.MediaStore store)
{
    public const string ErasedName = "Đã xoá theo yêu cầu";
    public const string EraseAction = "Erased";
    /// <summary>The interceptor's word for a deleted row: the media library's trail reads it as any deletion.</summary>
    public const string PhotoDeletedAction = "Deleted";
    public const int MaxReasonLength = 500;

    public async Task<ErasurePreview?> PreviewAsync(int childId, CancellationToken ct = default)
    {
        var child = await db.Children.AsNoTracking().InRegistry().FirstOrDefaultAsync(c => c.Id == childId, ct);
        if (child is null) return null;
        var ids = await RecordIdsAsync(childId, ct);
        var consents = await db.ConsentRecords.IgnoreQueryFilters().Where(r => r.ChildId != null && ids.Contains(r.ChildId.Value)).Select(r => r.Id).ToListAsync(ct);
        var photos = await db.MediaItems.IgnoreQueryFilters().Where(m => m.ConsentRecordId != null && consents.Contains(m.ConsentRecordId.Value)).Select(m => m.Id).ToListAsync(ct);
        var names = await db.Children.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.FullName).ToListAsync(ct);
        return new ErasurePreview(child,
            await db.Measurements.IgnoreQueryFilters().CountAsync(m => ids.Contains(m.ChildId), ct),
            consents.Count, photos.Count, (await UsedByContentAsync(photos, ct)).Count, ids.Count - 1, await MentionsAsync(names, ct));
    }

    /// <summary>
    /// Where the child's name (any of its records', case and diacritics ignored, as a whole phrase) is written in free text:
    /// the notes of need lines the officer's units cover, and every version of every page and story (title, summary,
    /// body, both languages). Read once per erasure, so a full pass over the text is fine.
    /// </summary>
    public async Task<IReadOnlyList<NameMention>> MentionsAsync(IReadOnlyList<string> names, CancellationToken ct = default)
    {
        var folded = names.Select(n => Text.TextFolding.Fold(n)).Where(n => n.Length >= 3).Distinct().ToList();
        if (folded.Count == 0) return [];
        bool Names(params string?[] texts)
        {
            var text = " " + Text.TextFolding.Fold(string.Join(" ", texts.Where(t => t is not null))) + " ";
            return folded.Any(n => System.Text.RegularExpressions.Regex.IsMatch(text, $"(?<![\\p{{L}}\\p{{N}}]){System.Text.RegularExpressions.Regex.Escape(n)}(?![\\p{{L}}\\p{{N}}])"));
        }
        var mentions = new List<NameMention>();
        await foreach (var line in db.NeedLines.AsNoTracking().Where(l => l.Note != null).Select(l => new { l.Id, l.NeedsReviewId, l.Note }).AsAsyncEnumerable().WithCancellation(ct))
            if (Names(line.Note)) mentions.Add(new NameMention(null, null, false, (line.NeedsReviewId, line.Id)));
        var hits = new HashSet<int>();
        await foreach (var v in db.ContentVersions.IgnoreQueryFilters().AsNoTracking()
                           .Select(v => new { v.ContentItemId, v.Title, v.TitleEn, v.Summary, v.SummaryEn, v.Body, v.BodyEn }).AsAsyncEnumerable().WithCancellation(ct))
            if (!hits.Contains(v.ContentItemId) && Names(v.Title, v.TitleEn, v.Summary, v.SummaryEn, v.Body, v.BodyEn)) hits.Add(v.ContentItemId);
        if (hits.Count > 0)
        {
            var items = await db.ContentItems.IgnoreQueryFilters().AsNoTracking().Where(i => hits.Contains(i.Id))
                .Select(i => new { i.Id, i.PublishedVersion, Title = i.Versions.OrderByDescending(v => v.Number).Select(v => v.Title).FirstOrDefault() })
                .OrderBy(i => i.Id).ToListAsync(ct);
            mentions.AddRange(items.Select(i => new NameMention(i.Id, i.Title, i.PublishedVersion is not null, null)));
        }
        return mentions;
    }

    /// <summary>Which of the photos content uses (its pictures or hero, in any version): the foreign keys keep those.</summary>
    private async Task<HashSet<int>> UsedByContentAsync(List<int> photoIds, CancellationToken ct) =>
        (await db.ContentMediaUses.IgnoreQueryFilters().Where(u => photoIds.Contains(u.MediaItemId)).Select(u => u.MediaItemId).ToListAsync(ct))
        .Concat(await db.ContentVersions.IgnoreQueryFilters().Where(v => v.HeroMediaId != null && photoIds.Contains(v.HeroMediaId.Value)).Select(v => v.HeroMediaId!.Value).ToListAsync(ct))
        .ToHashSet();

    /// <summary>The child and every record merged into it (their history is the child's).</summary>
    private async Task<List<int>> RecordIdsAsync(int childId, CancellationToken ct) =>
        [childId, .. await db.Children.IgnoreQueryFilters().Where(c => c.MergedIntoId == childId).Select(c => c.Id).ToListAsync(ct)];

    public async Task<Outcome<ErasureResult>> EraseAsync(int childId, string? reason, CancellationToken ct = default)
    {
        var child = await db.Children.AsNoTracking().InRegistry().Include(c => c.AdminUnit).FirstOrDefaultAsync(c => c.Id == childId, ct);
        if (child is null) return Outcome<ErasureResult>.Fail("", "Không tìm thấy trẻ em trong phạm vi đơn vị của bạn.");
        reason = reason?.Trim();
        var ids = await RecordIdsAsync(childId, ct);
        var records = await db.Children.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        var consents = await db.ConsentRecords.IgnoreQueryFilters().AsNoTracking().Where(r => r.ChildId != null && ids.Contains(r.ChildId.Value)).ToListAsync(ct);
        // Every value to wipe, so that no audit row keeps one: names of the child (each record), of the guardian.
        var secrets = records.SelectMany(c => new[] { c.FullName, c.GuardianName }).Concat(consents.Select(r => r.GuardianName))
            .Where(s => !string.IsNullOrWhiteSpace(s) && s!.Trim().Length >= 3).Select(s => s!.Trim()).Distinct().ToList();

        if (string.IsNullOrEmpty(reason)) return Outcome<ErasureResult>.Fail("Reason", "Vui lòng nhập lý do (ví dụ: đơn yêu cầu của người giám hộ ngày …).");
        if (reason.Length > MaxReasonLength) return Outcome<ErasureResult>.Fail("Reason", "Lý do tối đa 500 ký tự.");
        if (secrets.Any(s => reason.Contains(s, StringComparison.OrdinalIgnoreCase)))
            return Outcome<ErasureResult>.Fail("Reason", "Lý do không được chứa họ tên của trẻ hay người giám hộ (lý do được giữ lại sau khi xóa).");

        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.VietnamToday();
        var commune = child.AdminUnit is { Level: AdminUnitLevel.Village, ParentId: { } parent } ? parent : child.AdminUnitId;

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // The age at each measurement is what statistics need once the date of birth is gone: store it where missing.
        var visits = await db.Measurements.IgnoreQueryFilters().AsNoTracking().Where(m => ids.Contains(m.ChildId) && m.AgeDays == null)
            .Select(m => new { m.Id, m.ChildId, m.Session!.HeldOn }).ToListAsync(ct);
        foreach (var v in visits)
        {
            var age = v.HeldOn.DayNumber - records.Single(c => c.Id == v.ChildId).DateOfBirth.DayNumber;
            await db.Measurements.IgnoreQueryFilters().Where(m => m.Id == v.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AgeDays, age), ct);
        }
        var measurements = await db.Measurements.IgnoreQueryFilters().Where(m => ids.Contains(m.ChildId)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Findings, (string?)null).SetProperty(m => m.Referral, (string?)null).SetProperty(m => m.Treatment, (string?)null), ct);

        var consentIds = consents.Select(r => r.Id).ToList();
        await db.ConsentRecords.IgnoreQueryFilters().Where(r => consentIds.Contains(r.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.GuardianName, "").SetProperty(r => r.Note, (string?)null), ct);
        await db.ConsentRecords.IgnoreQueryFilters().Where(r => consentIds.Contains(r.Id) && r.WithdrawnAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.WithdrawnAt, now).SetProperty(r => r.WithdrawnBy, actor.Name), ct);
        // Photos under the child's consents show only this child. Content that uses one (its pictures or hero, any
        // version) keeps it: unpublished now, without description; every other is deleted, rows here, files after commit.
        var photoRows = await db.MediaItems.IgnoreQueryFilters().AsNoTracking().Where(m => m.ConsentRecordId != null && consentIds.Contains(m.ConsentRecordId.Value))
            .Select(m => new { m.Id, m.FileKey }).ToListAsync(ct);
        var photoIds = photoRows.Select(m => m.Id).ToList();
        var used = await UsedByContentAsync(photoIds, ct);
        var kept = photoRows.Where(m => used.Contains(m.Id)).ToList();
        var deleted = photoRows.Where(m => !used.Contains(m.Id)).ToList();
        var deletedIds = deleted.Select(m => m.Id).ToList();
        var photos = photoRows.Count;
        // Public serving ends now (the consent sweep would only catch it on its next tick); PublicSite's cache follows the version.
        if (await db.PublishedMedia.IgnoreQueryFilters().Where(p => photoIds.Contains(p.MediaItemId)).ExecuteDeleteAsync(ct) > 0)
            await db.Database.ExecuteSqlRawAsync("UPDATE public_data_versions SET version = version + 1 WHERE id = 1", ct);
        await db.MediaItems.IgnoreQueryFilters().Where(m => photoIds.Contains(m.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Alt, ErasedName).SetProperty(m => m.AltEn, (string?)null).SetProperty(m => m.ErasedOn, today).SetProperty(m => m.OriginalFileName, "erased").SetProperty(m => m.SearchText, ""), ct);
        await db.MediaItems.IgnoreQueryFilters().Where(m => deletedIds.Contains(m.Id)).ExecuteDeleteAsync(ct);

        await db.Children.IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.FullName, ErasedName).SetProperty(c => c.SearchText, "")
            .SetProperty(c => c.DateOfBirth, DateOnly.MinValue).SetProperty(c => c.DateOfBirthEstimated, false)
            .SetProperty(c => c.EthnicGroup, "").SetProperty(c => c.GuardianName, (string?)null)
            .SetProperty(c => c.GuardianRelation, (GuardianRelation?)null).SetProperty(c => c.GuardianPhone, (string?)null).SetProperty(c => c.ChildConsentOn, (DateOnly?)null).SetProperty(c => c.ClassName, (string?)null)
            .SetProperty(c => c.Circumstances, Needs.CircumstanceGroups.None).SetProperty(c => c.PublicationConsentOn, (DateOnly?)null)
            .SetProperty(c => c.AdminUnitId, commune)
            .SetProperty(c => c.ErasedOn, today).SetProperty(c => c.ErasureReason, reason), ct);

        // The trail keeps who did what and when; the values it held are gone.
        var keys = ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var consentKeys = consentIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var photoKeys = photoIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await db.AuditEntries.IgnoreQueryFilters().Where(a => (a.EntityType == nameof(Child) && keys.Contains(a.EntityKey))
                                         || (a.EntityType == nameof(Consent.ConsentRecord) && consentKeys.Contains(a.EntityKey))
                                         || (a.EntityType == nameof(Media.MediaItem) && photoKeys.Contains(a.EntityKey)))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Label, ErasedName).SetProperty(a => a.Before, (string?)null).SetProperty(a => a.After, (string?)null), ct);
        foreach (var secret in secrets)
            await db.AuditEntries.IgnoreQueryFilters().Where(a => a.Label!.Contains(secret) || a.Before!.Contains(secret) || a.After!.Contains(secret))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Label, ErasedName).SetProperty(a => a.Before, (string?)null).SetProperty(a => a.After, (string?)null), ct);

        db.AuditEntries.Add(new AuditEntry
        {
            At = now, UserId = actor.UserId, Actor = actor.Name, EntityType = nameof(Child), EntityKey = keys[0], Action = EraseAction,
            AdminUnitId = commune, Label = ErasedName,
            After = JsonSerializer.Serialize(new { Reason = reason, Records = ids.Count, Measurements = measurements, Consents = consentIds.Count, Photos = photos,
                    PhotosDeleted = deleted.Count, PhotosKept = kept.Count },
                new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
        });
        // The media library's own trail: each deleted photo, by number only.
        foreach (var photo in deleted)
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserId = actor.UserId, Actor = actor.Name, EntityType = nameof(Media.MediaItem),
                EntityKey = photo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Action = PhotoDeletedAction, Label = ErasedName,
            });
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        // Files once the rows are gone for good (as the media library deletes): the public copies of the kept photos too.
        // A file the disk refuses is reported (the erasure itself stands), never a failed page after the commit.
        var left = new List<string>();
        foreach (var (photo, delete) in deleted.Select(p => (p, true)).Concat(kept.Select(p => (p, false))))
        {
            try
            {
                if (delete) store.Delete(photo.FileKey);
                else store.Unpublish(photo.FileKey);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                left.Add(photo.FileKey);
            }
        }
        return Outcome<ErasureResult>.Ok(new ErasureResult(childId, deleted.Count, kept.Count, left));
    }
}
