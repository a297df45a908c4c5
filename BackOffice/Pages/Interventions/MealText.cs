using System.Globalization;
using System.Net;
using System.Text;
using ChildAid.Shared.Interventions;

namespace ChildAid.BackOffice.Pages.Interventions;

/// <summary>The meals chart: meals served per month, all schools together, drawn on the server as SVG.</summary>
public static class MealText
{
    public static string Chart(MealTotals totals, Func<string, string> t)
    {
        var months = totals.Months.GroupBy(m => (m.Year, m.Month)).OrderBy(g => g.Key).Select(g => (Label: $"{g.Key.Month:00}/{g.Key.Year}", Meals: g.Sum(m => m.Meals))).ToList();
        if (months.Count == 0) return "";
        const int barWidth = 48, gap = 16, height = 160, top = 20, bottom = 30;
        var max = Math.Max(1, months.Max(m => m.Meals));
        var width = months.Count * (barWidth + gap) + gap;
        var title = WebUtility.HtmlEncode(t("Số suất ăn theo tháng"));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"meals-chart-title\" viewBox=\"0 0 {width} {height + top + bottom}\" width=\"{width}\" height=\"{height + top + bottom}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"meals-chart-title\">{title}</title>");
        for (var i = 0; i < months.Count; i++)
        {
            var (label, meals) = months[i];
            var h = (int)Math.Round(height * (double)meals / max);
            var x = gap + i * (barWidth + gap);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{top + height - h}\" width=\"{barWidth}\" height=\"{h}\" fill=\"#2a6f97\"><title>{label}: {ChildAid.Shared.Text.VietnameseFormat.Number(meals)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + barWidth / 2}\" y=\"{top + height - h - 4}\" text-anchor=\"middle\" font-size=\"11\">{ChildAid.Shared.Text.VietnameseFormat.Number(meals)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + barWidth / 2}\" y=\"{top + height + 18}\" text-anchor=\"middle\" font-size=\"11\">{label}</text>");
        }
        return svg.Append("</svg>").ToString();
    }
}
