using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Content;

/// <summary>Who is acting on content and what their roles let them do. No user (CLI, scheduler, import): everything.</summary>
public sealed record ContentActor(string Name, IReadOnlySet<string> Roles, bool System)
{
    public bool Writes(ContentType type) => System || Roles.Overlaps(Security.Roles.WriteContent)
                                            || (type == ContentType.HonorRollPage && Roles.Overlaps(Security.Roles.PublishHonorRollPages));
    public bool Publishes(ContentType type) => System || Roles.Overlaps(Security.Roles.PublishContent)
                                               || (type == ContentType.HonorRollPage && Roles.Overlaps(Security.Roles.PublishHonorRollPages));
    public bool KeepsRedirects => System || Roles.Overlaps(Security.Roles.PublishContent);
}

/// <summary>
/// Editing content: create, save (always a new <see cref="ContentVersion"/>, never a change to one), roll back (a new
/// version with an old one's words), with every field checked in Vietnamese, and the workflow in
/// <c>ContentService.Workflow.cs</c>. Roles are checked here, not only by the pages. Every change goes through the
/// audited context, so each step has its audit row. Expected refusals are outcomes (key "" for the whole form).
/// </summary>
public sealed partial class ContentService(ChildAidDbContext db, ContentPublisher publisher, AuditActor actor, TimeProvider clock)
{
    public const string NotFound = "Không tìm thấy nội dung.";
    public const string Conflict =
        "Nội dung này vừa được người khác lưu. Bản của bạn chưa được lưu (vẫn còn trên màn hình): hãy chép phần đã sửa, mở lại trang để xem bản mới nhất rồi làm lại.";

    private ContentActor? _actor;

