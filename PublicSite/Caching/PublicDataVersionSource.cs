using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildAid.PublicSite.Caching;

/// <summary>
/// The current <see cref="PublicDataVersion"/>, read from the database at most once per
/// <see cref="PublicSiteOptions.DataVersionPollSeconds"/>. BackOffice bumps it in the same transaction as every
/// public change, so keying cached pages by it makes them fresh within one poll interval on every node.
/// </summary>
public sealed class PublicDataVersionSource(IServiceScopeFactory scopes, IOptions<PublicSiteOptions> options, TimeProvider clock)
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(options.Value.DataVersionPollSeconds);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _last;

    private sealed record Snapshot(long Version, long ReadAtTicks);

    public async ValueTask<long> GetAsync(CancellationToken ct = default)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && Fresh(last)) return last.Version;

        // One request reads the version; the others arriving meanwhile wait for it rather than all hitting the database.
        await _refresh.WaitAsync(ct);
        try
        {
            last = Volatile.Read(ref _last);
            if (last is not null && Fresh(last)) return last.Version;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PublicDbContext>();
            var version = await db.PublicDataVersions.Where(v => v.Id == 1).Select(v => v.Version).FirstOrDefaultAsync(ct);
            Volatile.Write(ref _last, new Snapshot(version, clock.GetTimestamp()));
            return version;
        }
        finally { _refresh.Release(); }
    }

    private bool Fresh(Snapshot s) => _interval > TimeSpan.Zero && clock.GetElapsedTime(s.ReadAtTicks) < _interval;
}
