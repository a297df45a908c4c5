using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Data;
using ChildAid.Shared.Import;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Children;

/// <summary>The children workbook's columns (the template's headers).</summary>
public static class ChildSheet
{
    public static readonly ImportColumn FullName = new("Họ tên", Required: true, "Họ và tên", "Tên trẻ");
    public static readonly ImportColumn DateOfBirth = new("Ngày sinh", Required: true, "Ngày sinh (hoặc năm sinh)", "Năm sinh");
    public static readonly ImportColumn Estimated = new("Ngày sinh ước tính", Required: false, "Ước tính");
    public static readonly ImportColumn Sex = new("Giới tính", Required: true);
    public static readonly ImportColumn EthnicGroup = new("Dân tộc");
    public static readonly ImportColumn Place = new("Thôn/xã", Required: true, "Thôn", "Xã", "Nơi ở", "Thôn/xã nơi ở");
    public static readonly ImportColumn School = new("Trường");
    public static readonly ImportColumn ClassName = new("Lớp");
    public static readonly ImportColumn Guardian = new("Người giám hộ", Required: false, "Cha/mẹ hoặc người giám hộ");
    public static readonly ImportColumn GuardianRelation = new("Quan hệ với trẻ", Required: false, "Quan hệ");
    public static readonly ImportColumn GuardianPhone = new("Điện thoại người giám hộ", Required: false, "Điện thoại", "Số điện thoại");
    public static readonly ImportColumn[] All = [FullName, DateOfBirth, Estimated, Sex, EthnicGroup, Place, School, ClassName, Guardian, GuardianRelation, GuardianPhone];
}

/// <summary>What an import of children did: the pipeline's result, and the possible duplicates it wrote anyway (warnings).</summary>
public sealed record ChildImportResult(ImportResult Result, IReadOnlyList<ImportError> Warnings);

