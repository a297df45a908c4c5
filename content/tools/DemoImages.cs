#:package SkiaSharp@3.119.4
#:package SkiaSharp.NativeAssets.Linux.NoDependencies@3.119.4
#:property ManagePackageVersionsCentrally=false
#:property TreatWarningsAsErrors=false

// Draws the demo images of content/images/ with SkiaSharp: flat illustrations of objects and places the project may
// show (warm clothes, a school lunch, a play area, a mountain school, highland landscapes), never a person.
// Every picture is drawn from code here, so the project owns it (licence: the project's). Run from the repository root:
//   dotnet run content/tools/DemoImages.cs            (writes content/images/*.jpg, the favicon PNG)
// The same seed draws the same pictures, so a re-run changes no byte unless the code changes.

using SkiaSharp;

var output = args.Length > 0 ? args[0] : Path.Combine("content", "images");
Directory.CreateDirectory(output);

// name, scene, widths. Card pictures are 4:3 (480/960 px); campaign pictures also come as 16:9 heroes (960/1600 px).
var scenes = new (string Name, Action<SKCanvas, float, float> Draw)[]
{
    ("ao-am-cho-em", Scenes.WarmClothes),
    ("bua-trua-co-thit", Scenes.MealTray),
    ("ao-am", Scenes.Jacket),
    ("ung-am", Scenes.Boots),
    ("chan-am", Scenes.Blanket),
    ("khu-vui-choi", Scenes.PlayArea),
    ("truong-vung-cao", Scenes.School),
    ("nui-ruong-bac-thang", Scenes.Landscape),
};
long total = 0;
foreach (var (name, draw) in scenes)
{
    foreach (var w in new[] { 480, 960 })
        total += Save(Path.Combine(output, $"{name}-{w}.jpg"), w, w * 3 / 4, draw);
    if (name is "ao-am-cho-em" or "bua-trua-co-thit" or "nui-ruong-bac-thang")
        foreach (var w in new[] { 480, 960, 1600 })
            total += Save(Path.Combine(output, $"{name}-hero-{w}.jpg"), w, w * 9 / 16, draw);
}
Console.WriteLine($"{total / 1024} KB in {output}");

// The favicon in PNG (32 px, and 180 px for phones' home screens) and ICO, from the same shapes as favicon.svg.
var webRoot = args.Length > 1 ? args[1] : Path.Combine("PublicSite", "wwwroot");
if (Directory.Exists(webRoot))
{
    var png32 = Icon(32);
    File.WriteAllBytes(Path.Combine(webRoot, "favicon-32.png"), png32);
    File.WriteAllBytes(Path.Combine(webRoot, "apple-touch-icon.png"), Icon(180, background: SKColors.White));
    // An ICO holding one PNG: a 6-byte header, one 16-byte directory entry, then the PNG bytes.
    using var ico = new MemoryStream();
    using (var w = new BinaryWriter(ico, System.Text.Encoding.ASCII, leaveOpen: true))
    {
        w.Write((short)0); w.Write((short)1); w.Write((short)1);
        w.Write((byte)32); w.Write((byte)32); w.Write((byte)0); w.Write((byte)0);
        w.Write((short)1); w.Write((short)32); w.Write(png32.Length); w.Write(6 + 16);
        w.Write(png32);
    }
    File.WriteAllBytes(Path.Combine(webRoot, "favicon.ico"), ico.ToArray());
    Console.WriteLine($"favicon-32.png, apple-touch-icon.png, favicon.ico in {webRoot}");
}

static byte[] Icon(int size, SKColor? background = null)
{
    using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
    var c = surface.Canvas;
    c.Clear(background ?? SKColors.Transparent);
    // favicon.svg draws on a 48-unit square; a home-screen icon keeps a margin around the mark.
    var margin = background is null ? 0 : size * 0.12f;
    c.Translate(margin, margin);
    c.Scale((size - 2 * margin) / 48f);
    using var heart = SKPath.ParseSvgPathData(Logo.Heart);
    using var hills = SKPath.ParseSvgPathData(Logo.Hills);
    c.DrawPath(heart, new SKPaint { IsAntialias = true, Color = new SKColor(0x0b, 0x5d, 0x52) });
    c.DrawPath(hills, new SKPaint { IsAntialias = true, Color = SKColors.White });
    c.DrawCircle(34, 12, 3.6f, new SKPaint { IsAntialias = true, Color = new SKColor(0xff, 0xc8, 0x3d) });
    using var png = surface.Snapshot().Encode(SKEncodedImageFormat.Png, 100);
    return png.ToArray();
}


