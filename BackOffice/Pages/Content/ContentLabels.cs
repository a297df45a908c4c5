using ChildAid.Shared.Content;

namespace ChildAid.BackOffice.Pages.Content;

/// <summary>Words for content types and states, as the media team reads them (Vietnamese keys, read in the staff member's language).</summary>
public static class ContentLabels
{
    public static readonly Localization.LabelSet<ContentType> Types = new(new Dictionary<ContentType, string>
    {
        [ContentType.Page] = "Trang", [ContentType.CampaignPage] = "Trang chiến dịch", [ContentType.Story] = "Tin bài",
        [ContentType.HonorRollPage] = "Trang vinh danh", [ContentType.NeedsListPage] = "Trang danh sách nhu cầu",
    });

    public static readonly Localization.LabelSet<ContentState> States = new(new Dictionary<ContentState, string>
    {
        [ContentState.Draft] = "Bản nháp", [ContentState.Submitted] = "Chờ duyệt", [ContentState.Published] = "Đã đăng",
        [ContentState.Unpublished] = "Đã gỡ",
    });
}
