using ChildAid.Shared.Needs;
using Microsoft.Extensions.FileProviders;

namespace ChildAid.PublicSite.Pictures;

/// <summary>
/// The project's own illustrations (content/images, drawn by content/tools/DemoImages.cs; no person in any of them),
/// shown on campaign cards and pages until the campaign has a published hero image from the media library.
/// The build copies them next to the program; PublicSite serves them under <see cref="RequestPath"/>.
/// </summary>
public static class DemoPictures
{
    public const string RequestPath = "/anh-minh-hoa";

    public static readonly Picture WarmClothes = new("ao-am-cho-em",
        "Tranh minh họa: áo ấm, ủng, chăn và khăn len bên núi rừng vùng cao", "Illustration: a warm jacket, boots, a blanket and a scarf before the highland hills", true);
    public static readonly Picture Lunch = new("bua-trua-co-thit",
        "Tranh minh họa: khay cơm trưa bán trú có cơm, thịt, trứng, rau, canh và hộp sữa", "Illustration: a school lunch tray with rice, meat, eggs, greens, soup and a carton of milk", true);
    public static readonly Picture PlayArea = new("khu-vui-choi",
        "Tranh minh họa: khu vui chơi có xích đu và cầu trượt dưới chân núi", "Illustration: a play area with swings and a slide below the hills", false);
    public static readonly Picture School = new("truong-vung-cao",
        "Tranh minh họa: ngôi trường vùng cao tường vàng mái đỏ", "Illustration: a highland school with yellow walls and a red roof", false);
    public static readonly Picture Landscape = new("nui-ruong-bac-thang",
        "Tranh minh họa: ruộng bậc thang và nhà sàn giữa núi rừng", "Illustration: terraced fields and a stilt house among the hills", true);

    /// <summary>The picture for a campaign about <paramref name="category"/> (null: none recognised).</summary>
    public static Picture For(NeedCategory? category) => category switch
    {
        NeedCategory.WarmClothes => WarmClothes,
        NeedCategory.Nutrition => Lunch,
        NeedCategory.Recreation => PlayArea,
        NeedCategory.HealthCheckUp or NeedCategory.Treatment or NeedCategory.Other => School,
        _ => Landscape,
    };

    /// <summary>
    /// The folder holding the pictures: <c>content/images</c> next to the program (copied by the build), else in the
    /// repository above it (tests, <c>dotnet run</c>). Null when neither exists: pages still render, without pictures.
    /// </summary>
    public static IFileProvider? Files()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "content", "images");
            if (File.Exists(Path.Combine(candidate, WarmClothes.Name + "-480.jpg"))) return new PhysicalFileProvider(candidate);
        }
        return null;
    }
}
