using System.Globalization;
using ChildAid.Shared.Text;
using static ChildAid.BackOffice.Localization.StaffText;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace ChildAid.BackOffice.Web;

/// <summary>
/// Reads dates as people in Vietnam type them (dd/MM/yyyy; yyyy-MM-dd from a date picker also works), whole
/// numbers with thousands separators ("1.500.000", "1 500 000") and decimals with one decimal comma or point
/// (<see cref="NumberInput"/>), with Vietnamese messages when the text cannot be read or could be read two ways.
/// </summary>
public sealed class VietnameseInputBinderProvider : IModelBinderProvider
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy"];

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        if (type == typeof(DateOnly)) return new Binder(Fixed(TryDate, "Ngày không hợp lệ; vui lòng nhập theo dạng dd/MM/yyyy (ví dụ 20/11/2026)."));
        if (type == typeof(long)) return new Binder(Fixed(s => NumberInput.ParseWhole(s), $"Vui lòng nhập số nguyên (đồng): {NumberInput.WholeRule}."));
        if (type == typeof(int)) return new Binder(Fixed(s => NumberInput.ParseWhole(s) is long v and <= int.MaxValue ? (int)v : null, $"Vui lòng nhập số nguyên: {NumberInput.WholeRule}."));
        if (type == typeof(decimal)) return new Binder(s => { var (value, error) = NumberInput.ParseDecimal(s); return (value, error); });
        return null;
    }

    public static string FormatDate(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    private static object? TryDate(string s) =>
        DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static Func<string, (object? Value, string? Error)> Fixed(Func<string, object?> parse, string message) =>
        s => parse(s) is { } value ? (value, null) : (null, message);

    /// <summary>Model binding's own messages, in the staff member's language (binding runs after the culture is set).</summary>
    public static void UseVietnameseMessages(DefaultModelBindingMessageProvider m)
    {
        m.SetAttemptedValueIsInvalidAccessor((value, _) => T("Giá trị '{0}' không hợp lệ.", value));
        m.SetValueIsInvalidAccessor(value => T("Giá trị '{0}' không hợp lệ.", value));
        m.SetValueMustBeANumberAccessor(_ => T("Vui lòng nhập một số: {0}.", T(NumberInput.DecimalRule)));
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => T("Giá trị '{0}' không hợp lệ.", value));
        m.SetNonPropertyValueMustBeANumberAccessor(() => T("Vui lòng nhập một số."));
        m.SetUnknownValueIsInvalidAccessor(_ => T("Giá trị không hợp lệ."));
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => T("Giá trị không hợp lệ."));
        m.SetValueMustNotBeNullAccessor(_ => T("Vui lòng nhập giá trị."));
        m.SetMissingBindRequiredValueAccessor(_ => T("Thiếu giá trị bắt buộc."));
        m.SetMissingKeyOrValueAccessor(() => T("Thiếu giá trị bắt buộc."));
        m.SetMissingRequestBodyRequiredValueAccessor(() => T("Thiếu dữ liệu gửi lên."));
    }

    private sealed class Binder(Func<string, (object? Value, string? Error)> parse) : IModelBinder
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
            var (value, error) = parse(text);
            if (value is not null) context.Result = ModelBindingResult.Success(value);
            else context.ModelState.TryAddModelError(context.ModelName, error ?? "Giá trị không hợp lệ.");
            return Task.CompletedTask;
        }
    }
}
