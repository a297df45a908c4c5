using System.Collections.Concurrent;
using ChildAid.Shared.Audit;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Import;
using ChildAid.Shared.Security;

namespace ChildAid.BackOffice.BankStatements;

/// <summary>
/// Statement imports run in the background like the needs import (<see cref="Needs.NeedsImportJobs"/>): the upload is kept
/// in a temporary file, the import and its matching run in their own scope as the accountant, and the page reads the
/// progress and the report by the job's id. Jobs live in memory for an hour; the import is one transaction and the
/// bookings after it are idempotent, so a restart leaves nothing half-done that the next import or matching run cannot finish.
/// </summary>
public sealed class BankImportJobs(IServiceScopeFactory scopes, ILogger<BankImportJobs> log) : IDisposable
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();

    public sealed class Job : IProgress<ImportProgress>
    {
        public Guid Id { get; } = Guid.NewGuid();
        public required string UserId { get; init; }
        public required int AccountId { get; init; }
        public required string FileName { get; init; }
        public required string TempFile { get; init; }
        public DateTime StartedAt { get; } = DateTime.UtcNow;
        public ImportProgress Progress { get; private set; } = new(0, 0, 0, ImportStage.Reading);
        public BankImportReport? Report { get; set; }
        public Task Running { get; set; } = Task.CompletedTask;
        void IProgress<ImportProgress>.Report(ImportProgress value) => Progress = value;
    }

    public Job? Find(Guid id, string userId) => _jobs.TryGetValue(id, out var job) && job.UserId == userId ? job : null;

    public async Task<Job> StartAsync(IFormFile upload, int accountId, string userId, string userName, bool isAdmin, IReadOnlyList<string> roles, CancellationToken ct)
    {
        Forget();
        var temp = Path.Combine(Path.GetTempPath(), $"childaid-statement-{Guid.NewGuid():N}");
        await using (var file = File.Create(temp)) await upload.CopyToAsync(file, ct);
        var job = new Job { UserId = userId, AccountId = accountId, FileName = Path.GetFileName(upload.FileName), TempFile = temp };
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
            job.Report = await scope.ServiceProvider.GetRequiredService<BankStatementImporter>().RunAsync(job.AccountId, file, job.FileName, job);
        }
        catch (Exception e)
        {
            log.LogError(e, "Bank statement import {Job} into account {Account} failed", job.Id, job.AccountId);
            job.Report = new(ImportResult.Refused("Không nhập được tệp do lỗi hệ thống; chưa dòng nào được ghi. Hãy thử lại hoặc báo quản trị."), null);
        }
        finally
        {
            TryDelete(job.TempFile);
        }
    }

    private void Forget()
    {
        foreach (var (id, job) in _jobs)
            if (job.Running.IsCompleted && DateTime.UtcNow - job.StartedAt > KeepFor) _jobs.TryRemove(id, out _);
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
