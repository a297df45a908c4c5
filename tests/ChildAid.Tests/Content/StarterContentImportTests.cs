using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.Content;

/// <summary>The repository's starter content goes in through the editors' services, published and dated as its files say, once.</summary>
public abstract class StarterContentImportTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task The_starter_content_is_imported_published_with_library_images_and_a_second_run_changes_nothing()
    {
        var root = Path.Combine(Path.GetTempPath(), $"childaid-media-{Guid.NewGuid():N}");
        var clock = new FakeTimeProvider(new DateTime(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc));
        await using var services = Db.Services(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton(Options.Create(new MediaOptions { Root = Path.Combine(root, "private"), PublicRoot = Path.Combine(root, "public") }));
            s.AddSingleton<ImageProcessor>();
            s.AddSingleton<MediaStore>();
            s.AddScoped<MediaLibrary>();
            s.AddScoped<StarterContentImport>();
        });
        await using (var db = Db.NewContext())
        {
            await TestData.CampaignAsync(db, "Áo ấm cho em", "ao-am-cho-em");
            await TestData.CampaignAsync(db, "Bữa trưa có thịt", "bua-trua-co-thit");
        }
        var contentRoot = Path.Combine(RepositoryFolder.Root, "content");

        StarterImportResult first, second;
        await using (var scope = services.CreateAsyncScope()) first = await scope.ServiceProvider.GetRequiredService<StarterContentImport>().ImportAsync(contentRoot);
        await using (var scope = services.CreateAsyncScope()) second = await scope.ServiceProvider.GetRequiredService<StarterContentImport>().ImportAsync(contentRoot);

        await using var check = Db.NewContext();
        var story = await check.PublishedContent.SingleAsync(p => p.Path == "/tin-tuc/lo-ao-am-dau-tien-ve-ia-dal" && p.Language == "vi");
        Assert.Equal(StarterContent.Load(contentRoot).Count, first.Created);
        Assert.True(first.Published >= 2, $"published {first.Published}");
        Assert.True(first.Images > 0);
        Assert.Equal(0, second.Created);
        Assert.Equal(first.Created, second.Skipped);
        Assert.Equal(new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc), DateTime.SpecifyKind(story.PublishedAt, DateTimeKind.Utc));
        Assert.NotNull(story.HeroMediaId);
        Assert.Contains("/media/", story.BodyHtml);
        Assert.True(await check.PublishedMedia.AnyAsync(m => m.MediaItemId == story.HeroMediaId));
        Assert.True(await check.PublishedContent.AnyAsync(p => p.Path == "/tin-tuc/lo-ao-am-dau-tien-ve-ia-dal" && p.Language == "en"));
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

}

public class StarterContentImportTestsOnSqlite() : StarterContentImportTests(DatabaseProvider.Sqlite);

public class StarterContentImportTestsOnPostgres() : StarterContentImportTests(DatabaseProvider.Postgres);
