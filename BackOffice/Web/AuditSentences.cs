using System.Globalization;
using System.Text.Json;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Text;

namespace ChildAid.BackOffice.Web;

/// <summary>One audit row as people read it: a sentence, then the changed fields with Vietnamese names.</summary>
public sealed record AuditLine(string Sentence, IReadOnlyList<(string Field, string? Before, string? After)> Changes);

/// <summary>
/// Turns audit rows into sentences: "Nguyễn Văn A đã sửa nhà tài trợ «Công ty X»: Điện thoại 0901 → 0902", in the staff
/// member's language (field names through the UI strings, the other words through <see cref="AuditResource"/> with <see cref="Word"/>;
/// the data stays as stored). Only fields with a Vietnamese name are shown; keys, stamps and GUIDs are technical and never shown.
/// </summary>
public static class AuditSentences
{
    /// <summary>An audit word or sentence in the staff member's language.</summary>
    public static string Word(string vietnamese, params object[] values) => Localization.StaffText.Audit[vietnamese, values];

    public static readonly IReadOnlyDictionary<string, string> Entities = new Dictionary<string, string>
    {
        [SignInEvents.EntityType] = "đăng nhập",
        ["Donor"] = "nhà tài trợ",
        ["Contribution"] = "phiếu thu",
        ["ContributionGoodsLine"] = "dòng hàng hiện vật của phiếu thu",
        ["ContributionReversal"] = "lệnh hủy phiếu thu",
        ["ReversalRequest"] = "yêu cầu hủy phiếu thu",
        ["Campaign"] = "chiến dịch",
        ["Child"] = "hồ sơ trẻ em",
        ["ChildDistinctPair"] = "cặp hồ sơ không phải cùng một trẻ",
        ["ChildMerge"] = "lần gộp hồ sơ trẻ em",
        ["ChildMergeMove"] = "dòng dữ liệu đã chuyển khi gộp hồ sơ",
        ["AdminUnit"] = "đơn vị hành chính",
        ["Organisation"] = "cơ quan, trường học",
        ["StaffUser"] = "tài khoản cán bộ",
        ["StaffUserUnit"] = "đơn vị phụ trách của cán bộ",
        ["IdentityUserRole`1"] = "vai trò của cán bộ",
        ["IdentityRole"] = "vai trò",
        ["IdentityUserToken`1"] = "khóa xác thực của cán bộ",
        ["IdentityUserLogin`1"] = "đăng nhập ngoài của cán bộ",
        ["IdentityUserClaim`1"] = "thuộc tính của cán bộ",
        ["NeedsReview"] = "bản rà soát nhu cầu",
        ["NeedsTemplate"] = "mẫu nhu cầu kèm danh sách trẻ",
        ["NeedLine"] = "dòng nhu cầu",
        ["DeclaredSupport"] = "hỗ trợ do cơ quan khác đăng ký",
        ["PriorityCriterion"] = "tiêu chí ưu tiên",
        ["PriorityScale"] = "ngưỡng cấp độ ưu tiên",
        ["NeedItem"] = "mặt hàng nhu cầu",
        ["MediaItem"] = "ảnh trong thư viện",
        ["MediaFolder"] = "thư mục ảnh",
        ["ConsentRecord"] = "hồ sơ đồng ý công khai hình ảnh",
        ["ContentItem"] = "nội dung",
        ["ContentVersion"] = "phiên bản nội dung",
        ["ContentRedirect"] = "chuyển hướng",
        ["PublishedMedia"] = "ảnh công khai",
        ["MailOutboxMessage"] = "thư trong hộp thư đi",
        ["Pledge"] = "cam kết ủng hộ",
        ["CheckupSession"] = "buổi khám sức khỏe",
        ["Measurement"] = "kết quả đo của trẻ",
        ["Intervention"] = "chương trình can thiệp",
        ["InterventionSite"] = "nơi thực hiện chương trình",
        ["InterventionChild"] = "trẻ tham gia chương trình",
        ["InterventionCampaign"] = "chiến dịch tài trợ chương trình",
        ["MealDay"] = "số suất ăn trong ngày",
        ["PledgeIntake"] = "đăng ký cam kết trực tuyến",
        ["CampaignFollower"] = "người theo dõi chiến dịch",
        ["CampaignUpdateRun"] = "đợt gửi tin chiến dịch",
    };

