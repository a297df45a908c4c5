using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildAid.Shared.Consent;

public class ConsentInput
{
    public int? ChildId { get; set; }
    public bool NoIdentifiableChild { get; set; }
    /// <summary>Where the photo was taken, when no child can be identified (otherwise the child's own unit is used).</summary>
    public int? AdminUnitId { get; set; }
    public string? GuardianName { get; set; }
    public DateOnly? GuardianConsentOn { get; set; }
    public DateOnly? ChildConsentOn { get; set; }
    public bool ScopeWebsite { get; set; }
    public bool ScopeSocialMedia { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string? Note { get; set; }
}

public enum ConsentStatus { Valid, Expired, Withdrawn }

public sealed record ConsentRow(int Id, string Subject, string? GuardianName, DateOnly? GuardianConsentOn, DateOnly? ChildConsentOn,
    ConsentScope Scope, DateOnly? ExpiresOn, ConsentStatus Status, DateTime? WithdrawnAt, string? WithdrawnBy, string RecordedBy);

/// <summary>
/// Consent to publish a child's image or story. Staff see and record consents only for children of their units (the
/// record carries the child's unit, and the unit-scope filter applies). Every change is audited by the interceptor.
/// </summary>
public sealed class ConsentService(ChildAidDbContext db, TimeProvider clock)
{
    public const string NoChildLabel = "Không có trẻ em nhận diện được";

    /// <summary>Age in whole years on a date (a child born on 29/02 turns a year older on 28/02 in other years).</summary>
    public static int AgeOn(DateOnly born, DateOnly on)
    {
        var age = on.Year - born.Year;
        return born.AddYears(age) > on ? age - 1 : age;
    }

    public async Task<Paged<ConsentRow>> ListAsync(string? q, int page, CancellationToken ct = default)
    {
        var today = clock.VietnamToday();
        var records = db.ConsentRecords.AsNoTracking();
        var folded = TextFolding.Fold(q);
        if (folded.Length > 0) records = records.Where(c => c.Child != null && c.Child.SearchText.Contains(folded));
        return await Paged<ConsentRow>.FromAsync(records.OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)
            .Select(c => new ConsentRow(c.Id, c.Child != null ? c.Child.FullName : NoChildLabel, c.GuardianName, c.GuardianConsentOn, c.ChildConsentOn,
                c.Scope, c.ExpiresOn,
                c.WithdrawnAt != null ? ConsentStatus.Withdrawn : c.ExpiresOn != null && c.ExpiresOn < today ? ConsentStatus.Expired : ConsentStatus.Valid,
                c.WithdrawnAt, c.WithdrawnBy, c.RecordedBy)), page, 50, ct);
    }

    public Task<ConsentRecord?> FindAsync(int id, CancellationToken ct = default) =>
        db.ConsentRecords.AsNoTracking().Include(c => c.Child).FirstOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>
    /// Consents in force today in the reader's units, for a media item's or a story's pick list, worded through
    /// <paramref name="words"/> (the staff site's localizer: Vietnamese keys) when given, else in Vietnamese.
    /// </summary>
    public async Task<IReadOnlyList<Choice>> ChoicesAsync(IStringLocalizer? words = null, CancellationToken ct = default)
    {
        var today = clock.VietnamToday();
        var rows = await db.ConsentRecords.AsNoTracking()
            .Where(c => c.WithdrawnAt == null && (c.ExpiresOn == null || c.ExpiresOn >= today))
            .OrderBy(c => c.Child!.SearchText).ThenBy(c => c.Id)
            .Select(c => new { c.Id, Name = c.Child != null ? c.Child.FullName : null, c.GuardianName, c.ExpiresOn, c.Scope })
            .Take(2000).ToListAsync(ct);
        string T(string key, params object[] values) =>
            words is null ? string.Format(System.Globalization.CultureInfo.InvariantCulture, key, values) : words[key, values];
        return rows.Select(c => new Choice(c.Id,
            (c.Name ?? T(NoChildLabel)) + (c.GuardianName is null ? "" : T(" — người giám hộ {0}", c.GuardianName)) +
            (c.ExpiresOn is { } e ? T(", đến {0}", VietnameseFormat.Date(e)) : "") + " (" + T(ScopeLabel(c.Scope)) + ")")).ToList();
    }

    public static string ScopeLabel(ConsentScope scope) => scope switch
    {
        ConsentScope.Website | ConsentScope.SocialMedia => "trang web và mạng xã hội",
        ConsentScope.Website => "trang web",
        ConsentScope.SocialMedia => "mạng xã hội",
        _ => "không phạm vi nào",
    };

