using System.Globalization;
using System.Text;
using ChildAid.BackOffice.Localization;
using ChildAid.Shared.Children;
using ChildAid.Shared.Growth;

namespace ChildAid.BackOffice.Checkups;

/// <summary>
/// Which curve set a chart draws: WHO 2006 up to 5 years, the 2007 reference after; arm circumference and the skinfolds
/// only from 3 months (day 91) to under 5 years, as WHO's tables.
/// </summary>
public enum ChartIndicator { WeightForAge, LengthForAge, BmiForAge, ArmForAge, TricepsForAge, SubscapularForAge }

/// <summary>
/// A child's growth chart as plain SVG, drawn on the server: the WHO −3, −2, 0, +2, +3 SD curves of the indicator for
/// the child's sex, over the ages the child was measured at, and the child's points. Accessible: role="img" with a
/// title and a description; the page shows the same numbers in a table beside it.
/// </summary>
public static class GrowthChart
{
    public sealed record Point(double AgeMonths, double Value, string Label);

    private const int Width = 640, Height = 380, Left = 56, Right = 40, Top = 16, Bottom = 48;
    private static readonly int[] Lines = [-3, -2, 0, 2, 3];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static (string Title, string Unit) Names(ChartIndicator indicator) => indicator switch
    {
        ChartIndicator.WeightForAge => (StaffText.T("Cân nặng theo tuổi"), "kg"),
        ChartIndicator.LengthForAge => (StaffText.T("Chiều dài/chiều cao theo tuổi"), "cm"),
        ChartIndicator.BmiForAge => (StaffText.T("BMI theo tuổi"), "kg/m²"),
        ChartIndicator.ArmForAge => (StaffText.T("Vòng cánh tay theo tuổi"), "cm"),
        ChartIndicator.TricepsForAge => (StaffText.T("Nếp gấp da cơ tam đầu theo tuổi"), "mm"),
        _ => (StaffText.T("Nếp gấp da dưới xương bả vai theo tuổi"), "mm"),
    };

    private static bool UnderFiveOnly(ChartIndicator indicator) => indicator >= ChartIndicator.ArmForAge;

    /// <summary>Day 91, in months: where WHO's arm circumference and skinfold tables begin.</summary>
    private const double FirstMonthOfUnderFiveOnly = 91 / GrowthCalculator.DaysPerMonth;

    /// <summary>The SVG, or null when there is nothing to draw (no point within the WHO tables' ages).</summary>
    public static string? Svg(GrowthTables tables, ChartIndicator indicator, Sex sex, IReadOnlyList<Point> points, string id)
    {
        var (minMonths, maxMonths) = UnderFiveOnly(indicator) ? (FirstMonthOfUnderFiveOnly, GrowthCalculator.FirstMonthOf2007)
            : (0, indicator == ChartIndicator.WeightForAge ? GrowthCalculator.LastMonthOfWeightForAge2007 : GrowthCalculator.LastMonthOf2007);
        var shown = points.Where(p => p.AgeMonths >= minMonths && (UnderFiveOnly(indicator) ? p.AgeMonths < maxMonths : p.AgeMonths <= maxMonths)).ToList();
        if (shown.Count == 0) return null;
        var x0 = Math.Max(0, Math.Floor(shown.Min(p => p.AgeMonths) / 6 - 1) * 6);
        var x1 = Math.Min(maxMonths, Math.Ceiling(shown.Max(p => p.AgeMonths) / 6 + 1) * 6);
        if (x1 - x0 < 12) x1 = Math.Min(maxMonths, x0 + 12);

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
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{E(StaffText.T("Các đường là −3, −2, 0 (trung vị), +2, +3 độ lệch chuẩn của WHO từ {0} đến {1} tháng tuổi; các chấm là {2} lần đo của trẻ: {3}. Số liệu có trong bảng bên dưới.", F(x0), F(x1), shown.Count, string.Join("; ", shown.Select(p => p.Label))))}</desc>");
        svg.Append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        // Axes and grid.
        var xTick = x1 - x0 > 48 ? 12 : 6;
        for (var m = Math.Ceiling(x0 / xTick) * xTick; m <= x1; m += xTick)
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(m))}\" y1=\"{Top}\" x2=\"{F(X(m))}\" y2=\"{Height - Bottom}\" stroke=\"#ddd\"/><text x=\"{F(X(m))}\" y=\"{Height - Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{F(m)}</text>");
        var yTick = NiceStep((y1 - y0) / 8);
        for (var v = Math.Ceiling(y0 / yTick) * yTick; v <= y1; v += yTick)
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{F(Y(v))}\" x2=\"{Width - Right}\" y2=\"{F(Y(v))}\" stroke=\"#ddd\"/><text x=\"{Left - 6}\" y=\"{F(Y(v) + 4)}\" font-size=\"11\" text-anchor=\"end\">{E(v.ToString("0.#", Shared.Text.VietnameseFormat.Culture))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F((Left + Width - Right) / 2.0)}\" y=\"{Height - 10}\" font-size=\"12\" text-anchor=\"middle\">{E(StaffText.T("Tuổi (tháng)"))}</text>");
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
        var ordered = shown.OrderBy(p => p.AgeMonths).ToList();
        if (ordered.Count > 1)
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"#1a3d8f\" stroke-width=\"1.5\" points=\"{string.Join(" ", ordered.Select(p => $"{F(X(p.AgeMonths))},{F(Y(p.Value))}"))}\"/>");
        foreach (var p in ordered)
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(p.AgeMonths))}\" cy=\"{F(Y(p.Value))}\" r=\"4\" fill=\"#1a3d8f\"><title>{E(p.Label)}</title></circle>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>L, M, S at an age in months: the daily 2006 table below 60 months, the monthly 2007 reference from 60.</summary>
    private static Lms? Row(GrowthTables t, ChartIndicator indicator, Sex sex, double months)
    {
        if (UnderFiveOnly(indicator))
        {
            var underFive = indicator switch { ChartIndicator.ArmForAge => t.ArmForAge, ChartIndicator.TricepsForAge => t.TricepsForAge, _ => t.SubscapularForAge };
            return months < GrowthCalculator.FirstMonthOf2007
                && underFive.TryGet(sex, GrowthCalculator.RoundHalfUp(months * GrowthCalculator.DaysPerMonth), out var daily) ? daily : null;
        }
        if (months < GrowthCalculator.FirstMonthOf2007)
        {
            var table = indicator switch { ChartIndicator.WeightForAge => t.WeightForAge, ChartIndicator.LengthForAge => t.LengthForAge, _ => t.BmiForAge };
            return table.TryGet(sex, GrowthCalculator.RoundHalfUp(months * GrowthCalculator.DaysPerMonth), out var row) ? row : null;
        }
        var later = indicator switch { ChartIndicator.WeightForAge => t.WeightForAge2007, ChartIndicator.LengthForAge => t.HeightForAge2007, _ => t.BmiForAge2007 };
        var whole = (int)Math.Floor(months);
        return later.TryInterpolate(sex, whole, months - whole, out var lms) ? lms : null;
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
