using System.Text;
using ChildAid.Shared.Media;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace ChildAid.Tests.Media;

public class ImageProcessorTests
{
    private static readonly ImageProcessor Processor = new(Options.Create(new MediaOptions()));

    private static ProcessedImage Accepted(byte[] bytes, double fx = 0.5, double fy = 0.5)
    {
        var outcome = Processor.Process(bytes, fx, fy);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        return outcome.Value!;
    }

    private static string Rejected(byte[] bytes)
    {
        var outcome = Processor.Process(bytes);
        Assert.False(outcome.Succeeded);
        return outcome.Errors[ImageProcessor.Field];
    }

    private static byte[] File(ProcessedImage image, string name) => image.Files.Single(f => f.FileName == name).Bytes;

    [Fact]
    public void A_large_photo_gets_three_widths_in_webp_and_jpeg_and_the_three_crops()
    {
        var image = Accepted(TestImages.Jpeg(2400, 1600));
        Assert.Equal(MediaFormat.Jpeg, image.Format);
        Assert.Equal((2400, 1600), (image.Width, image.Height));
        Assert.Equal(
            [MediaRenditions.Master, .. MediaRenditions.PublicFiles(2400)],
            image.Files.Select(f => f.FileName));
        foreach (var (name, w, h) in new[] { ("w480.webp", 480, 320), ("w960.jpg", 960, 640), ("w1600.webp", 1600, 1067),
                     ("hero.jpg", 1600, 900), ("card.webp", 800, 600), ("share.jpg", 1200, 630), ("master.jpg", 1600, 1067) })
        {
            using var decoded = SKBitmap.Decode(File(image, name));
            Assert.Equal((w, h), (decoded.Width, decoded.Height));
        }
        Assert.Equal(SKEncodedImageFormat.Webp, SKCodec.Create(new MemoryStream(File(image, "w480.webp"))).EncodedFormat);
        Assert.Equal(SKEncodedImageFormat.Jpeg, SKCodec.Create(new MemoryStream(File(image, "share.jpg"))).EncodedFormat);
    }

    [Fact]
    public void A_small_image_is_never_upscaled()
    {
        var image = Accepted(TestImages.Png(300, 200));
        Assert.Equal(MediaFormat.Png, image.Format);
        Assert.Equal(["w300.webp", "w300.jpg"], image.Files.Select(f => f.FileName).Where(n => n.StartsWith('w')));
        using var share = SKBitmap.Decode(File(image, "share.jpg"));
        Assert.True(share.Width <= 300 && share.Height <= 200);
        Assert.Equal(1200.0 / 630, (double)share.Width / share.Height, 1);
    }

    [Fact]
    public void A_middle_width_image_keeps_its_own_width_as_the_largest()
    {
        Assert.Equal([480, 960, 1200], MediaRenditions.WidthsFor(1200));
        Assert.Equal([480, 960, 1600], MediaRenditions.WidthsFor(4000));
        Assert.Equal([480], MediaRenditions.WidthsFor(480));
    }

    [Fact]
    public void Exif_orientation_6_turns_the_photo_upright()
    {
        // Stored 400×200 with the red quarter top-left; orientation 6 means "rotate 90° clockwise to view".
        var image = Accepted(TestImages.WithCameraMetadata(TestImages.Jpeg(400, 200), orientation: 6));
        Assert.Equal((200, 400), (image.Width, image.Height));
        using var upright = SKBitmap.Decode(File(image, "w200.jpg"));
        Assert.Equal((200, 400), (upright.Width, upright.Height));
        AssertRed(upright.GetPixel(150, 50));  // the stored top-left is now top-right
        AssertBlue(upright.GetPixel(50, 350));
    }

    [Fact]
    public void Exif_orientation_3_and_8_are_applied_too()
    {
        using (var turned = SKBitmap.Decode(File(Accepted(TestImages.WithCameraMetadata(TestImages.Jpeg(400, 200), 3)), "w400.jpg")))
            AssertRed(turned.GetPixel(350, 150));  // 180°: top-left → bottom-right
        var image = Accepted(TestImages.WithCameraMetadata(TestImages.Jpeg(400, 200), 8));
        using var left = SKBitmap.Decode(File(image, "w200.jpg"));
        Assert.Equal((200, 400), (left.Width, left.Height));
        AssertRed(left.GetPixel(50, 350));  // 270°: top-left → bottom-left
    }

