using System.Globalization;
using System.Text;
using ChildAid.BackOffice.Localization;
using ChildAid.Shared.Children;
using ChildAid.Shared.Growth;

namespace ChildAid.BackOffice.Checkups;

/// <summary>
/// Which curve set a chart draws: WHO 2006 up to 5 years, the 2007 reference after; head circumference under 5 years;
/// arm circumference and the skinfolds only from 3 months (day 91) to under 5 years, as WHO's tables. Weight-for-length
/// (under 2 years) and weight-for-height (2 to 5 years) are drawn over the length or height in cm, not the age.
/// </summary>
public enum ChartIndicator { WeightForAge, LengthForAge, BmiForAge, HeadForAge, ArmForAge, TricepsForAge, SubscapularForAge, WeightForLength, WeightForHeight }

/// <summary>
/// A child's growth chart as plain SVG, drawn on the server: the WHO −3, −2, 0, +2, +3 SD curves of the indicator for
/// the child's sex, over the ages the child was measured at, and the child's points. Accessible: role="img" with a
/// title and a description; the page shows the same numbers in a table beside it.
/// </summary>
public static class GrowthChart
{
    /// <summary>One visit on the chart: <paramref name="X"/> is the age in months, or the length/height in cm for weight-for-length/height.</summary>
    public sealed record Point(double X, double Value, string Label);

    private const int Width = 640, Height = 380, Left = 56, Right = 40, Top = 16, Bottom = 48;
    private static readonly int[] Lines = [-3, -2, 0, 2, 3];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static (string Title, string Unit) Names(ChartIndicator indicator) => indicator switch
    {
        ChartIndicator.WeightForAge => (StaffText.T("Cân nặng theo tuổi"), "kg"),
        ChartIndicator.LengthForAge => (StaffText.T("Chiều dài/chiều cao theo tuổi"), "cm"),
        ChartIndicator.BmiForAge => (StaffText.T("BMI theo tuổi"), "kg/m²"),
        ChartIndicator.HeadForAge => (StaffText.T("Vòng đầu theo tuổi"), "cm"),
        ChartIndicator.WeightForLength => (StaffText.T("Cân nặng theo chiều dài (dưới 2 tuổi)"), "kg"),
        ChartIndicator.WeightForHeight => (StaffText.T("Cân nặng theo chiều cao (2–5 tuổi)"), "kg"),
        ChartIndicator.ArmForAge => (StaffText.T("Vòng cánh tay theo tuổi"), "cm"),
        ChartIndicator.TricepsForAge => (StaffText.T("Nếp gấp da cơ tam đầu theo tuổi"), "mm"),
        _ => (StaffText.T("Nếp gấp da dưới xương bả vai theo tuổi"), "mm"),
    };

    /// <summary>Tables of the 2006 standard only (under 5 years, no 2007 reference after).</summary>
    private static bool UnderFiveOnly(ChartIndicator indicator) => indicator is ChartIndicator.HeadForAge or ChartIndicator.ArmForAge
        or ChartIndicator.TricepsForAge or ChartIndicator.SubscapularForAge;

    /// <summary>Drawn over the length or height (cm) rather than the age.</summary>
    public static bool OverLength(ChartIndicator indicator) => indicator is ChartIndicator.WeightForLength or ChartIndicator.WeightForHeight;

    /// <summary>Day 91, in months: where WHO's arm circumference and skinfold tables begin.</summary>
    private const double FirstMonthOfUnderFiveOnly = 91 / GrowthCalculator.DaysPerMonth;

    /// <summary>The x values the WHO table covers: months, or cm for weight-for-length (45–110) and -height (65–120).</summary>
    private static (double Min, double Max) Domain(GrowthTables tables, ChartIndicator indicator) => indicator switch
    {
        ChartIndicator.WeightForLength => (tables.WeightForLength.First / 10.0, tables.WeightForLength.Last / 10.0),
        ChartIndicator.WeightForHeight => (tables.WeightForHeight.First / 10.0, tables.WeightForHeight.Last / 10.0),
        ChartIndicator.HeadForAge => (0, GrowthCalculator.FirstMonthOf2007),
        _ when UnderFiveOnly(indicator) => (FirstMonthOfUnderFiveOnly, GrowthCalculator.FirstMonthOf2007),
        ChartIndicator.WeightForAge => (0, GrowthCalculator.LastMonthOfWeightForAge2007),
        _ => (0, GrowthCalculator.LastMonthOf2007),
    };

