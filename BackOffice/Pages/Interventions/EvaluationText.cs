using System.Globalization;
using System.Text;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.Text;

namespace ChildAid.BackOffice.Pages.Interventions;

/// <summary>The evaluation's words (Vietnamese resource keys) and numbers as staff read them, and its chart.</summary>
public static class EvaluationText
{
    public static readonly IReadOnlyDictionary<Indicator, string> Indicators = new Dictionary<Indicator, string>
    {
        [Indicator.WeightForAge] = "Cân nặng theo tuổi (WAZ)",
        [Indicator.LengthForAge] = "Chiều cao theo tuổi (HAZ)",
        [Indicator.WeightForLength] = "Cân nặng theo chiều cao (WHZ, dưới 5 tuổi)",
        [Indicator.BmiForAge] = "BMI theo tuổi (BAZ)",
    };

    public static readonly IReadOnlyDictionary<Condition, string> Conditions = new Dictionary<Condition, string>
    {
        [Condition.Stunting] = "Thấp còi",
        [Condition.Underweight] = "Nhẹ cân",
        [Condition.WastingOrThinness] = "Gầy còm hoặc gầy",
        [Condition.Overweight] = "Thừa cân",
    };

    public static readonly IReadOnlyDictionary<string, string> Breakdowns = new Dictionary<string, string>
    {
        [InterventionEvaluation.BySex] = "Theo giới tính",
        [InterventionEvaluation.ByAge] = "Theo nhóm tuổi (năm, lúc khám đầu kỳ)",
        [InterventionEvaluation.BySchool] = "Theo trường",
    };

    /// <summary>A group's name: sex in words, an age group as is, a school's name as stored.</summary>
    public static string Group(GroupResult g, Func<string, string> t) => g.Breakdown == InterventionEvaluation.BySex
        ? t(g.Group == nameof(ChildAid.Shared.Children.Sex.Female) ? "Nữ" : "Nam")
        : g.Group;

    public static string Number(double v) => double.IsNaN(v) ? "—" : v.ToString("+0.00;−0.00;0.00", VietnameseFormat.Culture);

    public static string Percent(double v) => double.IsNaN(v) ? "—" : (v * 100).ToString("0.0", VietnameseFormat.Culture) + " %";

    public static string Change(MeanChange? c) => c is null ? "—" : $"{Number(c.Mean)} ({Number(c.Low)} … {Number(c.High)})";

    public static string Prevalence(Proportion p) => p.N == 0 ? "—" : $"{p.Count}/{p.N} = {Percent(p.Value)} ({Percent(p.Low)} … {Percent(p.High)})";

    public static string P(double p) => p < 0.001 ? "< 0,001" : p.ToString("0.000", VietnameseFormat.Culture);

    /// <summary>
    /// Prevalence before (grey) and after (green) per condition as horizontal bars with their 95 % intervals, drawn on the
    /// server; role="img" with a description that says the same numbers as the table beside it.
    /// </summary>
    public static string Chart(GroupEvaluation all, Func<string, string> t)
    {
        const int width = 640, rowHeight = 56, left = 180, right = 24, top = 28;
        var height = top + rowHeight * all.Prevalences.Count + 24;
        double X(double p) => left + p * (width - left - right);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        static string E(string s) => System.Net.WebUtility.HtmlEncode(s);
        var max = Math.Max(0.1, all.Prevalences.Max(p => Math.Max(p.Before.N == 0 ? 0 : p.Before.High, p.After.N == 0 ? 0 : p.After.High)));
        max = Math.Min(1, Math.Ceiling(max * 10) / 10);
        double Scale(double p) => X(p / max);
        var svg = new StringBuilder();
        var description = string.Join("; ", all.Prevalences.Select(p => $"{t(Conditions[p.Condition])}: {t("trước")} {Percent(p.Before.Value)}, {t("sau")} {Percent(p.After.Value)}"));
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"prev-title prev-desc\" class=\"evaluation-chart\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"prev-title\">{E(t("Tỷ lệ trước và sau, khoảng tin cậy 95 %"))}</title><desc id=\"prev-desc\">{E(description)}</desc>");
        svg.Append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        for (var tick = 0.0; tick <= max + 1e-9; tick += max / 5)
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Scale(tick))}\" y1=\"{top - 8}\" x2=\"{F(Scale(tick))}\" y2=\"{height - 24}\" stroke=\"#ddd\"/><text x=\"{F(Scale(tick))}\" y=\"{height - 8}\" font-size=\"11\" text-anchor=\"middle\">{E(Percent(tick))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"4\" width=\"12\" height=\"12\" fill=\"#8a8a8a\"/><text x=\"{left + 16}\" y=\"14\" font-size=\"12\">{E(t("trước"))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + 90}\" y=\"4\" width=\"12\" height=\"12\" fill=\"#1b7a3a\"/><text x=\"{left + 106}\" y=\"14\" font-size=\"12\">{E(t("sau"))}</text>");
        var y = top;
        foreach (var p in all.Prevalences)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + 24}\" font-size=\"12\" text-anchor=\"end\">{E(t(Conditions[p.Condition]))}</text>");
            foreach (var (share, offset, colour) in new[] { (p.Before, 6, "#8a8a8a"), (p.After, 28, "#1b7a3a") })
            {
                if (share.N == 0) continue;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + offset}\" width=\"{F(Scale(share.Value) - left)}\" height=\"16\" fill=\"{colour}\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Scale(share.Low))}\" y1=\"{y + offset + 8}\" x2=\"{F(Scale(share.High))}\" y2=\"{y + offset + 8}\" stroke=\"#000\" stroke-width=\"1.5\"/>");
            }
            y += rowHeight;
        }
        svg.Append("</svg>");
        return svg.ToString();
    }
}
