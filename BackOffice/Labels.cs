using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Text;

namespace ChildAid.BackOffice;

/// <summary>Vietnamese words for the domain's enums, as staff read them.</summary>
public static class Labels
{
    public static readonly IReadOnlyDictionary<DonorKind, string> DonorKinds = new Dictionary<DonorKind, string>
    {
        [DonorKind.Person] = "Cá nhân", [DonorKind.Business] = "Doanh nghiệp", [DonorKind.Organisation] = "Tổ chức", [DonorKind.Fund] = "Quỹ",
    };

    public static readonly IReadOnlyDictionary<DonorOrigin, string> Origins = new Dictionary<DonorOrigin, string>
    {
        [DonorOrigin.Domestic] = "Trong nước", [DonorOrigin.Foreign] = "Nước ngoài",
    };

    public static readonly IReadOnlyDictionary<DisplayChoice, string> DisplayChoices = new Dictionary<DisplayChoice, string>
    {
        [DisplayChoice.NameAmountMessage] = "Công khai tên, số tiền và lời nhắn",
        [DisplayChoice.NameAmount] = "Công khai tên và số tiền",
        [DisplayChoice.NameOnly] = "Chỉ công khai tên",
        [DisplayChoice.Anonymous] = "Ẩn danh",
    };

    public static readonly IReadOnlyDictionary<ContributionMethod, string> Methods = new Dictionary<ContributionMethod, string>
    {
        [ContributionMethod.Cash] = "Tiền mặt", [ContributionMethod.BankTransfer] = "Chuyển khoản", [ContributionMethod.InKind] = "Hiện vật",
    };

    public static readonly IReadOnlyDictionary<Shared.Pledges.PledgeState, string> PledgeStates = new Dictionary<Shared.Pledges.PledgeState, string>
    {
        [Shared.Pledges.PledgeState.Pledged] = "Chưa thanh toán", [Shared.Pledges.PledgeState.PartlyPaid] = "Đã trả một phần",
        [Shared.Pledges.PledgeState.Paid] = "Đã trả đủ", [Shared.Pledges.PledgeState.Cancelled] = "Đã hủy",
    };

    public static readonly IReadOnlyDictionary<ContributionChannel, string> Channels = new Dictionary<ContributionChannel, string>
    {
        [ContributionChannel.Staff] = "Cán bộ ghi nhận", [ContributionChannel.Transfer] = "Chuyển khoản", [ContributionChannel.Card] = "Thẻ (Stripe)",
        [ContributionChannel.BankStatement] = "Sao kê ngân hàng", [ContributionChannel.Unsolicited] = "Chuyển khoản không đăng ký",
    };

    public static readonly IReadOnlyDictionary<CampaignStatus, string> CampaignStatuses = new Dictionary<CampaignStatus, string>
    {
        [CampaignStatus.Draft] = "Bản nháp", [CampaignStatus.Active] = "Đang vận động", [CampaignStatus.Closed] = "Đã kết thúc",
    };

    public static readonly IReadOnlyDictionary<AdminUnitLevel, string> Levels = new Dictionary<AdminUnitLevel, string>
    {
        [AdminUnitLevel.Province] = "Tỉnh", [AdminUnitLevel.District] = "Huyện", [AdminUnitLevel.Commune] = "Xã", [AdminUnitLevel.Village] = "Thôn",
    };

    public static string Unit(AdminUnit u)
    {
        var period = u.ValidTo is { } to ? $" (đến {VietnameseFormat.Date(to)})" : "";
        return $"{u.Name} — {Levels.GetValueOrDefault(u.Level, "")} {u.Code}{period}";
    }

    public static readonly IReadOnlyDictionary<string, string> AuditActions = new Dictionary<string, string>
    {
        ["Added"] = "Thêm", ["Modified"] = "Sửa", ["Deleted"] = "Xóa",
    };
}
