using ChildAid.Shared.Checkups;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Organisations;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Demo;

/// <summary>
/// A synthetic check-up of one demo school class, twice (May and November 2026), so the class grid, the stored z-scores
/// and a child's growth chart have something to show. The demo's primary-school pupils get a class by birth year and
/// the district health centre (the demo health worker's organisation) as their health station. Measurements are made
/// up from each name (deterministic), a few children clearly stunted or thin; z-scores are computed when the WHO tables
/// are installed, else left for `growth recompute`. Every other child has skinfolds at the second visit. Idempotent: the sessions are found by site and date.
/// </summary>
public static class DemoCheckups
{
    public const string SchoolName = "Trường TH-THCS Ia Tơi (demo)";
    public const string HealthCentreName = "Trung tâm Y tế huyện Ia H'Drai (demo)";
    public const string ClassName = "3A";
    public static readonly DateOnly[] Days = [new(2026, 5, 18), new(2026, 11, 16)];

    public static async Task<int> SeedAsync(ChildAidDbContext db, GrowthReference growth, CancellationToken ct = default)
    {
        var school = await db.Organisations.FirstOrDefaultAsync(o => o.Name == SchoolName, ct);
        var centre = await db.Organisations.FirstOrDefaultAsync(o => o.Name == HealthCentreName, ct);
        if (school is null || centre is null) return 0;

        var pupils = await db.Children.IgnoreQueryFilters().Where(c => c.IsDemo && c.SchoolId == school.Id).OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var pupil in pupils.Where(p => p.ClassName is null))
        {
            // Grade by birth year in the 2026–27 school year: born 2018 → grade 3 ("3A").
            var grade = 2026 - pupil.DateOfBirth.Year - 5;
            if (grade is >= 1 and <= 9) pupil.ClassName = $"{grade}A";
            pupil.HealthStationId ??= centre.Id;
        }
        await db.SaveChangesAsync(ct);

