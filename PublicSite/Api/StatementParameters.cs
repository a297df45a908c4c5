using System.Globalization;
using ChildAid.Shared.Ledger;

namespace ChildAid.PublicSite.Api;

/// <summary>
/// The statement endpoints' query string, read by hand so that every bad value is named in a 400 ProblemDetails
/// (errors keyed by parameter, Vietnamese then English) instead of the framework's bare 400.
/// </summary>
public static class StatementParameters
{
    public static (StatementFilter Filter, Dictionary<string, string[]> Errors) Read(string? q, string? campaign, string? from, string? to, string? page,
        string? kind = null, string? need = null, string? unit = null, string? category = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var fromDate = Date(nameof(from), from, errors);
        var toDate = Date(nameof(to), to, errors);
        if (fromDate > toDate)
            errors[nameof(to)] = ["Ngày kết thúc phải sau ngày bắt đầu. / 'to' must not be before 'from'."];
        var pageNumber = 1;
        if (!string.IsNullOrEmpty(page) &&
            (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1 || pageNumber > StatementFilter.MaxPage))
            errors[nameof(page)] = [$"Trang phải là số nguyên từ 1 đến {StatementFilter.MaxPage}. / 'page' must be a whole number from 1 to {StatementFilter.MaxPage}."];
        LedgerEntryKind? kindValue = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (Enum.TryParse<LedgerEntryKind>(kind, ignoreCase: true, out var parsed) && parsed != LedgerEntryKind.Unknown && Enum.IsDefined(parsed)
                && !int.TryParse(kind, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                kindValue = parsed;
            else errors[nameof(kind)] = [$"Loại '{kind}' không có: Receipt, Reversal, Allocation, Expense, StockMovement hoặc Distribution. / 'kind' must be one of those."];
        }
        Shared.Needs.NeedCategory? categoryValue = null;
        if (!string.IsNullOrEmpty(category))
        {
            if (Enum.TryParse<Shared.Needs.NeedCategory>(category, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                && !int.TryParse(category, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                categoryValue = parsed;
            else errors[nameof(category)] = [$"Nhóm nhu cầu '{category}' không có: {string.Join(", ", Enum.GetNames<Shared.Needs.NeedCategory>())}. / 'category' must be one of those."];
        }
        var filter = new StatementFilter(q, campaign, fromDate, toDate, pageNumber, kindValue, need, unit, categoryValue);
        if (!string.IsNullOrEmpty(unit) && filter.CommuneCode is null)
            errors[nameof(unit)] = ["Mã đơn vị chỉ gồm chữ và số, tối đa 20 ký tự (ví dụ 23535). / 'unit' is a unit code: letters and digits, at most 20 (e.g. 23535)."];
        if (!string.IsNullOrEmpty(need) && filter.NeedPrefix is null)
            errors[nameof(need)] = ["Mã nhu cầu chỉ gồm chữ, số và '-', tối đa 50 ký tự. / 'need' holds letters, digits and '-', at most 50 characters."];
        return (filter, errors);
    }

    public static string UnknownCampaign(string? campaign) =>
        $"Không có chiến dịch '{campaign}'. / There is no campaign '{campaign}' (give a slug or an id from /api/v1/campaigns).";

    private static DateOnly? Date(string name, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors[name] = [$"Ngày '{value}' không hợp lệ: viết theo dạng yyyy-MM-dd, ví dụ 2026-11-30. / '{value}' is not a date: use yyyy-MM-dd, e.g. 2026-11-30."];
        return null;
    }
}