    /// <summary>The SVG, or null when there is nothing to draw (no point within the WHO table's ages or lengths).</summary>
    public static string? Svg(GrowthTables tables, ChartIndicator indicator, Sex sex, IReadOnlyList<Point> points, string id)
    {
        var (min, max) = Domain(tables, indicator);
        // The under-five tables end before 60 months; the others include their last month or cm.
        var shown = points.Where(p => p.X >= min && (UnderFiveOnly(indicator) ? p.X < max : p.X <= max)).ToList();
        if (shown.Count == 0) return null;
        // Age in half-years with at least a year shown; length in 5 cm with at least 20 cm.
        var (unitStep, minSpan) = OverLength(indicator) ? (5.0, 20.0) : (6.0, 12.0);
        var x0 = Math.Max(min, Math.Floor(shown.Min(p => p.X) / unitStep - 1) * unitStep);
        var x1 = Math.Min(max, Math.Ceiling(shown.Max(p => p.X) / unitStep + 1) * unitStep);
        if (x1 - x0 < minSpan) x1 = Math.Min(max, x0 + minSpan);

        var curves = Lines.ToDictionary(z => z, _ => new List<(double X, double Y)>());
        var step = (x1 - x0) / 120;
        for (var m = x0; m <= x1 + 1e-9; m += step)
            if (Row(tables, indicator, sex, m) is { } lms)
                foreach (var z in Lines) curves[z].Add((m, lms.ValueAt(z)));
        if (curves[0].Count == 0) return null;
        var y0 = Math.Min(curves[-3].Min(c => c.Y), shown.Min(p => p.Value));
        var y1 = Math.Max(curves[3].Max(c => c.Y), shown.Max(p => p.Value));
        var pad = (y1 - y0) * 0.05;
        (y0, y1) = (Math.Max(0, y0 - pad), y1 + pad);

        double X(double m) => Left + (m - x0) / (x1 - x0) * (Width - Left - Right);
        double Y(double v) => Height - Bottom - (v - y0) / (y1 - y0) * (Height - Top - Bottom);
        string F(double v) => v.ToString("0.#", Inv);

        var (title, unit) = Names(indicator);
        var sexName = StaffText.T(sex == Sex.Female ? "bé gái" : "bé trai");
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"growth-chart\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(StaffText.T("{0} ({1}), {2}, chuẩn WHO", title, unit, sexName))}</title>");
        var range = OverLength(indicator)
            ? StaffText.T("từ {0} đến {1} cm", F(x0), F(x1))
            : StaffText.T("từ {0} đến {1} tháng tuổi", F(x0), F(x1));
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{E(StaffText.T("Các đường là −3, −2, 0 (trung vị), +2, +3 độ lệch chuẩn của WHO {0}; các chấm là {1} lần đo của trẻ: {2}. Số liệu có trong bảng bên dưới.", range, shown.Count, string.Join("; ", shown.Select(p => p.Label))))}</desc>");
        svg.Append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        // Axes and grid.
        var xTick = OverLength(indicator) ? (x1 - x0 > 40 ? 10 : 5) : x1 - x0 > 48 ? 12 : 6;
        for (var m = Math.Ceiling(x0 / xTick) * xTick; m <= x1; m += xTick)
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(m))}\" y1=\"{Top}\" x2=\"{F(X(m))}\" y2=\"{Height - Bottom}\" stroke=\"#ddd\"/><text x=\"{F(X(m))}\" y=\"{Height - Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{F(m)}</text>");
        var yTick = NiceStep((y1 - y0) / 8);
        for (var v = Math.Ceiling(y0 / yTick) * yTick; v <= y1; v += yTick)
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{F(Y(v))}\" x2=\"{Width - Right}\" y2=\"{F(Y(v))}\" stroke=\"#ddd\"/><text x=\"{Left - 6}\" y=\"{F(Y(v) + 4)}\" font-size=\"11\" text-anchor=\"end\">{E(v.ToString("0.#", Shared.Text.VietnameseFormat.Culture))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F((Left + Width - Right) / 2.0)}\" y=\"{Height - 10}\" font-size=\"12\" text-anchor=\"middle\">{E(indicator switch
        {
            ChartIndicator.WeightForLength => StaffText.T("Chiều dài nằm (cm)"),
            ChartIndicator.WeightForHeight => StaffText.T("Chiều cao đứng (cm)"),
            _ => StaffText.T("Tuổi (tháng)"),
        })}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{F((Top + Height - Bottom) / 2.0)}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 {F((Top + Height - Bottom) / 2.0)})\">{E(unit)}</text>");
        // WHO curves: the median green, ±2 orange, ±3 red.
        foreach (var z in Lines)
        {
            var colour = z == 0 ? "#1b7a3a" : Math.Abs(z) == 2 ? "#b85c00" : "#b00020";
            var path = string.Join(" ", curves[z].Select(c => $"{F(X(c.X))},{F(Y(c.Y))}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"{(z == 0 ? 2 : 1.5).ToString(Inv)}\" points=\"{path}\"/>");
            var last = curves[z][^1];
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(last.X) + 4)}\" y=\"{F(Y(last.Y) + 4)}\" font-size=\"11\" fill=\"{colour}\">{(z > 0 ? "+" : z < 0 ? "−" : "")}{Math.Abs(z)}</text>");
        }
        // The child's points, joined in order.
        var ordered = shown.OrderBy(p => p.X).ToList();
        if (ordered.Count > 1)
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"#1a3d8f\" stroke-width=\"1.5\" points=\"{string.Join(" ", ordered.Select(p => $"{F(X(p.X))},{F(Y(p.Value))}"))}\"/>");
        foreach (var p in ordered)
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(p.X))}\" cy=\"{F(Y(p.Value))}\" r=\"4\" fill=\"#1a3d8f\"><title>{E(p.Label)}</title></circle>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// L, M, S at an age in months: the daily 2006 table below 60 months, the monthly 2007 reference from 60; for
    /// weight-for-length/height at a length in cm, interpolated between the table's 0.1 cm rows as the calculator does.
    /// </summary>
    private static Lms? Row(GrowthTables t, ChartIndicator indicator, Sex sex, double x)
    {
        if (OverLength(indicator))
        {
            var byLength = indicator == ChartIndicator.WeightForLength ? t.WeightForLength : t.WeightForHeight;
            var tenths = Math.Round(x * 10, 6); // x in cm here
            var low = Math.Floor(tenths);
            return byLength.TryInterpolate(sex, (int)low, tenths - low, out var atLength) ? atLength : null;
        }
        if (UnderFiveOnly(indicator))
        {
            var underFive = indicator switch
            {
                ChartIndicator.HeadForAge => t.HeadForAge, ChartIndicator.ArmForAge => t.ArmForAge, ChartIndicator.TricepsForAge => t.TricepsForAge,
                _ => t.SubscapularForAge,
            };
            return x < GrowthCalculator.FirstMonthOf2007
                && underFive.TryGet(sex, GrowthCalculator.RoundHalfUp(x * GrowthCalculator.DaysPerMonth), out var daily) ? daily : null;
        }
        if (x < GrowthCalculator.FirstMonthOf2007)
        {
            var table = indicator switch { ChartIndicator.WeightForAge => t.WeightForAge, ChartIndicator.LengthForAge => t.LengthForAge, _ => t.BmiForAge };
            return table.TryGet(sex, GrowthCalculator.RoundHalfUp(x * GrowthCalculator.DaysPerMonth), out var row) ? row : null;
        }
        var later = indicator switch { ChartIndicator.WeightForAge => t.WeightForAge2007, ChartIndicator.LengthForAge => t.HeightForAge2007, _ => t.BmiForAge2007 };
        var whole = (int)Math.Floor(x);
        return later.TryInterpolate(sex, whole, x - whole, out var lms) ? lms : null;
    }

    private static double NiceStep(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    // Only what XML needs: WebUtility would turn every Vietnamese letter into a numeric entity.
    private static string E(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
