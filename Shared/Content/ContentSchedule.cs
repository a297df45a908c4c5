using ChildAid.Shared.Audit;
using ChildAid.Shared.Consent;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Content;

/// <summary>Section "ContentSchedule".</summary>
public class ContentScheduleOptions
{
    public const string Section = "ContentSchedule";

    /// <summary>How often due publishing steps and ended consents are looked for (seconds).</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>Off on a node that should not run background steps (any number of nodes may run them safely).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// The publisher's steps as the schedule runs them, each returning null on success or why it failed (shown to editors):
/// <see cref="Publisher"/> in the app; tests of the schedule's own rules bind steps that can be made to fail.
/// </summary>
public sealed record ContentScheduleSteps(
    Func<IServiceProvider, int, string, CancellationToken, Task<string?>> Publish,
    Func<IServiceProvider, int, string, CancellationToken, Task<string?>> Unpublish,
    Func<IServiceProvider, CancellationToken, Task<int>>? RepairFiles = null)
{
    /// <summary>The real steps: <see cref="ContentPublisher"/> in the tick's scope, its refusal as the recorded reason.</summary>
    public static ContentScheduleSteps Publisher { get; } = new(
        async (sp, id, actor, ct) => Reason(await sp.GetRequiredService<ContentPublisher>().PublishAsync(id, actor, ct)),
        async (sp, id, actor, ct) => Reason(await sp.GetRequiredService<ContentPublisher>().UnpublishAsync(id, actor, ct)),
        RepairPublicFiles);

    /// <summary>Public files a publish committed but did not copy (<see cref="ContentPublisher.RepairPublicFilesAsync"/>).</summary>
    public static Task<int> RepairPublicFiles(IServiceProvider sp, CancellationToken ct) =>
        sp.GetRequiredService<ContentPublisher>().RepairPublicFilesAsync(ct);

    private static string? Reason(Validation.Outcome<ContentItem> outcome) =>
        outcome.Succeeded ? null : string.Join(" ", outcome.Errors.Values);
}

/// <summary>What one tick did.</summary>
public sealed record ScheduleTick(int Published, int Unpublished, int Failed, int SweptItems, int SweptMedia);

/// <summary>
/// One tick of the content schedule. State lives in the database (ScheduledPublishAt / ScheduledUnpublishAt), so a tick
/// after a restart does whatever fell due while the app was down. Each item is its own step in its own scope and
/// transaction: one failure is recorded on the item (<see cref="ContentItem.ScheduleError"/>, audited) and retried next
/// tick, never lost. Several nodes may tick at once: a step first claims the item by moving its version
/// (UPDATE … WHERE version = x); only one node's claim succeeds, and the publisher's own save is guarded by the
/// version too, so an item is never published twice.
/// Then the consent sweep: a consent withdrawn or expired takes down every published item that depends on it (its own
/// consent, or an image's) and the files of every published image under it.
/// </summary>
public sealed class ContentScheduleRunner(IServiceScopeFactory scopes, ContentScheduleSteps steps, TimeProvider clock, ILogger<ContentScheduleRunner> log)
{
    /// <summary>The audit trail's name for scheduled steps.</summary>
    public const string ScheduleActor = "Lịch đăng tự động";
    public const string ConsentActor = "Quét giấy đồng ý tự động";

    private enum Step { Publish, Unpublish }

    private sealed record Due(int Id, int Version, Step Step, DateTime At);

    private enum Result { Done, Skipped, Failed }

