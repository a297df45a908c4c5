using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Children;

/// <summary>Only the fields the needs review uses; the full child registry comes with the nutrition issue.</summary>
public class ChildInput
{
    public string? FullName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    /// <summary>The date of birth is an estimate.</summary>
    public bool DateOfBirthEstimated { get; set; }
    /// <summary>Only the year is known: the date becomes 01/07 of that year, marked estimated.</summary>
    public int? BirthYear { get; set; }
    public Sex? Sex { get; set; }
    /// <summary>The village (or commune) the child lives in.</summary>
    public int AdminUnitId { get; set; }
    public int? SchoolId { get; set; }
    /// <summary>The class at school ("3A"): the check-up grid lists children by it.</summary>
    public string? ClassName { get; set; }
    /// <summary>The health station that looks after the child (its health workers read the record).</summary>
    public int? HealthStationId { get; set; }
    public List<CircumstanceGroups> Circumstances { get; set; } = [];
    public string? GuardianName { get; set; }
    public GuardianRelation? GuardianRelation { get; set; }
    /// <summary>As typed ("0912 345 678", "+84 912 345 678"); stored as 10 digits.</summary>
    public string? GuardianPhone { get; set; }
    /// <summary>The day the child gave their own consent to publication (only from 7 years of age).</summary>
    public DateOnly? ChildConsentOn { get; set; }

    public static ChildInput From(Child c) => new()
    {
        GuardianName = c.GuardianName, GuardianRelation = c.GuardianRelation, GuardianPhone = c.GuardianPhone, ChildConsentOn = c.ChildConsentOn,
        FullName = c.FullName, DateOfBirth = c.DateOfBirth, DateOfBirthEstimated = c.DateOfBirthEstimated, Sex = c.Sex, AdminUnitId = c.AdminUnitId, SchoolId = c.SchoolId,
        ClassName = c.ClassName, HealthStationId = c.HealthStationId,
        Circumstances = Enum.GetValues<CircumstanceGroups>().Where(g => g != CircumstanceGroups.None && c.Circumstances.HasFlag(g)).ToList(),
    };
}

public sealed record ChildRow(int Id, string FullName, DateOnly DateOfBirth, bool DateOfBirthEstimated, Sex Sex, string UnitName, string? SchoolName, CircumstanceGroups Circumstances);

/// <summary>Children of the units the reader covers: list with a search that ignores diacritics, add, change.</summary>
public class ChildService(ChildAidDbContext db, TimeProvider clock)
{
    public async Task<Paged<ChildRow>> SearchAsync(string? q, int page, CancellationToken ct = default)
    {
        var folded = TextFolding.Fold(q);
        var children = db.Children.AsNoTracking().InRegistry();
        if (folded.Length > 0) children = children.Where(c => c.SearchText.Contains(folded));
        return await Paged<ChildRow>.FromAsync(children.OrderBy(c => c.SearchText).ThenBy(c => c.Id)
            .Select(c => new ChildRow(c.Id, c.FullName, c.DateOfBirth, c.DateOfBirthEstimated, c.Sex, c.AdminUnit!.Name, c.School!.Name, c.Circumstances)), page, 50, ct);
    }

    /// <summary>The children of the reader's units for a pick list (name and date of birth), at most 2,000.</summary>
    public async Task<IReadOnlyList<Choice>> ChoicesAsync(CancellationToken ct = default) =>
        (await db.Children.AsNoTracking().InRegistry().OrderBy(c => c.SearchText).Take(2000).Select(c => new { c.Id, c.FullName, c.DateOfBirth, c.DateOfBirthEstimated }).ToListAsync(ct))
            .Select(c => new Choice(c.Id, $"{c.FullName} ({BirthDate(c.DateOfBirth, c.DateOfBirthEstimated)})")).ToList();

    /// <summary>The date of birth as shown: dd/MM/yyyy, and "(ước tính)" when it is an estimate.</summary>
    public static string BirthDate(DateOnly born, bool estimated) => estimated ? $"{VietnameseFormat.Date(born)} (ước tính)" : VietnameseFormat.Date(born);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>The date an estimated year of birth stands for: the middle of the year (today, for a child born this year before July).</summary>
    public static DateOnly FromBirthYear(int year) => new(year, 7, 1);

