using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ChildAid.BackOffice.Localization;

/// <summary>
/// Services and entities speak Vietnamese (their messages are the resource keys, as PublicSite's pledge form does);
/// once a handler has run, every message it put next to a field or at the top of the form is read in the staff
/// member's language (<see cref="StaffText.Message"/>, which also reads messages with values in them). One place, so no
/// page has to remember it; a message without an English entry stays Vietnamese.
/// </summary>
public sealed class TranslateModelErrors : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context) { }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        if (!Shared.Localization.Cultures.IsEnglish) return;
        foreach (var (_, entry) in context.ModelState)
        {
            if (entry.Errors.Count == 0) continue;
            var translated = entry.Errors.Select(e => e.Exception is null ? new ModelError(StaffText.Message(e.ErrorMessage)) : e).ToList();
            entry.Errors.Clear();
            foreach (var error in translated) entry.Errors.Add(error);
        }
    }
}
