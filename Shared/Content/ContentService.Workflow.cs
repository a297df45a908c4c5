using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Content;

/// <summary>The workflow: submit, return with a comment, publish, unpublish, schedule, and the redirect list.</summary>
public sealed partial class ContentService
{
    /// <summary>A writer hands the latest version to the editors.</summary>
    public async Task<Outcome<ContentItem>> SubmitAsync(int id, int? version, CancellationToken ct = default)
    {
        var (item, refusal) = await ForAsync(id, version, a => a.Writes, "Bạn không có quyền gửi nội dung này.", ct);
        if (item is null) return Outcome<ContentItem>.Fail("", refusal!);
        if (item.State == ContentState.Submitted) return Outcome<ContentItem>.Fail("", "Nội dung này đã được gửi duyệt.");
        if (item.PublishedVersion == item.LatestVersion) return Outcome<ContentItem>.Fail("", "Phiên bản mới nhất đang được đăng: không có gì để duyệt.");
        item.State = ContentState.Submitted;
        item.ReturnComment = null;
        return await SaveItemAsync(item, ct);
    }

    /// <summary>An editor sends a submitted item back to its writer with a comment saying what to change.</summary>
    public async Task<Outcome<ContentItem>> ReturnAsync(int id, string? comment, int? version, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(comment)) return Outcome<ContentItem>.Fail("Comment", "Vui lòng ghi ý kiến để người viết biết cần sửa gì.");
        if (comment.Trim().Length > ContentItem.ReturnCommentLength)
            return Outcome<ContentItem>.Fail("Comment", $"Ý kiến tối đa {ContentItem.ReturnCommentLength} ký tự.");
        var (item, refusal) = await ForAsync(id, version, a => a.Publishes, "Chỉ biên tập viên mới trả lại bài.", ct);
        if (item is null) return Outcome<ContentItem>.Fail("", refusal!);
        if (item.State != ContentState.Submitted) return Outcome<ContentItem>.Fail("", "Chỉ trả lại nội dung đang chờ duyệt.");
        item.State = item.PublishedVersion is null ? ContentState.Draft : ContentState.Published;
        item.ReturnComment = comment.Trim();
        return await SaveItemAsync(item, ct);
    }

    /// <summary>Publishes the latest version now (the role is checked here; consent by the publisher).</summary>
    public async Task<Outcome<ContentItem>> PublishAsync(int id, int? version, CancellationToken ct = default)
    {
        var (item, refusal) = await ForAsync(id, version, a => a.Publishes, PublishRefusal, ct);
        if (item is null) return Outcome<ContentItem>.Fail("", refusal!);
        db.ChangeTracker.Clear();
        var name = (await ActorAsync(ct)).Name;
        return await Concurrent(() => publisher.PublishAsync(id, name, ct));
    }

    public async Task<Outcome<ContentItem>> UnpublishAsync(int id, int? version, CancellationToken ct = default)
    {
        var (item, refusal) = await ForAsync(id, version, a => a.Publishes, "Bạn không có quyền gỡ nội dung này.", ct);
        if (item is null) return Outcome<ContentItem>.Fail("", refusal!);
        db.ChangeTracker.Clear();
        var name = (await ActorAsync(ct)).Name;
        return await Concurrent(() => publisher.UnpublishAsync(id, name, ct));
    }

    public const string PublishRefusal = "Bạn không có quyền đăng nội dung này (người viết gửi bài để biên tập viên đăng; cán bộ chương trình chỉ đăng trang vinh danh).";

    /// <summary>
    /// Schedules publishing and/or unpublishing at Vietnam wall-clock times (null clears that step). Stored as UTC; the
    /// scheduler runs them (<see cref="ContentScheduleRunner"/>).
    /// </summary>
    public async Task<Outcome<ContentItem>> ScheduleAsync(int id, DateTime? publishAtVietnam, DateTime? unpublishAtVietnam, int? version, CancellationToken ct = default)
    {
        var (item, refusal) = await ForAsync(id, version, a => a.Publishes, "Bạn không có quyền hẹn giờ đăng nội dung này.", ct);
        if (item is null) return Outcome<ContentItem>.Fail("", refusal!);
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? publishAt = publishAtVietnam is { } p ? ToUtc(p) : null;
        DateTime? unpublishAt = unpublishAtVietnam is { } u ? ToUtc(u) : null;
        var errors = new Dictionary<string, string>();
        if (publishAt <= now) errors["PublishAt"] = "Giờ đăng phải sau bây giờ.";
        if (unpublishAt <= now) errors["UnpublishAt"] = "Giờ gỡ phải sau bây giờ.";
        else if (unpublishAt is not null && publishAt is not null && unpublishAt <= publishAt) errors["UnpublishAt"] = "Giờ gỡ phải sau giờ đăng.";
        else if (unpublishAt is not null && publishAt is null && item.PublishedVersion is null)
            errors["UnpublishAt"] = "Nội dung chưa được đăng: hẹn giờ đăng trước, hoặc bỏ trống giờ gỡ.";
        if (errors.Count > 0) return Outcome<ContentItem>.Fail(errors);
        item.ScheduledPublishAt = publishAt;
        item.ScheduledUnpublishAt = unpublishAt;
        item.ScheduleError = null;
        return await SaveItemAsync(item, ct);
    }

    private static DateTime ToUtc(DateTime vietnam) => DateTime.SpecifyKind(DateTime.SpecifyKind(vietnam, DateTimeKind.Unspecified) - VietnamClock.Offset, DateTimeKind.Utc);

    /// <summary>A redirect staff enter: from an old or short path to a page. No chains, no loops, not over live content.</summary>
    public async Task<Outcome<ContentRedirect>> AddRedirectAsync(string? from, string? to, CancellationToken ct = default)
    {
        var acting = await ActorAsync(ct);
        if (!acting.KeepsRedirects) return Outcome<ContentRedirect>.Fail("", "Chỉ biên tập viên mới sửa danh sách chuyển hướng.");
        from = from?.Trim();
        to = to?.Trim();
        var errors = new Dictionary<string, string>();
        if (ContentRedirectRules.PathProblem(from) is { } fromProblem) errors["FromPath"] = fromProblem;
        if (ContentRedirectRules.PathProblem(to) is { } toProblem) errors["ToPath"] = toProblem;
        if (errors.Count > 0) return Outcome<ContentRedirect>.Fail(errors);
        if (await db.ContentRedirects.AnyAsync(r => r.FromPath == from, ct))
            return Outcome<ContentRedirect>.Fail("FromPath", $"Đã có chuyển hướng từ {from}: xóa nó trước nếu muốn đổi.");
        if (await db.PublishedContent.AnyAsync(p => p.Path == from, ct))
            return Outcome<ContentRedirect>.Fail("FromPath", $"{from} đang là một trang đã đăng: chuyển hướng sẽ che mất trang.");
        var all = await db.ContentRedirects.ToListAsync(ct);
        var plan = ContentRedirectRules.Plan(all.ToDictionary(r => r.FromPath, r => r.ToPath, StringComparer.Ordinal), from!, to!);
        if (plan.Refusal is { } why) return Outcome<ContentRedirect>.Fail("ToPath", why);
        foreach (var r in all.Where(r => plan.Repoint.ContainsKey(r.FromPath))) r.ToPath = plan.Target;
        var redirect = new ContentRedirect { FromPath = from!, ToPath = plan.Target, Automatic = false, CreatedBy = acting.Name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.ContentRedirects.Add(redirect);
        await db.SaveChangesAsync(ct);
        return Outcome<ContentRedirect>.Ok(redirect);
    }

    public async Task<Outcome<ContentRedirect>> RemoveRedirectAsync(int redirectId, CancellationToken ct = default)
    {
        if (!(await ActorAsync(ct)).KeepsRedirects) return Outcome<ContentRedirect>.Fail("", "Chỉ biên tập viên mới sửa danh sách chuyển hướng.");
        var redirect = await db.ContentRedirects.FirstOrDefaultAsync(r => r.Id == redirectId, ct);
        if (redirect is null) return Outcome<ContentRedirect>.Fail("", "Không tìm thấy chuyển hướng này (có thể đã bị xóa).");
        db.ContentRedirects.Remove(redirect);
        await db.SaveChangesAsync(ct);
        return Outcome<ContentRedirect>.Ok(redirect);
    }

    private async Task<(ContentItem? Item, string? Refusal)> ForAsync(int id, int? version, Func<ContentActor, Func<ContentType, bool>> may, string refusal, CancellationToken ct)
    {
        var acting = await ActorAsync(ct);
        var item = await db.ContentItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return (null, NotFound);
        if (!may(acting)(item.Type)) return (null, refusal);
        if (version is { } v)
        {
            if (v != item.Version) return (null, Conflict);
            db.Entry(item).Property(i => i.Version).OriginalValue = v;
        }
        return (item, null);
    }

    private async Task<Outcome<ContentItem>> SaveItemAsync(ContentItem item, CancellationToken ct)
    {
        item.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return await Concurrent(async () =>
        {
            await db.SaveChangesAsync(ct);
            return Outcome<ContentItem>.Ok(item);
        });
    }

    private async Task<Outcome<ContentItem>> Concurrent(Func<Task<Outcome<ContentItem>>> act)
    {
        try
        {
            return await act();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<ContentItem>.Fail("", Conflict);
        }
    }
}
