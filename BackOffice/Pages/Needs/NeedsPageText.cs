using ChildAid.Shared.Needs;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>The Vietnamese words of the needs pages.</summary>
public static class NeedsPageText
{
    public static readonly IReadOnlyDictionary<NeedsReviewStatus, string> Statuses = new Dictionary<NeedsReviewStatus, string>
    {
        [NeedsReviewStatus.Draft] = "Đang soạn",
        [NeedsReviewStatus.Submitted] = "Đã gửi, chờ duyệt",
        [NeedsReviewStatus.Returned] = "Bị trả lại để sửa",
        [NeedsReviewStatus.Approved] = "Đã duyệt",
        [NeedsReviewStatus.Superseded] = "Đã được thay thế",
    };

    public static readonly IReadOnlyDictionary<int, string> Levels = new Dictionary<int, string>
    {
        [1] = "Cấp 1 (khẩn cấp nhất)", [2] = "Cấp 2", [3] = "Cấp 3", [4] = "Cấp 4",
    };
}
