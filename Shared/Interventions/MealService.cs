using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Interventions;

/// <summary>A school of a school meal programme that the reader may enter meals for.</summary>
public sealed record MealSchool(int InterventionId, string Intervention, DateOnly StartsOn, DateOnly EndsOn, int SchoolId, string School, int AdminUnitId, int? HealthStationId);

/// <summary>One day of the week grid as typed: meals served and the cost of one meal (đồng); both empty = nothing served.</summary>
public class MealDayInput
{
    public DateOnly Day { get; set; }
    public string? Meals { get; set; }
    public string? CostPerMealVnd { get; set; }
}

public sealed record MealWeekDay(DateOnly Day, bool InPeriod, bool Future, MealDay? Entry);

/// <summary>A school's week (Monday to Friday), the enrolled pupils of that school, and the last cost entered (to pre-fill).</summary>
public sealed record MealWeek(MealSchool Place, DateOnly Monday, int Enrolled, long? LastCostVnd, IReadOnlyList<MealWeekDay> Days);

/// <summary>A day with more meals than the school's enrolled pupils of the programme: a warning to check, not an error.</summary>
public sealed record MealOverEnrolled(string School, DateOnly Day, int Meals, int Enrolled);

public sealed record MealWeekSaved(int Saved, int Removed, IReadOnlyDictionary<string, string> Warnings);

/// <summary>Meals served and their cost for one school in one month.</summary>
public sealed record MealMonth(int SchoolId, string School, int Year, int Month, int Days, long Meals, long CostVnd);

public sealed record MealTotals(IReadOnlyList<MealMonth> Months, long Meals, long CostVnd, int Days)
{
    public IEnumerable<(string School, long Meals, long CostVnd)> BySchool =>
        Months.GroupBy(m => m.School).Select(g => (g.Key, g.Sum(m => m.Meals), g.Sum(m => m.CostVnd)));
}

/// <summary>
/// Meals served per school and day for school meal programmes. Who may enter a school's days: staff whose units cover
/// the school and, for staff bound to an organisation, the school's own staff or the programme's health station.
/// Saving a week is all or nothing; more meals than enrolled pupils is a warning, not an error.
/// </summary>
public class MealService(ChildAidDbContext db, AuditActor actor, TimeProvider clock, Needs.NeedFulfilment needs)
{
    public const int MaxMeals = 100_000;
    public const long MaxCostPerMealVnd = 10_000_000;

    /// <summary>
    /// The (programme, school) pairs the reader may enter meals for. The programme is read past its own organisation
    /// filter (school staff do not run it), and the school decides: in the reader's units, and their own school or a
    /// programme of their station when they are bound to one.
    /// </summary>
    public async Task<IReadOnlyList<MealSchool>> PlacesAsync(int? interventionId = null, CancellationToken ct = default)
    {
        var units = db.UnitScope;
        var mine = db.OrganisationScope;
        var interventions = db.Interventions.IgnoreQueryFilters().Where(i => i.Kind == InterventionKind.SchoolMeals);
        if (interventionId is { } id) interventions = interventions.Where(i => i.Id == id);
        return await (
            from i in interventions
            join s in db.InterventionSites.IgnoreQueryFilters() on i.Id equals s.InterventionId
            join o in db.Organisations.IgnoreQueryFilters() on s.OrganisationId equals o.Id
            where o.Type == OrganisationType.School
                  && (units == null || units.Contains(o.AdminUnitId))
                  && (mine == null || mine.Contains(o.Id) || i.HealthStationId != null && mine.Contains(i.HealthStationId.Value))
            orderby i.StartsOn descending, i.Name, o.Name
            select new MealSchool(i.Id, i.Name, i.StartsOn, i.EndsOn, o.Id, o.Name, o.AdminUnitId, i.HealthStationId)).ToListAsync(ct);
    }

    public async Task<MealSchool?> PlaceAsync(int interventionId, int schoolId, CancellationToken ct = default) =>
        (await PlacesAsync(interventionId, ct)).FirstOrDefault(p => p.SchoolId == schoolId);

    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Enrolled children of the programme who are pupils of that school (a count, no identity).</summary>
    public Task<int> EnrolledAsync(int interventionId, int schoolId, CancellationToken ct = default) =>
        db.InterventionChildren.IgnoreQueryFilters().CountAsync(e => e.InterventionId == interventionId && e.Child!.SchoolId == schoolId, ct);