    public async Task<ScheduleTick> TickAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Due> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var publish = await db.ContentItems.AsNoTracking().IgnoreQueryFilters()
                .Where(i => i.ScheduledPublishAt != null && i.ScheduledPublishAt <= now)
                .Select(i => new Due(i.Id, i.Version, Step.Publish, i.ScheduledPublishAt!.Value)).ToListAsync(ct);
            var unpublish = await db.ContentItems.AsNoTracking().IgnoreQueryFilters()
                .Where(i => i.ScheduledUnpublishAt != null && i.ScheduledUnpublishAt <= now)
                .Select(i => new Due(i.Id, i.Version, Step.Unpublish, i.ScheduledUnpublishAt!.Value)).ToListAsync(ct);
            // Oldest first, and an item's publishing before its unpublishing when both fell due during a long outage.
            due = [.. publish.Concat(unpublish).OrderBy(d => d.At).ThenBy(d => d.Step)];
        }

        int published = 0, unpublished = 0, failed = 0;
        var versions = new Dictionary<int, int>();
        foreach (var d in due)
        {
            var version = versions.GetValueOrDefault(d.Id, d.Version);
            var (result, after) = await RunStepAsync(d with { Version = version }, ct);
            versions[d.Id] = after;
            if (result == Result.Failed) failed++;
            else if (result == Result.Done && d.Step == Step.Publish) published++;
            else if (result == Result.Done) unpublished++;
        }
        await RepairFilesAsync(ct);
        // After the repair: should it have copied files of an image whose consent has just ended, the sweep removes them.
        var (sweptItems, sweptMedia) = await SweepConsentsAsync(ct);
        return new ScheduleTick(published, unpublished, failed, sweptItems, sweptMedia);
    }

    private async Task RepairFilesAsync(CancellationToken ct)
    {
        if (steps.RepairFiles is null) return;
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            if (await steps.RepairFiles(scope.ServiceProvider, ct) is > 0 and var repaired)
                log.LogWarning("Content schedule: copied again the public files of {Count} published image(s) that lacked them", repaired);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Content schedule: repairing public media files failed; next tick tries again");
        }
    }

    /// <returns>Whether this node did the step, left it to another, or failed; and the item's version after it.</returns>
    private async Task<(Result Result, int Version)> RunStepAsync(Due d, CancellationToken ct)
    {
        string? error;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = ScheduleActor;
            if (!await ClaimAsync(db, d, ct))
            {
                log.LogInformation("Content item {Id}: scheduled {Step} already taken by another node or changed since read", d.Id, d.Step);
                return (Result.Skipped, d.Version);
            }
            try
            {
                error = d.Step == Step.Publish
                    ? await steps.Publish(scope.ServiceProvider, d.Id, ScheduleActor, ct)
                    : await steps.Unpublish(scope.ServiceProvider, d.Id, ScheduleActor, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node claimed it after us and did it (or someone edited it): not a failure of the schedule.
                log.LogInformation("Content item {Id}: scheduled {Step} lost to a concurrent change", d.Id, d.Step);
                return (Result.Skipped, d.Version);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Content item {Id}: scheduled {Step} failed", d.Id, d.Step);
                error = "Lỗi hệ thống khi thực hiện; sẽ tự thử lại sau một phút.";
            }
            if (error is null)
            {
                var after = await db.ContentItems.AsNoTracking().IgnoreQueryFilters().Where(i => i.Id == d.Id).Select(i => i.Version).FirstAsync(ct);
                log.LogInformation("Content item {Id}: scheduled {Step} done", d.Id, d.Step);
                return (Result.Done, after);
            }
        }
        var version = await RecordFailureAsync(d, error, ct);
        return (Result.Failed, version);
    }

    /// <summary>Moves the version only if nobody did since we read the item and it is still due: the node that moves it owns the step.</summary>
    private async Task<bool> ClaimAsync(ChildAidDbContext db, Due d, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = d.Step == Step.Publish
            ? await db.ContentItems.IgnoreQueryFilters()
                .Where(i => i.Id == d.Id && i.Version == d.Version && i.ScheduledPublishAt != null && i.ScheduledPublishAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Version, i => i.Version + 1), ct)
            : await db.ContentItems.IgnoreQueryFilters()
                .Where(i => i.Id == d.Id && i.Version == d.Version && i.ScheduledUnpublishAt != null && i.ScheduledUnpublishAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Version, i => i.Version + 1), ct);
        return claimed == 1;
    }

    /// <summary>
    /// The failure goes on the item (the schedule list shows it) through the audited context, so the audit trail says
    /// when and why too. The same failure again next tick is logged, not written again.
    /// </summary>
    /// <returns>The item's version afterwards.</returns>
    private async Task<int> RecordFailureAsync(Due d, string error, CancellationToken ct)
    {
        log.LogWarning("Content item {Id}: scheduled {Step} failed: {Error}", d.Id, d.Step, error);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = ScheduleActor;
        var item = await db.ContentItems.IgnoreQueryFilters().FirstOrDefaultAsync(i => i.Id == d.Id, ct);
        if (item is null) return d.Version;
        var step = d.Step == Step.Publish ? "Đăng theo lịch" : "Gỡ theo lịch";
        var text = $"{step} lúc {VietnameseText(clock.GetUtcNow().UtcDateTime)} không thành công: {error}";
        if (item.ScheduleError is { } existing && existing.StartsWith(step, StringComparison.Ordinal)
            && existing.Contains(error.Length > 100 ? error[..100] : error, StringComparison.Ordinal)) return item.Version;
        item.ScheduleError = text.Length <= ContentItem.ScheduleErrorLength ? text : text[..ContentItem.ScheduleErrorLength];
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { log.LogInformation("Content item {Id}: changed while its failure was recorded; next tick tries again", d.Id); }
        return item.Version;
    }

    /// <summary>
    /// Consents that ended (withdrawn, expired, or no longer covering the website) under published content or images:
    /// each published item depending on one is unpublished (its own consent, or any image it uses), and each published
    /// image under one leaves public serving, files and all.
    /// </summary>
    /// <summary>
    /// Published items whose <em>published</em> version shows an image under an ended consent. Media uses also hold the
    /// images of a newer draft, which is not public and must not take the page down: they only pick the candidates,
    /// and each candidate's published version is read for the images it really shows.
    /// </summary>
    private static async Task<List<int>> PublishedVersionsShowingAsync(ChildAidDbContext db, IQueryable<ContentItem> publishedItems,
        List<int> endedConsents, CancellationToken ct)
    {
        var endedMedia = (await db.MediaItems.IgnoreQueryFilters()
            .Where(m => m.ConsentRecordId != null && endedConsents.Contains(m.ConsentRecordId.Value)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
        var candidates = await publishedItems
            .Where(i => db.ContentMediaUses.Any(u => u.ContentItemId == i.Id && endedMedia.Contains(u.MediaItemId)))
            .Select(i => new { i.Id, Published = i.PublishedVersion!.Value }).ToListAsync(ct);
        var showing = new List<int>();
        foreach (var c in candidates)
        {
            var version = await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ContentItemId == c.Id && v.Number == c.Published, ct);
            if (version is not null && ContentPublisher.MediaOf(version).Any(endedMedia.Contains)) showing.Add(c.Id);
        }
        return showing;
    }

    private async Task<(int Items, int Media)> SweepConsentsAsync(CancellationToken ct)
    {
        var today = clock.VietnamToday();
        List<int> items;
        List<(int Id, string FileKey)> media;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            // Only consents something public depends on: a handful, checked by the entity's own rule.
            var publishedItems = db.ContentItems.IgnoreQueryFilters().Where(i => i.PublishedVersion != null);
            var consentIds = await publishedItems.Where(i => i.ConsentRecordId != null).Select(i => i.ConsentRecordId!.Value)
                .Union(db.ContentMediaUses.Where(u => publishedItems.Any(i => i.Id == u.ContentItemId) && u.MediaItem!.ConsentRecordId != null)
                    .Select(u => u.MediaItem!.ConsentRecordId!.Value))
                .Union(db.PublishedMedia.Join(db.MediaItems.IgnoreQueryFilters(), p => p.MediaItemId, m => m.Id, (p, m) => m.ConsentRecordId)
                    .Where(c => c != null).Select(c => c!.Value))
                .ToListAsync(ct);
            if (consentIds.Count == 0) return (0, 0);
            var consents = await db.ConsentRecords.IgnoreQueryFilters().AsNoTracking().Where(c => consentIds.Contains(c.Id)).ToListAsync(ct);
            var ended = consents.Where(c => !c.IsValidOn(today, ConsentScope.Website)).Select(c => c.Id).ToList();
            if (ended.Count == 0) return (0, 0);
            items = await publishedItems.Where(i => i.ConsentRecordId != null && ended.Contains(i.ConsentRecordId.Value)).Select(i => i.Id).ToListAsync(ct);
            items.AddRange(await PublishedVersionsShowingAsync(db, publishedItems.Where(i => !items.Contains(i.Id)), ended, ct));
            media = (await db.PublishedMedia.Join(db.MediaItems.IgnoreQueryFilters(), p => p.MediaItemId, m => m.Id, (p, m) => new { p.MediaItemId, p.FileKey, m.ConsentRecordId })
                .Where(x => x.ConsentRecordId != null && ended.Contains(x.ConsentRecordId.Value)).ToListAsync(ct))
                .Select(x => (x.MediaItemId, x.FileKey)).ToList();
        }

        var unpublished = 0;
        foreach (var id in items)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = ConsentActor;
            string? error;
            try { error = await steps.Unpublish(scope.ServiceProvider, id, ConsentActor, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Content item {Id}: unpublishing for an ended consent failed; next tick tries again", id);
                continue;
            }
            if (error is null)
            {
                unpublished++;
                log.LogWarning("Content item {Id} unpublished: a consent it depends on was withdrawn or has expired", id);
            }
            else log.LogError("Content item {Id}: unpublishing for an ended consent failed: {Error}", id, error);
        }

        foreach (var (id, fileKey) in media)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = ConsentActor;
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            // Files first: should the row's removal fail, the next tick finds the row and tries both again.
            scope.ServiceProvider.GetRequiredService<MediaStore>().Unpublish(fileKey);
            if (await db.PublishedMedia.FirstOrDefaultAsync(p => p.MediaItemId == id, ct) is { } row)
            {
                db.PublishedMedia.Remove(row);
                await db.SaveChangesAsync(ct);
            }
            log.LogWarning("Media item {Id} removed from public serving: its consent was withdrawn or has expired", id);
        }
        return (unpublished, media.Count);
    }

    private static string VietnameseText(DateTime utc) => Text.VietnameseFormat.DateTime(utc);
}

