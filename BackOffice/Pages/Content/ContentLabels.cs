using ChildAid.Shared.Content;

namespace ChildAid.BackOffice.Pages.Content;

/// <summary>Vietnamese words for content types and states, as the media team reads them.</summary>
public static class ContentLabels
{
    public static readonly IReadOnlyDictionary<ContentType, string> Types = new Dictionary<ContentType, string>
    {
        [ContentType.Page] = "Trang", [ContentType.CampaignPage] = "Trang chiến dịch", [ContentType.Story] = "Tin bài",
        [ContentType.HonorRollPage] = "Trang vinh danh", [ContentType.NeedsListPage] = "Trang danh sách nhu cầu",
    };

    public static readonly IReadOnlyDictionary<ContentState, string> States = new Dictionary<ContentState, string>
    {
        [ContentState.Draft] = "Bản nháp", [ContentState.Submitted] = "Chờ duyệt", [ContentState.Published] = "Đã đăng",
        [ContentState.Unpublished] = "Đã gỡ",
    };
}