    public async Task<Outcome<ConsentRecord>> RecordAsync(ConsentInput input, string recordedBy, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var today = clock.VietnamToday();
        var record = new ConsentRecord { RecordedBy = recordedBy, RecordedAt = clock.GetUtcNow().UtcDateTime };
        if (input.NoIdentifiableChild == (input.ChildId is not null))
            errors[nameof(input.ChildId)] = "Vui lòng chọn trẻ em, hoặc đánh dấu \"không có trẻ em nhận diện được\" (không chọn cả hai).";
        else if (input.ChildId is { } childId)
        {
            // Scoped: a child of another unit does not exist for this reader.
            var child = await db.Children.AsNoTracking().FirstOrDefaultAsync(c => c.Id == childId, ct);
            if (child is null) errors[nameof(input.ChildId)] = "Không tìm thấy trẻ em trong phạm vi đơn vị của bạn.";
            else
            {
                record.ChildId = child.Id;
                record.AdminUnitId = child.AdminUnitId;
                CheckGuardian(input, child.DateOfBirth, today, errors);
            }
        }
        else if (input.AdminUnitId is not { } unit || db.UnitScope is { } scope && !scope.Contains(unit) || !await db.AdminUnits.AnyAsync(u => u.Id == unit, ct))
            errors[nameof(input.AdminUnitId)] = "Vui lòng chọn xã nơi chụp ảnh, trong phạm vi của bạn.";
        else record.AdminUnitId = unit;

        var consentScope = (input.ScopeWebsite ? ConsentScope.Website : 0) | (input.ScopeSocialMedia ? ConsentScope.SocialMedia : 0);
        if (consentScope == ConsentScope.None) errors[nameof(input.ScopeWebsite)] = "Vui lòng chọn phạm vi được đồng ý: trang web, mạng xã hội, hoặc cả hai.";
        if (input.ExpiresOn is { } expires && expires < (input.GuardianConsentOn ?? today))
            errors[nameof(input.ExpiresOn)] = "Ngày hết hạn phải sau ngày đồng ý.";
        else if (input.ExpiresOn is null && !input.NoIdentifiableChild)
            errors[nameof(input.ExpiresOn)] = "Vui lòng nhập ngày hết hạn của sự đồng ý (dd/mm/yyyy).";
        if (input.Note?.Trim().Length > ConsentRecord.NoteLength) errors[nameof(input.Note)] = $"Ghi chú tối đa {ConsentRecord.NoteLength} ký tự.";
        if (errors.Count > 0) return Outcome<ConsentRecord>.Fail(errors);

        record.NoIdentifiableChild = input.NoIdentifiableChild;
        if (!input.NoIdentifiableChild)
        {
            record.GuardianName = input.GuardianName!.Trim();
            record.GuardianConsentOn = input.GuardianConsentOn;
            record.ChildConsentOn = input.ChildConsentOn;
        }
        record.Scope = consentScope;
        record.ExpiresOn = input.ExpiresOn;
        record.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        db.ConsentRecords.Add(record);
        await db.SaveChangesAsync(ct);
        return Outcome<ConsentRecord>.Ok(record);
    }

    private static void CheckGuardian(ConsentInput input, DateOnly born, DateOnly today, Dictionary<string, string> errors)
    {
        if (NameRule.Check(input.GuardianName, ConsentRecord.GuardianNameLength, "Vui lòng nhập họ tên người giám hộ đã đồng ý.",
                $"Họ tên tối đa {ConsentRecord.GuardianNameLength} ký tự.") is { } name)
            errors[nameof(input.GuardianName)] = name;
        if (input.GuardianConsentOn is not { } given)
        {
            errors[nameof(input.GuardianConsentOn)] = "Vui lòng nhập ngày người giám hộ đồng ý (dd/mm/yyyy).";
            return;
        }
        if (given > today) errors[nameof(input.GuardianConsentOn)] = "Ngày đồng ý không được sau hôm nay.";
        else if (given < born) errors[nameof(input.GuardianConsentOn)] = "Ngày đồng ý không được trước ngày sinh của trẻ.";
        if (input.ChildConsentOn is { } own && (own > today || own < born))
            errors[nameof(input.ChildConsentOn)] = "Ngày trẻ đồng ý phải sau ngày sinh và không sau hôm nay.";
        else if (input.ChildConsentOn is null && AgeOn(born, given) >= ConsentRecord.OwnConsentAge)
            errors[nameof(input.ChildConsentOn)] =
                $"Trẻ đã {AgeOn(born, given)} tuổi vào ngày {VietnameseFormat.Date(given)}: cần cả sự đồng ý của chính trẻ (từ đủ 7 tuổi, Luật Trẻ em điều 33). Vui lòng nhập ngày trẻ đồng ý.";
    }

    /// <summary>Withdrawal is final: the record stays (it is evidence), the sweeper unpublishes what depends on it.</summary>
    public async Task<Outcome<ConsentRecord>> WithdrawAsync(int id, string withdrawnBy, CancellationToken ct = default)
    {
        var record = await db.ConsentRecords.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (record is null) return Outcome<ConsentRecord>.Fail("", "Không tìm thấy hồ sơ đồng ý trong phạm vi đơn vị của bạn.");
        if (record.WithdrawnAt is not null)
            return Outcome<ConsentRecord>.Fail("", $"Hồ sơ này đã được rút lại lúc {VietnameseFormat.DateTime(record.WithdrawnAt.Value)}.");
        record.WithdrawnAt = clock.GetUtcNow().UtcDateTime;
        record.WithdrawnBy = withdrawnBy;
        await db.SaveChangesAsync(ct);
        return Outcome<ConsentRecord>.Ok(record);
    }
}
