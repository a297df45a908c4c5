using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace ChildAid.BackOffice.Web;

/// <summary>
/// Reads dates as people in Vietnam type them (dd/MM/yyyy; yyyy-MM-dd from a date picker also works) and
/// whole-đồng amounts with thousands separators ("1.500.000", "1 500 000"), with Vietnamese messages when
/// the text cannot be read.
/// </summary>
public sealed class VietnameseInputBinderProvider : IModelBinderProvider
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy"];

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        if (type == typeof(DateOnly)) return new Binder(TryDate, "Ngày không hợp lệ; vui lòng nhập theo dạng dd/MM/yyyy (ví dụ 20/11/2026).");
        if (type == typeof(long)) return new Binder(s => TryWhole(s), "Vui lòng nhập số nguyên (đồng), ví dụ 1.500.000.");
        if (type == typeof(int)) return new Binder(s => TryWhole(s) is long v and >= int.MinValue and <= int.MaxValue ? (int)v : null, "Vui lòng nhập số nguyên.");
        return null;
    }

    public static string FormatDate(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    private static object? TryDate(string s) =>
        DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static long? TryWhole(string s)
    {
        var digits = s.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace("₫", "", StringComparison.Ordinal);
        return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    public static void UseVietnameseMessages(DefaultModelBindingMessageProvider m)
    {
        m.SetAttemptedValueIsInvalidAccessor((value, _) => $"Giá trị '{value}' không hợp lệ.");
        m.SetValueIsInvalidAccessor(value => $"Giá trị '{value}' không hợp lệ.");
        m.SetValueMustBeANumberAccessor(_ => "Vui lòng nhập một số (dùng dấu chấm cho phần thập phân, ví dụ 25450.5).");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Giá trị '{value}' không hợp lệ.");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "Vui lòng nhập một số.");
        m.SetUnknownValueIsInvalidAccessor(_ => "Giá trị không hợp lệ.");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
        m.SetValueMustNotBeNullAccessor(_ => "Vui lòng nhập giá trị.");
        m.SetMissingBindRequiredValueAccessor(_ => "Thiếu giá trị bắt buộc.");
        m.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị bắt buộc.");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu dữ liệu gửi lên.");
    }

    private sealed class Binder(Func<string, object?> parse, string message) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var result = context.ValueProvider.GetValue(context.ModelName);
            if (result == ValueProviderResult.None) return Task.CompletedTask;
            context.ModelState.SetModelValue(context.ModelName, result);
            var text = result.FirstValue?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                // Empty: null for a nullable field, left for the service's "please enter" message otherwise.
                if (Nullable.GetUnderlyingType(context.ModelType) is not null) context.Result = ModelBindingResult.Success(null);
                return Task.CompletedTask;
            }
            if (parse(text) is { } value) context.Result = ModelBindingResult.Success(value);
            else context.ModelState.TryAddModelError(context.ModelName, message);
            return Task.CompletedTask;
        }
    }
}