/// <summary>
/// Imports children from a workbook (one row per child) through the project's <see cref="ImportPipeline"/>: all rows in
/// one transaction or none, every bad row reported with its line (and the error workbook with a "Lỗi" column). Each
/// row's village or commune must be in the reader's units (found by name — "Thôn 1, Xã Ia Tơi" when a name repeats —
/// or by code). A year alone ("2019") is an estimated date of birth (01/07/2019). A possible duplicate — of an earlier
/// row of the file or of a child already in the registry (<see cref="ChildDuplicates.IsPossibleDuplicate"/>) — does not
/// stop the import: it is written and listed as a warning, for a person to merge on the duplicates page.
/// </summary>
public class ChildImport(ChildAidDbContext db, ImportPipeline pipeline, StaffScope scope, TimeProvider clock)
{
    public async Task<ChildImportResult> RunAsync(Stream workbook, CancellationToken ct = default)
    {
        var today = clock.VietnamToday();
        var places = await PlacesAsync(today, ct);
        if (places.Count == 0) return new(ImportResult.Refused("Bạn chưa được giao thôn/xã nào: không nhập được trẻ em."), []);
        var schools = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.School).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var definition = new Definition(db, places, schools.Select(s => (s.Id, s.Name)).ToList(), today);
        var result = await pipeline.RunAsync(definition, workbook, null, ct);
        return new(result, result.Succeeded ? definition.Warnings : []);
    }

    /// <summary>Villages and communes of the reader's units, valid today.</summary>
    public async Task<IReadOnlyList<AdminUnit>> PlacesAsync(DateOnly today, CancellationToken ct = default) =>
        (await scope.SelectableUnitsAsync(today, ct)).Where(u => u.Level is AdminUnitLevel.Village or AdminUnitLevel.Commune && u.IsValidOn(today)).ToList();

    /// <summary>The template: the columns, one example row in the first of the reader's places, and the places with their codes on a second sheet.</summary>
    public static byte[] Template(IReadOnlyList<AdminUnit> places)
    {
        var byId = places.ToDictionary(p => p.Id);
        string Name(AdminUnit u) => u.ParentId is { } parent && byId.TryGetValue(parent, out var p) ? $"{u.Name}, {p.Name}" : u.Name;
        var example = places.FirstOrDefault(p => p.Level == AdminUnitLevel.Village) ?? places.FirstOrDefault();
        var sheets = new Dictionary<string, object>
        {
            ["Tre em"] = new[]
            {
                new Dictionary<string, object?>
                {
                    [ChildSheet.FullName.Header] = "Nguyễn Văn Ví Dụ", [ChildSheet.DateOfBirth.Header] = "2019", [ChildSheet.Estimated.Header] = "có",
                    [ChildSheet.Sex.Header] = "Nam", [ChildSheet.EthnicGroup.Header] = "Kinh", [ChildSheet.Place.Header] = example is null ? "" : Name(example),
                    [ChildSheet.School.Header] = "", [ChildSheet.ClassName.Header] = "", [ChildSheet.Guardian.Header] = "",
                    [ChildSheet.GuardianRelation.Header] = "", [ChildSheet.GuardianPhone.Header] = "",
                },
            },
            ["Thon xa"] = places.Select(p => new Dictionary<string, object?> { ["Thôn/xã"] = Name(p), ["Mã"] = p.Code }).ToList(),
        };
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, sheets);
        return stream.ToArray();
    }

    public sealed record Row(int Line, Child Child);

    private sealed class Definition(ChildAidDbContext db, IReadOnlyList<AdminUnit> places, List<(int Id, string Name)> schools, DateOnly today)
        : ImportDefinition<Row>
    {
        private readonly List<Row> _earlier = [];
        // The reader's registry (the query filter reads only their units), by place and by folded name, loaded once.
        private ILookup<int, Child>? _byPlace;
        private ILookup<string, Child> _byName = Array.Empty<Child>().ToLookup(c => "");
        private Dictionary<int, string> _placeNames = [];
        public List<ImportError> Warnings { get; } = [];

        public override IReadOnlyList<ImportColumn> Columns => ChildSheet.All;

        private AdminUnit[] Match(string text)
        {
            var folded = TextFolding.Fold(text);
            var byId = places.ToDictionary(p => p.Id);
            return places.Where(u => u.Code == text.Trim() || TextFolding.Fold(u.Name) == folded
                                     || u.ParentId is { } parent && byId.TryGetValue(parent, out var p) && TextFolding.Fold($"{u.Name}, {p.Name}") == folded).ToArray();
        }

        public override Row? Parse(ImportRow row)
        {
            var name = row.Text(ChildSheet.FullName);
            if (Validation.NameRule.Check(name, 200, "Vui lòng nhập họ tên trẻ.", "Họ tên tối đa 200 ký tự.") is { } nameError) row.Error(ChildSheet.FullName, nameError);

            DateOnly? born = null;
            var estimated = row.Text(ChildSheet.Estimated) is { } flag && TextFolding.Fold(flag) is "co" or "x" or "yes" or "1" or "uoc tinh";
            var year = row.Raw(ChildSheet.DateOfBirth) switch
            {
                double d when d == Math.Floor(d) && d is >= 1900 and <= 2100 => (int)d,
                string s when s.Trim().Length == 4 && int.TryParse(s.Trim(), out var y) => y,
                _ => (int?)null,
            };
            if (year is { } onlyYear)
            {
                if (onlyYear > today.Year || onlyYear < today.Year - 18) row.Error(ChildSheet.DateOfBirth, "Năm sinh phải trong 18 năm qua và không sau năm nay.");
                else { var middle = ChildService.FromBirthYear(onlyYear); born = middle < today ? middle : today; estimated = true; }
            }
            else if (row.Date(ChildSheet.DateOfBirth) is { } date)
            {
                if (date > today || date < today.AddYears(-18)) row.Error(ChildSheet.DateOfBirth, "Ngày sinh phải trong 18 năm qua và không sau hôm nay.");
                else born = date;
            }
            else if (row.Text(ChildSheet.DateOfBirth) is null) row.Error(ChildSheet.DateOfBirth, "Vui lòng nhập ngày sinh (dd/mm/yyyy), hoặc chỉ năm sinh nếu không rõ ngày.");

            var sexText = row.Text(ChildSheet.Sex) is { } st ? TextFolding.Fold(st) : null;
            Sex? sex = sexText switch { "nu" or "f" or "gai" => Children.Sex.Female, "nam" or "m" or "trai" => Children.Sex.Male, _ => null };
            if (sex is null) row.Error(ChildSheet.Sex, "Giới tính: ghi «Nữ» hoặc «Nam».");

            AdminUnit? place = null;
            if (row.Text(ChildSheet.Place) is not { } placeText) row.Error(ChildSheet.Place, "Vui lòng ghi thôn/xã nơi trẻ sống.");
            else if (Match(placeText) is var found && found.Length == 0)
                row.Error(ChildSheet.Place, Messages.Format("Không tìm thấy thôn/xã “{0}” trong phạm vi đơn vị của bạn.", placeText));
            else if (found.Length > 1)
                row.Error(ChildSheet.Place, Messages.Format("Có nhiều thôn/xã tên “{0}”: ghi kèm tên xã («Thôn 1, Xã …») hoặc mã.", placeText));
            else place = found[0];

            int? schoolId = null;
            if (row.Text(ChildSheet.School) is { } schoolText)
            {
                var matches = schools.Where(s => TextFolding.Fold(s.Name) == TextFolding.Fold(schoolText)).ToList();
                if (matches.Count != 1) row.Error(ChildSheet.School, Messages.Format("Không tìm thấy trường “{0}”.", schoolText));
                else schoolId = matches[0].Id;
            }
            var className = row.Text(ChildSheet.ClassName);
            if (className is { Length: > 20 }) row.Error(ChildSheet.ClassName, "Lớp tối đa 20 ký tự.");
            var guardian = row.Text(ChildSheet.Guardian);
            if (guardian is { Length: > 200 }) row.Error(ChildSheet.Guardian, "Người giám hộ tối đa 200 ký tự.");
            GuardianRelation? relation = null;
            if (row.Text(ChildSheet.GuardianRelation) is { } relationText && (relation = GuardianRelationNames.Parse(relationText)) is null)
                row.Error(ChildSheet.GuardianRelation, Messages.Format("Quan hệ với trẻ “{0}” chưa rõ: ghi một trong {1}.", relationText,
                    string.Join(", ", GuardianRelationNames.All.Values)));
            // A number typed into a number cell loses its leading 0 (912345678): put it back.
            var phoneText = row.Raw(ChildSheet.GuardianPhone) is double number && number == Math.Floor(number) && number is >= 1e8 and < 1e10
                ? "0" + number.ToString("0", System.Globalization.CultureInfo.InvariantCulture)
                : row.Text(ChildSheet.GuardianPhone);
            var phone = ChildService.Phone(phoneText);
            if (phoneText is not null && phone is null) row.Error(ChildSheet.GuardianPhone, ChildService.GuardianPhoneInvalid);
            var ethnic = row.Text(ChildSheet.EthnicGroup);
            if (ethnic is { Length: > 50 }) row.Error(ChildSheet.EthnicGroup, "Dân tộc tối đa 50 ký tự.");

            if (row.Errors.Count > 0 || born is null || sex is null || place is null) return null;
            var fullName = name!.Trim();
            return new Row(row.Number, new Child
            {
                FullName = fullName, SearchText = TextFolding.Fold(fullName), DateOfBirth = born.Value, DateOfBirthEstimated = estimated, Sex = sex.Value,
                EthnicGroup = ethnic ?? "", AdminUnitId = place.Id, SchoolId = schoolId, ClassName = className, GuardianName = guardian,
                GuardianRelation = relation, GuardianPhone = phone,
            });
        }

        public override async Task CheckAsync(IReadOnlyList<(ImportRow Row, Row Value)> batch, Action<ImportError> error, CancellationToken ct)
        {
            if (_byPlace is null)
            {
                var registry = await db.Children.AsNoTracking().InRegistry().Select(c => new Child
                {
                    Id = c.Id, FullName = c.FullName, DateOfBirth = c.DateOfBirth, DateOfBirthEstimated = c.DateOfBirthEstimated, Sex = c.Sex, AdminUnitId = c.AdminUnitId,
                }).ToListAsync(ct);
                _byPlace = registry.ToLookup(c => c.AdminUnitId);
                _byName = registry.ToLookup(c => ChildDuplicates.NameKey(c.FullName));
                _placeNames = await db.AdminUnits.AsNoTracking().Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
            }
            foreach (var (row, value) in batch)
            {
                var child = WithId(value.Child, -row.Number);
                if (_earlier.FirstOrDefault(e => ChildDuplicates.IsPossibleDuplicate(WithId(e.Child, -e.Line), child)) is { } twin)
                    Warnings.Add(new ImportError(row.Number, "", twin.Child.AdminUnitId == child.AdminUnitId
                        ? Messages.Format("Có thể trùng với dòng {0} của tệp ({1}).", twin.Line, twin.Child.FullName)
                        : Messages.Format("Có thể trùng với dòng {0} của tệp ({1}, ở {2}).", twin.Line, twin.Child.FullName, PlaceName(twin.Child.AdminUnitId))));
                // The same place by the looser rule; other places only by the same folded name (the stricter rule needs it).
                var elsewhere = _byName[ChildDuplicates.NameKey(child.FullName)].Where(k => k.AdminUnitId != child.AdminUnitId);
                foreach (var known in _byPlace[child.AdminUnitId].Concat(elsewhere).Where(k => ChildDuplicates.IsPossibleDuplicate(k, child)))
                    Warnings.Add(new ImportError(row.Number, "", known.AdminUnitId == child.AdminUnitId
                        ? Messages.Format("Có thể trùng với hồ sơ số {0} ({1}, sinh {2}) đã có.", known.Id, known.FullName, VietnameseFormat.Date(known.DateOfBirth))
                        : Messages.Format("Có thể trùng với hồ sơ số {0} ({1}, sinh {2}) ở {3}: gia đình có thể đã chuyển nơi ở.", known.Id, known.FullName,
                            VietnameseFormat.Date(known.DateOfBirth), PlaceName(known.AdminUnitId))));
                _earlier.Add(value);
            }
        }

        private string PlaceName(int id) => _placeNames.GetValueOrDefault(id) ?? places.FirstOrDefault(p => p.Id == id)?.Name ?? "";

        // The rule compares ids to tell a record from itself: rows not written yet get their (negative) line.
        private static Child WithId(Child c, int id) => new()
        {
            Id = id, FullName = c.FullName, DateOfBirth = c.DateOfBirth, DateOfBirthEstimated = c.DateOfBirthEstimated, Sex = c.Sex, AdminUnitId = c.AdminUnitId,
        };

        public override async Task WriteAsync(IReadOnlyList<Row> batch, CancellationToken ct)
        {
            db.Children.AddRange(batch.Select(r => r.Child));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
