using System.Security.Cryptography;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Identity;

namespace ChildAid.BackOffice.Security;

/// <summary>What a password sign-in attempt came to; <see cref="Wait"/> above zero: refused unseen, come back later.</summary>
public sealed record PasswordSignInOutcome(Microsoft.AspNetCore.Identity.SignInResult Result, TimeSpan Wait)
{
    public bool Throttled => Wait > TimeSpan.Zero;
}

/// <summary>
/// The password step of log-in, costing the same whether the account exists, is locked or not: exactly one
/// password hash check (a stand-in hash of the same hasher for a name that matches no account, or a locked
/// account), the same look-ups, the same answer, and unknown names lock like real ones. Every attempt is audited;
/// failures count towards the client address's throttle.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<StaffUser> signIn, IPasswordHasher<StaffUser> hasher, UnknownAccountLockout unknownAccounts,
    SignInThrottle throttle, SignInAudit audit)
{
    private static readonly StaffUser StandInUser = new() { UserName = "stand-in" };
    private static string? s_standInHash;

    public async Task<PasswordSignInOutcome> SignInAsync(HttpContext http, string name, string password, bool remember)
    {
        var address = ClientAddress.Of(http);
        var wait = throttle.WaitFor(address);
        if (wait > TimeSpan.Zero)
        {
            await audit.WriteAsync(http, SignInEvents.Throttled, null, name);
            return new(Microsoft.AspNetCore.Identity.SignInResult.Failed, wait);
        }

        var users = signIn.UserManager;
        // Both look-ups run whenever the name could be an e-mail, found or not.
        var byName = await users.FindByNameAsync(name);
        var byEmail = name.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(name) : null;
        var user = byName ?? byEmail;

        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            CheckStandIn(password);
            var key = users.NormalizeName(name) ?? name;
            result = unknownAccounts.IsLockedOut(key) || unknownAccounts.Failed(key)
                ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut
                : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else if (await users.IsLockedOutAsync(user))
        {
            // Identity would answer without checking the password: check one anyway, so a locked account costs the same.
            CheckStandIn(password);
            result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        }

        if (!result.Succeeded && !result.RequiresTwoFactor) throttle.Failed(address);
        var action = result.Succeeded ? SignInEvents.Succeeded
            : result.RequiresTwoFactor ? SignInEvents.TwoFactorRequested
            : result.IsLockedOut ? SignInEvents.LockedOut
            : SignInEvents.Failed;
        await audit.WriteAsync(http, action, user?.Id, user?.UserName ?? name);
        return new(result, TimeSpan.Zero);
    }

    private void CheckStandIn(string password)
    {
        s_standInHash ??= hasher.HashPassword(StandInUser, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        hasher.VerifyHashedPassword(StandInUser, s_standInHash, password);
    }
}
