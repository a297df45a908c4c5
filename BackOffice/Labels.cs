using ChildAid.BackOffice.Localization;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Text;

namespace ChildAid.BackOffice;

/// <summary>Words for the domain's enums, as staff read them: written in Vietnamese, read in the staff member's language.</summary>
public static class Labels
{
    public static readonly LabelSet<DonorKind> DonorKinds = new(new Dictionary<DonorKind, string>
    {
        [DonorKind.Person] = "Cá nhân", [DonorKind.Business] = "Doanh nghiệp", [DonorKind.Organisation] = "Tổ chức", [DonorKind.Fund] = "Quỹ",
    });

    public static readonly LabelSet<DonorOrigin> Origins = new(new Dictionary<DonorOrigin, string>
    {
        [DonorOrigin.Domestic] = "Trong nước", [DonorOrigin.Foreign] = "Nước ngoài",
    });

    public static readonly LabelSet<DisplayChoice> DisplayChoices = new(new Dictionary<DisplayChoice, string>
    {
        [DisplayChoice.NameAmountMessage] = "Công khai tên, số tiền và lời nhắn",
        [DisplayChoice.NameAmount] = "Công khai tên và số tiền",
        [DisplayChoice.NameOnly] = "Chỉ công khai tên",
        [DisplayChoice.Anonymous] = "Ẩn danh",
    });

    public static readonly LabelSet<Shared.CampaignUpdates.FollowerState> FollowerStates = new(new Dictionary<Shared.CampaignUpdates.FollowerState, string>
    {
        [Shared.CampaignUpdates.FollowerState.Pending] = "Chờ xác nhận", [Shared.CampaignUpdates.FollowerState.Confirmed] = "Đang nhận tin",
        [Shared.CampaignUpdates.FollowerState.Unsubscribed] = "Đã hủy nhận tin",
    });

    public static readonly LabelSet<ContributionMethod> Methods = new(new Dictionary<ContributionMethod, string>
    {
        [ContributionMethod.Cash] = "Tiền mặt", [ContributionMethod.BankTransfer] = "Chuyển khoản", [ContributionMethod.InKind] = "Hiện vật",
    });

    public static readonly LabelSet<Shared.Pledges.PledgeState> PledgeStates = new(new Dictionary<Shared.Pledges.PledgeState, string>
    {
        [Shared.Pledges.PledgeState.Pledged] = "Chưa thanh toán", [Shared.Pledges.PledgeState.PartlyPaid] = "Đã trả một phần",
        [Shared.Pledges.PledgeState.Paid] = "Đã trả đủ", [Shared.Pledges.PledgeState.Cancelled] = "Đã hủy",
    });

    /// <summary>A goods-only pledge's states: its goods are received, not paid.</summary>
    public static readonly LabelSet<Shared.Pledges.PledgeState> GoodsPledgeStates = new(new Dictionary<Shared.Pledges.PledgeState, string>
    {
        [Shared.Pledges.PledgeState.Pledged] = "Chưa nhận hàng", [Shared.Pledges.PledgeState.PartlyPaid] = "Đã nhận một phần hàng",
        [Shared.Pledges.PledgeState.Paid] = "Đã nhận đủ hàng", [Shared.Pledges.PledgeState.Cancelled] = "Đã hủy",
    });

    public static readonly LabelSet<ContributionChannel> Channels = new(new Dictionary<ContributionChannel, string>
    {
        [ContributionChannel.Staff] = "Cán bộ ghi nhận", [ContributionChannel.Transfer] = "Chuyển khoản", [ContributionChannel.Card] = "Thẻ (Stripe)",
        [ContributionChannel.BankStatement] = "Sao kê ngân hàng", [ContributionChannel.Unsolicited] = "Chuyển khoản không đăng ký",
    });

    public static readonly LabelSet<CampaignStatus> CampaignStatuses = new(new Dictionary<CampaignStatus, string>
    {
        [CampaignStatus.Draft] = "Bản nháp", [CampaignStatus.Active] = "Đang vận động", [CampaignStatus.Closed] = "Đã kết thúc",
    });

    public static readonly LabelSet<AdminUnitLevel> Levels = new(new Dictionary<AdminUnitLevel, string>
    {
        [AdminUnitLevel.Province] = "Tỉnh", [AdminUnitLevel.District] = "Huyện", [AdminUnitLevel.Commune] = "Xã", [AdminUnitLevel.Village] = "Thôn",
    });

    public static string Unit(AdminUnit u)
    {
        var period = u.ValidTo is { } to ? " " + StaffText.T("(đến {0})", VietnameseFormat.Date(to)) : "";
        return $"{u.Name} — {Levels.GetValueOrDefault(u.Level, "")} {u.Code}{period}";
    }

    public static readonly LabelSet<string> AuditActions = new(new Dictionary<string, string>
    {
        ["Added"] = "Thêm", ["Modified"] = "Sửa", ["Deleted"] = "Xóa",
    });
}
