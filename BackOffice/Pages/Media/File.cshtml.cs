using ChildAid.Shared.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Media;

/// <summary>
/// A private rendition (any uploaded item, published or not) for signed-in staff. The path is checked by the store
/// (a file key and a known rendition name only); the browser may keep it for an hour, no shared cache may.
/// </summary>
public class FileModel(MediaStore store) : PageModel
{
    public IActionResult OnGet(string key, string name)
    {
        if (store.PrivateFile(key, name) is not { } path) return NotFound();
        Response.Headers.CacheControl = "private, max-age=3600";
        return PhysicalFile(path, MediaRenditions.ContentType(name));
    }
}
