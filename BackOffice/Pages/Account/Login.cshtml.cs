using ChildAid.BackOffice.Security;
using Microsoft.AspNetCore.RateLimiting;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Account;

[EnableRateLimiting(SignInRateLimit.Policy)]
public class LoginModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users) : PageModel
{
    public class LoginInput
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public bool RememberMe { get; set; }
    }

    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.UserName)) ModelState.AddModelError("Input.UserName", "Vui lòng nhập tên đăng nhập.");
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", "Vui lòng nhập mật khẩu.");
        if (!ModelState.IsValid) return Page();

        var name = Input.UserName!.Trim();
        var user = await users.FindByNameAsync(name) ?? (name.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(name) : null);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl);
        if (result.RequiresTwoFactor) return RedirectToPage("./LoginWith2fa", new { ReturnUrl = SafeReturnUrl, Input.RememberMe });
        ModelState.AddModelError("", result.IsLockedOut
            ? $"Tài khoản tạm bị khóa do đăng nhập sai {StaffIdentity.MaxFailedAttempts} lần. Vui lòng thử lại sau {StaffIdentity.LockoutDuration.TotalMinutes:0} phút hoặc liên hệ quản trị hệ thống."
            : "Tên đăng nhập hoặc mật khẩu không đúng.");
        return Page();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
