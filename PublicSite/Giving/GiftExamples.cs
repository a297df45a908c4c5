using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.PublicSite.Giving;

/// <summary>"150.000 ₫ = một áo ấm cỡ 6–8 tuổi": a sum and what it buys, in the reader's language.</summary>
public sealed record GiftExample(long AmountVnd, int Count, string ItemCode, string Item, SizeBand? SizeBand);

/// <summary>
/// What the money buys, from data: the items of the needs catalogue in a campaign's category, each at the unit cost
/// the communes estimated in their approved needs (public needs list: estimated cost ÷ quantity), or the catalogue's
/// typical price when no approved need names the item. Cheap items come in a round bundle (10 lunches, not one).
/// The items the communes need most of come first, then the catalogue's order (its main item first: the jacket, the
/// lunch), so a card's single line names what the campaign is mostly buying.
/// </summary>
public class GiftExamples(PublicDbContext db)
{
    /// <summary>Below this a single item is too small a gift to suggest; it is shown as a bundle reaching it.</summary>
    public const long SmallestSuggestedGiftVnd = 100_000;
    public const int PerCategory = 3;

    public async Task<IReadOnlyDictionary<NeedCategory, IReadOnlyList<GiftExample>>> ForAsync(
        IEnumerable<NeedCategory> categories, bool english, CancellationToken ct = default)
    {
        var wanted = categories.Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<NeedCategory, IReadOnlyList<GiftExample>>();
        var items = NeedItemConfiguration.Catalogue.Where(i => i.IsActive && wanted.Contains(i.Category)).ToList();
        var codes = items.Select(i => i.Code).ToList();
        var estimated = await db.PublicNeeds
            .Where(n => !n.Suppressed && n.ItemCode != null && codes.Contains(n.ItemCode) && n.Quantity > 0 && n.EstimatedCostVnd > 0)
            .GroupBy(n => new { n.ItemCode, n.SizeBand })
            .Select(g => new { g.Key.ItemCode, g.Key.SizeBand, Quantity = g.Sum(n => n.Quantity!.Value), Cost = g.Sum(n => n.EstimatedCostVnd!.Value) })
            .ToListAsync(ct);

        var result = new Dictionary<NeedCategory, IReadOnlyList<GiftExample>>();
        foreach (var category in wanted)
        {
            result[category] = items.Where(i => i.Category == category)
                .OrderByDescending(i => estimated.Where(e => e.ItemCode == i.Code).Sum(e => e.Quantity))
                .ThenBy(i => Array.IndexOf(NeedItemConfiguration.Catalogue, i))
                .Select(item =>
                {
                    // The size band the communes need most of, and the item's estimated cost in it.
                    var need = estimated.Where(e => e.ItemCode == item.Code).OrderByDescending(e => e.Quantity).FirstOrDefault();
                    var unitCost = need is null ? item.TypicalUnitCostVnd : need.Cost / need.Quantity;
                    var band = item.HasSizeBand ? need?.SizeBand ?? SizeBand.Age6To8 : (SizeBand?)null;
                    var count = unitCost >= SmallestSuggestedGiftVnd ? 1 : (int)Math.Ceiling(SmallestSuggestedGiftVnd / (double)Math.Max(unitCost, 1));
                    return new GiftExample(RoundUp(unitCost * count), count, item.Code, english ? item.NameEn : item.NameVi, band);
                })
                .Where(g => g.AmountVnd > 0)
                .Take(PerCategory)
                .ToList();
        }
        return result;
    }

    /// <summary>Estimates are averages: 183.333 ₫ reads as 185.000 ₫ (to the next 5.000 ₫), never less than it costs.</summary>
    public static long RoundUp(long amount) => amount <= 0 ? 0 : (amount + 4_999) / 5_000 * 5_000;
}
