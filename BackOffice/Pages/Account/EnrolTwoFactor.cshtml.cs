using ChildAid.BackOffice.Security;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, Identity's authenticator token provider). Every staff
/// member may turn it on; an admin must, and StaffRequestMiddleware keeps them here until they have.
/// Showing the page changes nothing: the new key waits in a protected cookie (<see cref="PendingAuthenticatorKey"/>)
/// and is stored, with two-factor turned on and a new security stamp, only when a code from it is confirmed.
/// </summary>
public class EnrolTwoFactorModel(
    UserManager<StaffUser> users, SignInManager<StaffUser> signIn, IUserStore<StaffUser> store,
    PendingAuthenticatorKey pending, SignInAudit audit, TimeProvider clock) : PageModel
{
    public class CodeInput { public string? Code { get; set; } }

    [BindProperty] public CodeInput Input { get; set; } = new();
    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string Key { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    /// <summary>Inline SVG of <see cref="AuthenticatorUri"/>.</summary>
    public string QrCode { get; private set; } = "";
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await LoadAsync();
        if (user is null) return Challenge();
        if (Enabled) return RedirectToPage();
        var code = Input.Code?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(code)) ModelState.AddModelError("Input.Code", "Vui lòng nhập mã 6 chữ số từ ứng dụng xác thực.");
        else if (!AuthenticatorCode.Verify(Key, code, clock.GetUtcNow()))
            ModelState.AddModelError("Input.Code", "Mã xác thực không đúng. Kiểm tra khóa đã nhập vào ứng dụng và giờ trên điện thoại.");
        if (!ModelState.IsValid) return Page();

        // Confirmed: store the key and turn two-factor on in one save, with a new security stamp.
        await ((IUserAuthenticatorKeyStore<StaffUser>)store).SetAuthenticatorKeyAsync(user, Key, HttpContext.RequestAborted);
        var enabled = await users.SetTwoFactorEnabledAsync(user, true);
        if (!enabled.Succeeded)
        {
            foreach (var e in enabled.Errors) ModelState.AddModelError("", e.Description);
            return Page();
        }
        pending.Forget(HttpContext);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(HttpContext, SignInEvents.TwoFactorEnabled, user.Id, user.UserName);
        Enabled = true;
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await LoadAsync();
        if (user is null) return Challenge();
        if (!Enabled) return RedirectToPage();
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await audit.WriteAsync(HttpContext, SignInEvents.RecoveryCodesRenewed, user.Id, user.UserName);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await LoadAsync();
        if (user is null) return Challenge();
        if (Required)
        {
            ModelState.AddModelError("", "Tài khoản quản trị bắt buộc dùng xác thực hai lớp.");
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(HttpContext, SignInEvents.TwoFactorDisabled, user.Id, user.UserName);
        return RedirectToPage();
    }

    private async Task<StaffUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return null;
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        Required = await users.IsInRoleAsync(user, Roles.Admin);
        if (!Enabled)
        {
            Key = pending.Get(HttpContext, user.Id, users.GenerateNewAuthenticatorKey);
            AuthenticatorUri = StaffIdentity.AuthenticatorUri(user.UserName ?? user.Id, Key);
            QrCode = ChildAid.Shared.Text.QrSvg.Render(AuthenticatorUri, "authenticator-qr", Localization.StaffText.T("Mã QR để thêm tài khoản ChildAid vào ứng dụng xác thực"));
        }
        return user;
    }
}
