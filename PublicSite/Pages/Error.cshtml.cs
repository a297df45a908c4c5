using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages;

/// <summary>The page shown for a missing page (404) or an unexpected error, in the reader's language. Never cached.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(NoStore = true)]
public class ErrorModel : PageModel
{
    public bool IsNotFound { get; private set; }

    public void OnGet(int code)
    {
        IsNotFound = code == StatusCodes.Status404NotFound;
        // Asked for directly, the page still answers with the status it describes.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code is >= 400 and <= 599)
            Response.StatusCode = code;
    }
}