    /// <summary>
    /// Days of the programme, at the schools the reader may enter for, with more meals than the school's enrolled pupils
    /// (at most <paramref name="take"/>, latest first): the week grid's warning, for a whole imported workbook at once.
    /// </summary>
    public async Task<IReadOnlyList<MealOverEnrolled>> OverEnrolledAsync(int interventionId, int take = 50, CancellationToken ct = default)
    {
        var over = new List<MealOverEnrolled>();
        foreach (var place in await PlacesAsync(interventionId, ct))
        {
            var enrolled = await EnrolledAsync(interventionId, place.SchoolId, ct);
            over.AddRange(await db.MealDays.AsNoTracking()
                .Where(m => m.InterventionId == interventionId && m.SchoolId == place.SchoolId && m.Meals > enrolled)
                .OrderByDescending(m => m.ServedOn).Take(take)
                .Select(m => new MealOverEnrolled(place.School, m.ServedOn, m.Meals, enrolled)).ToListAsync(ct));
        }
        return over.OrderByDescending(o => o.Day).ThenBy(o => o.School, StringComparer.Ordinal).Take(take).ToList();
    }

    public async Task<MealWeek?> WeekAsync(int interventionId, int schoolId, DateOnly anyDay, CancellationToken ct = default)
    {
        if (await PlaceAsync(interventionId, schoolId, ct) is not { } place) return null;
        var monday = Monday(anyDay);
        var friday = monday.AddDays(4);
        var today = clock.VietnamToday();
        var entries = await db.MealDays.AsNoTracking()
            .Where(m => m.InterventionId == interventionId && m.SchoolId == schoolId && m.ServedOn >= monday && m.ServedOn <= friday)
            .ToDictionaryAsync(m => m.ServedOn, ct);
        var lastCost = await db.MealDays.AsNoTracking().Where(m => m.InterventionId == interventionId && m.SchoolId == schoolId && m.ServedOn <= friday)
            .OrderByDescending(m => m.ServedOn).Select(m => (long?)m.CostPerMealVnd).FirstOrDefaultAsync(ct);
        var days = Enumerable.Range(0, 5).Select(i => monday.AddDays(i))
            .Select(d => new MealWeekDay(d, d >= place.StartsOn && d <= place.EndsOn, d > today, entries.GetValueOrDefault(d))).ToList();
        return new MealWeek(place, monday, await EnrolledAsync(interventionId, schoolId, ct), lastCost, days);
    }