// A contact sheet to look at them all at once (PNG, outside the repository): DEMO_SHEET=/tmp/sheet.png.
if (Environment.GetEnvironmentVariable("DEMO_SHEET") is { Length: > 0 } sheetPath)
{
    using var sheet = SKSurface.Create(new SKImageInfo(4 * 480, 2 * 360));
    for (var i = 0; i < scenes.Length; i++)
    {
        using var tile = SKSurface.Create(new SKImageInfo(480, 360));
        tile.Canvas.Scale(360 / 900f);
        scenes[i].Draw(tile.Canvas, 480 / (360 / 900f), 900);
        Scenes.Finish(tile.Canvas, 480 / (360 / 900f), 900);
        using var snap = tile.Snapshot();
        sheet.Canvas.DrawImage(snap, i % 4 * 480, i / 4 * 360);
    }
    using var png = sheet.Snapshot().Encode(SKEncodedImageFormat.Png, 100);
    File.WriteAllBytes(sheetPath, png.ToArray());
}

static long Save(string path, int width, int height, Action<SKCanvas, float, float> draw)
{
    using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
    var canvas = surface.Canvas;
    // Scenes are drawn on a logical canvas 900 units high; the width follows the aspect ratio.
    var scale = height / 900f;
    canvas.Scale(scale);
    draw(canvas, width / scale, 900);
    Scenes.Finish(canvas, width / scale, 900);
    using var image = surface.Snapshot();
    using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
    File.WriteAllBytes(path, data.ToArray());
    Console.WriteLine($"{path} {data.Size / 1024} KB");
    return data.Size;
}

static class Scenes
{
    static SKPaint Fill(SKColor c) => new() { Color = c, IsAntialias = true, Style = SKPaintStyle.Fill };
    static SKPaint Stroke(SKColor c, float w) => new() { Color = c, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = w, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round };
    static SKPaint Vertical(float top, float bottom, SKColor a, SKColor b) => new()
    {
        IsAntialias = true,
        Shader = SKShader.CreateLinearGradient(new SKPoint(0, top), new SKPoint(0, bottom), [a, b], SKShaderTileMode.Clamp),
    };

    static SKPath Poly(params float[] xy)
    {
        var p = new SKPath();
        p.MoveTo(xy[0], xy[1]);
        for (var i = 2; i < xy.Length; i += 2) p.LineTo(xy[i], xy[i + 1]);
        p.Close();
        return p;
    }

    /// <summary>A soft vignette and a fine grain: the flat drawing reads a little like a photograph.</summary>
    public static void Finish(SKCanvas c, float w, float h)
    {
        using var vignette = new SKPaint
        {
            Shader = SKShader.CreateRadialGradient(new SKPoint(w / 2, h / 2), MathF.Max(w, h) * 0.75f,
                [SKColors.Transparent, new SKColor(0, 0, 0, 70)], [0.55f, 1f], SKShaderTileMode.Clamp),
        };
        c.DrawRect(0, 0, w, h, vignette);
        var random = new Random(7);
        using var grain = new SKPaint { IsAntialias = false };
        for (var i = 0; i < (int)(w * h / 900); i++)
        {
            grain.Color = random.Next(2) == 0 ? new SKColor(255, 255, 255, 14) : new SKColor(0, 0, 0, 14);
            c.DrawRect((float)random.NextDouble() * w, (float)random.NextDouble() * h, 2, 2, grain);
        }
    }

