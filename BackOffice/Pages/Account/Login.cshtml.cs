using ChildAid.BackOffice.Security;
using Microsoft.AspNetCore.RateLimiting;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Account;

[EnableRateLimiting(SignInRateLimit.Policy)]
public class LoginModel(PasswordSignIn passwordSignIn) : PageModel
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

        var outcome = await passwordSignIn.SignInAsync(HttpContext, Input.UserName!.Trim(), Input.Password!, Input.RememberMe);
        if (outcome.Throttled) return this.Throttled(outcome.Wait);
        var result = outcome.Result;
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl);
        if (result.RequiresTwoFactor) return RedirectToPage("./LoginWith2fa", new { ReturnUrl = SafeReturnUrl, Input.RememberMe });
        // The same words whether or not the account exists (unknown names lock too).
        ModelState.AddModelError("", result.IsLockedOut
            ? Localization.StaffText.T("Tài khoản tạm bị khóa do đăng nhập sai {0} lần. Vui lòng thử lại sau {1} phút hoặc liên hệ quản trị hệ thống.",
                StaffIdentity.MaxFailedAttempts, StaffIdentity.LockoutDuration.TotalMinutes.ToString("0", System.Globalization.CultureInfo.InvariantCulture))
            : "Tên đăng nhập hoặc mật khẩu không đúng.");
        return Page();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}

public static class ThrottledPage
{
    /// <summary>The page again with 429, Retry-After and the wait in words above the form.</summary>
    public static PageResult Throttled(this PageModel page, TimeSpan wait)
    {
        page.Response.Headers.RetryAfter = SignInThrottle.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        page.ModelState.AddModelError("", SignInThrottle.Message(wait));
        var result = page.Page();
        result.StatusCode = StatusCodes.Status429TooManyRequests;
        return result;
    }
}
