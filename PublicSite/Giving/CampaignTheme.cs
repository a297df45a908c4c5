using System.Text.RegularExpressions;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;

namespace ChildAid.PublicSite.Giving;

/// <summary>
/// What a campaign is about, read from its own words: a campaign has no link to need items yet, but "Áo ấm cho em"
/// and "Bữa trưa có thịt" say plainly which part of the needs catalogue they buy. Used to pick the "what the money
/// buys" lines and the picture; a campaign no keyword matches gets neither lines nor a themed picture.
/// </summary>
public static partial class CampaignTheme
{
    // Folded (no diacritics, lower case) whole words; the first category whose word appears wins, title before summary.
    private static readonly (NeedCategory Category, string[] Words)[] Keywords =
    [
        // Phrases, not single syllables: "ủng" (boots) would match every "ủng hộ", "sữa" (milk) every "sửa" (repair).
        (NeedCategory.WarmClothes, ["ao am", "ao len", "ao khoac", "chan am", "ung am", "giay am", "giu am", "mua lanh", "warm clothes", "jacket"]),
        (NeedCategory.Nutrition, ["bua trua", "bua an", "suat an", "dinh duong", "hop sua", "lunch", "meal"]),
        (NeedCategory.Recreation, ["vui choi", "san choi", "the thao", "play area"]),
        (NeedCategory.HealthCheckUp, ["kham suc khoe", "kham mat", "kham rang", "kham benh", "health"]),
        (NeedCategory.Treatment, ["dieu tri", "chua benh", "kinh thuoc", "treatment"]),
        (NeedCategory.Other, ["do dung hoc tap", "sach vo", "school kit"]),
    ];

    public static NeedCategory? Of(string title, string? summary)
    {
        foreach (var text in new[] { title, summary ?? "" })
        {
            var words = " " + TextFolding.Fold(NotLetters().Replace(text, " ")) + " ";
            foreach (var (category, keys) in Keywords)
                if (keys.Any(k => words.Contains(" " + k + " ", StringComparison.Ordinal))) return category;
        }
        return null;
    }

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NotLetters();
}