    [Fact]
    public void No_metadata_survives_in_any_output_file()
    {
        var p3 = SKColorSpace.CreateRgb(SKColorSpaceTransferFn.Srgb, SKColorSpaceXyz.DisplayP3);
        var upload = TestImages.WithCameraMetadata(TestImages.Jpeg(2000, 1500, p3), orientation: 1);
        Assert.Contains("ICC_PROFILE", Encoding.Latin1.GetString(upload));  // the upload really carries all four
        Assert.Contains("Exif\0\0", Encoding.Latin1.GetString(upload));

        foreach (var file in Accepted(upload).Files)
        {
            var text = Encoding.Latin1.GetString(file.Bytes);
            foreach (var marker in new[] { "Exif\0\0", "GPSLatitude", "http://ns.adobe.com/xap", "xmpmeta", "ICC_PROFILE", "SecretCameraOwnerComment" })
                Assert.DoesNotContain(marker, text);
            if (file.FileName.EndsWith(".jpg"))
                Assert.Equal([0xE0, 0xDB], TestImages.JpegMarkers(file.Bytes).Take(2));  // JFIF, then tables only
            if (file.FileName.EndsWith(".jpg"))
                Assert.DoesNotContain(TestImages.JpegMarkers(file.Bytes), m => m is >= 0xE1 and <= 0xEF or 0xFE);
            else
                Assert.All(TestImages.WebpChunks(file.Bytes), c => Assert.Contains(c, new[] { "VP8 ", "VP8L", "VP8X", "ALPH" }));
        }
    }

    [Fact]
    public void Webp_uploads_are_accepted_by_their_bytes()
    {
        var image = Accepted(TestImages.Webp(640, 480));
        Assert.Equal(MediaFormat.Webp, image.Format);
    }

