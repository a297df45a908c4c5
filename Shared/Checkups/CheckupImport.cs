using ChildAid.Shared.Children;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Import;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Text;

namespace ChildAid.Shared.Checkups;

/// <summary>The check-up workbook's columns (the template's headers).</summary>
public static class CheckupSheet
{
    public static readonly ImportColumn Name = new("Họ và tên", Required: true, "Họ tên", "Tên trẻ");
    public static readonly ImportColumn Born = new("Ngày sinh", Required: true);
    public static readonly ImportColumn Weight = new("Cân nặng (kg)", Required: false, "Cân nặng");
    public static readonly ImportColumn Length = new("Chiều dài/cao (cm)", Required: false, "Chiều cao (cm)", "Chiều dài (cm)", "Chiều cao");
    public static readonly ImportColumn Position = new("Tư thế đo (nằm/đứng)", Required: false, "Tư thế đo", "Tư thế");
    public static readonly ImportColumn Muac = new("Vòng cánh tay (mm hoặc cm)", Required: false, "Vòng cánh tay (mm)", "Vòng cánh tay (cm)", "Vòng cánh tay");
    public static readonly ImportColumn Oedema = new("Phù hai chân (có/không)", Required: false, "Phù hai chân", "Phù");
    public static readonly ImportColumn Head = new("Vòng đầu (cm, dưới 2 tuổi)", Required: false, "Vòng đầu (cm)", "Vòng đầu");
    public static readonly ImportColumn Triceps = new("Nếp gấp da cơ tam đầu (mm)", Required: false, "Nếp gấp da cơ tam đầu", "Nếp gấp da tam đầu (mm)", "Nếp gấp da tam đầu");
    public static readonly ImportColumn Subscapular = new("Nếp gấp da dưới xương bả vai (mm)", Required: false, "Nếp gấp da dưới xương bả vai", "Nếp gấp da dưới vai (mm)", "Nếp gấp da dưới vai");
    public static readonly ImportColumn Findings = new("Ghi chú khám", Required: false, "Ghi chú");
    public static readonly ImportColumn[] All = [Name, Born, Weight, Length, Position, Muac, Oedema, Head, Triceps, Subscapular, Findings];
}

/// <summary>
/// Imports one check-up session's measurements from a workbook, one row per child (name and date of birth pick the child
/// among the session's site's children): through the project's <see cref="ImportPipeline"/>, so every row is written or
/// none, each bad row reported with its line and column. The rules are the class grid's (<see cref="MeasurementRules"/>)
/// and rows are stored as the grid stores them (<see cref="CheckupService.StoreAsync"/>: z-scores, audit).
/// </summary>
public class CheckupImport(ImportPipeline pipeline, CheckupService checkups)
{
    public const string NotFound = "Không tìm thấy buổi khám trong phạm vi của bạn.";

    public async Task<ImportResult> RunAsync(int sessionId, Stream workbook, CancellationToken ct = default)
    {
        if (await checkups.FindSessionAsync(sessionId, ct) is not { } session) return ImportResult.Refused(NotFound);
        var children = await checkups.GridAsync(session, null, ct);
        return await pipeline.RunAsync(new Definition(session, children, checkups), workbook, null, ct);
    }

