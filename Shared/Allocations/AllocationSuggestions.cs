using ChildAid.Shared.Localization;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;

namespace ChildAid.Shared.Allocations;

/// <summary>
/// A receipt's money not yet allocated: its amount less its live allocations (proposed or approved). Oldest money first
/// means <see cref="ReceivedOn"/>, then the receipt's order (<see cref="FiscalYear"/>, <see cref="ReceiptSequence"/>, i.e. its number).
/// </summary>
public sealed record OpenMoney(int ContributionId, string ReceiptNumber, DateOnly ReceivedOn, int FiscalYear, int ReceiptSequence, int? CampaignId,
    long LeftVnd);

/// <summary>
/// A goods line of an in-kind receipt with its unallocated quantity. <see cref="NeedItemId"/> and <see cref="SizeBand"/> say
/// which catalogue item (and size band) the line is, when that is certain (<see cref="GoodsRecognition"/>); null: the
/// suggestions leave the line to a person.
/// </summary>
public sealed record OpenGoods(int ContributionId, int GoodsLineId, string ReceiptNumber, DateOnly ReceivedOn, int FiscalYear, int ReceiptSequence,
    int? CampaignId, string Item, string Unit, long UnitValueVnd, int QuantityLeft, int? NeedItemId, SizeBand? SizeBand);

/// <summary>
/// An approved need line (the revision in force) with what it still lacks, counted as <see cref="AllocationService.NeedRemainderAsync"/>
/// counts it. <see cref="Since"/>: when the need was first approved (a revision copies a line with its key, so a need keeps its age).
/// </summary>
public sealed record OpenNeed(int NeedLineId, int CommuneId, NeedCategory Category, int NeedItemId, SizeBand? SizeBand, NeedUnit Unit, int Level,
    DateTime Since, long UnitCostVnd, int QuantityLeft, long ValueLeftVnd);

/// <summary>Where a campaign's gifts may go (its areas: a commune, optionally one category). No area: nowhere.</summary>
public sealed record CampaignRestriction(int CampaignId, string Title, IReadOnlyList<CampaignAreaRule> Areas);

public sealed record CampaignAreaRule(int CommuneId, NeedCategory? Category, string CommuneName)
{
    public bool Covers(OpenNeed need) => CommuneId == need.CommuneId && (Category is null || Category == need.Category);

    public string Label => Category is { } c ? Messages.Format("{0}, nhóm {1}", CommuneName, NeedLabels.Categories[c]) : CommuneName;
}

/// <summary>
/// One proposed allocation: money (<see cref="GoodsLineId"/> null, <see cref="AmountVnd"/> in whole đồng) or goods
/// (<see cref="Quantity"/> of the goods line; <see cref="AmountVnd"/> = quantity × the receipt's unit value, as an allocation
/// holds it). <see cref="Reasons"/>: which rule chose it, in Vietnamese format keys (<see cref="Messages.Format"/>).
/// </summary>
public sealed record Suggestion(int ContributionId, int? GoodsLineId, int NeedLineId, long AmountVnd, int? Quantity, IReadOnlyList<string> Reasons)
{
    public bool IsGoods => GoodsLineId is not null;
}

/// <summary>
/// The suggestion rules (issue 10), pure and in memory: given the open gifts and the open need lines, propose allocations
/// that cover the most urgent needs first and use the oldest money first, never outside a donor's restriction and never
/// beyond what a line lacks. In order:
/// <list type="number">
/// <item>Need lines are taken most urgent first: priority level (1 first), then the oldest need (<see cref="OpenNeed.Since"/>),
/// then the line's id (the order it was entered: a stable tiebreak).</item>
/// <item>For each line, goods first (only for a line counted in items): goods lines recognised as the same catalogue item
/// and the same size band, oldest receipt first; never more than the line's quantity left, nor more than its value left
/// at the line's estimated unit cost.</item>
/// <item>Then money for what the line still lacks in đồng (its value left): restricted money first — a campaign's gift the
/// line's area allows can go to few lines, unrestricted money to any, so spending the restricted gift where it may go keeps
/// the unrestricted money for lines no campaign reaches —, and within each the oldest money first, by received date, then
/// receipt number; each gift gives at most what it has left. Goods in rule 2 are taken the same way.</item>
/// <item>A gift may go to a line when it has no campaign (unrestricted), or when one of its campaign's areas covers the
/// line's commune (and category, if the area names one). A campaign without an area gives nothing.</item>
/// </list>
/// Lines and gifts are indexed by restriction so a run over 100,000 lines and 50,000 gifts is a few passes, not a product.
/// </summary>
public static class AllocationSuggestions
{
    private const int Unrestricted = 0;

