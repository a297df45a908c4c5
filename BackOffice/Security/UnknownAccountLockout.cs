using System.Collections.Concurrent;
using ChildAid.Shared.Security;

namespace ChildAid.BackOffice.Security;

/// <summary>
/// A name that matches no account "locks" exactly like a real account (the same number of failures, the same
/// duration), so the lock-out message does not tell a stranger which accounts exist. In memory, by normalised name.
/// </summary>
public sealed class UnknownAccountLockout(TimeProvider clock)
{
    private const int MaxNames = 100_000;
    private readonly ConcurrentDictionary<string, State> _byName = new(StringComparer.Ordinal);

    private sealed record State(int Failures, DateTimeOffset LockedUntil);

    public bool IsLockedOut(string normalizedName) =>
        _byName.TryGetValue(normalizedName, out var state) && state.LockedUntil > clock.GetUtcNow();

    /// <summary>Counts a failure; true when it locks the name (as Identity answers the attempt that reaches the limit).</summary>
    public bool Failed(string normalizedName)
    {
        var now = clock.GetUtcNow();
        if (_byName.Count >= MaxNames)
            foreach (var (name, state) in _byName)
                if (state.LockedUntil <= now) _byName.TryRemove(name, out _);
        var after = _byName.AddOrUpdate(normalizedName, _ => Next(new State(0, default)), (_, old) => Next(old));
        return after.Failures == 0;

        State Next(State old) => old.Failures + 1 >= StaffIdentity.MaxFailedAttempts
            ? new State(0, now + StaffIdentity.LockoutDuration)
            : old with { Failures = old.Failures + 1 };
    }
}
