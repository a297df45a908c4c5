namespace ChildAid.Shared.Security;

/// <summary>Staff roles (DESIGN.md §2). Names are stored in the database; the Vietnamese labels are for people.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string ProgrammeOfficer = "programme-officer";
    public const string CommuneOfficer = "commune-officer";
    public const string Accountant = "accountant";
    public const string MediaEditor = "media-editor";
    public const string MediaWriter = "media-writer";
    public const string HealthWorker = "health-worker";
    public const string SchoolStaff = "school-staff";
    public const string Inspector = "inspector";

    public static readonly IReadOnlyDictionary<string, string> VietnameseLabels = new Dictionary<string, string>
    {
        [Admin] = "Quản trị hệ thống",
        [ProgrammeOfficer] = "Cán bộ chương trình",
        [CommuneOfficer] = "Cán bộ xã",
        [Accountant] = "Kế toán quỹ",
        [MediaEditor] = "Biên tập viên",
        [MediaWriter] = "Phóng viên / người viết",
        [HealthWorker] = "Nhân viên y tế",
        [SchoolStaff] = "Cán bộ nhà trường",
        [Inspector] = "Thanh tra",
    };

    public static IEnumerable<string> All => VietnameseLabels.Keys;

    /// <summary>Roles that may record receipts and reversals.</summary>
    public static readonly string[] RecordReceipts = [Admin, ProgrammeOfficer, CommuneOfficer, Accountant];

    /// <summary>Roles that plan a distribution of stocked goods, confirm it for dispatch, send it off and record its arrival.</summary>
    public static readonly string[] DispatchGoods = [Admin, ProgrammeOfficer, CommuneOfficer];

    /// <summary>
    /// Roles that confirm a delivery as its receiver: the receiving school's staff or the commune officer (never the one who
    /// dispatched it: <see cref="Distributions.Distribution.RefusalToConfirmDelivery"/>).
    /// </summary>
    public static readonly string[] ConfirmDeliveries = [Admin, ProgrammeOfficer, CommuneOfficer, SchoolStaff];

    /// <summary>
    /// Roles that may approve a reversal at or above the approval threshold (Reversals:ApprovalThresholdVnd): money
    /// control stays with the fund's accountant and the admin.
    /// </summary>
    public static readonly string[] ApproveLargeReversals = [Admin, Accountant];

    /// <summary>Programme staff propose allocations (part of a gift to part of a need line) within their units.</summary>
    public static readonly string[] ProposeAllocations = [Admin, ProgrammeOfficer, CommuneOfficer];

    /// <summary>Who may approve or reject someone else's proposed allocation (never their own: four eyes at every amount).</summary>
    public static readonly string[] DecideAllocations = [Admin, ProgrammeOfficer, CommuneOfficer, Accountant];

    /// <summary>
    /// Programme managers, who may allow an allocation although the child or school already received the same kind of help
    /// (with a written reason, shown to the approver and recorded in the ledger). Not commune officers: the commune proposes.
    /// </summary>
    public static readonly string[] AllowDoubleSupport = [Admin, ProgrammeOfficer];

    /// <summary>Roles that read needs reviews (within their units); approving is decided per review (ReviewApproval).</summary>
    public static readonly string[] ViewNeeds = [Admin, ProgrammeOfficer, CommuneOfficer, Accountant, Inspector];

    /// <summary>Roles that enter need lines and submit reviews.</summary>
    public static readonly string[] EditNeeds = [ProgrammeOfficer, CommuneOfficer];

    /// <summary>Roles that enter support declared by an agency (an agency's programme staff, the commune, admins).</summary>
    public static readonly string[] DeclareSupport = [Admin, ProgrammeOfficer, CommuneOfficer];

    /// <summary>
    /// Roles that keep the children's register as a whole (name, birth, village, school, circumstance groups): its
    /// duplicates and merges, its Excel import and export.
    /// </summary>
    public static readonly string[] ManageChildren = [Admin, ProgrammeOfficer, CommuneOfficer];

    /// <summary>
    /// Roles that read and keep single child records within their scope: the register's keepers, and the staff bound to an
    /// organisation for its own children — a school's staff their school's pupils, a health worker their station's children
    /// (StaffScope narrows the query; a record they save must stay theirs).
    /// </summary>
    public static readonly string[] KeepChildRecords = [Admin, ProgrammeOfficer, CommuneOfficer, HealthWorker, SchoolStaff];

    /// <summary>
    /// Roles that hold check-ups and enter measurements (within their units; a health worker only at sessions of their
    /// own health station) and read a child's growth record.
    /// </summary>
    public static readonly string[] RecordCheckups = [Admin, ProgrammeOfficer, CommuneOfficer, HealthWorker];

    /// <summary>
    /// Roles that enter meals served per school and day of a school meal programme (a school's staff for their own
    /// school, a health worker for their station's programmes, the others within their units).
    /// </summary>
    public static readonly string[] RecordMeals = [Admin, ProgrammeOfficer, CommuneOfficer, HealthWorker, SchoolStaff];

    /// <summary>Roles that write content: create, edit and submit for review (writers), and more (the others).</summary>
    public static readonly string[] WriteContent = [Admin, MediaEditor, MediaWriter];

    /// <summary>Roles that publish, unpublish and schedule any content, and keep redirects.</summary>
    public static readonly string[] PublishContent = [Admin, MediaEditor];

    /// <summary>Programme staff may publish honor-roll pages (commendation lists) themselves, nothing else.</summary>
    public static readonly string[] PublishHonorRollPages = [Admin, MediaEditor, ProgrammeOfficer];

    /// <summary>Roles that use the media library (upload, alt text); deleting and folders are the editors'.</summary>
    public static readonly string[] UseMediaLibrary = [Admin, MediaEditor, MediaWriter];

    /// <summary>Roles that record and withdraw consent to publish a child's image or story (within their units).</summary>
    public static readonly string[] ManageConsent = [Admin, MediaEditor, ProgrammeOfficer, CommuneOfficer];
}
