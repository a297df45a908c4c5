using ChildAid.Shared.Security;

namespace ChildAid.Shared.Demo;

/// <summary>A demo staff log-in: one per role. Units are (code, first day of the row); null: every province row (the whole tree).</summary>
public sealed record DemoStaffUser(string Email, string FullName, string Role, IReadOnlyList<(string Code, DateOnly? ValidFrom)>? Units, string? OrganisationName = null);

/// <summary>
/// The demo staff accounts the seed creates. They share one documented password, for a laptop demo only: never load
/// the demo data set into a production database. The admin account must still enrol two-factor at first log-in.
/// </summary>
public static class DemoStaff
{
    public const string Password = "ChildAid.Demo.2026";

    private static readonly DateOnly Plan = new(2015, 3, 11);
    private static readonly DateOnly Reform = new(2025, 7, 1);

    /// <summary>The district as it was, plus the communes that carry its territory on since 1 July 2025 (the district level was abolished).</summary>
    private static readonly (string, DateOnly?)[] District = [("618", Plan), ("23535", Reform), ("23538", Reform)];

    public static readonly IReadOnlyList<DemoStaffUser> Users =
    [
        new("quantri@demo.childaid.example", "Quản trị Demo", Roles.Admin, null),
        new("chuongtrinh@demo.childaid.example", "Nguyễn Thị Thu (demo)", Roles.ProgrammeOfficer, District,
            "Phòng Lao động – Thương binh và Xã hội huyện Ia H'Drai (demo)"),
        new("chuongtrinh.tinh@demo.childaid.example", "Đinh Văn Phúc (demo)", Roles.ProgrammeOfficer, [("51", Reform)]),
        new("chuthapdo@demo.childaid.example", "Y Blông (demo)", Roles.ProgrammeOfficer, [("23535", Reform), ("23538", Reform)], "Hội Chữ thập đỏ huyện Ia H'Drai (demo)"),
        new("xa.iadal@demo.childaid.example", "Rơ Mah H'Lan (demo)", Roles.CommuneOfficer, [("23535", Reform)], "UBND xã Ia Đal (tỉnh Quảng Ngãi) (demo)"),
        new("xa.iatoi@demo.childaid.example", "A Thông (demo)", Roles.CommuneOfficer, [("23538", Reform)], "UBND xã Ia Tơi (tỉnh Quảng Ngãi) (demo)"),
        new("ketoan@demo.childaid.example", "Trần Văn Kiên (demo)", Roles.Accountant, District, "Phòng Tài chính – Kế hoạch huyện Ia H'Drai (demo)"),
        new("bientap@demo.childaid.example", "Lê Minh Châu (demo)", Roles.MediaEditor, District,
            "Trung tâm Văn hóa – Thể thao – Truyền thông huyện Ia H'Drai (demo)"),
        new("phongvien@demo.childaid.example", "Hà Thị Duyên (demo)", Roles.MediaWriter, District,
            "Trung tâm Văn hóa – Thể thao – Truyền thông huyện Ia H'Drai (demo)"),
        new("yte@demo.childaid.example", "Siu H'Mai (demo)", Roles.HealthWorker, [("23538", Reform)], "Trung tâm Y tế huyện Ia H'Drai (demo)"),
        new("truonghoc@demo.childaid.example", "Vũ Đức Anh (demo)", Roles.SchoolStaff, [("23535", Reform)], "Trường TH-THCS Ia Đal (demo)"),
        new("thanhtra@demo.childaid.example", "Phạm Quốc Việt (demo)", Roles.Inspector, null),
    ];
}