        var calculator = growth.TryGetCalculator(out var c, out _) ? c : null;
        var added = 0;
        var classList = pupils.Where(p => p.ClassName == ClassName).ToList();
        foreach (var day in Days)
        {
            if (await db.CheckupSessions.IgnoreQueryFilters().AnyAsync(s => s.IsDemo && s.SiteId == school.Id && s.HeldOn == day, ct)) continue;
            var session = new CheckupSession
            {
                HeldOn = day, SiteId = school.Id, HealthStationId = centre.Id, AdminUnitId = school.AdminUnitId, IsDemo = true,
                Team = "Đoàn khám demo: y sĩ Siu H'Mai, điều dưỡng Rơ Mah Tâm", CreatedBy = "seed --demo", CreatedAt = day.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc),
            };
            db.CheckupSessions.Add(session);
            await db.SaveChangesAsync(ct);
            foreach (var (pupil, i) in classList.Select((p, i) => (p, i)))
            {
                var m = Measure(pupil, day, i);
                m.SessionId = session.Id;
                m.AdminUnitId = session.AdminUnitId;
                m.RecordedBy = "seed --demo";
                m.RecordedAt = session.CreatedAt;
                if (calculator is not null) MeasurementScores.Apply(m, pupil.Sex, pupil.DateOfBirth, day, calculator);
                db.Measurements.Add(m);
                added++;
            }
            await db.SaveChangesAsync(ct);
        }
        await SeedInterventionAsync(db, school, centre, classList, ct);
        await SeedMealDaysAsync(db, school, classList.Count, ct);
        return added;
    }

    public const string InterventionName = "Bữa trưa bán trú lớp 3A Ia Tơi (demo)";

    /// <summary>A school meal programme for class 3A with May as its baseline and November as its endline check-up.</summary>
    private static async Task SeedInterventionAsync(ChildAidDbContext db, Organisation school, Organisation centre, List<Child> classList, CancellationToken ct)
    {
        if (await db.Interventions.IgnoreQueryFilters().AnyAsync(i => i.IsDemo && i.Name == InterventionName, ct)) return;
        var sessions = await db.CheckupSessions.IgnoreQueryFilters().Where(s => s.IsDemo && s.SiteId == school.Id && Days.Contains(s.HeldOn))
            .OrderBy(s => s.HeldOn).Select(s => s.Id).ToListAsync(ct);
        if (sessions.Count != 2) return;
        db.Interventions.Add(new Interventions.Intervention
        {
            Name = InterventionName, Kind = Interventions.InterventionKind.SchoolMeals, StartsOn = Days[0], EndsOn = Days[1], BudgetVnd = 96_000_000,
            AdminUnitId = school.AdminUnitId, HealthStationId = centre.Id, BaselineSessionId = sessions[0], EndlineSessionId = sessions[1], IsDemo = true,
            Notes = "Dữ liệu demo: số đo tổng hợp, không phải trẻ thật.", CreatedBy = "seed --demo", CreatedAt = Days[0].ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc),
            Sites = [new Interventions.InterventionSite { OrganisationId = school.Id }],
            Children = classList.Select(p => new Interventions.InterventionChild { ChildId = p.Id }).ToList(),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Four school weeks of meals (19/10 – 13/11/2026, Monday to Friday) at the demo school: the class's pupils less a few
    /// absent each day, 15.000 ₫ a meal, 16.000 ₫ from November. Idempotent: skipped once the programme has a meal day.
    /// </summary>
    private static async Task SeedMealDaysAsync(ChildAidDbContext db, Organisation school, int pupils, CancellationToken ct)
    {
        var intervention = await db.Interventions.IgnoreQueryFilters().FirstOrDefaultAsync(i => i.IsDemo && i.Name == InterventionName, ct);
        if (intervention is null || pupils == 0 || await db.MealDays.IgnoreQueryFilters().AnyAsync(m => m.InterventionId == intervention.Id, ct)) return;
        var first = new DateOnly(2026, 10, 19);
        for (var day = first; day < first.AddDays(28); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            db.MealDays.Add(new Interventions.MealDay
            {
                InterventionId = intervention.Id, SchoolId = school.Id, HealthStationId = intervention.HealthStationId, AdminUnitId = school.AdminUnitId, ServedOn = day, IsDemo = true,
                Meals = Math.Max(0, pupils - day.DayNumber % 3), CostPerMealVnd = day.Month < 11 ? 15_000 : 16_000,
                EnteredBy = "seed --demo", EnteredAt = day.ToDateTime(new TimeOnly(5, 0), DateTimeKind.Utc),
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Near the WHO medians for 6–10 years (height ≈ 6 cm a year from 77 cm, weight ≈ 2.8 kg a year from 3.5 kg), moved
    /// by an offset fixed per child: every fifth child short (about −2.5 SD), every seventh thin.
    /// </summary>
    private static Measurement Measure(Child pupil, DateOnly day, int index)
    {
        var years = (day.DayNumber - pupil.DateOfBirth.DayNumber) / 365.25m;
        var spread = (Stable(pupil.FullName) % 21 - 10) / 10m; // −1.0 … +1.0
        var height = 77m + 6m * years + spread * 4m - (index % 5 == 1 ? 13m : 0m);
        var weight = (3.5m + 2.8m * years) * (1 + spread * 0.08m) * (index % 7 == 3 ? 0.78m : 1m) * (index % 5 == 1 ? 0.85m : 1m);
        // Every other child's skinfolds at the November visit (about 8–10 mm triceps, 5–7 mm subscapular at 8 years; the
        // thin ones less). WHO scores skinfolds to 5 years only, so these children's rows say why there is no z-score.
        var skinfolds = day == Days[^1] && index % 2 == 0;
        var fat = index % 7 == 3 ? 0.7m : 1m;
        return new Measurement
        {
            ChildId = pupil.Id, WeightKg = Math.Round(weight, 1), LengthCm = Math.Round(height, 1), Position = MeasuredPosition.Standing,
            TricepsSkinfoldMm = skinfolds ? Math.Round((9m + spread * 1.5m - (pupil.Sex == Sex.Male ? 1m : 0m)) * fat, 1) : null,
            SubscapularSkinfoldMm = skinfolds ? Math.Round((6m + spread - (pupil.Sex == Sex.Male ? 0.5m : 0m)) * fat, 1) : null,
            Findings = index % 4 == 0 ? "Sâu răng" : null, Conditions = index % 4 == 0 ? CommonConditions.DentalCaries : CommonConditions.None,
        };
    }

    private static int Stable(string s)
    {
        var h = 17;
        foreach (var ch in s) h = unchecked(h * 31 + ch);
        return Math.Abs(h % 1000);
    }
}
