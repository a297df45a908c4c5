using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Import;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Interventions;

/// <summary>The meal-day workbook's columns (the template's headers).</summary>
public static class MealSheet
{
    public static readonly ImportColumn School = new("Trường", Required: true);
    public static readonly ImportColumn Day = new("Ngày", Required: true, "Ngày phục vụ");
    public static readonly ImportColumn Meals = new("Số suất ăn", Required: true, "Số suất");
    public static readonly ImportColumn Cost = new("Giá một suất (đồng)", Required: true, "Giá một suất", "Đơn giá");
    public static readonly ImportColumn[] All = [School, Day, Meals, Cost];
}

/// <summary>
/// Imports meal days of one school meal programme from a workbook (one row per school and day): through the project's
/// <see cref="ImportPipeline"/>, so all rows are written in one transaction or none, and every bad row is reported with its
/// line. Only schools the reader may enter for (<see cref="MealService.PlacesAsync"/>); the rules are the week grid's; a
/// day already entered is replaced (the audit keeps the earlier value).
/// </summary>
public class MealImport(ChildAidDbContext db, ImportPipeline pipeline, MealService meals, AuditActor actor, TimeProvider clock, Needs.NeedFulfilment needs)
{
    public const string NotFound = "Không tìm thấy chương trình bữa ăn hoặc trường trong phạm vi của bạn.";

    public async Task<ImportResult> RunAsync(int interventionId, Stream workbook, CancellationToken ct = default)
    {
        var places = await meals.PlacesAsync(interventionId, ct);
        if (places.Count == 0) return ImportResult.Refused(NotFound);
        var definition = new Definition(db, needs, places, clock.VietnamToday(), actor.Name, clock.GetUtcNow().UtcDateTime);
        return await pipeline.RunAsync(definition, workbook, null, ct);
    }

    /// <summary>An empty template with the columns and one example row per school the reader may enter for.</summary>
    public static byte[] Template(IReadOnlyList<MealSchool> places, DateOnly example)
    {
        var rows = places.Select(p => new Dictionary<string, object?>
        {
            [MealSheet.School.Header] = p.School, [MealSheet.Day.Header] = VietnameseFormat.Date(example), [MealSheet.Meals.Header] = 0,
            [MealSheet.Cost.Header] = 15000,
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows, sheetName: "Suất ăn");
        return stream.ToArray();
    }

    public sealed record Row(int Line, MealSchool Place, DateOnly Day, int Meals, long Cost);

    private sealed class Definition(ChildAidDbContext db, Needs.NeedFulfilment needs, IReadOnlyList<MealSchool> places, DateOnly today, string enteredBy, DateTime now)
        : ImportDefinition<Row>
    {
        private readonly HashSet<(int School, DateOnly Day)> _seen = [];

        public override IReadOnlyList<ImportColumn> Columns => MealSheet.All;

        public override Row? Parse(ImportRow row)
        {
            var schoolText = row.Text(MealSheet.School);
            var place = schoolText is null ? null : places.FirstOrDefault(p => TextFolding.Fold(p.School) == TextFolding.Fold(schoolText));
            if (schoolText is null) row.Error(MealSheet.School, "Vui lòng ghi tên trường.");
            else if (place is null) row.Error(MealSheet.School, Messages.Format("Trường “{0}” không thuộc chương trình hoặc ngoài phạm vi của bạn.", schoolText));
            var day = row.Date(MealSheet.Day);
            if (day is null && row.Text(MealSheet.Day) is null) row.Error(MealSheet.Day, "Vui lòng nhập ngày (dd/mm/yyyy).");
            var meals = row.Whole(MealSheet.Meals, 0, MealService.MaxMeals);
            if (meals is null && row.Text(MealSheet.Meals) is null) row.Error(MealSheet.Meals, "Vui lòng nhập số suất ăn (0 nếu hôm đó không nấu).");
            var cost = row.Whole(MealSheet.Cost, 0, MealService.MaxCostPerMealVnd);
            if (cost is null && row.Text(MealSheet.Cost) is null) row.Error(MealSheet.Cost, "Vui lòng nhập giá một suất (đồng).");
            if (place is null || day is null || meals is null || cost is null) return null;
            if (day > today) { row.Error(MealSheet.Day, "Chưa đến ngày này: chỉ nhập số suất ăn đã phục vụ."); return null; }
            if (day < place.StartsOn || day > place.EndsOn)
            {
                row.Error(MealSheet.Day, Messages.Format("Ngày {0} ngoài thời gian chương trình ({1} – {2}).",
                    VietnameseFormat.Date(day.Value), VietnameseFormat.Date(place.StartsOn), VietnameseFormat.Date(place.EndsOn)));
                return null;
            }
            return new Row(row.Number, place, day.Value, (int)meals.Value, cost.Value);
        }

        public override Task CheckAsync(IReadOnlyList<(ImportRow Row, Row Value)> batch, Action<ImportError> error, CancellationToken ct)
        {
            foreach (var (row, value) in batch)
                if (!_seen.Add((value.Place.SchoolId, value.Day)))
                    error(new ImportError(row.Number, "", Messages.Format("Trường {0} ngày {1} đã có ở một dòng trước trong tệp.", value.Place.School, VietnameseFormat.Date(value.Day))));
            return Task.CompletedTask;
        }

        public override async Task WriteAsync(IReadOnlyList<Row> batch, CancellationToken ct)
        {
            var intervention = batch[0].Place.InterventionId;
            var days = batch.Select(r => r.Day).Distinct().ToList();
            var existing = await db.MealDays.Where(m => m.InterventionId == intervention && days.Contains(m.ServedOn)).ToListAsync(ct);
            foreach (var r in batch)
            {
                var entry = existing.FirstOrDefault(m => m.SchoolId == r.Place.SchoolId && m.ServedOn == r.Day);
                if (entry is null)
                {
                    entry = new MealDay { InterventionId = intervention, SchoolId = r.Place.SchoolId, AdminUnitId = r.Place.AdminUnitId, ServedOn = r.Day };
                    db.MealDays.Add(entry);
                }
                entry.HealthStationId = r.Place.HealthStationId;
                entry.Meals = r.Meals;
                entry.CostPerMealVnd = r.Cost;
                entry.EnteredBy = enteredBy;
                entry.EnteredAt = now;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            // The pipeline's transaction holds this too: the schools' meal needs show the meals with the file.
            foreach (var school in batch.GroupBy(r => r.Place.SchoolId))
                await needs.RefreshMealsAsync(school.Key, school.Min(r => r.Day), school.Max(r => r.Day), ct);
        }
    }
}
