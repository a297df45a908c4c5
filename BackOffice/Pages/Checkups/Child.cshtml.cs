using ChildAid.BackOffice.Checkups;
using ChildAid.BackOffice.Localization;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Children;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Checkups;

/// <summary>A child's growth record: every measurement the reader may see and the growth charts. Each view is audited.</summary>
public class ChildModel(CheckupService checkups, ChildReadAudit audit, GrowthReference growth) : PageModel
{
    public ChildGrowth Record { get; private set; } = null!;
    public List<(ChartIndicator Indicator, string Svg)> Charts { get; } = [];
    public string? ReferenceProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await checkups.ChildGrowthAsync(id, ct) is not { } record) return NotFound();
        Record = record;
        await audit.RecordAsync(record.Child, "lịch sử đo và biểu đồ tăng trưởng", ct);
        if (!growth.TryGetCalculator(out var calculator, out var problem))
        {
            ReferenceProblem = problem;
            return Page();
        }
        var child = record.Child;
        foreach (var indicator in Enum.GetValues<ChartIndicator>())
        {
            var points = record.Visits.Select(v => Point(indicator, child, v)).OfType<GrowthChart.Point>().ToList();
            if (GrowthChart.Svg(calculator.Tables, indicator, child.Sex, points, $"chart-{indicator}") is { } svg) Charts.Add((indicator, svg));
        }
        return Page();
    }

    private static GrowthChart.Point? Point(ChartIndicator indicator, Child child, Visit v)
    {
        var m = v.Measurement;
        var days = v.On.DayNumber - child.DateOfBirth.DayNumber;
        if (GrowthChart.OverLength(indicator)) return WeightOverLength(indicator, v);
        var months = days / GrowthCalculator.DaysPerMonth;
        decimal? value = indicator switch
        {
            ChartIndicator.WeightForAge => m.WeightKg,
            ChartIndicator.LengthForAge => m.LengthCm,
            ChartIndicator.HeadForAge => m.HeadCm,
            ChartIndicator.ArmForAge => m.MuacMm / 10m,
            ChartIndicator.TricepsForAge => m.TricepsSkinfoldMm,
            ChartIndicator.SubscapularForAge => m.SubscapularSkinfoldMm,
            _ => m.WeightKg is { } w && m.LengthCm is { } l && l > 0 ? Math.Round(w / (l / 100 * (l / 100)), 1) : null,
        };
        if (value is not { } y) return null;
        var unit = GrowthChart.Names(indicator).Unit;
        return new GrowthChart.Point(months, (double)y, $"{VietnameseFormat.Date(v.On)}: {y.ToString("0.0", VietnameseFormat.Culture)} {unit}");
    }

    /// <summary>
    /// Weight over length or height on the chart of the table WHO's calculator chose when the check-up was scored (stored as
    /// <see cref="Measurement.WeightForLengthTable"/>: none with oedema or outside the table), at the length corrected for
    /// the position as the calculator corrects it (lying from 2 years −0.7 cm, standing before +0.7 cm).
    /// </summary>
    private static GrowthChart.Point? WeightOverLength(ChartIndicator indicator, Visit v)
    {
        var m = v.Measurement;
        var chart = m.WeightForLengthTable switch
        {
            WeightForLengthTable.Length => ChartIndicator.WeightForLength,
            WeightForLengthTable.Height => ChartIndicator.WeightForHeight,
            _ => (ChartIndicator?)null,
        };
        if (chart != indicator || m.WeightKg is not { } weight || m.LengthCm is not { } length) return null;
        var corrected = (double)length + (m.WeightForLengthTable, m.Position) switch
        {
            (WeightForLengthTable.Length, MeasuredPosition.Standing) => GrowthCalculator.LyingStandingDifferenceCm,
            (WeightForLengthTable.Height, MeasuredPosition.Lying) => -GrowthCalculator.LyingStandingDifferenceCm,
            _ => 0,
        };
        return new GrowthChart.Point(corrected, (double)weight,
            $"{VietnameseFormat.Date(v.On)}: {weight.ToString("0.0", VietnameseFormat.Culture)} kg, {length.ToString("0.0", VietnameseFormat.Culture)} cm");
    }

    public string Age(DateOnly on)
    {
        var months = (int)((on.DayNumber - Record.Child.DateOfBirth.DayNumber) / GrowthCalculator.DaysPerMonth);
        return months < 24 ? StaffText.T("{0} tháng", months) : StaffText.T("{0} tuổi {1} tháng", months / 12, months % 12);
    }
}