    /// <summary>The template: the columns, and a row per child of the session's site (name and date of birth filled in).</summary>
    public static byte[] Template(IReadOnlyList<GridChild> children)
    {
        var rows = children.Select(c => CheckupSheet.All.ToDictionary(col => col.Header, col => (object?)(
            col == CheckupSheet.Name ? c.FullName : col == CheckupSheet.Born ? VietnameseFormat.Date(c.DateOfBirth) : null))).ToList();
        if (rows.Count == 0) rows.Add(CheckupSheet.All.ToDictionary(col => col.Header, _ => (object?)null));
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows, sheetName: "Kết quả khám");
        return stream.ToArray();
    }

    public sealed record Row(GridChild Child, Measured Values);

    private sealed class Definition(CheckupSession session, IReadOnlyList<GridChild> children, CheckupService checkups) : ImportDefinition<Row>
    {
        private readonly ILookup<string, GridChild> _byName = children.ToLookup(c => TextFolding.Fold(c.FullName));
        private readonly HashSet<int> _seen = [];

        public override IReadOnlyList<ImportColumn> Columns => CheckupSheet.All;

        public override Row? Parse(ImportRow row)
        {
            var name = row.Text(CheckupSheet.Name);
            var born = row.Date(CheckupSheet.Born);
            if (name is null) row.Error(CheckupSheet.Name, "Vui lòng ghi họ và tên của trẻ.");
            if (born is null && row.Text(CheckupSheet.Born) is null) row.Error(CheckupSheet.Born, "Vui lòng nhập ngày sinh (dd/mm/yyyy).");
            if (name is null || born is null) return null;
            var matches = _byName[TextFolding.Fold(name)].Where(c => c.DateOfBirth == born).ToList();
            if (matches.Count != 1)
            {
                row.Error(CheckupSheet.Name, matches.Count == 0
                    ? Messages.Format("Không có trẻ “{0}” sinh ngày {1} ở nơi khám này (trong phạm vi của bạn).", name, VietnameseFormat.Date(born.Value))
                    : Messages.Format("Có {0} trẻ cùng tên “{1}” và ngày sinh ở nơi khám này: nhập các em ở bảng nhập theo lớp.", matches.Count, name));
                return null;
            }
            var child = matches[0];
            var input = new MeasurementInput
            {
                ChildId = child.ChildId, WeightKg = row.Text(CheckupSheet.Weight), LengthCm = row.Text(CheckupSheet.Length),
                MuacMm = row.Text(CheckupSheet.Muac), HeadCm = row.Text(CheckupSheet.Head), Findings = row.Text(CheckupSheet.Findings),
                TricepsSkinfoldMm = row.Text(CheckupSheet.Triceps), SubscapularSkinfoldMm = row.Text(CheckupSheet.Subscapular),
            };
            input.Position = Position(row, child);
            input.Oedema = Yes(row, CheckupSheet.Oedema);
            if (row.Errors.Count > 0) return null;
            var (values, errors) = MeasurementRules.Check(input, session.HeldOn.DayNumber - child.DateOfBirth.DayNumber);
            foreach (var (field, message) in errors) row.Error(ColumnOf(field), message);
            return values is null ? null : new Row(child, values);
        }

        /// <summary>"nằm"/"đứng" (or lying/standing, L/H); empty: lying before day 731, standing from then (WHO's rule, as the grid).</summary>
        private MeasuredPosition? Position(ImportRow row, GridChild child)
        {
            var text = row.Text(CheckupSheet.Position);
            if (text is null) return session.HeldOn.DayNumber - child.DateOfBirth.DayNumber < GrowthCalculator.FirstDayOfHeight ? MeasuredPosition.Lying : MeasuredPosition.Standing;
            switch (TextFolding.Fold(text))
            {
                case "nam" or "l" or "lying" or "do nam": return MeasuredPosition.Lying;
                case "dung" or "h" or "standing" or "do dung": return MeasuredPosition.Standing;
                default:
                    row.Error(CheckupSheet.Position, "Tư thế đo: ghi “nằm” hoặc “đứng”.");
                    return null;
            }
        }

        private static bool Yes(ImportRow row, ImportColumn column)
        {
            var text = row.Text(column);
            if (text is null) return false;
            switch (TextFolding.Fold(text))
            {
                case "co" or "x" or "yes" or "1": return true;
                case "khong" or "no" or "0": return false;
                default:
                    row.Error(column, "Phù hai chân: ghi “có” hoặc để trống.");
                    return false;
            }
        }

        private static ImportColumn ColumnOf(string field) => field switch
        {
            nameof(MeasurementInput.WeightKg) => CheckupSheet.Weight,
            nameof(MeasurementInput.LengthCm) => CheckupSheet.Length,
            nameof(MeasurementInput.Position) => CheckupSheet.Position,
            nameof(MeasurementInput.MuacMm) => CheckupSheet.Muac,
            nameof(MeasurementInput.HeadCm) => CheckupSheet.Head,
            nameof(MeasurementInput.TricepsSkinfoldMm) => CheckupSheet.Triceps,
            nameof(MeasurementInput.SubscapularSkinfoldMm) => CheckupSheet.Subscapular,
            _ => CheckupSheet.Findings,
        };

        public override Task CheckAsync(IReadOnlyList<(ImportRow Row, Row Value)> batch, Action<ImportError> error, CancellationToken ct)
        {
            foreach (var (row, value) in batch)
                if (!_seen.Add(value.Child.ChildId))
                    error(new ImportError(row.Number, "", Messages.Format("Trẻ {0} đã có ở một dòng trước trong tệp.", value.Child.FullName)));
            return Task.CompletedTask;
        }

        public override async Task WriteAsync(IReadOnlyList<Row> batch, CancellationToken ct) =>
            await checkups.StoreAsync(session, batch.Select(r => (r.Child.ChildId, r.Child.Sex, r.Child.DateOfBirth, (Measured?)r.Values)).ToList(), ct);
    }
}