    public static List<Suggestion> Suggest(IEnumerable<OpenNeed> needs, IEnumerable<OpenMoney> money, IEnumerable<OpenGoods> goods,
        IEnumerable<CampaignRestriction> restrictions)
    {
        var campaigns = restrictions.ToDictionary(r => r.CampaignId);
        // Areas by commune: which campaigns may give to a line of that commune (and category).
        var areasByCommune = new Dictionary<int, List<(CampaignRestriction Campaign, CampaignAreaRule Area)>>();
        foreach (var c in campaigns.Values)
            foreach (var a in c.Areas)
            {
                if (!areasByCommune.TryGetValue(a.CommuneId, out var list)) areasByCommune[a.CommuneId] = list = [];
                list.Add((c, a));
            }

        var moneyPools = money.Where(m => m.LeftVnd > 0 && (m.CampaignId is null || campaigns.ContainsKey(m.CampaignId.Value)))
            .GroupBy(m => m.CampaignId ?? Unrestricted)
            .ToDictionary(g => g.Key, g => new Pool<OpenMoney>(g.OrderBy(m => m.ReceivedOn).ThenBy(m => m.FiscalYear).ThenBy(m => m.ReceiptSequence)
                .ThenBy(m => m.ContributionId), m => m.LeftVnd));
        var goodsPools = goods.Where(g => g.QuantityLeft > 0 && g.NeedItemId is not null && (g.CampaignId is null || campaigns.ContainsKey(g.CampaignId.Value)))
            .GroupBy(g => (Campaign: g.CampaignId ?? Unrestricted, Item: g.NeedItemId!.Value, g.SizeBand))
            .ToDictionary(g => g.Key, g => new Pool<OpenGoods>(g.OrderBy(x => x.ReceivedOn).ThenBy(x => x.FiscalYear).ThenBy(x => x.ReceiptSequence)
                .ThenBy(x => x.ContributionId).ThenBy(x => x.GoodsLineId), x => x.QuantityLeft));

        var result = new List<Suggestion>();
        var eligible = new List<(int Campaign, CampaignAreaRule? Area)>();
        foreach (var need in needs.OrderBy(n => n.Level).ThenBy(n => n.Since).ThenBy(n => n.NeedLineId))
        {
            if (need.QuantityLeft <= 0 && need.ValueLeftVnd <= 0) continue;
            eligible.Clear();
            eligible.Add((Unrestricted, null));
            if (areasByCommune.TryGetValue(need.CommuneId, out var areas))
                foreach (var (campaign, area) in areas)
                    if (area.Covers(need) && !eligible.Exists(e => e.Campaign == campaign.CampaignId)) eligible.Add((campaign.CampaignId, area));

            var quantityLeft = need.QuantityLeft;
            var valueLeft = need.ValueLeftVnd;
            var urgency = Messages.Format("Mức ưu tiên {0}, nhu cầu lâu nhất trước (có từ {1})", need.Level, VietnameseFormat.Date(VietnamClock.ToVietnamDate(need.Since)));

            if (need.Unit == NeedUnit.Items)
            {
                var pools = new List<(Pool<OpenGoods> Pool, int Campaign, CampaignAreaRule? Area)>();
                foreach (var (campaign, area) in eligible)
                    if (goodsPools.TryGetValue((campaign, need.NeedItemId, need.SizeBand), out var pool)) pools.Add((pool, campaign, area));
                while (quantityLeft > 0 && (need.UnitCostVnd == 0 || valueLeft >= need.UnitCostVnd) && Next(pools, (a, b) => Older(a, b)) is { } pick)
                {
                    var lot = pick.Pool.Head;
                    var cap = need.UnitCostVnd == 0 ? quantityLeft : (int)Math.Min(quantityLeft, valueLeft / need.UnitCostVnd);
                    var quantity = (int)Math.Min(pick.Pool.HeadLeft, cap);
                    pick.Pool.Take(quantity);
                    quantityLeft -= quantity;
                    valueLeft -= quantity * need.UnitCostVnd;
                    List<string> reasons =
                    [
                        urgency,
                        Messages.Format("hàng cũ nhất cùng mặt hàng và cỡ (phiếu thu {0}, nhận ngày {1}: {2})", lot.ReceiptNumber, VietnameseFormat.Date(lot.ReceivedOn), lot.Item),
                        Restriction(pick.Campaign, pick.Area, campaigns),
                        quantityLeft == 0 ? "phủ đủ số lượng còn thiếu của dòng" : Messages.Format("dòng còn thiếu {0} sau đề xuất này", VietnameseFormat.Number(quantityLeft)),
                    ];
                    result.Add(new Suggestion(lot.ContributionId, lot.GoodsLineId, need.NeedLineId, checked(quantity * lot.UnitValueVnd), quantity, reasons));
                }
            }

            if (valueLeft > 0)
            {
                var pools = new List<(Pool<OpenMoney> Pool, int Campaign, CampaignAreaRule? Area)>();
                foreach (var (campaign, area) in eligible)
                    if (moneyPools.TryGetValue(campaign, out var pool)) pools.Add((pool, campaign, area));
                while (valueLeft > 0 && Next(pools, (a, b) => Older(a, b)) is { } pick)
                {
                    var gift = pick.Pool.Head;
                    var amount = Math.Min(pick.Pool.HeadLeft, valueLeft);
                    pick.Pool.Take(amount);
                    valueLeft -= amount;
                    List<string> reasons =
                    [
                        urgency,
                        Messages.Format("tiền cũ nhất còn dùng được (phiếu thu {0}, nhận ngày {1})", gift.ReceiptNumber, VietnameseFormat.Date(gift.ReceivedOn)),
                        Restriction(pick.Campaign, pick.Area, campaigns),
                        valueLeft == 0 ? "phủ đủ phần còn thiếu của dòng" : Messages.Format("dòng còn thiếu {0} sau đề xuất này", VietnameseFormat.Vnd(valueLeft)),
                    ];
                    result.Add(new Suggestion(gift.ContributionId, null, need.NeedLineId, amount, null, reasons));
                }
            }
        }
        return result;
    }

