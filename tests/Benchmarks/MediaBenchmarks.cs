using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Perfolizer.Horology;
using SkiaSharp;

namespace ChildAid.Benchmarks;

/// <summary>
/// A 12-megapixel camera JPEG (4000×3000, textured so the encoders work as hard as on a photo) through the whole
/// upload pipeline: checks, decode, orient, master, 3 widths × WebP+JPEG, hero/card WebP+JPEG, share JPEG. Target &lt; 1.5 s.
/// </summary>
[Config(typeof(Config))]
public class MediaProcessingBenchmarks
{
    private byte[] photo = [];
    private readonly ImageProcessor processor = new(Options.Create(new MediaOptions()));

    [GlobalSetup]
    public void Setup() => photo = Photo(4000, 3000);

    [Benchmark]
    public int TwelveMegapixelJpegIntoAllSizes()
    {
        var outcome = processor.Process(photo, 0.4, 0.4);
        if (!outcome.Succeeded) throw new InvalidOperationException(string.Join("; ", outcome.Errors.Values));
        return outcome.Value!.Files.Count;
    }

    /// <summary>
    /// `-- --media-cpu`: wall time and this process's CPU time per upload (10 runs after 2 warm-ups). On a shared,
    /// overloaded machine the CPU time says what an upload costs; the wall time says how long the machine made it wait.
    /// </summary>
    public static int CpuTime()
    {
        var bench = new MediaProcessingBenchmarks();
        bench.Setup();
        Console.WriteLine($"// photo: {bench.photo.Length:N0} bytes, 4000×3000 JPEG q92");
        for (var i = 0; i < 12; i++)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            bench.TwelveMegapixelJpegIntoAllSizes();
            wall.Stop();
            process.Refresh();
            if (i >= 2) Console.WriteLine($"run {i - 1}: wall {wall.Elapsed.TotalMilliseconds:F0} ms, CPU {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms");
        }
        return 0;
    }

    /// <summary>Gradients, shapes and per-pixel noise: compresses like a photo (about 4–6 MB at quality 92), not like a flat test card.</summary>
    public static byte[] Photo(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var sky = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, height), [new SKColor(90, 140, 200), new SKColor(230, 200, 150)], SKShaderTileMode.Clamp) };
            canvas.DrawRect(0, 0, width, height, sky);
            var random = new Random(12);
            for (var i = 0; i < 400; i++)
            {
                using var paint = new SKPaint { Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 160), IsAntialias = true };
                canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(20, 300), paint);
            }
        }
        var pixels = bitmap.GetPixelSpan();
        var noise = new Random(3);
        var bytes = new byte[pixels.Length];
        noise.NextBytes(bytes);
        var copy = pixels.ToArray();
        for (var i = 0; i < copy.Length; i++)
            if ((i & 3) != 3) copy[i] = (byte)Math.Clamp(copy[i] + (bytes[i] % 24) - 12, 0, 255);
        System.Runtime.InteropServices.Marshal.Copy(copy, 0, bitmap.GetPixels(), copy.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }

    public sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(15)
                .WithInvocationCount(1).WithUnrollFactor(1)
                .WithId("OneUploadPerIteration"));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
            SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond);
        }
    }
}

/// <summary>The media library's list page over 10,000 items (with folders and uses): first page, a folded search, the last page. Target p95 &lt; 100 ms.</summary>
[Config(typeof(StatementQueryBenchmarks.Config))]
public class MediaLibraryListBenchmarks
{
    public const int Items = 10_000;

    public enum Case { FirstPage, FoldedSearch, LastPage }

    public static IEnumerable<DatabaseProvider> Providers() => StatementQueryBenchmarks.Providers();

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    [ParamsAllValues]
    public Case List { get; set; }

    private string cs = "";
    private readonly ImageProcessor processor = new(Options.Create(new MediaOptions()));
    private readonly MediaStore store = new(Options.Create(new MediaOptions()));

    [GlobalSetup]
    public void Setup() => cs = MediaBenchDatabase.ConnectionStringAsync(Provider, Items).GetAwaiter().GetResult();

    [Benchmark]
    public async Task<int> ListPage()
    {
        await using var db = BenchDatabase.Context(Provider, cs);
        var library = new MediaLibrary(db, processor, store, TimeProvider.System);
        var page = List switch
        {
            Case.FoldedSearch => await library.ListAsync("ao am", null, 1),
            Case.LastPage => await library.ListAsync(null, null, Items / MediaLibrary.PageSize + 1),
            _ => await library.ListAsync(null, null, 1),
        };
        if (page.Items.Count == 0) throw new InvalidOperationException("empty page");
        return page.Items.Count;
    }
}

public static class MediaBenchDatabase
{
    private static readonly string[] Subjects =
        ["Áo ấm cho em", "Bữa trưa có thịt", "Sách vở mùa tựu trường", "Chăn bông mùa đông", "Điểm trường Phăng", "Xe đạp đến trường", "Nước sạch cho bản"];

    public static async Task<string> ConnectionStringAsync(DatabaseProvider provider, int items)
    {
        var cs = await BenchDatabase.PlaceAsync(provider, $"media-{items}", $"childaid_media_bench_{items}");

        await using var db = BenchDatabase.Context(provider, cs);
        await db.Database.MigrateAsync();
        if (await db.MediaItems.CountAsync() == items) return cs;
        if (await db.MediaItems.AnyAsync()) throw new InvalidOperationException($"The bench database holds another number of media items: delete it ({cs}).");

        var watch = Stopwatch.StartNew();
        var folders = Enumerable.Range(1, 20).Select(i => new MediaFolder { Name = $"Chiến dịch {i}" }).ToList();
        db.MediaFolders.AddRange(folders);
        var pages = Enumerable.Range(1, 100).Select(i => new ContentItem
        {
            Type = ContentType.Page, Slug = $"trang-{i}", Path = $"/trang/trang-{i}", CreatedBy = "bench", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        }).ToList();
        db.ContentItems.AddRange(pages);
        await db.SaveChangesAsync();
        var random = new Random(10);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var chunk = 0; chunk < items; chunk += 1000)
        {
            var batch = new List<MediaItem>();
            for (var i = chunk; i < Math.Min(items, chunk + 1000); i++)
            {
                var folder = folders[random.Next(folders.Count)];
                var alt = $"{Subjects[random.Next(Subjects.Length)]} — ảnh số {i.ToString(CultureInfo.InvariantCulture)}";
                var name = $"IMG_{i:D5}.jpg";
                batch.Add(new MediaItem
                {
                    FolderId = folder.Id, FileKey = MediaStore.NewFileKey(), OriginalFileName = name, Format = MediaFormat.Jpeg, Width = 4000, Height = 3000,
                    ByteSize = 4_000_000, Alt = alt, UploadedBy = "bench", UploadedAt = start.AddMinutes(i * 37),
                    SearchText = TextFolding.Fold($"{alt} {name} {folder.Name}"),
                });
            }
            db.MediaItems.AddRange(batch);
            await db.SaveChangesAsync();
            if (chunk == 0)
                db.ContentMediaUses.AddRange(pages.Select((p, k) => new ContentMediaUse { ContentItemId = p.Id, MediaItemId = batch[k].Id }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        Console.WriteLine($"// {provider}: {items:N0} media items ready in {watch.Elapsed.TotalSeconds:F0} s");
        return cs;
    }

}
