using ChildAid.Shared.Media;
using Microsoft.Extensions.Options;

namespace ChildAid.Tests.Media;

public sealed class MediaStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "childaid-media-" + Guid.NewGuid().ToString("N"));
    private readonly MediaStore store;

    public MediaStoreTests() =>
        store = new MediaStore(Options.Create(new MediaOptions { Root = Path.Combine(root, "private"), PublicRoot = Path.Combine(root, "public") }));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private static readonly ImageProcessor Processor = new(Options.Create(new MediaOptions()));

    private async Task<(string Key, ProcessedImage Image)> StoredAsync()
    {
        var image = Processor.Process(TestImages.Jpeg(1200, 800)).Value!;
        var key = MediaStore.NewFileKey();
        await store.SaveAsync(key, image.Files);
        return (key, image);
    }

    [Fact]
    public async Task An_upload_lives_only_in_the_private_area_until_published()
    {
        var (key, image) = await StoredAsync();
        Assert.All(image.Files, f => Assert.NotNull(store.PrivateFile(key, f.FileName)));
        Assert.False(store.IsPublished(key));
        Assert.Null(store.PublicFile(key, "w480.webp"));
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "private", key), "*.tmp"));
    }

    [Fact]
    public async Task Publishing_copies_the_public_renditions_but_never_the_master_and_unpublishing_removes_them()
    {
        var (key, image) = await StoredAsync();
        await store.PublishAsync(key, image.Width);
        Assert.True(store.IsPublished(key));
        Assert.Equal(MediaRenditions.PublicFiles(1200).Order(), Directory.GetFiles(Path.Combine(root, "public", key)).Select(Path.GetFileName).Order());
        Assert.Equal(await File.ReadAllBytesAsync(store.PrivateFile(key, "share.jpg")!), await File.ReadAllBytesAsync(store.PublicFile(key, "share.jpg")!));
        Assert.Null(store.PublicFile(key, MediaRenditions.Master));

        store.Unpublish(key);
        Assert.False(store.IsPublished(key));
        Assert.Null(store.PublicFile(key, "w480.webp"));
        Assert.NotNull(store.PrivateFile(key, "w480.webp"));
    }

    [Fact]
    public async Task Deleting_removes_both_areas()
    {
        var (key, image) = await StoredAsync();
        await store.PublishAsync(key, image.Width);
        store.Delete(key);
        Assert.False(Directory.Exists(Path.Combine(root, "private", key)));
        Assert.False(Directory.Exists(Path.Combine(root, "public", key)));
    }

    [Theory]
    [InlineData("../../etc", "passwd")]
    [InlineData("abcdefghijklmnopqrstuvwxyz234567", "../master.jpg")]
    [InlineData("abcdefghijklmnopqrstuvwxyz234567", "w480.webp/../../x")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "w480.webp")]
    [InlineData("abcdefghijklmnopqrstuvwxyz234567", "photo.html")]
    public void A_path_made_of_anything_but_a_file_key_and_a_rendition_name_is_never_opened(string key, string name)
    {
        Assert.Null(store.PrivateFile(key, name));
        Assert.Null(store.PublicFile(key, name));
    }

    [Fact]
    public async Task Saving_with_a_bad_name_throws_instead_of_writing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync("../x", []));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(MediaStore.NewFileKey(), [new RenditionFile("../evil.jpg", [1])]));
    }

    [Fact]
    public void File_keys_are_random_and_well_formed()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => MediaStore.NewFileKey()).ToList();
        Assert.All(keys, k => Assert.True(MediaStore.IsFileKey(k)));
        Assert.Equal(100, keys.Distinct().Count());
    }
}