    public Task<Child?> FindAsync(int id, CancellationToken ct = default) => db.Children.AsNoTracking().InRegistry().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<Outcome<Child>> SaveAsync(int? id, ChildInput input, CancellationToken ct = default)
    {
        var child = id is { } existing ? await db.Children.InRegistry().FirstOrDefaultAsync(c => c.Id == existing, ct) : null;
        if (id is not null && child is null) return Outcome<Child>.Fail("", "Không tìm thấy trẻ em trong phạm vi đơn vị của bạn.");
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0) return Outcome<Child>.Fail(errors);
        child ??= db.Children.Add(new Child { FullName = "" }).Entity;
        child.FullName = input.FullName!.Trim();
        child.SearchText = TextFolding.Fold(child.FullName);
        (child.DateOfBirth, child.DateOfBirthEstimated) = input.DateOfBirth is { } born ? (born, input.DateOfBirthEstimated) : (Min(FromBirthYear(input.BirthYear!.Value), clock.VietnamToday()), true);
        child.Sex = input.Sex!.Value;
        child.AdminUnitId = input.AdminUnitId;
        child.SchoolId = input.SchoolId;
        child.ClassName = string.IsNullOrWhiteSpace(input.ClassName) ? null : input.ClassName.Trim();
        child.HealthStationId = input.HealthStationId;
        child.Circumstances = input.Circumstances.Aggregate(CircumstanceGroups.None, (all, g) => all | g);
        child.GuardianName = string.IsNullOrWhiteSpace(input.GuardianName) ? null : input.GuardianName.Trim();
        child.GuardianRelation = input.GuardianRelation;
        child.GuardianPhone = Phone(input.GuardianPhone);
        child.ChildConsentOn = input.ChildConsentOn;
        await db.SaveChangesAsync(ct);
        return Outcome<Child>.Ok(child);
    }

    /// <summary>The age from which a child gives their own consent to publication (DESIGN.md §5).</summary>
    public const int OwnConsentAge = 7;

    /// <summary>
    /// A Vietnamese phone number as digits: a mobile's 10 starting with 0, a landline's 11 starting with 02; spaces, dots,
    /// dashes and brackets dropped, +84 / 84 becomes 0; null when empty or not such a number.
    /// </summary>
    public const string GuardianPhoneInvalid =
        "Số điện thoại người giám hộ: 10 chữ số bắt đầu bằng 0 (ví dụ 0912 345 678), số cố định 11 chữ số bắt đầu bằng 02, hoặc +84 thay cho số 0 đầu.";

    public static string? Phone(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var digits = new string(typed.Where(ch => !(ch is ' ' or '.' or '-' or '(' or ')')).ToArray());
        if (digits.StartsWith("+84", StringComparison.Ordinal)) digits = "0" + digits[3..];
        else if (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11) digits = "0" + digits[2..];
        if (!digits.All(char.IsAsciiDigit)) return null;
        // Mobile: 10 digits (03x–09x); landline since 2017: 11 digits starting with 02.
        return digits.Length == 10 && digits[0] == '0' && digits[1] != '0' || digits.Length == 11 && digits.StartsWith("02", StringComparison.Ordinal) ? digits : null;
    }

    /// <summary>Health stations (and health centres) of the reader's units, for the child form.</summary>
    public async Task<IReadOnlyList<Organisation>> HealthStationsAsync(CancellationToken ct = default) =>
        await StationsQuery().AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);

    /// <summary>
    /// Schools of the reader's units for the child form — a school's staff their own school only, a health worker none —
    /// and <paramref name="current"/>, the record's school, so that saving a record does not drop a school the reader may not pick.
    /// </summary>
    public async Task<IReadOnlyList<Organisation>> SchoolsAsync(int? current, CancellationToken ct = default) =>
        await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.School && (o.Id == current
            || (db.UnitScope == null || db.UnitScope.Contains(o.AdminUnitId)) && (db.OrganisationScope == null || db.OrganisationScope.Contains(o.Id))))
            .OrderBy(o => o.Name).ToListAsync(ct);

    private IQueryable<Organisation> StationsQuery() =>
        db.Organisations.Where(o => o.Type == OrganisationType.HealthCentre && (db.UnitScope == null || db.UnitScope.Contains(o.AdminUnitId)));

    /// <summary>
    /// For staff bound to an organisation: a record they save must name it (as the school or the health station), or it
    /// would leave their sight the moment it is saved — and they must not place children under another school or station.
    /// </summary>
    public const string OutsideOwnOrganisation = "Hồ sơ phải thuộc trường hoặc trạm y tế của bạn: chọn trường (hoặc trạm y tế) của bạn.";

    public async Task<Dictionary<string, string>> ValidateAsync(ChildInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        if (NameRule.Check(input.FullName, 200, "Vui lòng nhập họ tên trẻ.", "Họ tên tối đa 200 ký tự.") is { } name) errors[nameof(input.FullName)] = name;
        var today = clock.VietnamToday();
        if (input.DateOfBirth is { } born)
        {
            if (born > today || born < today.AddYears(-18)) errors[nameof(input.DateOfBirth)] = "Ngày sinh phải trong 18 năm qua và không sau hôm nay.";
            else if (input.BirthYear is not null) errors[nameof(input.BirthYear)] = "Nhập ngày sinh hoặc chỉ năm sinh, không cả hai.";
        }
        else if (input.BirthYear is not { } year) errors[nameof(input.DateOfBirth)] = "Vui lòng nhập ngày sinh (dd/mm/yyyy), hoặc chỉ năm sinh nếu không rõ ngày.";
        else if (year > today.Year || year < today.Year - 18 || FromBirthYear(year) < today.AddYears(-18))
            errors[nameof(input.BirthYear)] = "Năm sinh phải trong 18 năm qua và không sau năm nay.";
        if (input.Sex is not { } sex || !Enum.IsDefined(sex)) errors[nameof(input.Sex)] = "Vui lòng chọn giới tính.";
        if (db.UnitScope is { } scope && !scope.Contains(input.AdminUnitId) || !await db.AdminUnits.AnyAsync(u => u.Id == input.AdminUnitId, ct))
            errors[nameof(input.AdminUnitId)] = "Vui lòng chọn thôn/xã nơi trẻ sống, trong phạm vi của bạn.";
        if (input.SchoolId is { } school && !await db.Organisations.AnyAsync(o => o.Id == school && o.Type == OrganisationType.School, ct))
            errors[nameof(input.SchoolId)] = "Không tìm thấy trường học.";
        if (input.ClassName is { } cls && cls.Trim().Length > 20) errors[nameof(input.ClassName)] = "Lớp tối đa 20 ký tự.";
        if (input.HealthStationId is { } station && !await StationsQuery().AnyAsync(o => o.Id == station, ct))
            errors[nameof(input.HealthStationId)] = "Không tìm thấy trạm y tế trong phạm vi đơn vị của bạn.";
        if (db.OrganisationScope is { } mine && !(input.SchoolId is { } s && mine.Contains(s)) && !(input.HealthStationId is { } h && mine.Contains(h)))
            errors.TryAdd(nameof(input.SchoolId), OutsideOwnOrganisation);
        if (input.Circumstances.Any(g => !Enum.IsDefined(g) || g == CircumstanceGroups.None))
            errors[nameof(input.Circumstances)] = "Nhóm hoàn cảnh không hợp lệ.";
        if (input.GuardianName is { } guardian && guardian.Trim().Length > 200) errors[nameof(input.GuardianName)] = "Họ tên người giám hộ tối đa 200 ký tự.";
        if (input.GuardianRelation is { } relation && !Enum.IsDefined(relation)) errors[nameof(input.GuardianRelation)] = "Quan hệ với trẻ không hợp lệ.";
        if (!string.IsNullOrWhiteSpace(input.GuardianPhone) && Phone(input.GuardianPhone) is null)
            errors[nameof(input.GuardianPhone)] = GuardianPhoneInvalid;
        if (input.ChildConsentOn is { } consent)
        {
            var bornOn = input.DateOfBirth ?? (input.BirthYear is { } y && y > 0 && y < 10000 ? FromBirthYear(y) : (DateOnly?)null);
            if (consent > today) errors[nameof(input.ChildConsentOn)] = "Ngày trẻ đồng ý không được sau hôm nay.";
            else if (bornOn is { } b && consent < b.AddYears(OwnConsentAge))
                errors[nameof(input.ChildConsentOn)] = string.Format(VietnameseFormat.Culture,
                    "Trẻ tự đồng ý từ {0} tuổi: ngày này trước sinh nhật {0} tuổi của trẻ ({1}).", OwnConsentAge, VietnameseFormat.Date(b.AddYears(OwnConsentAge)));
        }
        return errors;
    }
}