    public async Task<ContentActor> ActorAsync(CancellationToken ct = default)
    {
        if (_actor is not null) return _actor;
        if (actor.UserId is not { } id) return _actor = new ContentActor(actor.Name, new HashSet<string>(), true);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name!).ToListAsync(ct);
        return _actor = new ContentActor(actor.Name, roles.ToHashSet(), false);
    }

    /// <summary>A new item with its first version. A blank slug is suggested from the title (made unique with -2, -3…).</summary>
    public async Task<Outcome<ContentItem>> CreateAsync(ContentType type, ContentInput input, CancellationToken ct = default)
    {
        var acting = await ActorAsync(ct);
        if (!Enum.IsDefined(type)) return Outcome<ContentItem>.Fail("Type", "Vui lòng chọn loại nội dung.");
        if (!acting.Writes(type)) return Outcome<ContentItem>.Fail("", "Bạn không có quyền viết loại nội dung này.");
        if (string.IsNullOrWhiteSpace(input.Slug) && !string.IsNullOrWhiteSpace(input.Title))
            input.Slug = await FreeSlugAsync(type, input.ParentId, ContentPaths.SlugFrom(input.Title), ct);
        var (errors, path) = await ValidateAsync(type, input, null, ct);
        if (errors.Count > 0) return Outcome<ContentItem>.Fail(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var item = new ContentItem
        {
            Type = type, Slug = input.Slug!.Trim(), Path = path!, CreatedBy = acting.Name, CreatedAt = now, UpdatedAt = now, LatestVersion = 1,
        };
        ApplySettings(item, input);
        item.Versions.Add(input.ToVersion(0, 1, acting.Name, now));
        db.ContentItems.Add(item);
        await db.SaveChangesAsync(ct);
        await publisher.SyncMediaUsesAsync(item, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<ContentItem>.Ok(item);
    }

    /// <summary>Saves the form as a new version. A save over someone else's newer one is refused (<see cref="Conflict"/>), losing nothing.</summary>
    public Task<Outcome<ContentItem>> SaveAsync(int id, ContentInput input, CancellationToken ct = default) =>
        WriteVersionAsync(id, input, input.Version, null, ct);

    /// <summary>Rolls back to version <paramref name="number"/>: a new version with its words, noted "Khôi phục từ phiên bản N".</summary>
    public async Task<Outcome<ContentItem>> RollbackAsync(int id, int number, int? version, CancellationToken ct = default)
    {
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        var old = await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ContentItemId == id && v.Number == number, ct);
        if (item is null || old is null) return Outcome<ContentItem>.Fail("", "Không tìm thấy phiên bản này.");
        if (number == item.LatestVersion) return Outcome<ContentItem>.Fail("", "Đây đã là phiên bản mới nhất.");
        var input = ContentInput.From(item, old);
        var outcome = await WriteVersionAsync(id, input, version, $"Khôi phục từ phiên bản {number}", ct);
        // The old words no longer fit (a path now taken, an image deleted): say so for the whole form.
        return outcome.Succeeded || outcome.Errors.ContainsKey("") ? outcome
            : Outcome<ContentItem>.Fail("", $"Không khôi phục được phiên bản {number}: {string.Join(" ", outcome.Errors.Values)}");
    }

    private async Task<Outcome<ContentItem>> WriteVersionAsync(int id, ContentInput input, int? expected, string? note, CancellationToken ct)
    {
        var acting = await ActorAsync(ct);
        var item = await db.ContentItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return Outcome<ContentItem>.Fail("", NotFound);
        if (!acting.Writes(item.Type)) return Outcome<ContentItem>.Fail("", "Bạn không có quyền sửa nội dung này.");
        if (expected is { } seen && seen != item.Version) return Outcome<ContentItem>.Fail("", Conflict);
        var (errors, path) = await ValidateAsync(item.Type, input, item, ct);
        if (errors.Count > 0) return Outcome<ContentItem>.Fail(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        if (expected is { } v) db.Entry(item).Property(i => i.Version).OriginalValue = v;
        var moved = item.Path != path;
        item.Slug = input.Slug!.Trim();
        item.Path = path!;
        ApplySettings(item, input);
        item.LatestVersion++;
        item.UpdatedAt = now;
        db.ContentVersions.Add(input.ToVersion(item.Id, item.LatestVersion, acting.Name, now, note));
        if (moved && await MoveChildrenAsync(item, ct) is { } clash) return Outcome<ContentItem>.Fail("Slug", clash);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<ContentItem>.Fail("", Conflict);
        }
        catch (DbUpdateException)
        {
            // The unique path or version number: someone saved the same path or the next version at the same moment.
            db.ChangeTracker.Clear();
            return Outcome<ContentItem>.Fail("", Conflict);
        }
        await publisher.SyncMediaUsesAsync(item, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<ContentItem>.Ok(item);
    }

    /// <summary>Every field's rule, in Vietnamese, keyed by the input's field name; and the path the item would have.</summary>
    public async Task<(Dictionary<string, string> Errors, string? Path)> ValidateAsync(ContentType type, ContentInput input, ContentItem? item, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        void Length(string field, string? value, int max, string label)
        {
            if (value?.Trim().Length > max) errors[field] = $"{label} tối đa {max:#,0} ký tự.".Replace(',', '.');
        }
        if (string.IsNullOrWhiteSpace(input.Title)) errors[nameof(input.Title)] = "Vui lòng nhập tiêu đề.";
        Length(nameof(input.Title), input.Title, ContentVersion.TitleLength, "Tiêu đề");
        Length(nameof(input.TitleEn), input.TitleEn, ContentVersion.TitleLength, "Tiêu đề tiếng Anh");
        Length(nameof(input.Summary), input.Summary, ContentVersion.SummaryLength, "Tóm tắt");
        Length(nameof(input.SummaryEn), input.SummaryEn, ContentVersion.SummaryLength, "Tóm tắt tiếng Anh");
        Length(nameof(input.Body), input.Body, ContentVersion.BodyLength, "Nội dung");
        Length(nameof(input.BodyEn), input.BodyEn, ContentVersion.BodyLength, "Nội dung tiếng Anh");
        Length(nameof(input.SeoTitle), input.SeoTitle, ContentVersion.SeoTitleLength, "Tiêu đề SEO");
        Length(nameof(input.SeoTitleEn), input.SeoTitleEn, ContentVersion.SeoTitleLength, "Tiêu đề SEO tiếng Anh");
        Length(nameof(input.SeoDescription), input.SeoDescription, ContentVersion.SeoDescriptionLength, "Mô tả SEO");
        Length(nameof(input.SeoDescriptionEn), input.SeoDescriptionEn, ContentVersion.SeoDescriptionLength, "Mô tả SEO tiếng Anh");
        if (string.IsNullOrWhiteSpace(input.TitleEn)
            && new[] { input.SummaryEn, input.BodyEn, input.SeoTitleEn, input.SeoDescriptionEn }.Any(s => !string.IsNullOrWhiteSpace(s)))
            errors[nameof(input.TitleEn)] = "Nhập tiêu đề tiếng Anh để có trang tiếng Anh (hoặc bỏ trống mọi ô tiếng Anh: trang tiếng Anh dùng bản tiếng Việt).";

        foreach (var (field, body) in new[] { (nameof(input.Body), input.Body), (nameof(input.BodyEn), input.BodyEn) })
        {
            if (errors.ContainsKey(field)) continue;
            var bad = ContentMarkdown.ImageProblems(body);
            if (bad.Count > 0)
                errors[field] = $"Chỉ dùng ảnh trong thư viện (viết ![mô tả](media:số ảnh)); ảnh sau sẽ bị bỏ: {string.Join("; ", bad)}.";
        }
        var mediaIds = new[] { input.HeroMediaId }.OfType<int>().Concat(ContentMarkdown.MediaIds(input.Body)).Concat(ContentMarkdown.MediaIds(input.BodyEn)).Distinct().ToList();
        if (mediaIds.Count > 0)
        {
            var found = await db.MediaItems.Where(m => mediaIds.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
            if (input.HeroMediaId is { } hero && !found.Contains(hero)) errors[nameof(input.HeroMediaId)] = $"Không có ảnh số {hero} trong thư viện.";
            var missing = mediaIds.Where(m => m != input.HeroMediaId && !found.Contains(m)).ToList();
            if (missing.Count > 0 && !errors.ContainsKey(nameof(input.Body)))
                errors[nameof(input.Body)] = $"Không có ảnh số {string.Join(", ", missing)} trong thư viện.";
        }

        if (type == ContentType.CampaignPage && input.CampaignId is null) errors[nameof(input.CampaignId)] = "Trang chiến dịch phải gắn với một chiến dịch.";
        else if (input.CampaignId is { } campaignId)
        {
            if (type is not (ContentType.CampaignPage or ContentType.Story)) errors[nameof(input.CampaignId)] = "Chỉ trang chiến dịch và tin bài mới gắn với chiến dịch.";
            else if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, ct)) errors[nameof(input.CampaignId)] = "Không tìm thấy chiến dịch này.";
        }
        if (input.ShowsChild && input.ConsentRecordId is null) { /* allowed for a draft; publishing refuses it */ }
        if (input.ConsentRecordId is { } consentId && !await db.ConsentRecords.IgnoreQueryFilters().AnyAsync(c => c.Id == consentId, ct))
            errors[nameof(input.ConsentRecordId)] = $"Không có giấy đồng ý số {consentId}.";

        var parentSlugs = new List<string>();
        if (input.ParentId is { } parentId)
        {
            if (type != ContentType.Page) errors[nameof(input.ParentId)] = "Chỉ trang thường mới nằm dưới một trang khác.";
            else if (await ParentSlugsAsync(parentId, item?.Id, ct) is { } slugs) parentSlugs = slugs;
            else errors[nameof(input.ParentId)] = "Trang cha không hợp lệ (không có, không phải trang thường, hoặc nằm dưới chính trang này).";
        }

        string? path = null;
        var slug = input.Slug?.Trim();
        if (string.IsNullOrEmpty(slug)) errors[nameof(input.Slug)] = "Vui lòng nhập đường dẫn (ví dụ ao-am-cho-em).";
        else if (!ContentPaths.IsValidSlug(slug))
            errors[nameof(input.Slug)] = $"Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang giữa các từ, tối đa {ContentItem.SlugLength} ký tự (gợi ý: {ContentPaths.SlugFrom(slug)}).";
        else if (!errors.ContainsKey(nameof(input.ParentId)))
        {
            path = ContentPaths.For(type, parentSlugs, slug);
            var id = item?.Id ?? 0;
            if (path.Length > ContentItem.PathLength) errors[nameof(input.Slug)] = $"Đường dẫn đầy đủ tối đa {ContentItem.PathLength} ký tự.";
            else if (await db.ContentItems.AnyAsync(i => i.Path == path && i.Id != id, ct)
                     || await db.PublishedContent.AnyAsync(p => p.Path == path && p.ContentItemId != id, ct))
                errors[nameof(input.Slug)] = $"Đường dẫn {path} đã được nội dung khác dùng.";
        }
        return (errors, errors.Count == 0 ? path : null);
    }

    private static void ApplySettings(ContentItem item, ContentInput input)
    {
        item.CampaignId = input.CampaignId;
        item.ParentId = input.ParentId;
        item.ShowsChild = input.ShowsChild;
        item.ConsentRecordId = input.ConsentRecordId;
    }

    /// <summary>The slugs of the parent and its parents from the top; null when the parent is not a page or is the item or below it.</summary>
    private async Task<List<string>?> ParentSlugsAsync(int parentId, int? itemId, CancellationToken ct)
    {
        var slugs = new List<string>();
        int? current = parentId;
        var seen = new HashSet<int>();
        while (current is { } id)
        {
            if (id == itemId || !seen.Add(id)) return null;
            var parent = await db.ContentItems.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Type, i.Slug, i.ParentId }).FirstOrDefaultAsync(ct);
            if (parent is null || parent.Type != ContentType.Page) return null;
            slugs.Insert(0, parent.Slug);
            current = parent.ParentId;
        }
        return slugs;
    }

    /// <summary>Pages under a page whose path changed get the new path (their public copy follows when the page is published).</summary>
    private async Task<string?> MoveChildrenAsync(ContentItem parent, CancellationToken ct)
    {
        var children = await db.ContentItems.Where(i => i.ParentId == parent.Id).ToListAsync(ct);
        foreach (var child in children)
        {
            child.Path = $"{parent.Path}/{child.Slug}";
            if (await db.ContentItems.AnyAsync(i => i.Path == child.Path && i.Id != child.Id, ct))
                return $"Trang con «{child.Slug}» sẽ có đường dẫn {child.Path}, đã được nội dung khác dùng.";
            if (await MoveChildrenAsync(child, ct) is { } clash) return clash;
        }
        return null;
    }

    private async Task<string> FreeSlugAsync(ContentType type, int? parentId, string suggested, CancellationToken ct)
    {
        if (suggested.Length == 0) return suggested;
        var parents = parentId is { } p ? await ParentSlugsAsync(p, null, ct) ?? [] : [];
        var slug = suggested;
        for (var n = 2; n < 100; n++)
        {
            var path = ContentPaths.For(type, parents, slug);
            if (!await db.ContentItems.AnyAsync(i => i.Path == path, ct) && !await db.PublishedContent.AnyAsync(x => x.Path == path, ct)) return slug;
            var tail = $"-{n}";
            slug = (suggested.Length + tail.Length > ContentItem.SlugLength ? suggested[..(ContentItem.SlugLength - tail.Length)].TrimEnd('-') : suggested) + tail;
        }
        return slug;
    }
}
