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

    public static IEnumerable<SelectListItem> UnitOptions(IEnumerable<AdminUnit> units, int? selected) =>
        units.Select(u => new SelectListItem(Labels.Unit(u), u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Id == selected));

    public static IEnumerable<SelectListItem> EnumOptions<T>(IReadOnlyDictionary<T, string> labels, T selected) where T : struct, Enum =>
        labels.Select(l => new SelectListItem(l.Value, l.Key.ToString(), l.Key.Equals(selected)));
}
