namespace ChildAid.Shared.Needs;

/// <summary>What a need is for (DESIGN.md §4). Stored by name, so a value can be added without renumbering.</summary>
public enum NeedCategory
{
    HealthCheckUp = 1,
    Treatment = 2,
    Nutrition = 3,
    Recreation = 4,
    WarmClothes = 5,
    Other = 99,
}

/// <summary>Who a need line is for: one child, one school, or the commune as a whole (a play area, a check-up day).</summary>
public enum NeedTarget { Child = 1, School = 2, Commune = 3 }

/// <summary>The age bands warm clothes are sized by (years, inclusive).</summary>
public enum SizeBand { Age3To5 = 1, Age6To8 = 2, Age9To11 = 3, Age12To15 = 4 }

/// <summary>What a need line's quantity counts.</summary>
public enum NeedUnit { Items = 1, Meals = 2, Sessions = 3 }

/// <summary>
/// Groups of children in special circumstances (Law on Children 2016, art. 10) and the household policy groups the
/// priority criteria use. A child may belong to several; stored as the sum of the flags.
/// </summary>
[Flags]
public enum CircumstanceGroups
{
    None = 0,
    /// <summary>Mồ côi cả cha và mẹ.</summary>
    OrphanBothParents = 1,
    /// <summary>Mồ côi cha hoặc mẹ (một bên).</summary>
    OrphanOneParent = 2,
    /// <summary>Trẻ em khuyết tật.</summary>
    Disability = 4,
    /// <summary>Hộ nghèo.</summary>
    PoorHousehold = 8,
    /// <summary>Hộ cận nghèo.</summary>
    NearPoorHousehold = 16,
    /// <summary>Trẻ em bị bỏ rơi / không nơi nương tựa.</summary>
    WithoutCare = 32,
    /// <summary>Trẻ em nhiễm hoặc bị ảnh hưởng bởi HIV/AIDS.</summary>
    AffectedByHiv = 64,
    /// <summary>Trẻ em dân tộc thiểu số.</summary>
    EthnicMinority = 128,
}

/// <summary>The Vietnamese words staff and the public read for the needs vocabulary (also the Excel template's lists).</summary>
public static class NeedLabels
{
    public static readonly IReadOnlyDictionary<NeedCategory, string> Categories = new Dictionary<NeedCategory, string>
    {
        [NeedCategory.HealthCheckUp] = "Khám sức khỏe",
        [NeedCategory.Treatment] = "Điều trị",
        [NeedCategory.Nutrition] = "Dinh dưỡng (bữa ăn)",
        [NeedCategory.Recreation] = "Vui chơi giải trí",
        [NeedCategory.WarmClothes] = "Đồ ấm",
        [NeedCategory.Other] = "Khác",
    };

    public static readonly IReadOnlyDictionary<NeedCategory, string> CategoriesEnglish = new Dictionary<NeedCategory, string>
    {
        [NeedCategory.HealthCheckUp] = "Health check-up",
        [NeedCategory.Treatment] = "Treatment",
        [NeedCategory.Nutrition] = "Nutrition (meals)",
        [NeedCategory.Recreation] = "Recreation",
        [NeedCategory.WarmClothes] = "Warm clothes",
        [NeedCategory.Other] = "Other",
    };

    public static readonly IReadOnlyDictionary<NeedsReviewStatus, string> ReviewStatuses = new Dictionary<NeedsReviewStatus, string>
    {
        [NeedsReviewStatus.Draft] = "Đang soạn",
        [NeedsReviewStatus.Submitted] = "Đã gửi, chờ duyệt",
        [NeedsReviewStatus.Returned] = "Bị trả lại để sửa",
        [NeedsReviewStatus.Approved] = "Đã duyệt",
        [NeedsReviewStatus.Superseded] = "Đã được thay thế",
    };

    /// <summary>The status as it reads inside a sentence or a cell: "đang soạn".</summary>
    public static string ReviewStatusInSentence(NeedsReviewStatus status) =>
        ReviewStatuses[status].ToLower(Text.VietnameseFormat.Culture);

    public static readonly IReadOnlyDictionary<NeedTarget, string> Targets = new Dictionary<NeedTarget, string>
    {
        [NeedTarget.Child] = "Trẻ em", [NeedTarget.School] = "Trường học", [NeedTarget.Commune] = "Cả xã",
    };

    public static readonly IReadOnlyDictionary<SizeBand, string> SizeBands = new Dictionary<SizeBand, string>
    {
        [SizeBand.Age3To5] = "3–5 tuổi", [SizeBand.Age6To8] = "6–8 tuổi", [SizeBand.Age9To11] = "9–11 tuổi", [SizeBand.Age12To15] = "12–15 tuổi",
    };

    /// <summary>"Áo ấm (6–8 tuổi)": an item with its size band, if it has one; <paramref name="translate"/> turns the band's name into the reader's language.</summary>
    public static string WithSizeBand(string item, SizeBand? band, Func<string, string>? translate = null) =>
        band is { } b ? $"{item} ({(translate is null ? SizeBands[b] : translate(SizeBands[b]))})" : item;

    public static readonly IReadOnlyDictionary<NeedUnit, string> Units = new Dictionary<NeedUnit, string>
    {
        [NeedUnit.Items] = "cái/chiếc", [NeedUnit.Meals] = "bữa", [NeedUnit.Sessions] = "lượt",
    };

    public static readonly IReadOnlyDictionary<CircumstanceGroups, string> Circumstances = new Dictionary<CircumstanceGroups, string>
    {
        [CircumstanceGroups.OrphanBothParents] = "Mồ côi cả cha và mẹ",
        [CircumstanceGroups.OrphanOneParent] = "Mồ côi cha hoặc mẹ",
        [CircumstanceGroups.Disability] = "Khuyết tật",
        [CircumstanceGroups.PoorHousehold] = "Hộ nghèo",
        [CircumstanceGroups.NearPoorHousehold] = "Hộ cận nghèo",
        [CircumstanceGroups.WithoutCare] = "Bị bỏ rơi, không nơi nương tựa",
        [CircumstanceGroups.AffectedByHiv] = "Nhiễm hoặc bị ảnh hưởng bởi HIV/AIDS",
        [CircumstanceGroups.EthnicMinority] = "Dân tộc thiểu số",
    };

    /// <summary>"3–5 tuổi" for a child of that age, or null outside the bands (under 3, over 15).</summary>
    public static SizeBand? BandForAge(int years) => years switch
    {
        >= 3 and <= 5 => SizeBand.Age3To5,
        >= 6 and <= 8 => SizeBand.Age6To8,
        >= 9 and <= 11 => SizeBand.Age9To11,
        >= 12 and <= 15 => SizeBand.Age12To15,
        _ => null,
    };
}
