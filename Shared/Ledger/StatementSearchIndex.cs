using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.Ledger;

/// <summary>
/// An in-memory copy of every ledger entry's folded search text (one buffer, entries separated by a line feed, in
/// chain order), campaign and date, for "contains" search. In the database such a search cannot use a B-tree
/// index and reads every row (about 80 ms for 200,000 entries on a busy 2-core machine); here it is one vectorised
/// backwards scan of the buffer, newest first, stopping as soon as a page is full. The ledger is append-only, so
/// staying current costs one query for entries past the last one loaded. About 25 MB per 200,000 entries.
/// Register as a singleton. <paramref name="refreshInterval"/>: how long a loaded copy is trusted before the next
/// search checks for new entries (zero: every search checks); between checks searches take no lock at all.
/// </summary>
public sealed class StatementSearchIndex(IServiceScopeFactory scopes, TimeSpan refreshInterval = default)
{
    private const char Separator = '\n'; // TextFolding turns every whitespace into ' ', so no folded text holds one.
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot _current = new([], 0, [], [], [], [], 0);
    private long _checkedAt = long.MinValue / 2; // "never", without overflowing the subtraction in IsFresh

    /// <summary>Buffers are only ever written past <see cref="Length"/>/<see cref="Count"/>, so a reader's snapshot never changes under it.</summary>
    private sealed record Snapshot(char[] Text, int Length, int[] Starts, long[] Sequences, int[] Campaigns, int[] Days, int Count)
    {
        public long LastSequence => Count == 0 ? 0 : Sequences[Count - 1];

        /// <summary>The entry whose text holds buffer position <paramref name="position"/>.</summary>
        public int EntryAt(int position)
        {
            var i = Array.BinarySearch(Starts, 0, Count, position);
            return i >= 0 ? i : ~i - 1;
        }

        public ReadOnlySpan<char> TextOf(int entry)
        {
            var end = entry + 1 < Count ? Starts[entry + 1] - 1 : Length - 1;
            return Text.AsSpan(Starts[entry], end - Starts[entry]);
        }
    }

    public int Count => Volatile.Read(ref _current).Count;

    /// <summary>
    /// Sequence numbers of entries whose folded text contains every term (and that match the campaign and dates),
    /// newest first: <paramref name="skip"/> matches skipped, at most <paramref name="take"/> returned.
    /// </summary>
    public async Task<List<long>> SearchAsync(IReadOnlyList<string> terms, int? campaignId, DateOnly? from, DateOnly? to, int skip, int take,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(terms.Count);
        var s = IsFresh() ? Volatile.Read(ref _current) : await RefreshAsync(ct);
        var anchor = terms.MaxBy(t => t.Length)!;
        var fromDay = from?.DayNumber ?? int.MinValue;
        var toDay = to?.DayNumber ?? int.MaxValue;
        var found = new List<long>(take);
        var end = s.Length;
        while (found.Count < take && end > 0)
        {
            var position = s.Text.AsSpan(0, end).LastIndexOf(anchor, StringComparison.Ordinal);
            if (position < 0) break;
            var entry = s.EntryAt(position);
            end = s.Starts[entry];
            if (campaignId is { } c && s.Campaigns[entry] != c) continue;
            if (s.Days[entry] < fromDay || s.Days[entry] > toDay) continue;
            if (!ContainsAll(s.TextOf(entry), terms)) continue;
            if (skip > 0) { skip--; continue; }
            found.Add(s.Sequences[entry]);
        }
        return found;
    }

    /// <summary>Loads what the ledger holds now; the site calls it at start-up so the first search is not the one that waits.</summary>
    public async Task WarmUpAsync(CancellationToken ct = default) => await RefreshAsync(ct);

    private bool IsFresh() =>
        refreshInterval > TimeSpan.Zero && Environment.TickCount64 - Volatile.Read(ref _checkedAt) < (long)refreshInterval.TotalMilliseconds;

    private static bool ContainsAll(ReadOnlySpan<char> text, IReadOnlyList<string> terms)
    {
        foreach (var term in terms)
            if (text.IndexOf(term, StringComparison.Ordinal) < 0) return false;
        return true;
    }

    /// <summary>Appends entries recorded since the last call. When nothing is new it is one primary-key range query returning no rows.</summary>
    private async Task<Snapshot> RefreshAsync(CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            var s = _current;
            if (IsFresh()) return s; // another search refreshed it while this one waited
            var checkedAt = Environment.TickCount64;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PublicDbContext>();
            var after = s.LastSequence;
            var fresh = await db.LedgerEntries
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Select(e => new { e.Sequence, e.SearchText, e.CampaignId, e.ValueDate })
                .ToListAsync(ct);
            if (fresh.Count == 0)
            {
                Volatile.Write(ref _checkedAt, checkedAt);
                return s;
            }

            var (text, starts, sequences, campaigns, days) = (s.Text, s.Starts, s.Sequences, s.Campaigns, s.Days);
            var count = s.Count + fresh.Count;
            if (count > starts.Length)
            {
                var capacity = Math.Max(count, Math.Max(1024, starts.Length * 2));
                Array.Resize(ref starts, capacity);
                Array.Resize(ref sequences, capacity);
                Array.Resize(ref campaigns, capacity);
                Array.Resize(ref days, capacity);
            }
            var length = s.Length + fresh.Sum(e => e.SearchText.Length + 1);
            if (length > text.Length) Array.Resize(ref text, Math.Max(length, Math.Max(64 * 1024, text.Length * 2)));

            var (n, at) = (s.Count, s.Length);
            foreach (var e in fresh)
            {
                starts[n] = at;
                sequences[n] = e.Sequence;
                campaigns[n] = e.CampaignId ?? 0;
                days[n] = e.ValueDate.DayNumber;
                e.SearchText.CopyTo(text.AsSpan(at));
                at += e.SearchText.Length;
                text[at++] = Separator;
                n++;
            }
            var next = new Snapshot(text, at, starts, sequences, campaigns, days, n);
            Volatile.Write(ref _current, next);
            Volatile.Write(ref _checkedAt, checkedAt);
            return next;
        }
        finally { _loading.Release(); }
    }
}
