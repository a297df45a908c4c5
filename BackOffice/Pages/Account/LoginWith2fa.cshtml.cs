using ChildAid.BackOffice.Security;
using Microsoft.AspNetCore.RateLimiting;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Account;

/// <summary>Second step of log-in: the 6-digit code from the authenticator app, or a recovery code.</summary>
[EnableRateLimiting(SignInRateLimit.Policy)]
public class LoginWith2faModel(SignInManager<StaffUser> signIn, SignInThrottle throttle, SignInAudit audit) : PageModel
{
    public class CodeInput
    {
        public string? Code { get; set; }
        public string? RecoveryCode { get; set; }
    }

    [BindProperty] public CodeInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(SupportsGet = true)] public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("./Login");
        var address = ClientAddress.Of(HttpContext);
        if (throttle.WaitFor(address) is var wait && wait > TimeSpan.Zero)
        {
            await audit.WriteAsync(HttpContext, SignInEvents.Throttled, user.Id, user.UserName);
            return this.Throttled(wait);
        }
        var code = Input.Code?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var recovery = Input.RecoveryCode?.Replace(" ", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(code) && string.IsNullOrEmpty(recovery))
        {
            ModelState.AddModelError("Input.Code", "Vui lòng nhập mã 6 chữ số từ ứng dụng xác thực.");
            return Page();
        }
        var byApp = !string.IsNullOrEmpty(code);
        var result = byApp
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code!, RememberMe, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(recovery!);
        if (!result.Succeeded) throttle.Failed(address);
        await audit.WriteAsync(HttpContext, result switch
        {
            { Succeeded: true } => byApp ? SignInEvents.TwoFactorSucceeded : SignInEvents.RecoveryCodeUsed,
            { IsLockedOut: true } => SignInEvents.LockedOut,
            _ => byApp ? SignInEvents.TwoFactorFailed : SignInEvents.RecoveryCodeFailed,
        }, user.Id, user.UserName);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        if (result.IsLockedOut) ModelState.AddModelError("", Localization.StaffText.T("Tài khoản tạm bị khóa do nhập sai nhiều lần. Vui lòng thử lại sau {0} phút.",
            StaffIdentity.LockoutDuration.TotalMinutes.ToString("0", System.Globalization.CultureInfo.InvariantCulture)));
        else if (byApp) ModelState.AddModelError("Input.Code", "Mã xác thực không đúng hoặc đã hết hạn.");
        else ModelState.AddModelError("Input.RecoveryCode", "Mã khôi phục không đúng hoặc đã được dùng.");
        return Page();
    }
}
