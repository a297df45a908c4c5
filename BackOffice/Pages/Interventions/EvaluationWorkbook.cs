using ChildAid.Shared.Interventions;
using MiniExcelLibs;

namespace ChildAid.BackOffice.Pages.Interventions;

/// <summary>The evaluation as a workbook: one sheet of mean changes, one of prevalences, every group on its own rows.</summary>
public static class EvaluationWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static MemoryStream Write(EvaluationResult result, Func<string, string> t)
    {
        var groups = new[] { (Breakdown: t("Tất cả"), Group: "", Evaluation: result.All) }
            .Concat(result.Groups.Select(g => (Breakdown: t(EvaluationText.Breakdowns[g.Breakdown]), Group: EvaluationText.Group(g, t), g.Evaluation))).ToList();
        var changes = groups.SelectMany(g => g.Evaluation.Changes.Select(c => new Dictionary<string, object?>
        {
            [t("Nhóm")] = g.Breakdown, [t("Giá trị")] = g.Group, [t("Chỉ số")] = t(EvaluationText.Indicators[c.Indicator]),
            [t("Số cặp")] = c.Pairs, [t("Loại vì giá trị bất thường")] = c.ExcludedFlagged,
            [t("Thay đổi trung bình")] = c.Change?.Mean, [t("KTC 95 % dưới")] = c.Change?.Low, [t("KTC 95 % trên")] = c.Change?.High,
        }));
        var prevalences = groups.SelectMany(g => g.Evaluation.Prevalences.Select(p => new Dictionary<string, object?>
        {
            [t("Nhóm")] = g.Breakdown, [t("Giá trị")] = g.Group, [t("Tình trạng")] = t(EvaluationText.Conditions[p.Condition]),
            [t("Số cặp")] = p.Pairs, [t("Loại vì giá trị bất thường")] = p.ExcludedFlagged,
            [t("Trước: số trẻ")] = p.Before.Count, [t("Trước: tỷ lệ")] = Nan(p.Before.Value), [t("Trước: KTC 95 % dưới")] = Nan(p.Before.Low), [t("Trước: KTC 95 % trên")] = Nan(p.Before.High),
            [t("Sau: số trẻ")] = p.After.Count, [t("Sau: tỷ lệ")] = Nan(p.After.Value), [t("Sau: KTC 95 % dưới")] = Nan(p.After.Low), [t("Sau: KTC 95 % trên")] = Nan(p.After.High),
            [t("Khỏi")] = p.Test.Recovered, [t("Mới mắc")] = p.Test.NewCases, [t("McNemar p")] = p.Test.PValue,
            [t("Kiểm định")] = t(p.Test.Exact ? "nhị thức chính xác" : "khi bình phương có hiệu chỉnh liên tục"),
        }));
        var sheets = new Dictionary<string, object>
        {
            [t("Thay đổi z-score")] = changes.ToList(),
            [t("Tỷ lệ trước sau")] = prevalences.ToList(),
        };
        var stream = new MemoryStream();
        stream.SaveAs(sheets);
        stream.Position = 0;
        return stream;
    }

    private static double? Nan(double v) => double.IsNaN(v) ? null : v;
}
