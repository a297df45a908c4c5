using ChildAid.Shared.AdminUnits;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ChildAid.BackOffice.Web;

public static class PageExtensions
{
    /// <summary>Puts a service's messages next to their fields: key "AmountVnd" → "Input.AmountVnd"; "" → the form summary.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IReadOnlyDictionary<string, string> errors, string prefix = "Input")
    {
        foreach (var (key, message) in errors)
            modelState.AddModelError(key.Length == 0 ? "" : $"{prefix}.{key}", message);
    }

    /// <summary>When some fields could not even be read, still show what the rules say about the others (without overwriting).</summary>
    public static void AddOtherErrors(this ModelStateDictionary modelState, IReadOnlyDictionary<string, string> errors, string prefix = "Input")
    {
        foreach (var (key, message) in errors)
        {
            var field = key.Length == 0 ? "" : $"{prefix}.{key}";
            if (modelState.TryGetValue(field, out var state) && state.Errors.Count > 0) continue;
            modelState.AddModelError(field, message);
        }
    }

    public static IEnumerable<SelectListItem> UnitOptions(IEnumerable<AdminUnit> units, int? selected) =>
        units.Select(u => new SelectListItem(Labels.Unit(u), u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Id == selected));

    public static IEnumerable<SelectListItem> EnumOptions<T>(IReadOnlyDictionary<T, string> labels, T selected) where T : struct, Enum =>
        labels.Select(l => new SelectListItem(l.Value, l.Key.ToString(), l.Key.Equals(selected)));
}
