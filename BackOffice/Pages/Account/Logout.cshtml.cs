using System.Security.Claims;
using ChildAid.BackOffice.Security;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Account;

public class LogoutModel(SignInManager<StaffUser> signIn, SignInAudit audit) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
            await audit.WriteAsync(HttpContext, SignInEvents.SignedOut, User.FindFirstValue(ClaimTypes.NameIdentifier), User.Identity.Name);
        await signIn.SignOutAsync();
        return RedirectToPage("./Login");
    }
}