    /// <summary>
    /// Saves a school's days in one transaction: every row is checked first (messages keyed "Rows[i].Meals" /
    /// "Rows[i].CostPerMealVnd") and nothing is written if one is wrong. A row with both cells empty removes that day.
    /// </summary>
    public async Task<Outcome<MealWeekSaved>> SaveDaysAsync(int interventionId, int schoolId, IReadOnlyList<MealDayInput> rows, CancellationToken ct = default)
    {
        if (await PlaceAsync(interventionId, schoolId, ct) is not { } place)
            return Outcome<MealWeekSaved>.Fail("", "Không tìm thấy chương trình bữa ăn hoặc trường trong phạm vi của bạn.");
        var enrolled = await EnrolledAsync(interventionId, schoolId, ct);
        var (values, errors, warnings) = Check(place, rows, enrolled, clock.VietnamToday());
        if (errors.Count > 0) return Outcome<MealWeekSaved>.Fail(errors);

        var days = values.Select(v => v.Day).ToList();
        var existing = await db.MealDays.Where(m => m.InterventionId == interventionId && m.SchoolId == schoolId && days.Contains(m.ServedOn))
            .ToDictionaryAsync(m => m.ServedOn, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        int saved = 0, removed = 0;
        foreach (var (day, meals, cost) in values)
        {
            existing.TryGetValue(day, out var entry);
            if (meals is null)
            {
                if (entry is not null) { db.MealDays.Remove(entry); removed++; }
                continue;
            }
            if (entry is null)
            {
                entry = new MealDay { InterventionId = interventionId, SchoolId = schoolId, AdminUnitId = place.AdminUnitId, ServedOn = day };
                db.MealDays.Add(entry);
            }
            else if (entry.Meals == meals && entry.CostPerMealVnd == cost) continue;
            entry.Meals = meals.Value;
            entry.CostPerMealVnd = cost!.Value;
            entry.HealthStationId = place.HealthStationId;
            entry.EnteredBy = actor.Name;
            entry.EnteredAt = now;
            saved++;
        }
        if (saved + removed > 0)
        {
            // The days and the school's meal needs that count them change together.
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            await db.SaveChangesAsync(ct);
            await needs.RefreshMealsAsync(schoolId, days.Min(), days.Max(), ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
        }
        return Outcome<MealWeekSaved>.Ok(new MealWeekSaved(saved, removed, warnings));
    }

    /// <summary>The rules of a meal day, for the grid and the import alike.</summary>
    public static (List<(DateOnly Day, int? Meals, long? Cost)> Values, Dictionary<string, string> Errors, Dictionary<string, string> Warnings) Check(
        MealSchool place, IReadOnlyList<MealDayInput> rows, int enrolled, DateOnly today)
    {
        var values = new List<(DateOnly, int?, long?)>();
        var errors = new Dictionary<string, string>();
        var warnings = new Dictionary<string, string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            string mealsKey = $"Rows[{i}].Meals", costKey = $"Rows[{i}].CostPerMealVnd";
            if (string.IsNullOrWhiteSpace(row.Meals) && string.IsNullOrWhiteSpace(row.CostPerMealVnd))
            {
                values.Add((row.Day, null, null));
                continue;
            }
            if (row.Day > today) errors[mealsKey] = "Chưa đến ngày này: chỉ nhập số suất ăn đã phục vụ.";
            else if (row.Day < place.StartsOn || row.Day > place.EndsOn)
                errors[mealsKey] = Messages.Format("Ngày {0} ngoài thời gian chương trình ({1} – {2}).",
                    VietnameseFormat.Date(row.Day), VietnameseFormat.Date(place.StartsOn), VietnameseFormat.Date(place.EndsOn));
            var meals = Whole(row.Meals, MaxMeals, mealsKey, errors, "Vui lòng nhập số suất ăn (0 nếu hôm đó không nấu).",
                "Số suất ăn không được âm.", "Số suất ăn phải là số nguyên, ví dụ 45.", "Số suất ăn quá lớn.");
            var cost = Whole(row.CostPerMealVnd, MaxCostPerMealVnd, costKey, errors, "Vui lòng nhập giá một suất (đồng).",
                "Giá một suất không được âm.", "Giá một suất phải là số đồng, ví dụ 15.000.", "Giá một suất quá lớn.");
            if (meals > enrolled && !errors.ContainsKey(mealsKey))
                warnings[mealsKey] = Messages.Format("Nhiều hơn số trẻ đã ghi danh ở trường ({0}): kiểm tra lại.", enrolled);
            values.Add((row.Day, (int?)meals, cost));
        }
        if (rows.Select(r => r.Day).Distinct().Count() != rows.Count) errors[""] = "Mỗi ngày chỉ một dòng.";
        return (values, errors, warnings);
    }

    private static long? Whole(string? text, long max, string key, Dictionary<string, string> errors, string missing, string negative, string invalid, string tooLarge)
    {
        var s = text?.Trim().TrimEnd('₫', 'đ').Trim();
        if (string.IsNullOrEmpty(s)) { errors.TryAdd(key, missing); return null; }
        if (s.StartsWith('-')) { errors.TryAdd(key, negative); return null; }
        if (NumberInput.ParseWhole(s) is not { } value) { errors.TryAdd(key, invalid); return null; }
        if (value > max) { errors.TryAdd(key, tooLarge); return null; }
        return value;
    }

    /// <summary>Meals and cost by school and month of the programme, among the schools the reader may see.</summary>
    /// <summary>Meals and their cost by school and month: of one programme, or (null) of every programme in the reader's scope, optionally in one year.</summary>
    public async Task<MealTotals> TotalsAsync(int? interventionId, int? year = null, CancellationToken ct = default)
    {
        var rows = await db.MealDays.AsNoTracking()
            .Where(m => (interventionId == null || m.InterventionId == interventionId) && (year == null || m.ServedOn.Year == year))
            .GroupBy(m => new { m.SchoolId, m.School!.Name, m.ServedOn.Year, m.ServedOn.Month })
            .Select(g => new { g.Key.SchoolId, g.Key.Name, g.Key.Year, g.Key.Month, Days = g.Count(), Meals = g.Sum(m => (long)m.Meals), Cost = g.Sum(m => m.Meals * m.CostPerMealVnd) })
            .ToListAsync(ct);
        var months = rows.OrderBy(r => r.Name, StringComparer.Create(VietnameseFormat.Culture, false)).ThenBy(r => r.Year).ThenBy(r => r.Month)
            .Select(r => new MealMonth(r.SchoolId, r.Name, r.Year, r.Month, r.Days, r.Meals, r.Cost)).ToList();
        return new MealTotals(months, months.Sum(m => m.Meals), months.Sum(m => m.CostVnd), months.Sum(m => m.Days));
    }
}