/// <summary>Runs <see cref="ContentScheduleRunner"/> every <see cref="ContentScheduleOptions.IntervalSeconds"/> in BackOffice.</summary>
public sealed class ContentScheduler(ContentScheduleRunner runner, IOptions<ContentScheduleOptions> options, TimeProvider clock, ILogger<ContentScheduler> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        await Hosting.PeriodicWork.RunAsync("Content schedule tick", TimeSpan.FromSeconds(options.Value.IntervalSeconds), clock, log, async ct =>
        {
            var tick = await runner.TickAsync(ct);
            if (tick != new ScheduleTick(0, 0, 0, 0, 0)) log.LogInformation("Content schedule: {Tick}", tick);
        }, stoppingToken);
    }
}

public static class ContentScheduleServices
{
    public static IServiceCollection AddContentSchedule(this IServiceCollection services, ContentScheduleSteps steps,
        Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<ContentScheduleOptions>().Bind(configuration.GetSection(ContentScheduleOptions.Section))
            .Validate(o => o.IntervalSeconds >= 1, "ContentSchedule:IntervalSeconds must be 1 or more.").ValidateOnStart();
        services.AddSingleton(steps);
        services.AddSingleton<ContentScheduleRunner>();
        services.AddHostedService<ContentScheduler>();
        return services;
    }
}
