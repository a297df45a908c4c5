namespace ChildAid.Shared.Needs;

/// <summary>
/// What an officer enters for one need, on the form or as one row of the Excel template. Field names are the keys of
/// validation messages (the import maps them to its columns).
/// </summary>
public class NeedLineInput
{
    public NeedTarget Target { get; set; } = NeedTarget.Child;
    public int? ChildId { get; set; }
    public int? SchoolId { get; set; }
    /// <summary>Optional: when given (the template has the column), it must be the item's category.</summary>
    public NeedCategory? Category { get; set; }
    public int? NeedItemId { get; set; }
    public SizeBand? SizeBand { get; set; }
    public int? Quantity { get; set; }
    /// <summary>Empty: the item's typical price.</summary>
    public long? EstimatedUnitCostVnd { get; set; }
    /// <summary>For a school's or the commune's line: how many children it serves.</summary>
    public int? ChildrenCount { get; set; }
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public string? Note { get; set; }
    /// <summary>Required when the duplicate check found the same support: why the line is still needed.</summary>
    public string? DuplicateReason { get; set; }
}

/// <summary>The rules one need line must meet, the same for the form and the import. Messages are Vietnamese.</summary>
public static class NeedLineRules
{
    public const int MaxQuantity = 1_000_000;
    public const long MaxUnitCostVnd = 10_000_000_000;
    public const int MaxChildrenCount = 100_000;

    /// <summary>
    /// Checks the fields against each other, the item and the review's period. Whether the child or school exists and
    /// is within the officer's scope is the caller's question (it knows how the reference was given).
    /// </summary>
    public static Dictionary<string, string> Validate(NeedLineInput input, NeedsReview review, NeedItem? item)
    {
        var errors = new Dictionary<string, string>();
        switch (input.Target)
        {
            case NeedTarget.Child when input.ChildId is null:
                errors[nameof(input.ChildId)] = "Vui lòng chọn trẻ em.";
                break;
            case NeedTarget.School when input.SchoolId is null:
                errors[nameof(input.SchoolId)] = "Vui lòng chọn trường học.";
                break;
            case NeedTarget.Commune when input.ChildId is not null || input.SchoolId is not null:
                errors[nameof(input.Target)] = "Nhu cầu của cả xã không gắn với một trẻ hay một trường.";
                break;
        }
        if (!Enum.IsDefined(input.Target)) errors[nameof(input.Target)] = "Đối tượng không hợp lệ.";

        if (item is null || !item.IsActive)
            errors[nameof(input.NeedItemId)] = input.NeedItemId is null ? "Vui lòng chọn mặt hàng." : "Mặt hàng không có trong danh mục.";
        else
        {
            if (input.Category is { } category && category != item.Category)
                errors[nameof(input.Category)] = $"Mặt hàng “{item.NameVi}” thuộc nhóm “{NeedLabels.Categories[item.Category]}”, không phải “{NeedLabels.Categories.GetValueOrDefault(category, "?")}”.";
            if (item.HasSizeBand && input.SizeBand is null)
                errors[nameof(input.SizeBand)] = "Vui lòng chọn cỡ theo độ tuổi (3–5, 6–8, 9–11, 12–15 tuổi).";
            else if (!item.HasSizeBand && input.SizeBand is not null)
                errors[nameof(input.SizeBand)] = $"Mặt hàng “{item.NameVi}” không chia cỡ theo độ tuổi.";
        }

        if (input.Quantity is null) errors[nameof(input.Quantity)] = "Vui lòng nhập số lượng.";
        else if (input.Quantity is < 1 or > MaxQuantity) errors[nameof(input.Quantity)] = "Số lượng phải từ 1 đến 1.000.000.";

        if (input.EstimatedUnitCostVnd is < 0 or > MaxUnitCostVnd)
            errors[nameof(input.EstimatedUnitCostVnd)] = "Đơn giá dự kiến phải từ 0 đến 10.000.000.000 ₫.";

        if (input.Target is NeedTarget.School or NeedTarget.Commune)
        {
            if (input.ChildrenCount is null) errors[nameof(input.ChildrenCount)] = "Vui lòng nhập số trẻ được hưởng.";
            else if (input.ChildrenCount is < 1 or > MaxChildrenCount) errors[nameof(input.ChildrenCount)] = "Số trẻ được hưởng phải từ 1 đến 100.000.";
        }
        else if (input.ChildrenCount is not null and not 1)
            errors[nameof(input.ChildrenCount)] = "Nhu cầu của một trẻ chỉ tính 1 trẻ.";

        if (input.PeriodStart is null) errors[nameof(input.PeriodStart)] = "Vui lòng nhập ngày bắt đầu.";
        if (input.PeriodEnd is null) errors[nameof(input.PeriodEnd)] = "Vui lòng nhập ngày kết thúc.";
        if (input.PeriodStart is { } start && input.PeriodEnd is { } end)
        {
            var range = $"{Text.VietnameseFormat.Date(review.PeriodStart)}–{Text.VietnameseFormat.Date(review.PeriodEnd)}";
            if (start < review.PeriodStart || start > review.PeriodEnd)
                errors[nameof(input.PeriodStart)] = $"Ngày bắt đầu phải nằm trong năm học của bản rà soát ({range}).";
            if (end < review.PeriodStart || end > review.PeriodEnd)
                errors[nameof(input.PeriodEnd)] = $"Ngày kết thúc phải nằm trong năm học của bản rà soát ({range}).";
            else if (end < start) errors[nameof(input.PeriodEnd)] = "Ngày kết thúc không được trước ngày bắt đầu.";
        }

        if (input.Note?.Length > NeedLine.NoteLength) errors[nameof(input.Note)] = $"Ghi chú tối đa {NeedLine.NoteLength} ký tự.";
        if (input.DuplicateReason?.Length > NeedLine.ReasonLength) errors[nameof(input.DuplicateReason)] = $"Lý do tối đa {NeedLine.ReasonLength} ký tự.";
        return errors;
    }

