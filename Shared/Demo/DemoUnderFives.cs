using ChildAid.Shared.Checkups;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Demo;

/// <summary>
/// Six synthetic children under 5 of the demo school's commune, followed by the district health centre and measured there
/// at the May and November check-ups: lying length under 2 and standing height after, MUAC from 6 months, head
/// circumference under 2 — so the health-centre grid, the head-circumference and weight-for-length/height charts and the
/// acute-malnutrition classes have something to show. One girl falls from moderate to severe acute malnutrition by MUAC
/// and is referred with a treatment; one has bilateral oedema in November. Idempotent: found by name and birth date.
/// </summary>
public static class DemoUnderFives
{
    public const string Team = "Khám trẻ dưới 5 tuổi tại trung tâm y tế (demo): y sĩ Siu H'Mai";

    private sealed record Visit(decimal Weight, decimal Length, MeasuredPosition Position, int? MuacMm, decimal? HeadCm,
        bool Oedema = false, string? Findings = null, string? Referral = null, string? Treatment = null);

    private sealed record Toddler(string Name, Sex Sex, DateOnly Born, Visit May, Visit November);

    private static readonly Toddler[] Toddlers =
    [
        new("Ksor H'Nguyệt", Sex.Female, new(2026, 3, 10), new(5.2m, 57.5m, MeasuredPosition.Lying, null, 38.6m), new(7.6m, 68.0m, MeasuredPosition.Lying, 138, 42.5m)),
        new("Siu Y Khoa", Sex.Male, new(2025, 9, 5), new(8.1m, 69.5m, MeasuredPosition.Lying, 140, 44.0m), new(9.3m, 76.0m, MeasuredPosition.Lying, 145, 46.0m)),
        new("Rơ Lan H'Ngân", Sex.Female, new(2025, 3, 12), new(7.4m, 71.0m, MeasuredPosition.Lying, 118, 44.5m),
            new(7.6m, 75.5m, MeasuredPosition.Lying, 112, 45.3m, Findings: "Gầy, ăn kém sau đợt tiêu chảy",
                Referral: "Trung tâm Y tế huyện: điều trị suy dinh dưỡng cấp tính nặng", Treatment: "RUTF 8 tuần, hẹn tái khám sau 2 tuần")),
        new("Nay Y Thịnh", Sex.Male, new(2024, 5, 20), new(11.0m, 85.0m, MeasuredPosition.Lying, 150, 47.5m), new(12.0m, 89.0m, MeasuredPosition.Standing, 152, null)),
        new("Rah Lan H'Mơ", Sex.Female, new(2023, 5, 8), new(12.8m, 92.5m, MeasuredPosition.Standing, 150, null),
            new(12.5m, 95.5m, MeasuredPosition.Standing, 121, null, Oedema: true, Findings: "Phù hai mu bàn chân",
                Referral: "Bệnh viện huyện Ia H'Drai", Treatment: "Chuyển viện ngay trong ngày")),
        new("Kpă Y Hiếu", Sex.Male, new(2022, 5, 25), new(14.0m, 100.0m, MeasuredPosition.Standing, 155, null), new(14.8m, 103.0m, MeasuredPosition.Standing, 158, null)),
    ];

    public static int ChildCount => Toddlers.Length;

    public static async Task<int> SeedAsync(ChildAidDbContext db, GrowthReference growth, CancellationToken ct = default)
    {
        var school = await db.Organisations.FirstOrDefaultAsync(o => o.Name == DemoCheckups.SchoolName, ct);
        var centre = await db.Organisations.FirstOrDefaultAsync(o => o.Name == DemoCheckups.HealthCentreName, ct);
        if (school is null || centre is null) return 0;

        var children = new List<(Toddler Toddler, Child Child)>();
        foreach (var t in Toddlers)
        {
            var child = await db.Children.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.IsDemo && c.FullName == t.Name && c.DateOfBirth == t.Born, ct);
            if (child is null)
            {
                child = new Child
                {
                    FullName = t.Name, SearchText = Text.TextFolding.Fold(t.Name), DateOfBirth = t.Born, Sex = t.Sex, EthnicGroup = "Gia Rai",
                    AdminUnitId = school.AdminUnitId, HealthStationId = centre.Id, GuardianName = "Người giám hộ (demo)", IsDemo = true,
                };
                db.Children.Add(child);
            }
            children.Add((t, child));
        }
        await db.SaveChangesAsync(ct);

        var calculator = growth.TryGetCalculator(out var c, out _) ? c : null;
        var added = 0;
        foreach (var day in DemoCheckups.Days)
        {
            if (await db.CheckupSessions.IgnoreQueryFilters().AnyAsync(s => s.IsDemo && s.SiteId == centre.Id && s.HeldOn == day, ct)) continue;
            var session = new CheckupSession
            {
                HeldOn = day, SiteId = centre.Id, HealthStationId = centre.Id, AdminUnitId = school.AdminUnitId, IsDemo = true, Team = Team,
                CreatedBy = "seed --demo", CreatedAt = day.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc),
            };
            db.CheckupSessions.Add(session);
            await db.SaveChangesAsync(ct);
            foreach (var (toddler, child) in children)
            {
                var v = day == DemoCheckups.Days[0] ? toddler.May : toddler.November;
                var m = new Measurement
                {
                    SessionId = session.Id, ChildId = child.Id, AdminUnitId = session.AdminUnitId, RecordedBy = "seed --demo", RecordedAt = session.CreatedAt,
                    WeightKg = v.Weight, LengthCm = v.Length, Position = v.Position, MuacMm = v.MuacMm, HeadCm = v.HeadCm, Oedema = v.Oedema,
                    Findings = v.Findings, Referral = v.Referral, Treatment = v.Treatment,
                };
                if (calculator is not null) MeasurementScores.Apply(m, child.Sex, child.DateOfBirth, day, calculator);
                db.Measurements.Add(m);
                added++;
            }
            await db.SaveChangesAsync(ct);
        }
        return added;
    }
}
