using System.Text;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace ChildAid.Tests.Media;

/// <summary>The media library on a real database and a real folder: upload, search, edit, where used, delete.</summary>
public abstract class MediaLibraryTests(DatabaseProvider provider) : DatabaseTest(provider), IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "childaid-library-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider services = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        services = MediaWorld.Services(Db, root);
    }

    public override async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await base.DisposeAsync();
    }

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        GC.SuppressFinalize(this);
    }

    private string PrivateFolder(string key) => Path.Combine(root, "private", key);

    private async Task<MediaItem> UploadAsync(string alt = "Áo ấm cho em ở bản Phăng", byte[]? bytes = null, string name = "ao-am.jpg", int? folderId = null)
    {
        await using var scope = Scope(services, "bientap");
        var outcome = await scope.ServiceProvider.GetRequiredService<MediaLibrary>()
            .UploadAsync(name, bytes ?? TestImages.WithCameraMetadata(TestImages.Jpeg(1800, 1200), 6), new MediaInput { Alt = alt, FolderId = folderId }, "bientap");
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        return outcome.Value!;
    }

    [Fact]
    public async Task An_upload_keeps_metadata_free_renditions_a_row_and_an_audit_line()
    {
        var item = await UploadAsync();

        await using var db = Db.NewContext();
        var row = await db.MediaItems.SingleAsync();
        Assert.Equal((MediaFormat.Jpeg, 1200, 1800), (row.Format, row.Width, row.Height));  // orientation 6 applied
        Assert.Equal("ao-am.jpg", row.OriginalFileName);
        Assert.Equal("ao am cho em o ban phang ao-am.jpg", row.SearchText);
        Assert.True(MediaStore.IsFileKey(row.FileKey));
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.EntityType == nameof(MediaItem) && a.Action == "Added" && a.Actor == "bientap");

        var files = Directory.GetFiles(PrivateFolder(item.FileKey));
        Assert.Equal(MediaRenditions.PublicFiles(1200).Count + 1, files.Length);
        foreach (var file in files)
        {
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain("Exif\0\0", text);
            Assert.DoesNotContain("GPSLatitude", text);
            Assert.DoesNotContain("http://ns.adobe.com/xap", text);
        }
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("bomb")]
    [InlineData("polyglot")]
    [InlineData("gif named .jpg")]
    public async Task A_hostile_file_is_refused_with_a_message_and_leaves_no_row_and_no_file(string kind)
    {
        var jpeg = TestImages.Jpeg(400, 300);
        byte[] bytes = kind switch
        {
            "truncated" => jpeg[..(jpeg.Length / 2)],
            "bomb" => TestImages.PngClaiming(30_000, 30_000),
            "polyglot" => [.. jpeg, .. TestImages.Zip()],
            _ => "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff\x2c"u8.ToArray(),
        };
        await using var scope = Scope(services, "bientap");
        var outcome = await scope.ServiceProvider.GetRequiredService<MediaLibrary>()
            .UploadAsync("anh.jpg", bytes, new MediaInput { Alt = "Ảnh" }, "bientap");

        Assert.False(outcome.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Errors[ImageProcessor.Field]));
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.MediaItems.CountAsync());
        Assert.False(Directory.Exists(Path.Combine(root, "private")) && Directory.EnumerateFileSystemEntries(Path.Combine(root, "private")).Any());
    }

    [Fact]
    public async Task Alt_text_in_vietnamese_is_required()
    {
        await using var scope = Scope(services, "bientap");
        var outcome = await scope.ServiceProvider.GetRequiredService<MediaLibrary>()
            .UploadAsync("a.jpg", TestImages.Jpeg(200, 100), new MediaInput { Alt = "  ", AltEn = "Warm coats" }, "bientap");
        Assert.StartsWith("Vui lòng nhập mô tả ảnh", outcome.Errors[nameof(MediaInput.Alt)]);
    }

    [Fact]
    public async Task Search_without_diacritics_finds_the_vietnamese_alt_text_and_the_folder()
    {
        int folderId;
        await using (var scope = Scope(services, "bientap"))
            folderId = (await scope.ServiceProvider.GetRequiredService<MediaLibrary>().AddFolderAsync("Chiến dịch Tết", null)).Value!.Id;
        await UploadAsync("Áo ấm cho em");
        await UploadAsync("Sách vở mùa tựu trường", folderId: folderId);
        await UploadAsync("Bữa trưa ở điểm trường");

        await using var search = Scope(services);
        var library = search.ServiceProvider.GetRequiredService<MediaLibrary>();
        Assert.Equal(["Áo ấm cho em"], (await library.ListAsync("ao am", null, 1)).Items.Select(r => r.Alt));
        Assert.Equal(["Sách vở mùa tựu trường"], (await library.ListAsync("chien dich tet", null, 1)).Items.Select(r => r.Alt));
        Assert.Equal(["Sách vở mùa tựu trường"], (await library.ListAsync(null, folderId, 1)).Items.Select(r => r.Alt));
        Assert.Equal(3, (await library.ListAsync(null, null, 1)).Total);
    }

    [Fact]
    public async Task An_item_in_use_cannot_be_deleted_and_the_library_says_where_it_is_used()
    {
        var item = await UploadAsync();
        await using (var db = Db.NewContext())
        {
            var page = new ContentItem
            {
                Type = ContentType.Page, Slug = "gioi-thieu", Path = "/trang/gioi-thieu", CreatedBy = "bientap", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                LatestVersion = 1,
            };
            page.Versions.Add(new ContentVersion { Number = 1, Title = "Giới thiệu", Slug = "gioi-thieu", CreatedBy = "bientap", CreatedAt = DateTime.UtcNow });
            db.ContentItems.Add(page);
            await db.SaveChangesAsync();
            db.ContentMediaUses.Add(new ContentMediaUse { ContentItemId = page.Id, MediaItemId = item.Id });
            await db.SaveChangesAsync();
        }

        await using (var scope = Scope(services, "bientap"))
        {
            var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
            var used = Assert.Single(await library.WhereUsedAsync(item.Id));
            Assert.Equal(("/trang/gioi-thieu", "Giới thiệu", ContentState.Draft), (used.Path, used.Title, used.State));
            Assert.Equal(1, (await library.ListAsync(null, null, 1)).Items.Single().Uses);

            var refused = await library.DeleteAsync(item.Id);
            Assert.StartsWith("Không xóa được: ảnh đang được dùng trong 1 nội dung", refused.Errors[""]);
        }
        Assert.True(Directory.Exists(PrivateFolder(item.FileKey)));

        await using (var db = Db.NewContext())
        {
            db.ContentMediaUses.RemoveRange(db.ContentMediaUses);
            await db.SaveChangesAsync();
        }
        await using (var scope = Scope(services, "bientap"))
            Assert.True((await scope.ServiceProvider.GetRequiredService<MediaLibrary>().DeleteAsync(item.Id)).Succeeded);
        Assert.False(Directory.Exists(PrivateFolder(item.FileKey)));
        await using (var db = Db.NewContext()) Assert.Equal(0, await db.MediaItems.CountAsync());
    }

    [Fact]
    public async Task Moving_the_focal_point_recrops_and_refreshes_a_published_copy()
    {
        var item = await UploadAsync(bytes: TestImages.Jpeg(2000, 1000));
        var store = services.GetRequiredService<MediaStore>();
        await store.PublishAsync(item.FileKey, item.Width);
        await using (var db = Db.NewContext())
        {
            db.PublishedMedia.Add(new PublishedMedia { MediaItemId = item.Id, FileKey = item.FileKey, Width = item.Width, Height = item.Height, FocalX = 0.5m, FocalY = 0.5m, Alt = item.Alt, PublishedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using (var scope = Scope(services, "bientap"))
        {
            var input = MediaInput.From(item);
            input.FocalX = 0m; input.FocalY = 0m; input.AltEn = "Warm coats";
            Assert.True((await scope.ServiceProvider.GetRequiredService<MediaLibrary>().EditAsync(item.Id, input, manage: true)).Succeeded);
        }

        using (var card = SKBitmap.Decode(store.PublicFile(item.FileKey, "card.jpg")))
            Assert.True(card.GetPixel(10, 10).Red > 200, "the public card now shows the red top-left corner");
        await using var check = Db.NewContext();
        var published = await check.PublishedMedia.SingleAsync();
        Assert.Equal((0m, 0m, "Warm coats"), (published.FocalX, published.FocalY, published.AltEn));
    }

    [Fact]
    public async Task A_writer_changes_the_alt_texts_and_may_only_mark_that_a_child_is_shown()
    {
        var item = await UploadAsync();
        await using (var scope = Scope(services, "phongvien"))
        {
            var input = MediaInput.From(item);
            input.Alt = "Em bé mặc áo ấm mới";
            input.FocalX = 0.1m; input.ShowsChild = true;
            Assert.True((await scope.ServiceProvider.GetRequiredService<MediaLibrary>().EditAsync(item.Id, input, manage: false)).Succeeded);
        }
        await using var db = Db.NewContext();
        var row = await db.MediaItems.SingleAsync();
        Assert.Equal(("Em bé mặc áo ấm mới", 0.5m, true), (row.Alt, row.FocalX, row.ShowsChild));
    }
}

public class MediaLibraryTestsOnSqlite() : MediaLibraryTests(DatabaseProvider.Sqlite);

public class MediaLibraryTestsOnPostgres() : MediaLibraryTests(DatabaseProvider.Postgres);

/// <summary>Services of the media library over a test database, with private and public areas under one temporary folder.</summary>
public static class MediaWorld
{
    public static ServiceProvider Services(TestDatabase db, string root, Action<IServiceCollection>? configure = null) => db.Services(s =>
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Media:Root"] = Path.Combine(root, "private"),
            ["Media:PublicRoot"] = Path.Combine(root, "public"),
        }).Build();
        s.AddMedia(configuration);
        configure?.Invoke(s);
    });
}