    [Fact]
    public void A_file_that_is_not_a_jpeg_png_or_webp_is_refused_whatever_its_name()
    {
        Assert.Equal(ImageContainer.NotAnImage, Rejected("GIF89a\x01\x00\x01\x00\x80\x00\x00"u8.ToArray()));
        Assert.Equal(ImageContainer.NotAnImage, Rejected("<html><body>photo.jpg</body></html>"u8.ToArray()));
        Assert.Equal(ImageContainer.NotAnImage, Rejected(new byte[] { 0xFF, 0xD8 }));
        Assert.Equal("Vui lòng chọn một tệp ảnh.", Rejected([]));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void A_truncated_jpeg_is_refused(double keep)
    {
        var jpeg = TestImages.Jpeg(800, 600);
        Assert.Equal(ImageContainer.Truncated, Rejected(jpeg[..(int)(jpeg.Length * keep)]));
    }

    [Fact]
    public void A_truncated_png_and_webp_are_refused()
    {
        var png = TestImages.Png(800, 600);
        Assert.Equal(ImageContainer.Truncated, Rejected(png[..(png.Length - 20)]));
        var webp = TestImages.Webp(800, 600);
        Assert.Equal(ImageContainer.Truncated, Rejected(webp[..(webp.Length / 2)]));
    }

    [Fact]
    public void A_png_whose_pixel_data_is_cut_inside_a_well_formed_chunk_list_is_refused()
    {
        // Well-formed chunks, but the IDAT holds almost nothing: the decoder runs out of pixels.
        var message = Rejected(TestImages.PngClaiming(400, 300));
        Assert.Equal(ImageContainer.Truncated, message);
    }

    [Theory]
    [InlineData(20_000, 100)]    // a side over 12,000
    [InlineData(9_000, 9_000)]   // 81 megapixels
    public void A_decompression_bomb_is_refused_from_its_header(int width, int height)
    {
        var message = Rejected(TestImages.PngClaiming(width, height));
        Assert.StartsWith("Ảnh quá lớn", message);
        Assert.Contains("50 triệu điểm ảnh", message);
    }

    [Fact]
    public void A_jpeg_claiming_60000_by_60000_is_refused_before_decoding()
    {
        var message = Rejected(TestImages.JpegClaiming(TestImages.Jpeg(64, 64), 60_000, 60_000));
        Assert.StartsWith("Ảnh quá lớn: 60.000×60.000", message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused()
    {
        var small = new ImageProcessor(Options.Create(new MediaOptions { MaxUploadBytes = 1024 * 1024 }));
        var outcome = small.Process(new byte[1024 * 1024 + 1]);
        Assert.Equal("Tệp quá lớn: tối đa 1 MB.", outcome.Errors[ImageProcessor.Field]);
    }

    [Fact]
    public void A_jpeg_with_a_zip_appended_is_a_polyglot()
    {
        Assert.Equal(ImageContainer.Polyglot, Rejected([.. TestImages.Jpeg(200, 200), .. TestImages.Zip()]));
    }

    [Fact]
    public void A_jpeg_with_a_page_and_script_appended_is_a_polyglot()
    {
        Assert.Equal(ImageContainer.Polyglot, Rejected([.. TestImages.Jpeg(200, 200), .. "<html><script>alert(1)</script></html>"u8.ToArray()]));
    }

    [Fact]
    public void A_jpeg_hiding_a_script_in_a_comment_is_a_polyglot()
    {
        var jpeg = TestImages.InsertJpegSegment(TestImages.Jpeg(200, 200), 0xFE, "*/=1;<SCRIPT src=//evil.example></SCRIPT>"u8.ToArray());
        Assert.Equal(ImageContainer.Polyglot, Rejected(jpeg));
    }

    [Fact]
    public void A_png_carrying_a_zip_in_a_text_chunk_or_after_its_end_is_a_polyglot()
    {
        var png = TestImages.Png(200, 200);
        Assert.Equal(ImageContainer.Polyglot, Rejected(TestImages.InsertPngChunk(png, "tEXt", [.. "Comment\0"u8, .. TestImages.Zip()])));
        Assert.Equal(ImageContainer.Polyglot, Rejected([.. png, .. TestImages.Zip()]));
    }

    [Fact]
    public void Zero_padding_after_the_end_of_a_jpeg_is_tolerated()
    {
        Accepted([.. TestImages.Jpeg(200, 200), 0, 0, 0, 0]);
    }

    [Fact]
    public void Random_bytes_behind_a_jpeg_magic_number_never_crash()
    {
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(3, 5000)];
            random.NextBytes(bytes);
            bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF;
            Assert.False(Processor.Process(bytes).Succeeded);
        }
    }

    [Fact]
    public void Flipping_bytes_inside_a_real_jpeg_never_crashes()
    {
        var jpeg = TestImages.Jpeg(300, 200);
        var random = new Random(11);
        for (var i = 0; i < 50; i++)
        {
            var damaged = (byte[])jpeg.Clone();
            for (var k = 0; k < 10; k++) damaged[random.Next(2, damaged.Length)] = (byte)random.Next(256);
            _ = Processor.Process(damaged);  // accepted or refused, never thrown
        }
    }

    [Fact]
    public void Moving_the_focal_point_moves_the_crop()
    {
        // 2000×1000 with the red quarter top-left: a card (4:3) around the left edge shows red, around the right edge blue.
        var image = Accepted(TestImages.Jpeg(2000, 1000), fx: 0.0, fy: 0.0);
        using (var left = SKBitmap.Decode(File(image, "card.jpg"))) AssertRed(left.GetPixel(20, 20));
        var recropped = Processor.Recrop(File(image, MediaRenditions.Master), 1.0, 0.0);
        Assert.Equal(["hero.webp", "hero.jpg", "card.webp", "card.jpg", "share.jpg"], recropped.Select(f => f.FileName));
        using var right = SKBitmap.Decode(recropped.Single(f => f.FileName == "card.jpg").Bytes);
        AssertBlue(right.GetPixel(right.Width - 20, 20));
    }

    [Fact]
    public void A_focal_crop_stays_inside_the_image()
    {
        var (region, w, h) = FocalCrop.Compute(1600, 1200, 1600, 900, 0.5, 1.0);
        Assert.Equal(SKRectI.Create(0, 300, 1600, 900), region);
        Assert.Equal((1600, 900), (w, h));
        (region, w, h) = FocalCrop.Compute(1000, 2000, 800, 600, 0.2, 0.5);
        Assert.Equal(SKRectI.Create(0, 625, 1000, 750), region);
        Assert.Equal((800, 600), (w, h));
        (region, w, h) = FocalCrop.Compute(400, 300, 1200, 630, double.NaN, 0.5);
        Assert.Equal((400, 210), (w, h));
        Assert.Equal(SKRectI.Create(0, 45, 400, 210), region);
    }

    private static void AssertRed(SKColor c) => Assert.True(c.Red > 200 && c.Blue < 60, $"expected red, got {c}");
    private static void AssertBlue(SKColor c) => Assert.True(c.Blue > 200 && c.Red < 60, $"expected blue, got {c}");
}
