using ChildAid.Shared.Data;
using ChildAid.Shared.Text;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Media;

/// <summary>What a person types about an image: alt text, folder, whether it shows a child and under which consent.</summary>
public class MediaInput
{
    public string? Alt { get; set; }
    public string? AltEn { get; set; }
    public int? FolderId { get; set; }
    public bool ShowsChild { get; set; }
    public int? ConsentRecordId { get; set; }
    /// <summary>Where crops centre, 0–1 from the left and from the top.</summary>
    public decimal FocalX { get; set; } = 0.5m;
    public decimal FocalY { get; set; } = 0.5m;

    public static MediaInput From(MediaItem m) => new()
    {
        Alt = m.Alt, AltEn = m.AltEn, FolderId = m.FolderId, ShowsChild = m.ShowsChild, ConsentRecordId = m.ConsentRecordId,
        FocalX = m.FocalX, FocalY = m.FocalY,
    };
}

public sealed record MediaRow(int Id, string FileKey, string OriginalFileName, string Alt, int Width, int Height, string? FolderName,
    bool ShowsChild, int? ConsentRecordId, DateTime UploadedAt, int Uses);

public sealed record MediaUseRow(int ContentItemId, string Path, string Title, Content.ContentState State);

/// <summary>
/// The media library: upload (process → store → row; the audit interceptor records the row), edit, folders, search
/// without diacritics, where each item is used, and delete only while nothing uses it.
/// </summary>
public sealed class MediaLibrary(ChildAidDbContext db, ImageProcessor processor, MediaStore store, TimeProvider clock)
{
    public const int PageSize = 48;

    public async Task<Outcome<MediaItem>> UploadAsync(string fileName, byte[] bytes, MediaInput input, string uploadedBy, CancellationToken ct = default)
    {
        var errors = await ValidateAsync(input, ct);
        var processed = processor.Process(bytes, (double)input.FocalX, (double)input.FocalY);
        foreach (var (field, message) in processed.Errors) errors[field] = message;
        if (errors.Count > 0) return Outcome<MediaItem>.Fail(errors);

        var image = processed.Value!;
        var item = new MediaItem
        {
            FileKey = MediaStore.NewFileKey(),
            OriginalFileName = SafeFileName(fileName),
            Format = image.Format,
            Width = image.Width,
            Height = image.Height,
            ByteSize = bytes.Length,
            Alt = "",
            UploadedBy = uploadedBy,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        await ApplyAsync(item, input, ct);
        // Files first: a row never points at files that are not there; files without a row (a failed save) are
        // unreachable by name and harmless.
        await store.SaveAsync(item.FileKey, image.Files, ct);
        db.MediaItems.Add(item);
        await db.SaveChangesAsync(ct);
        return Outcome<MediaItem>.Ok(item);
    }

    /// <param name="manage">Editors change focal point, folder and consent too; writers the alt texts, and may mark that the image shows a child (never unmark it).</param>
    public async Task<Outcome<MediaItem>> EditAsync(int id, MediaInput input, bool manage, CancellationToken ct = default)
    {
        var item = await db.MediaItems.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (item is null) return Outcome<MediaItem>.Fail("", "Không tìm thấy ảnh.");
        if (!manage)
        {
            var alts = MediaInput.From(item);
            alts.Alt = input.Alt;
            alts.AltEn = input.AltEn;
            alts.ShowsChild = item.ShowsChild || input.ShowsChild;
            input = alts;
        }
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0) return Outcome<MediaItem>.Fail(errors);

        var focalMoved = item.FocalX != input.FocalX || item.FocalY != input.FocalY;
        await ApplyAsync(item, input, ct);
        // A published image shows the new alt text and crops at once.
        var published = await db.PublishedMedia.FirstOrDefaultAsync(p => p.MediaItemId == item.Id, ct);
        if (published is not null)
        {
            published.Alt = item.Alt;
            published.AltEn = item.AltEn;
            published.FocalX = item.FocalX;
            published.FocalY = item.FocalY;
        }
        await db.SaveChangesAsync(ct);
        // Files after the commit, as publishing does: a save that fails leaves the files as they were. The crop URLs
        // carry the focal point (?v=…), so the new crops are fetched fresh.
        if (focalMoved)
        {
            var master = await store.ReadPrivateAsync(item.FileKey, MediaRenditions.Master, ct);
            await store.SaveAsync(item.FileKey, processor.Recrop(master, (double)item.FocalX, (double)item.FocalY), ct);
            if (published is not null) await store.PublishAsync(item.FileKey, item.Width, ct);
        }
        return Outcome<MediaItem>.Ok(item);
    }

