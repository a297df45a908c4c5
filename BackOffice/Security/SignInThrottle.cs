using System.Collections.Concurrent;
using System.Globalization;

namespace ChildAid.BackOffice.Security;

/// <summary>
/// Per client address, failed sign-ins (wrong password, unknown account, wrong two-factor or recovery code) make the
/// next attempt wait: the first <see cref="FreeFailures"/> cost nothing, then 5 s, 10 s, 20 s … doubling up to
/// 15 minutes. An attempt during the wait is answered 429 with Retry-After without looking at the password, so it
/// does not count towards the account's lock-out either. With the account lock-out at
/// <see cref="Shared.Security.StaffIdentity.MaxFailedAttempts"/> failures, one address needs more than ten minutes
/// to lock an account, instead of five quick posts. An address's failures are forgotten an hour after its last one;
/// a success does not clear them (else a colleague could alternate their own log-in with guesses).
/// Kept in memory: BackOffice is one process; a restart forgives everyone, the account lock-out (in the database)
/// stays.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeFailures = 3;
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Memory = TimeSpan.FromHours(1);
    private const int MaxAddresses = 100_000;

    private readonly ConcurrentDictionary<string, Failures> _byAddress = new();

    private sealed record Failures(int Count, DateTimeOffset Last);

    /// <summary>How long <paramref name="address"/> must still wait before its next attempt is looked at; zero: go ahead.</summary>
    public TimeSpan WaitFor(string address)
    {
        if (!_byAddress.TryGetValue(address, out var failures)) return TimeSpan.Zero;
        var since = clock.GetUtcNow() - failures.Last;
        if (since >= Memory) return TimeSpan.Zero;
        var wait = WaitAfter(failures.Count) - since;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public void Failed(string address)
    {
        var now = clock.GetUtcNow();
        if (_byAddress.Count >= MaxAddresses) Forget(now);
        _byAddress.AddOrUpdate(address, _ => new Failures(1, now),
            (_, old) => new Failures(now - old.Last >= Memory ? 1 : old.Count + 1, now));
    }

    /// <summary>The wait after <paramref name="failures"/> failures in a row.</summary>
    public static TimeSpan WaitAfter(int failures)
    {
        if (failures < FreeFailures) return TimeSpan.Zero;
        var wait = FirstWait * Math.Pow(2, Math.Min(failures - FreeFailures, 20));
        return wait < LongestWait ? wait : LongestWait;
    }

    /// <summary>Whole seconds for Retry-After, rounded up.</summary>
    public static int Seconds(TimeSpan wait) => (int)Math.Ceiling(wait.TotalSeconds);

    public static string Message(TimeSpan wait)
    {
        var seconds = Seconds(wait);
        var text = seconds < 120 ? Localization.StaffText.T("{0} giây", seconds) : Localization.StaffText.T("{0} phút", Math.Ceiling(seconds / 60.0).ToString(CultureInfo.InvariantCulture));
        return Localization.StaffText.T("Đã đăng nhập sai nhiều lần từ địa chỉ này. Vui lòng chờ {0} rồi thử lại.", text);
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (address, failures) in _byAddress)
            if (now - failures.Last >= Memory) _byAddress.TryRemove(address, out _);
        // Still full (an attack from very many addresses): start over rather than grow without bound.
        if (_byAddress.Count >= MaxAddresses) _byAddress.Clear();
    }
}