    /// <summary>Layers of blue-green ridges under a morning sky: the highland border the campaigns serve.</summary>
    static void Mountains(SKCanvas c, float w, float horizon, int seed)
    {
        c.DrawRect(0, 0, w, horizon + 200, Vertical(0, horizon, new SKColor(0xbf, 0xdc, 0xf0), new SKColor(0xfb, 0xe9, 0xd0)));
        c.DrawCircle(w * 0.78f, horizon * 0.35f, 46, Fill(new SKColor(0xff, 0xf3, 0xd6, 230)));
        var random = new Random(seed);
        SKColor[] layers = [new(0x9d, 0xb8, 0xc9), new(0x7d, 0x9f, 0x9a), new(0x5b, 0x85, 0x6d)];
        for (var layer = 0; layer < layers.Length; layer++)
        {
            using var path = new SKPath();
            var baseY = horizon - 120 + layer * 70;
            path.MoveTo(0, horizon + 300);
            path.LineTo(0, baseY);
            for (var x = 0f; x <= w + 120; x += 120)
                path.QuadTo(x + 60, baseY - 60 - (float)random.NextDouble() * 120, x + 120, baseY - (float)random.NextDouble() * 40);
            path.LineTo(w + 120, horizon + 300);
            path.Close();
            c.DrawPath(path, Fill(layers[layer]));
        }
        // Morning mist between the ridges.
        c.DrawRect(0, horizon - 70, w, 90, Vertical(horizon - 70, horizon + 20, new SKColor(255, 255, 255, 0), new SKColor(255, 255, 255, 90)));
    }

    static void Table(SKCanvas c, float w, float top, SKColor wood)
    {
        c.DrawRect(0, top, w, 900 - top, Vertical(top, 900, wood, wood.WithAlpha(255).Darker(0.7f)));
        using var grainLine = Stroke(new SKColor(0, 0, 0, 28), 3);
        for (var y = top + 40; y < 900; y += 55) c.DrawLine(0, y, w, y + 8, grainLine);
    }

    static SKColor Darker(this SKColor c, float f) => new((byte)(c.Red * f), (byte)(c.Green * f), (byte)(c.Blue * f), c.Alpha);

