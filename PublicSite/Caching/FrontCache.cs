using System.Collections.Concurrent;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace ChildAid.PublicSite.Caching;

/// <summary>
/// The bytes of cached public pages, answered by the first middleware, before routing, localization, logging and
/// Razor — the same pages the output cache keeps (<see cref="PublicCache"/> marks them), under the same rules: one entry
/// per address (query included), language cookie, Accept-Encoding and public data version, ten minutes at most.
/// Why a second layer: on a cheap two-core server the output cache still walks the whole pipeline for every hit, which
/// halves the requests per second a static file server reaches with the same bytes. A new data version simply misses
/// here, goes through the pipeline and stores the fresh page; nothing is ever invalidated by message.
/// Hits are not request-logged (nginx's static files aren't either); misses are. A response some rate limit counted
/// (a search) is never kept, so no limit is skipped.
/// </summary>
public sealed class FrontCache(PublicDataVersionSource versions, TimeProvider clock)
{
    /// <summary>Bounds: a page larger than this is not kept; past either limit the cache starts over.</summary>
    public const int MaxBodyBytes = 512 * 1024;
    public const int MaxEntries = 4096;
    public const long MaxTotalBytes = 64L * 1024 * 1024;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const string StorableKey = "childaid.front-cache.storable";
    private static readonly HashSet<string> NotReplayed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Content-Length", "Transfer-Encoding", "Age", "Set-Cookie", "Connection", "Keep-Alive",
    };

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _totalBytes;
    private long _hits;

    private sealed record Entry(long Version, long StoredAt, KeyValuePair<string, StringValues>[] Headers, byte[] Body);

    /// <summary>Requests answered from here (tests and diagnostics).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public int Count => _entries.Count;

    /// <summary>Called by the output cache policy: this response is one the output cache may keep or has served.</summary>
    public static void MarkStorable(HttpContext context) => context.Items[StorableKey] = true;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!(isGet || HttpMethods.IsHead(request.Method)) || Api.PublicApi.IsApiRequest(context) || request.Headers.ContainsKey("Authorization"))
        {
            await next(context);
            return;
        }

        var key = KeyOf(request);
        long version;
        try
        {
            version = await versions.GetAsync(context.RequestAborted);
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The database is unreachable: the pipeline answers as it would without this cache (error page, 503 health).
            await next(context);
            return;
        }
        if (_entries.TryGetValue(key, out var entry) && entry.Version == version && clock.GetElapsedTime(entry.StoredAt) < Lifetime)
        {
            Interlocked.Increment(ref _hits);
            await ReplayAsync(context, entry, isGet);
            return;
        }
        if (!isGet)
        {
            await next(context);
            return;
        }

        var body = context.Response.Body;
        await using var capture = new CapturingStream(body, MaxBodyBytes);
        context.Response.Body = capture;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }
        if (context.Items.ContainsKey(StorableKey) && !PublicRateLimits.IsLimited(context) && context.Response.StatusCode == StatusCodes.Status200OK &&
            !context.Response.Headers.ContainsKey("Set-Cookie") && capture.Captured is { Length: > 0 } bytes && !context.RequestAborted.IsCancellationRequested)
            Store(key, new Entry(version, clock.GetTimestamp(),
                [.. context.Response.Headers.Where(h => !NotReplayed.Contains(h.Key))], bytes));
    }

    private void Store(string key, Entry entry)
    {
        if (_entries.Count >= MaxEntries || Interlocked.Read(ref _totalBytes) + entry.Body.Length > MaxTotalBytes)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _totalBytes, 0);
        }
        var replaced = _entries.TryGetValue(key, out var old) ? old.Body.Length : 0;
        _entries[key] = entry;
        Interlocked.Add(ref _totalBytes, entry.Body.Length - replaced);
    }

    private static Task ReplayAsync(HttpContext context, Entry entry, bool withBody)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in entry.Headers) response.Headers[name] = value;
        response.ContentLength = entry.Body.Length;
        return withBody ? response.Body.WriteAsync(entry.Body, context.RequestAborted).AsTask() : Task.CompletedTask;
    }

    /// <summary>What the page depends on besides the data version: address, language cookie, accepted encodings.</summary>
    private static string KeyOf(HttpRequest request) => string.Concat(
        request.Scheme, "|", request.Host.Value, "|", request.PathBase.Value, request.Path.Value, request.QueryString.Value, "|",
        request.Cookies[CookieRequestCultureProvider.DefaultCookieName], "|", request.Headers.AcceptEncoding.ToString());

    /// <summary>Writes through to the response and keeps a copy of the bytes, up to a limit (past it, keeps nothing).</summary>
    private sealed class CapturingStream(Stream inner, int limit) : Stream
    {
        private MemoryStream? _copy = new();

        public byte[]? Captured => _copy?.ToArray();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Keep(buffer);
            inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (_copy is null) return;
            if (_copy.Length + bytes.Length > limit) { _copy = null; return; }
            _copy.Write(bytes);
        }
    }
}

/// <summary>The last policy of <see cref="PublicCache"/>: tells <see cref="FrontCache"/> which responses it may keep.</summary>
public sealed class FrontCacheMarker : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.AllowCacheLookup) FrontCache.MarkStorable(context.HttpContext);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.AllowCacheStorage) FrontCache.MarkStorable(context.HttpContext);
        return ValueTask.CompletedTask;
    }
}