    public Task<MediaItem?> FindAsync(int id, CancellationToken ct = default) =>
        db.MediaItems.AsNoTracking().Include(m => m.Folder).FirstOrDefaultAsync(m => m.Id == id, ct);

    /// <summary>Newest first; the search ignores diacritics and case ("ao am" finds "Áo ấm").</summary>
    public async Task<Paged<MediaRow>> ListAsync(string? q, int? folderId, int page, CancellationToken ct = default)
    {
        var items = db.MediaItems.AsNoTracking();
        var folded = TextFolding.Fold(q);
        if (folded.Length > 0) items = items.Where(m => m.SearchText.Contains(folded));
        if (folderId is { } folder) items = items.Where(m => m.FolderId == folder);
        return await Paged<MediaRow>.FromAsync(items.OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id)
            .Select(m => new MediaRow(m.Id, m.FileKey, m.OriginalFileName, m.Alt, m.Width, m.Height, m.Folder!.Name, m.ShowsChild, m.ConsentRecordId,
                m.UploadedAt, db.ContentMediaUses.Count(u => u.MediaItemId == m.Id))), page, PageSize, ct);
    }

    /// <summary>Content whose latest or published version uses the item, with the title of its latest version.</summary>
    public async Task<IReadOnlyList<MediaUseRow>> WhereUsedAsync(int id, CancellationToken ct = default) =>
        await db.ContentMediaUses.AsNoTracking().Where(u => u.MediaItemId == id).OrderBy(u => u.ContentItem!.Path)
            .Select(u => new MediaUseRow(u.ContentItemId, u.ContentItem!.Path,
                db.ContentVersions.Where(v => v.ContentItemId == u.ContentItemId && v.Number == u.ContentItem.LatestVersion).Select(v => v.Title).FirstOrDefault() ?? "",
                u.ContentItem.State))
            .ToListAsync(ct);

    /// <summary>
    /// Photos kept after a child's erasure because content still uses them (<see cref="Children.ChildErasure"/>): not
    /// public any more, but the pages show a hole until an editor replaces each and deletes it. The library's first page
    /// lists them with the content to fix, until none is left.
    /// </summary>
    public async Task<IReadOnlyList<(int MediaId, IReadOnlyList<MediaUseRow> Uses)>> ErasedStillUsedAsync(CancellationToken ct = default)
    {
        var ids = await db.MediaItems.AsNoTracking().Where(m => m.ErasedOn != null).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        var result = new List<(int, IReadOnlyList<MediaUseRow>)>();
        foreach (var id in ids)
            if (await WhereUsedAsync(id, ct) is { Count: > 0 } uses) result.Add((id, uses));
        return result;
    }

    /// <summary>Refused while content uses the item or it is public; then the row, then its files.</summary>
    public async Task<Outcome<string>> DeleteAsync(int id, CancellationToken ct = default)
    {
        var item = await db.MediaItems.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (item is null) return Outcome<string>.Fail("", "Không tìm thấy ảnh.");
        var uses = await db.ContentMediaUses.CountAsync(u => u.MediaItemId == id, ct);
        if (uses > 0 || await db.PublishedMedia.AnyAsync(p => p.MediaItemId == id, ct))
            return Outcome<string>.Fail("", $"Không xóa được: ảnh đang được dùng trong {Math.Max(uses, 1)} nội dung. Gỡ ảnh khỏi các nội dung đó trước.");
        db.MediaItems.Remove(item);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Content started using it between the check and the delete: the database's foreign key refused.
            return Outcome<string>.Fail("", "Không xóa được: ảnh vừa được dùng trong một nội dung.");
        }
        store.Delete(item.FileKey);
        return Outcome<string>.Ok(item.OriginalFileName);
    }

    public async Task<IReadOnlyList<(int Id, string Path)>> FoldersAsync(CancellationToken ct = default)
    {
        var all = await db.MediaFolders.AsNoTracking().ToListAsync(ct);
        var byId = all.ToDictionary(f => f.Id);
        string PathOf(MediaFolder f) => f.ParentId is { } p && byId.TryGetValue(p, out var parent) ? $"{PathOf(parent)} / {f.Name}" : f.Name;
        return all.Select(f => (f.Id, PathOf(f))).OrderBy(f => f.Item2, StringComparer.Create(VietnameseFormat.Culture, false)).ToList();
    }

    public async Task<Outcome<MediaFolder>> AddFolderAsync(string? name, int? parentId, CancellationToken ct = default)
    {
        if (NameRule.Check(name, MediaFolder.NameLength, "Vui lòng nhập tên thư mục.", $"Tên thư mục tối đa {MediaFolder.NameLength} ký tự.") is { } problem)
            return Outcome<MediaFolder>.Fail("Name", problem);
        if (parentId is { } p && !await db.MediaFolders.AnyAsync(f => f.Id == p, ct))
            return Outcome<MediaFolder>.Fail("ParentId", "Không tìm thấy thư mục cha.");
        var trimmed = name!.Trim();
        if (await db.MediaFolders.AnyAsync(f => f.ParentId == parentId && f.Name == trimmed, ct))
            return Outcome<MediaFolder>.Fail("Name", "Đã có thư mục cùng tên ở đây.");
        var folder = db.MediaFolders.Add(new MediaFolder { Name = trimmed, ParentId = parentId }).Entity;
        await db.SaveChangesAsync(ct);
        return Outcome<MediaFolder>.Ok(folder);
    }

    private async Task<Dictionary<string, string>> ValidateAsync(MediaInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Alt))
            errors[nameof(input.Alt)] = "Vui lòng nhập mô tả ảnh (tiếng Việt) cho người không nhìn thấy ảnh.";
        else if (input.Alt.Trim().Length > MediaItem.AltLength)
            errors[nameof(input.Alt)] = $"Mô tả ảnh tối đa {MediaItem.AltLength} ký tự.";
        if (input.AltEn?.Trim().Length > MediaItem.AltLength)
            errors[nameof(input.AltEn)] = $"Mô tả tiếng Anh tối đa {MediaItem.AltLength} ký tự.";
        if (input.FocalX is < 0 or > 1) errors[nameof(input.FocalX)] = "Tiêu điểm ngang phải từ 0 đến 1.";
        if (input.FocalY is < 0 or > 1) errors[nameof(input.FocalY)] = "Tiêu điểm dọc phải từ 0 đến 1.";
        if (input.FolderId is { } folder && !await db.MediaFolders.AnyAsync(f => f.Id == folder, ct))
            errors[nameof(input.FolderId)] = "Không tìm thấy thư mục.";
        if (input.ConsentRecordId is { } consent)
        {
            // Scoped: a consent of a child outside the user's units does not exist for them.
            var record = await db.ConsentRecords.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consent, ct);
            if (record is null) errors[nameof(input.ConsentRecordId)] = "Không tìm thấy hồ sơ đồng ý trong phạm vi đơn vị của bạn.";
            else if (record.WithdrawnAt is not null) errors[nameof(input.ConsentRecordId)] = "Hồ sơ đồng ý này đã bị rút lại.";
        }
        return errors;
    }

    private async Task ApplyAsync(MediaItem item, MediaInput input, CancellationToken ct)
    {
        item.Alt = input.Alt!.Trim();
        item.AltEn = string.IsNullOrWhiteSpace(input.AltEn) ? null : input.AltEn.Trim();
        item.FolderId = input.FolderId;
        item.ShowsChild = input.ShowsChild;
        item.ConsentRecordId = input.ConsentRecordId;
        item.FocalX = Math.Round(input.FocalX, 4);
        item.FocalY = Math.Round(input.FocalY, 4);
        var folderName = input.FolderId is { } f ? await db.MediaFolders.Where(x => x.Id == f).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var search = TextFolding.Fold($"{item.Alt} {item.AltEn} {item.OriginalFileName} {folderName}");
        item.SearchText = search.Length <= MediaItem.SearchTextLength ? search : search[..MediaItem.SearchTextLength];
    }

    /// <summary>The name as the uploader's device gave it, for people only (files are named by FileKey): no path, no control characters.</summary>
    private static string SafeFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0) name = "anh";
        return name.Length <= MediaItem.FileNameLength ? name : name[^MediaItem.FileNameLength..];
    }
}