    /// <summary>Names a field has on one kind of record only ("Title" of a content version is not a campaign's name).</summary>
    private static readonly Dictionary<(string Entity, string Field), string> EntityFields = new()
    {
        [("ContentVersion", "Title")] = "Tiêu đề", [("ContentVersion", "TitleEn")] = "Tiêu đề tiếng Anh", [("ContentVersion", "Note")] = "Ghi chú phiên bản",
        [("ContentItem", "State")] = "Trạng thái nội dung", [("ContentItem", "Type")] = "Loại nội dung",
        [("ContentVersion", "CreatedBy")] = "Người lưu", [("ContentVersion", "CreatedAt")] = "Lưu lúc",
    };

    /// <summary>A field's name through the UI strings; the few whose lower-case form is a UI string too are audit words.</summary>
    private static string FieldLabel(string entity, string field)
    {
        var name = EntityFields.GetValueOrDefault((entity, field)) ?? Fields[field];
        var ui = Localization.StaffText.Localizer[name];
        return ui.ResourceNotFound ? Word(name) : ui.Value;
    }

    private static readonly Dictionary<string, string> Verbs = new() { ["Added"] = "đã thêm", ["Modified"] = "đã sửa", ["Deleted"] = "đã xóa" };

    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["Name"] = "Tên", ["FullName"] = "Họ tên", ["Kind"] = "Loại", ["Origin"] = "Trong nước / nước ngoài", ["Email"] = "Email",
        ["Phone"] = "Điện thoại", ["PhoneNumber"] = "Điện thoại", ["Address"] = "Địa chỉ", ["TaxCode"] = "Mã số thuế", ["Country"] = "Quốc gia",
        ["DisplayChoice"] = "Hiển thị công khai", ["AdminUnitId"] = "Đơn vị", ["ReceiptNumber"] = "Số phiếu thu", ["Method"] = "Hình thức",
        ["AmountVnd"] = "Số tiền", ["OriginalCurrency"] = "Ngoại tệ", ["OriginalAmount"] = "Số tiền ngoại tệ", ["ExchangeRate"] = "Tỷ giá",
        ["ReceivedOn"] = "Ngày nhận", ["Message"] = "Lời nhắn", ["Note"] = "Ghi chú nội bộ", ["Reason"] = "Lý do", ["Item"] = "Tên hàng",
        ["Quantity"] = "Số lượng", ["Unit"] = "Đơn vị tính", ["UnitValueVnd"] = "Đơn giá", ["Title"] = "Tên chiến dịch", ["TitleEn"] = "Tên tiếng Anh",
        ["Summary"] = "Tóm tắt", ["StartDate"] = "Ngày bắt đầu", ["EndDate"] = "Ngày kết thúc", ["MoneyGoalVnd"] = "Mục tiêu", ["Status"] = "Trạng thái",
        ["UserName"] = "Tên đăng nhập", ["TwoFactorEnabled"] = "Xác thực hai lớp", ["LockoutEnd"] = "Khóa đến", ["LockoutEnabled"] = "Cho phép khóa",
        ["AccessFailedCount"] = "Số lần đăng nhập sai", ["PasswordHash"] = "Mật khẩu", ["DateOfBirth"] = "Ngày sinh", ["Sex"] = "Giới tính",
        ["EthnicGroup"] = "Dân tộc", ["GuardianName"] = "Người giám hộ",
        ["GuardianRelation"] = "Quan hệ với trẻ", ["GuardianPhone"] = "Điện thoại người giám hộ", ["ChildConsentOn"] = "Ngày trẻ tự đồng ý công khai", ["PublicationConsentOn"] = "Ngày đồng ý công khai",
        ["CampaignId"] = "Chiến dịch", ["DonorId"] = "Nhà tài trợ", ["RoleId"] = "Vai trò",
        ["Year"] = "Năm học", ["Revision"] = "Lần rà soát", ["ReturnComment"] = "Ý kiến khi trả lại", ["ApprovingUnitId"] = "Cấp duyệt",
        ["SubmittedAt"] = "Ngày gửi", ["DecidedAt"] = "Ngày duyệt/trả lại", ["ComputedLevel"] = "Cấp độ theo tiêu chí",
        ["LevelOverride"] = "Cấp độ điều chỉnh", ["OverrideReason"] = "Lý do điều chỉnh cấp độ", ["DuplicateReason"] = "Lý do vẫn cần (trùng hỗ trợ)",
        ["Category"] = "Nhóm nhu cầu", ["SizeBand"] = "Cỡ theo độ tuổi", ["EstimatedUnitCostVnd"] = "Đơn giá dự kiến", ["ChildrenCount"] = "Số trẻ được hưởng",
        ["PeriodStart"] = "Từ ngày", ["PeriodEnd"] = "Đến ngày", ["Description"] = "Nội dung", ["Weight"] = "Điểm", ["IsActive"] = "Đang dùng",
        ["Level1From"] = "Cấp 1 từ (điểm)", ["Level2From"] = "Cấp 2 từ (điểm)", ["Level3From"] = "Cấp 3 từ (điểm)",
        ["Circumstances"] = "Nhóm hoàn cảnh", ["SchoolId"] = "Trường", ["Target"] = "Nhu cầu của",
        ["ClassName"] = "Lớp", ["HealthStationId"] = "Trạm y tế", ["SiteId"] = "Nơi khám", ["HeldOn"] = "Ngày khám", ["Team"] = "Đoàn khám",
        ["WeightKg"] = "Cân nặng (kg)", ["LengthCm"] = "Chiều dài/cao (cm)", ["Position"] = "Tư thế đo", ["MuacMm"] = "Vòng cánh tay (mm)",
        ["Oedema"] = "Phù hai chân", ["HeadCm"] = "Vòng đầu (cm)",
        ["TricepsSkinfoldMm"] = "Nếp gấp da cơ tam đầu (mm)", ["SubscapularSkinfoldMm"] = "Nếp gấp da dưới xương bả vai (mm)", ["Findings"] = "Kết quả khám", ["Referral"] = "Chuyển tuyến", ["Treatment"] = "Điều trị",
        ["Alt"] = "Mô tả ảnh", ["AltEn"] = "Mô tả ảnh tiếng Anh", ["OriginalFileName"] = "Tên tệp", ["FolderId"] = "Thư mục",
        ["FocalX"] = "Tiêu điểm ngang", ["FocalY"] = "Tiêu điểm dọc", ["ShowsChild"] = "Có trẻ em", ["ConsentRecordId"] = "Hồ sơ đồng ý",
        ["ChildId"] = "Trẻ em", ["DateOfBirthEstimated"] = "Ngày sinh ước tính", ["MergedIntoId"] = "Đã gộp vào hồ sơ số",
        ["ErasedOn"] = "Ngày xóa theo yêu cầu", ["ErasureReason"] = "Lý do xóa", ["FirstChildId"] = "Hồ sơ thứ nhất", ["SecondChildId"] = "Hồ sơ thứ hai",
        ["KeptChildId"] = "Hồ sơ giữ lại", ["MergedChildId"] = "Hồ sơ đã gộp", ["MergedBy"] = "Người gộp", ["UndoneBy"] = "Người hoàn tác", ["UndoneAt"] = "Hoàn tác lúc",
        ["ChildMergeId"] = "Lần gộp", ["Row"] = "Loại dòng", ["RowId"] = "Số dòng", ["KeptHadIt"] = "Hồ sơ giữ lại đã có", ["MergedAt"] = "Gộp lúc",
        ["NoIdentifiableChild"] = "Không có trẻ em nhận diện được",
        ["GuardianConsentOn"] = "Ngày người giám hộ đồng ý", ["ChildConsentOn"] = "Ngày trẻ đồng ý", ["Scope"] = "Phạm vi",
        ["ExpiresOn"] = "Hết hạn", ["WithdrawnAt"] = "Rút lại lúc", ["WithdrawnBy"] = "Người rút lại",
        ["Slug"] = "Đường dẫn", ["Path"] = "Địa chỉ công khai", ["State"] = "Trạng thái", ["Type"] = "Loại", ["LatestVersion"] = "Phiên bản mới nhất",
        ["PublishedVersion"] = "Phiên bản đang đăng", ["ScheduledPublishAt"] = "Hẹn giờ đăng", ["ScheduledUnpublishAt"] = "Hẹn giờ gỡ",
        ["ScheduleError"] = "Lỗi lịch đăng", ["ShowsChild"] = "Có hình ảnh trẻ em", ["ConsentRecordId"] = "Giấy đồng ý số",
        ["ParentId"] = "Trang cha", ["Number"] = "Phiên bản số", ["SummaryEn"] = "Tóm tắt tiếng Anh",
        ["SeoTitle"] = "Tiêu đề SEO", ["SeoDescription"] = "Mô tả SEO", ["HeroMediaId"] = "Ảnh đại diện số",
        ["StartsOn"] = "Ngày bắt đầu", ["EndsOn"] = "Ngày kết thúc", ["BudgetVnd"] = "Kinh phí (đồng)", ["BaselineSessionId"] = "Buổi khám đầu kỳ",
        ["EndlineSessionId"] = "Buổi khám cuối kỳ", ["Notes"] = "Ghi chú", ["OrganisationId"] = "Trường hoặc trạm y tế",
        ["Reference"] = "Mã cam kết", ["PaidVnd"] = "Đã thanh toán",
        ["FromPath"] = "Từ đường dẫn", ["ToPath"] = "Đến đường dẫn", ["Automatic"] = "Tự động",
        // What ContentVersionAudit keeps of a saved version instead of its words.
        ["CreatedBy"] = "Người tạo", ["CreatedAt"] = "Tạo lúc", ["ContentItemId"] = "Nội dung số", ["ComparedWith"] = "So với phiên bản", ["ChangedFields"] = "Trường đã đổi",
        ["SummaryLength"] = "Độ dài tóm tắt (ký tự)", ["SummaryEnLength"] = "Độ dài tóm tắt tiếng Anh (ký tự)",
        ["BodyLength"] = "Độ dài bài viết (ký tự)", ["BodyEnLength"] = "Độ dài bài viết tiếng Anh (ký tự)",
        ["BodyLinesAdded"] = "Số dòng thêm vào bài viết", ["BodyLinesRemoved"] = "Số dòng bỏ khỏi bài viết",
        ["Outcome"] = "Kết quả xử lý", ["Attempts"] = "Số lần thử", ["ProcessedAt"] = "Xử lý lúc",
    };

    /// <param name="names">Staff user id → name, unit id → name, campaign id → title, donor id → name, role id → label (what the reader may see).</param>
    public static AuditLine Describe(AuditEntry e, AuditNames names)
    {
        var actor = e.UserId is not null && names.Users.TryGetValue(e.UserId, out var n) ? n : e.Actor;
        if (e.EntityType == SignInEvents.EntityType)
        {
            var address = Parse(e.After).TryGetValue("Address", out var a) && a.ValueKind == JsonValueKind.String ? " " + Word("(từ địa chỉ {0})", a.GetString() ?? "") : "";
            var who = e.UserId is null ? Word("«{0}» (không có tài khoản này)", e.Actor) : actor;
            return new AuditLine($"{who} {Word(SignInEvents.VietnameseLabels.GetValueOrDefault(e.Action, "đăng nhập"))}{address}", []);
        }
        if (e.Action == LedgerNameErasure.EraseNameAction) return NameErasure(e, actor);
        // Exports of children's personal data: who, what, why and how many, never whom (PersonalDataExport writes them).
        if (e.Action == PersonalDataExport.Action && ExportSentence(e, actor) is { } exportSentence)
        {
            var exported = Parse(e.After);
            var why = exported.TryGetValue("Reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            return new AuditLine(exportSentence + (why is { Length: > 0 } ? Word(". Lý do: {0}", why) : ""), []);
        }
        // A child's erasure at the guardian's request: who, when (the row's time) and why; never the erased values.
        if (e.Action == Shared.Children.ChildErasure.EraseAction && e.EntityType == "Child")
        {
            var why = Parse(e.After).TryGetValue("Reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            return new AuditLine(Word("{0} đã xóa dữ liệu cá nhân của hồ sơ trẻ em số {1} theo yêu cầu", actor, e.EntityKey)
                                 + (why is { Length: > 0 } ? Word(". Lý do: {0}", why) : ""), []);
        }
        // Reading a child's record is audited too (Personal Data Protection Law): who looked, at what.
        if (e.Action == Shared.Children.ChildReadAudit.ReadAction)
            return new AuditLine($"{actor} {Word("đã xem hồ sơ trẻ em")}{(e.Label is { Length: > 0 } l ? $" «{l}»" : "")}"
                                 + (Parse(e.After).TryGetValue("Shown", out var shown) && shown.ValueKind == JsonValueKind.String ? $" ({Word(shown.GetString()!)})" : ""), []);
        var what = Word(Entities.GetValueOrDefault(e.EntityType, "bản ghi"));
        var label = e.Label is { Length: > 0 } ? $" «{e.Label}»" : "";
        var before = Parse(e.Before);
        var after = Parse(e.After);
        var changes = new List<(string, string?, string?)>();
        foreach (var key in before.Keys.Union(after.Keys).Where(Fields.ContainsKey))
        {
            var b = before.TryGetValue(key, out var bv) ? Value(key, bv, names, e.EntityType) : null;
            var a = after.TryGetValue(key, out var av) ? Value(key, av, names, e.EntityType) : null;
            if (e.Action == "Modified" && b == a && b != "***") continue;
            changes.Add((FieldLabel(e.EntityType, key), b, a));
        }
        var summary = e.Action == "Modified" && changes.Count > 0
            ? ": " + string.Join("; ", changes.Select(c => $"{c.Item1} {c.Item2 ?? Word("(trống)")} → {c.Item3 ?? Word("(trống)")}"))
            : "";
        return new AuditLine($"{actor} {Word(Verbs.GetValueOrDefault(e.Action, "đã thay đổi"))} {what}{label}{summary}", changes);
    }

    /// <summary>"Quản trị đã xóa tên công khai của nhà tài trợ số 12 khỏi 3 mục sao kê; 1 mục định dạng v1 vẫn giữ tên. Lý do: …"</summary>
    /// <summary>The sentence of an export of children's personal data, by what was exported; null for any other entity.</summary>
    private static string? ExportSentence(AuditEntry e, string actor)
    {
        var count = Parse(e.After).TryGetValue("Count", out var counted) && counted.TryGetInt32(out var c) ? c : 0;
        return e.EntityType switch
        {
            "CheckupSession" => Word("{0} đã xuất kết quả đo của {1} trẻ ở buổi khám số {2} ra tệp Excel (dữ liệu cá nhân)", actor, count, e.EntityKey),
            "Child" => Word("{0} đã xuất danh sách {1} trẻ em ra tệp Excel (dữ liệu cá nhân)", actor, count),
            nameof(Shared.Needs.NeedsReview) when e.EntityKey == Shared.Needs.NeedsExport.ApprovedKey =>
                Word("{0} đã xuất các nhu cầu đã duyệt có họ tên {1} trẻ em ra tệp Excel (dữ liệu cá nhân)", actor, count),
            nameof(Shared.Needs.NeedsReview) =>
                Word("{0} đã xuất các dòng nhu cầu của bản rà soát số {1} có họ tên {2} trẻ em ra tệp Excel (dữ liệu cá nhân)", actor, e.EntityKey, count),
            Shared.Checkups.CheckupExport.TemplateAuditEntity =>
                Word("{0} đã tải mẫu nhập kết quả đo của buổi khám số {1} kèm danh sách {2} trẻ em (dữ liệu cá nhân)", actor, e.EntityKey, count),
            Shared.Needs.NeedsTemplate.AuditEntity =>
                Word("{0} đã tải mẫu nhu cầu của bản rà soát số {1} kèm danh sách {2} trẻ em của xã (dữ liệu cá nhân)", actor, e.EntityKey, count),
            _ => null,
        };
    }

    private static AuditLine NameErasure(AuditEntry e, string actor)
    {
        var after = Parse(e.After);
        int Count(string key) => after.TryGetValue(key, out var v) && v.ValueKind == JsonValueKind.Array ? v.GetArrayLength() : 0;
        var kept = Count("keptV1Sequences");
        var reason = after.TryGetValue("Reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var sentence = Word("{0} đã xóa tên công khai của nhà tài trợ {1} khỏi {2} mục sao kê", actor, e.Label ?? e.EntityKey, Count("erasedSequences")) +
            (kept > 0 ? Word("; {0} mục định dạng v1 vẫn giữ tên (không thể xóa mà không làm hỏng chuỗi kiểm chứng)", kept) : "") +
            (reason is { Length: > 0 } ? Word(". Lý do: {0}", reason) : "");
        return new AuditLine(sentence, []);
    }

    private static Dictionary<string, JsonElement> Parse(string? json)
    {
        if (json is null) return [];
        try { return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? []; }
        catch (JsonException) { return []; }
    }

    private static string? Value(string field, JsonElement v, AuditNames names, string entity = "")
    {
        if (v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        if (v.ValueKind == JsonValueKind.True) return Word("có");
        if (v.ValueKind == JsonValueKind.False) return Word("không");
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var number))
        {
            var id = (int)Math.Clamp(number, int.MinValue, int.MaxValue);
            return field switch
            {
                "AmountVnd" or "UnitValueVnd" or "MoneyGoalVnd" => VietnameseFormat.Vnd(number),
                "Kind" when entity == "Intervention" => Localization.StaffText.T(Pages.Interventions.InterventionLabels.Kinds.GetValueOrDefault((Shared.Interventions.InterventionKind)id, "?")),
                "BudgetVnd" => VietnameseFormat.Vnd(number),
                "Kind" => Labels.DonorKinds.GetValueOrDefault((DonorKind)id, "?"),
                "Origin" => Labels.Origins.GetValueOrDefault((DonorOrigin)id, "?"),
                "DisplayChoice" => Labels.DisplayChoices.GetValueOrDefault((DisplayChoice)id, "?"),
                "Method" => Labels.Methods.GetValueOrDefault((ContributionMethod)id, "?"),
                "Status" when entity == "Measurement" => Checkups.GrowthText.Status((Shared.Growth.NutritionStatus)id),
                "Status" when entity == nameof(NeedsReview) => Localization.StaffText.T(NeedLabels.ReviewStatuses.GetValueOrDefault((NeedsReviewStatus)id, "?")),
                "Status" => Labels.CampaignStatuses.GetValueOrDefault((CampaignStatus)id, "?"),
                "State" when entity == "ContentItem" => Pages.Content.ContentLabels.States.GetValueOrDefault((Shared.Content.ContentState)id, "?"),
                "Type" when entity == "ContentItem" => Pages.Content.ContentLabels.Types.GetValueOrDefault((Shared.Content.ContentType)id, "?"),
                "Number" or "LatestVersion" or "PublishedVersion" or "ConsentRecordId" or "HeroMediaId" or "ParentId" or "ComparedWith" or "ContentItemId"
                    => id.ToString(CultureInfo.InvariantCulture),
                "Category" => Localization.StaffText.T(NeedLabels.Categories.GetValueOrDefault((NeedCategory)id, "?")),
                "Target" => Localization.StaffText.T(NeedLabels.Targets.GetValueOrDefault((NeedTarget)id, "?")),
                "SizeBand" => Localization.StaffText.T(NeedLabels.SizeBands.GetValueOrDefault((SizeBand)id, "?")),
                "Circumstances" => id == 0 ? Word("không") : string.Join("; ", NeedLabels.Circumstances.Where(g => ((CircumstanceGroups)id).HasFlag(g.Key)).Select(g => Localization.StaffText.T(g.Value))),
                "EstimatedUnitCostVnd" => VietnameseFormat.Vnd(number),
                "ApprovingUnitId" => names.Units.GetValueOrDefault(id, Word("số {0}", id)),
                "GuardianRelation" => Localization.StaffText.T(Shared.Children.GuardianRelationNames.All.GetValueOrDefault((Shared.Children.GuardianRelation)id, "?")),
                "Sex" => id == 1 ? Localization.StaffText.T("Nữ") : id == 2 ? Localization.StaffText.T("Nam") : "?",
                "AdminUnitId" => names.Units.GetValueOrDefault(id, Word("số {0}", id)),
                "CampaignId" => names.Campaigns.GetValueOrDefault(id, Word("số {0}", id)),
                "DonorId" => names.Donors.GetValueOrDefault(id, Word("số {0}", id)),
                _ => number.ToString("#,0", VietnameseFormat.Culture),
            };
        }
        if (v.ValueKind == JsonValueKind.Number) return v.GetDecimal().ToString("#,0.######", VietnameseFormat.Culture);
        if (v.ValueKind == JsonValueKind.Array)
            return v.GetArrayLength() == 0 ? null : string.Join(", ", v.EnumerateArray().Select(i => Value(field, i, names, entity) ?? Word("(trống)")));
        var text = v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText();
        if (field == "RoleId") return Localization.StaffText.T(names.Roles.GetValueOrDefault(text, "?"));
        if (Guid.TryParse(text, out _)) return "…";
        if (DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            return VietnameseFormat.DateTime(at);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return VietnameseFormat.Date(day);
        return text;
    }
}
