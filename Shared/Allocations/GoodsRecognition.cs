using System.Text.RegularExpressions;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;

namespace ChildAid.Shared.Allocations;

/// <summary>
/// Which catalogue item (and size band) a receipt's goods line is, when that is certain. A goods line is free text
/// ("Áo ấm mùa đông 6–8 tuổi", 120 "chiếc"): the suggestion run only matches goods to a need line of the same item and
/// size band, so it recognises the text conservatively and otherwise leaves the line to a person (who may still propose
/// it by hand on the receipt's page):
/// <list type="bullet">
/// <item>the unit counts single items (cái, chiếc, đôi, bộ, hộp, gói, quyển, cuốn, tấm) — never kg, lít, thùng…;</item>
/// <item>the text, folded (no diacritics, lower case), contains exactly one catalogue item's Vietnamese or English name, or
/// its code, as whole words (the longest name wins; two items with a name of that length: not certain);</item>
/// <item>for an item sold by size band, the text states one band exactly ("6–8 tuổi", "6-8 tuoi"); another range
/// ("6–10 tuổi") or none: not certain.</item>
/// </list>
/// </summary>
public static partial class GoodsRecognition
{
    private static readonly HashSet<string> PieceUnits = ["cai", "chiec", "doi", "bo", "hop", "goi", "quyen", "cuon", "tam"];

    public static (int NeedItemId, SizeBand? SizeBand)? Recognise(string item, string unit, IEnumerable<NeedItem> catalogue)
    {
        if (!PieceUnits.Contains(TextFolding.Fold(unit))) return null;
        var text = " " + Words().Replace(TextFolding.Fold(item), " ") + " ";
        NeedItem? best = null;
        var bestLength = 0;
        var tie = false;
        foreach (var candidate in catalogue)
        {
            if (!candidate.IsActive || candidate.Unit != NeedUnit.Items) continue;
            foreach (var name in new[] { candidate.NameVi, candidate.NameEn, candidate.Code.Replace('-', ' ') })
            {
                var folded = Words().Replace(TextFolding.Fold(name), " ").Trim();
                if (folded.Length == 0 || !text.Contains(" " + folded + " ", StringComparison.Ordinal)) continue;
                if (folded.Length > bestLength) (best, bestLength, tie) = (candidate, folded.Length, false);
                else if (folded.Length == bestLength && best is not null && best.Id != candidate.Id) tie = true;
            }
        }
        if (best is null || tie) return null;
        if (!best.HasSizeBand) return (best.Id, null);
        var bands = Band().Matches(TextFolding.Fold(item));
        if (bands.Count != 1) return null;
        var range = (int.Parse(bands[0].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(bands[0].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        SizeBand? band = range switch
        {
            (3, 5) => SizeBand.Age3To5,
            (6, 8) => SizeBand.Age6To8,
            (9, 11) => SizeBand.Age9To11,
            (12, 15) => SizeBand.Age12To15,
            _ => null,
        };
        return band is null ? null : (best.Id, band);
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"(\d{1,2})\s*(?:–|-|—|den)\s*(\d{1,2})\s*tuoi")]
    private static partial Regex Band();
}
