using System.Collections.Concurrent;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Import;
using ChildAid.Shared.Security;

namespace ChildAid.BackOffice.Web;

/// <summary>
/// Imports run in the background so a 50,000-row workbook or a 200,000-line statement does not hold the request open:
/// the upload is kept in a temporary file, the import runs in its own scope as the person who uploaded it (their audit
/// name, their unit scope), and the page reads its progress and result by the job's id. Jobs live in memory for an
/// hour (a restart forgets them; each import is one transaction, so nothing is left half-written). The needs import and
/// the bank-statement import both run here.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> log) : IDisposable
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private const string SystemError = "Không nhập được tệp do lỗi hệ thống; chưa dòng nào được ghi. Hãy thử lại hoặc báo quản trị.";
    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();

    public abstract class Job : IProgress<ImportProgress>
    {
        public Guid Id { get; } = Guid.NewGuid();
        public required string UserId { get; init; }
        public required string FileName { get; init; }
        public required string TempFile { get; init; }
        /// <summary>Kept until the job is forgotten (the needs page writes the error workbook from it); else deleted when done.</summary>
        public bool KeepsFile { get; init; }
        public DateTime StartedAt { get; } = DateTime.UtcNow;
        public ImportProgress Progress { get; private set; } = new(0, 0, 0, ImportStage.Reading);
        public Task Running { get; set; } = Task.CompletedTask;
        public void Report(ImportProgress value) => Progress = value;
    }

    public sealed class Job<TResult> : Job where TResult : class
    {
        public TResult? Result { get; set; }
    }

    /// <summary>The user's own job of this kind; anyone else's id is not found.</summary>
    public Job<TResult>? Find<TResult>(Guid id, string userId) where TResult : class =>
        _jobs.TryGetValue(id, out var job) && job.UserId == userId ? job as Job<TResult> : null;

    /// <param name="import">Runs the import from the temporary file, in the uploader's scope, reporting progress to the job.</param>
    /// <param name="refused">The result to show when the import itself threw (logged; nothing was written).</param>
    /// <param name="succeeded">Whether a result is a success, for the last progress stage.</param>
    public async Task<Job<TResult>> StartAsync<TResult>(IFormFile upload, Uploader uploader, bool keepFile,
        Func<IServiceProvider, Stream, Job<TResult>, Task<TResult>> import, Func<ImportResult, TResult> refused, Func<TResult, bool> succeeded,
        CancellationToken ct) where TResult : class
    {
        Forget();
        var temp = Path.Combine(Path.GetTempPath(), $"childaid-import-{Guid.NewGuid():N}");
        await using (var file = File.Create(temp)) await upload.CopyToAsync(file, ct);
        var job = new Job<TResult> { UserId = uploader.UserId, FileName = Path.GetFileName(upload.FileName), TempFile = temp, KeepsFile = keepFile };
        _jobs[job.Id] = job;
        job.Running = Task.Run(() => RunAsync(job, uploader, import, refused, succeeded), CancellationToken.None);
        return job;
    }

    private async Task RunAsync<TResult>(Job<TResult> job, Uploader uploader, Func<IServiceProvider, Stream, Job<TResult>, Task<TResult>> import,
        Func<ImportResult, TResult> refused, Func<TResult, bool> succeeded) where TResult : class
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
            actor.UserId = uploader.UserId;
            actor.Name = uploader.UserName;
            await scope.ServiceProvider.GetRequiredService<StaffScope>().ApplyAsync(uploader.UserId, uploader.IsAdmin, uploader.Roles);
            await using var file = File.OpenRead(job.TempFile);
            job.Result = await import(scope.ServiceProvider, file, job);
        }
        catch (Exception e)
        {
            log.LogError(e, "Import {Job} of {File} failed", job.Id, job.FileName);
            job.Result = refused(ImportResult.Refused(SystemError));
        }
        finally
        {
            // Only a refused file is kept (its error workbook is offered): a statement names donors, a register children.
            if (!job.KeepsFile || job.Result is { } done && succeeded(done)) TryDelete(job.TempFile);
        }
        job.Report(job.Progress with { Stage = succeeded(job.Result) ? ImportStage.Done : ImportStage.Failed });
    }

    private void Forget()
    {
        foreach (var (id, job) in _jobs)
            if (job.Running.IsCompleted && DateTime.UtcNow - job.StartedAt > KeepFor && _jobs.TryRemove(id, out _))
                TryDelete(job.TempFile);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        foreach (var job in _jobs.Values) TryDelete(job.TempFile);
    }
}

/// <summary>Who uploaded a file: the unit scope and audit name its import runs under.</summary>
public sealed record Uploader(string UserId, string UserName, bool IsAdmin, IReadOnlyList<string> Roles)
{
    public static Uploader Of(System.Security.Claims.ClaimsPrincipal user)
    {
        var id = user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "";
        return new(id, user.Identity?.Name ?? id, user.IsInRole(Shared.Security.Roles.Admin),
            user.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList());
    }
}
