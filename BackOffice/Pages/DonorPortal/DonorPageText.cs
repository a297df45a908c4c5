using System.Globalization;

namespace ChildAid.BackOffice.Pages.DonorPortal;

/// <summary>
/// The donor page in the donor's language: Vietnamese is the key (as in PublicSite's resources), English the value.
/// English for donors abroad, or when the donor picks it with the language link (<c>?lang=en</c>). Kept beside the
/// page because it is BackOffice's only page for the public; it moves to BackOffice's resources when those exist.
/// </summary>
public sealed class DonorPageText(bool english)
{
    public bool English => english;
    public string Lang => english ? "en" : "vi";

    /// <summary>The text in the page's language; a key without English (a test finds it) shows in Vietnamese.</summary>
    public string Say(string vietnamese, params object[] args)
    {
        var text = english && En.TryGetValue(vietnamese, out var en) ? en : vietnamese;
        return args.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, args);
    }

    public static readonly IReadOnlyDictionary<string, string> En = new Dictionary<string, string>
    {
        ["Trang của nhà tài trợ"] = "Your donor page",
        ["Kính chào {0}"] = "Dear {0}",
        ["Đây là trang riêng của quý vị: các khoản đăng ký ủng hộ, phiếu thu và cách quý vị muốn được hiển thị công khai. Đường dẫn này là riêng của quý vị, xin đừng chia sẻ."] =
            "This is your own page: your pledges, your receipts and how you wish to be shown in public. The link is yours alone; please do not share it.",
        ["Ngôn ngữ"] = "Language",
        ["Đăng ký ủng hộ"] = "Pledges",
        ["Quý vị chưa có khoản đăng ký ủng hộ nào."] = "You have no pledges yet.",
        ["Mã đăng ký"] = "Reference",
        ["Chiến dịch"] = "Campaign",
        ["Số tiền"] = "Amount",
        ["Đã nhận"] = "Received",
        ["Còn lại"] = "Outstanding",
        ["Tình trạng"] = "Status",
        ["Thanh toán"] = "Payment",
        ["Ủng hộ chung"] = "General support",
        ["Chuyển khoản phần còn lại"] = "Pay the rest",
        ["Đã đăng ký, chưa nhận tiền"] = "Pledged, nothing received yet",
        ["Đã nhận một phần"] = "Partly paid",
        ["Đã nhận đủ"] = "Paid in full",
        ["Đã hủy"] = "Cancelled",
        ["Các đợt của đăng ký {0}"] = "Instalments of pledge {0}",
        ["Hạn"] = "Due",
        ["Đã trả"] = "Paid",
        ["Chưa đến hạn"] = "Not yet due",
        ["Đến hạn"] = "Due now",
        ["Quá hạn"] = "Overdue",
        ["Phiếu thu"] = "Receipts",
        ["Chưa có phiếu thu nào."] = "No receipts yet.",
        ["Số phiếu thu"] = "Receipt number",
        ["Ngày nhận"] = "Received on",
        ["Tải về"] = "Download",
        ["(đã hủy)"] = "(cancelled)",
        ["Phiếu thu {0} (PDF)"] = "Receipt {0} (PDF)",
        ["Hiển thị công khai"] = "Public display",
        ["Trên sao kê và bảng vàng, quý vị muốn được hiển thị thế nào?"] = "How do you wish to be shown on the public statement and the honor roll?",
        ["Công khai tên, số tiền và lời nhắn"] = "Name, amount and message",
        ["Công khai tên và số tiền"] = "Name and amount",
        ["Chỉ công khai tên"] = "Name only",
        ["Ẩn danh"] = "Anonymous",
        ["Bảng vàng đổi theo lựa chọn mới cho cả các khoản đã ủng hộ. Tên trên sao kê của các khoản đã ghi không đổi được (sao kê chỉ được ghi thêm), trừ khi quý vị xóa tên bên dưới."] =
            "The honor roll follows your new choice for past gifts too. Names already on the statement cannot change (the statement is append-only), unless you erase your name below.",
        ["Lưu cách hiển thị"] = "Save display choice",
        ["Tin của chiến dịch qua e-mail"] = "Campaign news by e-mail",
        ["Quý vị chưa đăng ký nhận tin chiến dịch nào."] = "You do not follow any campaign's news.",
        ["Đang nhận tin"] = "Receiving news",
        ["Chờ quý vị xác nhận qua thư"] = "Waiting for you to confirm by mail",
        ["Đã hủy nhận tin"] = "Unsubscribed",
        ["Hủy nhận tin"] = "Unsubscribe",
        ["Đã hủy nhận tin của chiến dịch."] = "You have unsubscribed from the campaign's news.",
        ["Xóa tên của tôi"] = "Erase my name",
        ["Tên của quý vị đã được xóa khỏi sao kê công khai và bảng vàng."] = "Your name has been erased from the public statement and the honor roll.",
        ["Theo Nghị định 13/2023/NĐ-CP, quý vị có thể yêu cầu xóa tên khỏi sao kê công khai và bảng vàng. Số tiền vẫn được công khai, ẩn danh; từ nay quý vị được hiển thị ẩn danh."] =
            "Under Decree 13/2023/ND-CP you may have your name erased from the public statement and the honor roll. The amounts stay public, anonymously; from now on you are shown as anonymous.",
        ["Tôi muốn xóa tên của tôi khỏi sao kê công khai. Việc này không hoàn tác được."] = "I want my name erased from the public statement. This cannot be undone.",
        ["Vui lòng chọn một cách hiển thị."] = "Please choose how you wish to be shown.",
        ["Tên của quý vị đã được xóa khỏi sao kê công khai theo yêu cầu; từ nay quý vị được hiển thị ẩn danh."] =
            "Your name was erased from the public statement at your request; from now on you are shown as anonymous.",
        ["Đã lưu cách hiển thị công khai của quý vị."] = "Your public display choice is saved.",
        ["Vui lòng đánh dấu xác nhận trước khi xóa tên."] = "Please tick the confirmation before erasing your name.",
        ["Đã xóa tên của quý vị khỏi sao kê công khai và bảng vàng; từ nay quý vị được hiển thị ẩn danh."] =
            "Your name is erased from the public statement and the honor roll; from now on you are shown as anonymous.",
        ["Bỏ qua, đến nội dung chính"] = "Skip to main content",
        ["ChildAid — vận động hỗ trợ trẻ em vùng cao. Cảm ơn quý vị đã đồng hành."] = "ChildAid — support for children in the highlands. Thank you for being with us.",
    };
}