    /// <summary>Copies valid input onto a line (new or being edited). Priority and coverage are not the input's to set.</summary>
    public static void Apply(NeedLineInput input, NeedLine line, NeedItem item)
    {
        line.Target = input.Target;
        line.ChildId = input.Target == NeedTarget.Child ? input.ChildId : null;
        line.SchoolId = input.Target == NeedTarget.Commune ? null : input.SchoolId;
        line.Category = item.Category;
        line.NeedItemId = item.Id;
        line.SizeBand = item.HasSizeBand ? input.SizeBand : null;
        line.Quantity = input.Quantity!.Value;
        line.Unit = item.Unit;
        line.EstimatedUnitCostVnd = input.EstimatedUnitCostVnd ?? item.TypicalUnitCostVnd;
        line.ChildrenCount = input.Target == NeedTarget.Child ? 1 : input.ChildrenCount!.Value;
        line.PeriodStart = input.PeriodStart!.Value;
        line.PeriodEnd = input.PeriodEnd!.Value;
        line.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        line.DuplicateReason = string.IsNullOrWhiteSpace(input.DuplicateReason) ? null : input.DuplicateReason.Trim();
    }

    public static NeedLineInput From(NeedLine l) => new()
    {
        Target = l.Target, ChildId = l.ChildId, SchoolId = l.SchoolId, Category = l.Category, NeedItemId = l.NeedItemId,
        SizeBand = l.SizeBand, Quantity = l.Quantity, EstimatedUnitCostVnd = l.EstimatedUnitCostVnd,
        ChildrenCount = l.Target == NeedTarget.Child ? null : l.ChildrenCount, PeriodStart = l.PeriodStart, PeriodEnd = l.PeriodEnd,
        Note = l.Note, DuplicateReason = l.DuplicateReason,
    };
}