    static void Shadow(SKCanvas c, float cx, float cy, float rx, float ry) =>
        c.DrawOval(cx, cy, rx, ry, new SKPaint { IsAntialias = true, Color = new SKColor(0, 0, 0, 55), MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 14) });

    static void DrawJacket(SKCanvas c, float cx, float top, float s, SKColor colour)
    {
        c.Save();
        c.Translate(cx, top);
        c.Scale(s);
        Shadow(c, 0, 470, 230, 30);
        var dark = colour.Darker(0.78f);
        // Sleeves, then body, then hood: a padded winter jacket seen from the front.
        using var sleeves = new SKPath();
        sleeves.AddPath(Poly(-120, 40, -215, 150, -250, 420, -190, 430, -150, 200, -120, 200));
        sleeves.AddPath(Poly(120, 40, 215, 150, 250, 420, 190, 430, 150, 200, 120, 200));
        c.DrawPath(sleeves, Fill(dark));
        using var body = Poly(-130, 30, 130, 30, 165, 150, 160, 450, -160, 450, -165, 150);
        c.DrawPath(body, Fill(colour));
        // Quilted bands.
        using var seam = Stroke(dark, 5);
        for (var y = 120f; y < 450; y += 80) c.DrawLine(-160, y, 160, y, seam);
        for (var y = 200f; y < 420; y += 75) { c.DrawLine(-240, y + 40, -160, y, seam); c.DrawLine(240, y + 40, 160, y, seam); }
        // Hood with a fur rim.
        c.DrawOval(0, 25, 105, 55, Fill(dark));
        c.DrawOval(0, 25, 80, 38, Fill(new SKColor(0xf3, 0xe6, 0xcc)));
        // Zip and pockets.
        c.DrawLine(0, 60, 0, 450, Stroke(new SKColor(0x4a, 0x4a, 0x4a), 6));
        c.DrawRoundRect(-130, 300, 90, 70, 10, 10, Stroke(dark, 5));
        c.DrawRoundRect(40, 300, 90, 70, 10, 10, Stroke(dark, 5));
        c.DrawRect(-250, 410, 60, 25, Fill(dark.Darker(0.8f)));
        c.DrawRect(190, 410, 60, 25, Fill(dark.Darker(0.8f)));
        c.Restore();
    }

    static void DrawBoot(SKCanvas c, float x, float y, float s, SKColor colour, bool mirror)
    {
        c.Save();
        c.Translate(x, y);
        c.Scale(mirror ? -s : s, s);
        Shadow(c, 20, 250, 130, 18);
        using var boot = new SKPath();
        boot.MoveTo(-60, 0);
        boot.LineTo(50, 0);
        boot.LineTo(55, 150);
        boot.QuadTo(150, 170, 160, 220);
        boot.LineTo(160, 245);
        boot.LineTo(-70, 245);
        boot.Close();
        c.DrawPath(boot, Fill(colour));
        c.DrawRect(-72, 232, 234, 18, Fill(new SKColor(0x2b, 0x2b, 0x2b)));
        // Warm lining showing at the top, and laces.
        c.DrawRoundRect(-68, -18, 126, 34, 14, 14, Fill(new SKColor(0xee, 0xde, 0xc0)));
        using var lace = Stroke(new SKColor(0xf2, 0xf2, 0xf2), 5);
        for (var ly = 40f; ly < 150; ly += 30) c.DrawLine(10, ly, 50, ly + 12, lace);
        c.Restore();
    }

    static void DrawBlanket(SKCanvas c, float x, float y, float s)
    {
        c.Save();
        c.Translate(x, y);
        c.Scale(s);
        Shadow(c, 170, 205, 200, 25);
        // A folded blanket: three stacked layers with a woven border pattern.
        SKColor[] folds = [new(0xb8, 0x3a, 0x2e), new(0xc9, 0x4d, 0x3c), new(0xd6, 0x60, 0x4c)];
        for (var i = 0; i < 3; i++)
        {
            var top = 140 - i * 65;
            c.DrawRoundRect(0, top, 340, 70, 22, 22, Fill(folds[i]));
            using var pattern = Stroke(new SKColor(0xf5, 0xd7, 0x6e), 5);
            for (var px = 25f; px < 320; px += 38)
            {
                c.DrawLine(px, top + 22, px + 14, top + 35, pattern);
                c.DrawLine(px + 14, top + 35, px, top + 48, pattern);
            }
        }
        c.Restore();
    }

    public static void Jacket(SKCanvas c, float w, float h)
    {
        c.DrawRect(0, 0, w, h, Vertical(0, h, new SKColor(0xe9, 0xf1, 0xf5), new SKColor(0xc9, 0xd9, 0xe2)));
        Table(c, w, 760, new SKColor(0xa8, 0x7a, 0x52));
        DrawJacket(c, w / 2, 170, 1.15f, new SKColor(0x1f, 0x6f, 0xb2));
    }

    public static void Boots(SKCanvas c, float w, float h)
    {
        c.DrawRect(0, 0, w, h, Vertical(0, h, new SKColor(0xf4, 0xee, 0xe2), new SKColor(0xe0, 0xd2, 0xb8)));
        Table(c, w, 690, new SKColor(0x9c, 0x70, 0x4a));
        DrawBoot(c, w / 2 - 190, 390, 1.3f, new SKColor(0x2f, 0x5d, 0x3a), false);
        DrawBoot(c, w / 2 + 150, 410, 1.3f, new SKColor(0x2f, 0x5d, 0x3a), false);
    }

    public static void Blanket(SKCanvas c, float w, float h)
    {
        c.DrawRect(0, 0, w, h, Vertical(0, h, new SKColor(0xf7, 0xf0, 0xe4), new SKColor(0xe6, 0xd8, 0xc2)));
        Table(c, w, 640, new SKColor(0xa8, 0x7a, 0x52));
        DrawBlanket(c, w / 2 - 330, 330, 1.95f);
    }

    public static void WarmClothes(SKCanvas c, float w, float h)
    {
        Mountains(c, w, 430, 3);
        Table(c, w, 600, new SKColor(0x9c, 0x70, 0x4a));
        DrawBlanket(c, w / 2 - 430, 470, 1.05f);
        DrawJacket(c, w / 2 + 40, 190, 0.85f, new SKColor(0xd9, 0x48, 0x3b));
        DrawBoot(c, w / 2 + 300, 560, 0.8f, new SKColor(0x2f, 0x5d, 0x3a), false);
        DrawBoot(c, w / 2 + 400, 570, 0.8f, new SKColor(0x2f, 0x5d, 0x3a), false);
        DrawScarf(c, w / 2 - 300, 720);
    }

    static void DrawScarf(SKCanvas c, float x, float y)
    {
        using var scarf = Stroke(new SKColor(0xf0, 0xb4, 0x29), 46);
        using var path = new SKPath();
        path.MoveTo(x, y);
        path.CubicTo(x + 120, y - 60, x + 240, y + 60, x + 380, y);
        c.DrawPath(path, scarf);
        using var stripe = Stroke(new SKColor(0xc4, 0x3d, 0x2f), 8);
        c.DrawPath(path, stripe);
    }

    public static void MealTray(SKCanvas c, float w, float h)
    {
        Table(c, w, 0, new SKColor(0xb5, 0x8a, 0x5e));
        var cx = w / 2;
        Shadow(c, cx, 470, 470, 330);
        // A stainless school tray with five compartments.
        c.DrawRoundRect(cx - 470, 120, 940, 680, 60, 60, Fill(new SKColor(0xd8, 0xdd, 0xe1)));
        c.DrawRoundRect(cx - 470, 120, 940, 680, 60, 60, Stroke(new SKColor(0xa9, 0xb1, 0xb8), 6));
        var well = Fill(new SKColor(0xc4, 0xcb, 0xd1));
        c.DrawRoundRect(cx - 430, 160, 470, 360, 40, 40, well);   // rice
        c.DrawRoundRect(cx + 70, 160, 360, 170, 35, 35, well);    // meat
        c.DrawRoundRect(cx + 70, 350, 360, 170, 35, 35, well);    // egg
        c.DrawRoundRect(cx - 430, 550, 430, 210, 35, 35, well);   // greens
        c.DrawRoundRect(cx + 30, 550, 400, 210, 35, 35, well);    // soup
        // Rice: a white mound with grains.
        c.DrawOval(cx - 195, 345, 200, 140, Fill(new SKColor(0xfb, 0xfa, 0xf4)));
        var random = new Random(11);
        using var grain = Fill(new SKColor(0xe8, 0xe4, 0xd6));
        for (var i = 0; i < 160; i++)
        {
            var a = random.NextDouble() * Math.PI * 2; var r = Math.Sqrt(random.NextDouble());
            c.DrawOval(cx - 195 + (float)(Math.Cos(a) * r * 185), 345 + (float)(Math.Sin(a) * r * 125), 7, 3.5f, grain);
        }
        // Braised pork pieces.
        for (var i = 0; i < 5; i++)
        {
            var x = cx + 120 + i * 62; var y = 230 + (i % 2) * 35;
            c.DrawRoundRect(x, y, 60, 50, 14, 14, Fill(new SKColor(0x8a, 0x45, 0x22)));
            c.DrawRoundRect(x, y, 60, 16, 8, 8, Fill(new SKColor(0xe9, 0xc9, 0x9a)));
        }
        // Boiled eggs, halved.
        foreach (var x in new[] { cx + 170, cx + 330 })
        {
            c.DrawOval(x, 435, 70, 52, Fill(SKColors.White));
            c.DrawCircle(x, 437, 30, Fill(new SKColor(0xf4, 0xb4, 0x1a)));
        }
        // Morning glory greens.
        using var leaf = Fill(new SKColor(0x3e, 0x8e, 0x41));
        using var stem = Stroke(new SKColor(0x6d, 0xb3, 0x5a), 7);
        for (var i = 0; i < 14; i++)
        {
            var x = cx - 400 + i * 27; var y = 600 + (i % 3) * 45;
            c.DrawLine(x, y + 80, x + 40, y, stem);
            c.DrawOval(x + 40, y, 22, 11, leaf);
        }
        // Soup with a few vegetable pieces.
        c.DrawOval(cx + 230, 655, 170, 80, Fill(new SKColor(0xe8, 0xc7, 0x6a)));
        foreach (var (dx, dy) in new[] { (-60, -20), (40, 10), (100, -25), (-10, 35) })
            c.DrawRect(cx + 230 + dx, 655 + dy, 22, 22, Fill(new SKColor(0xe0, 0x7a, 0x2c)));
        // A carton of milk beside the tray.
        c.Save();
        c.Translate(w - 170, 420);
        Shadow(c, 60, 310, 90, 20);
        c.DrawRect(0, 60, 120, 250, Fill(new SKColor(0xf7, 0xf7, 0xf2)));
        c.DrawPath(Poly(0, 60, 60, 0, 120, 60), Fill(new SKColor(0xe4, 0xe4, 0xde)));
        c.DrawRect(0, 150, 120, 70, Fill(new SKColor(0x1f, 0x6f, 0xb2)));
        c.DrawLine(85, 8, 100, -40, Stroke(new SKColor(0xd9, 0x48, 0x3b), 8));
        c.Restore();
    }

    public static void PlayArea(SKCanvas c, float w, float h)
    {
        Mountains(c, w, 420, 5);
        c.DrawRect(0, 520, w, h - 520, Vertical(520, h, new SKColor(0x86, 0xb6, 0x5a), new SKColor(0x5d, 0x92, 0x3f)));
        var cx = w / 2;
        // Swing frame.
        using var frame = Stroke(new SKColor(0x1f, 0x6f, 0xb2), 16);
        c.DrawLine(cx - 520, 820, cx - 440, 470, frame);
        c.DrawLine(cx - 200, 820, cx - 280, 470, frame);
        c.DrawLine(cx - 460, 470, cx - 260, 470, frame);
        using var rope = Stroke(new SKColor(0x55, 0x55, 0x55), 5);
        foreach (var x in new[] { cx - 420, cx - 330 })
        {
            c.DrawLine(x, 470, x, 700, rope);
            c.DrawLine(x + 50, 470, x + 50, 700, rope);
            c.DrawRoundRect(x - 10, 695, 70, 16, 5, 5, Fill(new SKColor(0xf0, 0xb4, 0x29)));
        }
        // Slide with a ladder.
        c.DrawRect(cx + 40, 500, 120, 20, Fill(new SKColor(0xd9, 0x48, 0x3b)));
        using var ladder = Stroke(new SKColor(0x6b, 0x4a, 0x2f), 12);
        c.DrawLine(cx + 40, 510, cx + 40, 830, ladder);
        c.DrawLine(cx + 95, 510, cx + 95, 830, ladder);
        for (var y = 560f; y < 830; y += 50) c.DrawLine(cx + 40, y, cx + 95, y, ladder);
        using var slide = Stroke(new SKColor(0xf0, 0xb4, 0x29), 34);
        using var chute = new SKPath();
        chute.MoveTo(cx + 160, 512);
        chute.CubicTo(cx + 300, 560, cx + 330, 790, cx + 480, 815);
        c.DrawPath(chute, slide);
        c.DrawLine(cx + 160, 512, cx + 160, 830, Stroke(new SKColor(0x6b, 0x4a, 0x2f), 12));
        // A tree for shade.
        c.DrawRect(w - 160, 500, 26, 320, Fill(new SKColor(0x6b, 0x4a, 0x2f)));
        c.DrawCircle(w - 147, 470, 110, Fill(new SKColor(0x3e, 0x7d, 0x3b)));
        c.DrawCircle(w - 210, 520, 70, Fill(new SKColor(0x4b, 0x8e, 0x46)));
    }

    public static void School(SKCanvas c, float w, float h)
    {
        Mountains(c, w, 440, 9);
        c.DrawRect(0, 640, w, h - 640, Vertical(640, h, new SKColor(0xc9, 0x9a, 0x6a), new SKColor(0xa8, 0x7a, 0x4e)));
        var cx = w / 2;
        // A one-storey school: yellow walls, red tiled roof, blue doors and windows.
        Shadow(c, cx, 700, 420, 30);
        c.DrawRect(cx - 400, 450, 800, 250, Fill(new SKColor(0xf2, 0xc9, 0x4c)));
        c.DrawPath(Poly(cx - 440, 460, cx - 360, 340, cx + 360, 340, cx + 440, 460), Fill(new SKColor(0xb8, 0x3a, 0x2e)));
        using var tile = Stroke(new SKColor(0x93, 0x2c, 0x22), 4);
        for (var y = 365f; y < 460; y += 24) c.DrawLine(cx - 440 + (460 - y) * 0.0f, y, cx + 440, y, tile);
        c.DrawRect(cx - 400, 450, 800, 14, Fill(new SKColor(0xd9, 0xa5, 0x2e)));
        var door = Fill(new SKColor(0x1f, 0x5f, 0x99));
        var glass = Fill(new SKColor(0xcf, 0xe4, 0xf2));
        for (var i = 0; i < 4; i++)
        {
            var x = cx - 360 + i * 190;
            if (i is 1 or 2) c.DrawRect(x + 20, 530, 90, 170, door);
            else { c.DrawRect(x + 10, 520, 110, 90, door); c.DrawRect(x + 20, 530, 90, 70, glass); }
        }
        // The veranda columns and the steps.
        for (var x = cx - 400; x <= cx + 400; x += 160) c.DrawRect(x - 6, 460, 12, 240, Fill(new SKColor(0xfa, 0xf3, 0xe0)));
        c.DrawRect(cx - 420, 700, 840, 22, Fill(new SKColor(0xd6, 0xd0, 0xc4)));
        // Flag pole and the national flag.
        c.DrawRect(cx + 445, 320, 8, 400, Fill(new SKColor(0x88, 0x88, 0x88)));
        c.DrawRect(cx + 453, 325, 114, 76, Fill(new SKColor(0xda, 0x25, 0x1d)));
        c.DrawPath(Star(cx + 510, 363, 25), Fill(new SKColor(0xff, 0xde, 0x00)));
    }

    static SKPath Star(float cx, float cy, float r)
    {
        var points = new float[20];
        for (var i = 0; i < 10; i++)
        {
            var radius = i % 2 == 0 ? r : r * 0.4f;
            var angle = -Math.PI / 2 + i * Math.PI / 5;
            points[i * 2] = cx + (float)(Math.Cos(angle) * radius);
            points[i * 2 + 1] = cy + (float)(Math.Sin(angle) * radius);
        }
        return Poly(points);
    }

    public static void Landscape(SKCanvas c, float w, float h)
    {
        Mountains(c, w, 380, 13);
        // Terraced fields: curved green bands stepping down the hill.
        SKColor[] greens = [new(0x9c, 0xc4, 0x5a), new(0x86, 0xb4, 0x4c), new(0xa9, 0xcc, 0x66), new(0x7a, 0xa8, 0x44), new(0x94, 0xbe, 0x55), new(0x6f, 0x9c, 0x3c), new(0x8a, 0xb6, 0x4e)];
        for (var i = 0; i < greens.Length; i++)
        {
            var y = 430 + i * 70;
            using var band = new SKPath();
            band.MoveTo(-20, y + 40);
            band.CubicTo(w * 0.3f, y - 30, w * 0.6f, y + 60, w + 20, y);
            band.LineTo(w + 20, h + 10);
            band.LineTo(-20, h + 10);
            band.Close();
            c.DrawPath(band, Fill(greens[i]));
            using var edge = new SKPath();
            edge.MoveTo(-20, y + 40);
            edge.CubicTo(w * 0.3f, y - 30, w * 0.6f, y + 60, w + 20, y);
            c.DrawPath(edge, Stroke(new SKColor(0x5a, 0x7d, 0x2e, 160), 5));
        }
        // A stilt house on the slope.
        var hx = w * 0.22f; var hy = 520f;
        c.DrawRect(hx, hy, 150, 70, Fill(new SKColor(0x8a, 0x5a, 0x34)));
        c.DrawPath(Poly(hx - 25, hy + 5, hx + 75, hy - 70, hx + 175, hy + 5), Fill(new SKColor(0x5b, 0x3b, 0x22)));
        using var stilt = Stroke(new SKColor(0x5b, 0x3b, 0x22), 8);
        for (var x = hx + 10; x <= hx + 140; x += 43) c.DrawLine(x, hy + 70, x, hy + 120, stilt);
    }
}

/// <summary>The logo's shapes, the same path data as PublicSite's _Logo.cshtml, logo.svg and favicon.svg.</summary>
static class Logo
{
    public const string Heart = "M24 43C10 33 3 25 3 15.5 3 8.6 8.2 4 14.5 4c4 0 7.4 2.1 9.5 5.4C26.1 6.1 29.5 4 33.5 4 39.8 4 45 8.6 45 15.5 45 25 38 33 24 43z";
    public const string Hills = "M9.6 30.5 18 19.5l4.6 5.6L29 16.5l9.6 14C34.5 35 29.7 38.6 24 42.4 18.4 38.6 13.6 35 9.6 30.5z";
}
