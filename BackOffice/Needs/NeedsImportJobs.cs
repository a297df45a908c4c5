using System.Collections.Concurrent;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Import;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;

namespace ChildAid.BackOffice.Needs;

/// <summary>
/// Imports run in the background so a 50,000-row file does not hold the request open: the upload is kept in a
/// temporary file, the import runs in its own scope as the officer (their audit name, their unit scope), and the page
/// reads its progress and result by the job's id. Jobs live in memory for an hour (a restart forgets them; the import
/// itself is one transaction, so nothing is left half-written).
/// </summary>
public sealed class NeedsImportJobs(IServiceScopeFactory scopes, ILogger<NeedsImportJobs> log) : IDisposable
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();

    public sealed class Job : IProgress<ImportProgress>
    {
        public Guid Id { get; } = Guid.NewGuid();
        public required string UserId { get; init; }
        public required int ReviewId { get; init; }
        public required string FileName { get; init; }
        public required string TempFile { get; init; }
        public DateTime StartedAt { get; } = DateTime.UtcNow;
        public ImportProgress Progress { get; private set; } = new(0, 0, 0, ImportStage.Reading);
        public ImportResult? Result { get; set; }
        public Task Running { get; set; } = Task.CompletedTask;
        public void Report(ImportProgress value) => Progress = value;
    }

    public Job? Find(Guid id, string userId) => _jobs.TryGetValue(id, out var job) && job.UserId == userId ? job : null;

    /// <summary>Starts the import of an uploaded file (copied to a temporary file first: the request's stream ends with it).</summary>
    public async Task<Job> StartAsync(IFormFile upload, int reviewId, string userId, string userName, bool isAdmin, IReadOnlyList<string> roles, CancellationToken ct)
    {
        Forget();
        var temp = Path.Combine(Path.GetTempPath(), $"childaid-import-{Guid.NewGuid():N}.xlsx");
        await using (var file = File.Create(temp)) await upload.CopyToAsync(file, ct);
        var job = new Job { UserId = userId, ReviewId = reviewId, FileName = Path.GetFileName(upload.FileName), TempFile = temp };
        _jobs[job.Id] = job;
        job.Running = Task.Run(() => RunAsync(job, userName, isAdmin, roles), CancellationToken.None);
        return job;
    }

    private async Task RunAsync(Job job, string userName, bool isAdmin, IReadOnlyList<string> roles)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
            actor.UserId = job.UserId;
            actor.Name = userName;
            await scope.ServiceProvider.GetRequiredService<StaffScope>().ApplyAsync(job.UserId, isAdmin, roles);
            await using var file = File.OpenRead(job.TempFile);
            job.Result = await scope.ServiceProvider.GetRequiredService<NeedsImport>().RunAsync(job.ReviewId, file, job.FileName, job);
        }
        catch (Exception e)
        {
            log.LogError(e, "Needs import {Job} into review {Review} failed", job.Id, job.ReviewId);
            job.Result = ImportResult.Refused("Không nhập được tệp do lỗi hệ thống; chưa dòng nào được ghi. Hãy thử lại hoặc báo quản trị.");
        }
        job.Report(job.Progress with { Stage = job.Result.Succeeded ? ImportStage.Done : ImportStage.Failed });
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