    private static string Restriction(int campaign, CampaignAreaRule? area, Dictionary<int, CampaignRestriction> campaigns) =>
        campaign == Unrestricted || area is null
            ? "tiền không giới hạn (không thuộc chiến dịch nào)"
            : Messages.Format("giới hạn của chiến dịch «{0}»: dòng nằm trong địa bàn {1}", campaigns[campaign].Title, area.Label);

    private static bool Older(OpenMoney a, OpenMoney b) =>
        (a.ReceivedOn, a.FiscalYear, a.ReceiptSequence, a.ContributionId).CompareTo((b.ReceivedOn, b.FiscalYear, b.ReceiptSequence, b.ContributionId)) < 0;

    private static bool Older(OpenGoods a, OpenGoods b) =>
        (a.ReceivedOn, a.FiscalYear, a.ReceiptSequence, a.ContributionId, a.GoodsLineId).CompareTo((b.ReceivedOn, b.FiscalYear, b.ReceiptSequence, b.ContributionId, b.GoodsLineId)) < 0;

    /// <summary>The pool to take from next: a restricted one (a campaign's) while any has something left, else unrestricted money; the oldest gift first within each.</summary>
    private static (Pool<T> Pool, int Campaign, CampaignAreaRule? Area)? Next<T>(List<(Pool<T> Pool, int Campaign, CampaignAreaRule? Area)> pools, Func<T, T, bool> older)
        where T : class => Oldest(pools, older, restricted: true) ?? Oldest(pools, older, restricted: false);

    /// <summary>The pool whose next gift is the oldest among the restricted (or unrestricted) pools, or null when each of those is spent.</summary>
    private static (Pool<T> Pool, int Campaign, CampaignAreaRule? Area)? Oldest<T>(List<(Pool<T> Pool, int Campaign, CampaignAreaRule? Area)> pools, Func<T, T, bool> older,
        bool restricted) where T : class
    {
        (Pool<T> Pool, int Campaign, CampaignAreaRule? Area)? best = null;
        foreach (var p in pools)
        {
            if (p.Pool.Empty || (p.Campaign != Unrestricted) != restricted) continue;
            if (best is null || older(p.Pool.Head, best.Value.Pool.Head)) best = p;
        }
        return best;
    }

    /// <summary>Gifts of one restriction, oldest first, each with what it has left; the head is the oldest with something left.</summary>
    private sealed class Pool<T> where T : class
    {
        private readonly T[] _items;
        private readonly long[] _left;
        private int _head;

        public Pool(IEnumerable<T> ordered, Func<T, long> left)
        {
            _items = ordered.ToArray();
            _left = Array.ConvertAll(_items, x => left(x));
            Skip();
        }

        public bool Empty => _head >= _items.Length;
        public T Head => _items[_head];
        public long HeadLeft => _left[_head];

        public void Take(long amount)
        {
            _left[_head] -= amount;
            Skip();
        }

        private void Skip()
        {
            while (_head < _items.Length && _left[_head] <= 0) _head++;
        }
    }
}
