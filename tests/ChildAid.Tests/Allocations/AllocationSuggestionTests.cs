using ChildAid.Shared.Allocations;
using ChildAid.Shared.Needs;

namespace ChildAid.Tests.Allocations;

/// <summary>The suggestion rules of <see cref="AllocationSuggestions"/> on hand-made gifts and need lines (no database).</summary>
public class AllocationSuggestionTests
{
    private const int IaDal = 1, IaToi = 2, Campaign = 7;
    private static readonly DateTime Old = new(2026, 9, 10, 3, 0, 0, DateTimeKind.Utc), Newer = new(2026, 10, 5, 3, 0, 0, DateTimeKind.Utc);

    private static OpenNeed Meals(int id, int level = 1, DateTime? since = null, int commune = IaDal, int quantity = 100) =>
        new(id, commune, NeedCategory.Nutrition, 6, null, NeedUnit.Meals, level, since ?? Old, 20_000, quantity, quantity * 20_000L);

    private static OpenNeed Jackets(int id, int quantity, SizeBand band = SizeBand.Age6To8, int commune = IaDal, long valueLeft = -1) =>
        new(id, commune, NeedCategory.WarmClothes, 13, band, NeedUnit.Items, 1, Old, 180_000, quantity, valueLeft >= 0 ? valueLeft : quantity * 180_000L);

    private static OpenMoney Money(int id, long left, DateOnly received, int? campaign = null, int sequence = 0) =>
        new(id, $"2026-{(sequence == 0 ? id : sequence):000000}", received, 2026, sequence == 0 ? id : sequence, campaign, left);

    private static OpenGoods Goods(int id, int quantity, int item = 13, SizeBand? band = SizeBand.Age6To8, int? campaign = null, DateOnly? received = null) =>
        new(id, id * 10, $"2026-{id:000000}", received ?? new DateOnly(2026, 10, 1), 2026, id, campaign, "Áo ấm mùa đông 6–8 tuổi", "chiếc", 200_000, quantity, item, band);

    private static CampaignRestriction WarmClothesInIaDal => new(Campaign, "Áo ấm cho em", [new CampaignAreaRule(IaDal, NeedCategory.WarmClothes, "Xã Ia Đal")]);

    private static List<Suggestion> Run(IEnumerable<OpenNeed> needs, IEnumerable<OpenMoney>? money = null, IEnumerable<OpenGoods>? goods = null,
        IEnumerable<CampaignRestriction>? restrictions = null) =>
        AllocationSuggestions.Suggest(needs, money ?? [], goods ?? [], restrictions ?? []);

    [Fact]
    public void Nothing_to_do_gives_no_suggestion()
    {
        Assert.Empty(Run([]));
        Assert.Empty(Run([Meals(1)]));
        Assert.Empty(Run([], [Money(1, 1_000_000, new DateOnly(2026, 1, 1))]));
        Assert.Empty(Run([Meals(1) with { QuantityLeft = 0, ValueLeftVnd = 0 }], [Money(1, 1_000_000, new DateOnly(2026, 1, 1))]));
        Assert.Empty(Run([Meals(1)], [Money(1, 0, new DateOnly(2026, 1, 1))]));
    }

    [Fact]
    public void The_most_urgent_level_is_covered_first_then_the_oldest_need_then_the_line_order()
    {
        // 2.000.000 ₫ for four lines of 2.000.000 ₫ each: level 1 before level 2, the older need before the newer, then line 3 before 4.
        var needs = new[] { Meals(4, level: 1, since: Newer), Meals(2, level: 2), Meals(3, level: 1, since: Newer), Meals(1, level: 1) };
        var s = Run(needs, [Money(1, 2_000_000 + 2_000_000 + 500_000, new DateOnly(2026, 1, 1))]);

        Assert.Equal([1, 3, 4], s.Select(x => x.NeedLineId));
        Assert.Equal([2_000_000L, 2_000_000, 500_000], s.Select(x => x.AmountVnd));
        Assert.StartsWith("Mức ưu tiên 1, nhu cầu lâu nhất trước (có từ 10/09/2026)", s[0].Reasons[0]);
        Assert.Contains("có từ 05/10/2026", s[1].Reasons[0]);
        Assert.Equal("phủ đủ phần còn thiếu của dòng", s[0].Reasons[^1]);
        Assert.Equal("dòng còn thiếu 1.500.000 ₫ sau đề xuất này", s[2].Reasons[^1]);
    }

    [Fact]
    public void The_oldest_money_is_used_first_by_received_date_then_receipt_order_across_several_gifts()
    {
        // Received the same day, receipt 2026-000002 before 2026-000009; an older receipt day comes before both.
        var gifts = new[]
        {
            Money(30, 1_000_000, new DateOnly(2026, 3, 1), sequence: 9), Money(20, 700_000, new DateOnly(2026, 3, 1), sequence: 2),
            Money(10, 600_000, new DateOnly(2026, 2, 1), sequence: 50),
        };
        var s = Run([Meals(1)], gifts);

        Assert.Equal([10, 20, 30], s.Select(x => x.ContributionId));
        Assert.Equal([600_000L, 700_000, 700_000], s.Select(x => x.AmountVnd));
        Assert.Equal(2_000_000, s.Sum(x => x.AmountVnd)); // partial cover across three gifts, exactly the line
        Assert.Contains("tiền cũ nhất còn dùng được (phiếu thu 2026-000050, nhận ngày 01/02/2026)", s[0].Reasons);
        Assert.Contains("tiền không giới hạn (không thuộc chiến dịch nào)", s[0].Reasons);
    }

    [Fact]
    public void A_line_is_never_covered_beyond_what_it_lacks_and_a_gift_never_gives_more_than_it_has()
    {
        var needs = new[] { Meals(1, quantity: 10) with { ValueLeftVnd = 123_457 }, Meals(2, quantity: 10) };
        var gifts = new[] { Money(1, 150_000, new DateOnly(2026, 1, 1)), Money(2, 1_000_000, new DateOnly(2026, 1, 2)) };
        var s = Run(needs, gifts);

        foreach (var n in needs) Assert.True(s.Where(x => x.NeedLineId == n.NeedLineId).Sum(x => x.AmountVnd) <= n.ValueLeftVnd);
        foreach (var g in gifts) Assert.True(s.Where(x => x.ContributionId == g.ContributionId).Sum(x => x.AmountVnd) <= g.LeftVnd);
        Assert.Equal(123_457, s.Where(x => x.NeedLineId == 1).Sum(x => x.AmountVnd));
        Assert.Equal(200_000, s.Where(x => x.NeedLineId == 2).Sum(x => x.AmountVnd));
        Assert.Equal([26_543L, 173_457], s.Where(x => x.NeedLineId == 2).Select(x => x.AmountVnd)); // the rest of gift 1, then gift 2
    }

    [Fact]
    public void A_campaign_gift_goes_only_to_lines_inside_its_areas_and_a_campaign_without_area_gives_nothing()
    {
        var needs = new[] { Meals(1), Jackets(2, 5), Jackets(3, 5, commune: IaToi) };
        var gifts = new[] { Money(1, 50_000_000, new DateOnly(2026, 1, 1), campaign: Campaign), Money(2, 50_000_000, new DateOnly(2026, 1, 1), campaign: 99) };
        var s = Run(needs, gifts, restrictions: [WarmClothesInIaDal, new CampaignRestriction(99, "Chưa có địa bàn", [])]);

        var only = Assert.Single(s);
        Assert.Equal((1, 2, 900_000L), (only.ContributionId, only.NeedLineId, only.AmountVnd));
        Assert.Contains("giới hạn của chiến dịch «Áo ấm cho em»: dòng nằm trong địa bàn Xã Ia Đal, nhóm Đồ ấm", only.Reasons);

        // A gift of a campaign the run knows nothing about (no restriction given) is not used either.
        Assert.Empty(Run(needs, [Money(5, 1_000_000, new DateOnly(2026, 1, 1), campaign: 42)]));
    }

    [Fact]
    public void Restricted_money_goes_first_where_it_may_then_unrestricted_money_oldest_first()
    {
        // The unrestricted gift is older, yet the campaign's gift covers the jackets first: it can go to few lines, the other to any.
        var gifts = new[] { Money(1, 500_000, new DateOnly(2026, 1, 1)), Money(2, 500_000, new DateOnly(2026, 2, 1), campaign: Campaign),
            Money(3, 500_000, new DateOnly(2025, 12, 1)) };
        var s = Run([Jackets(1, 5)], gifts, restrictions: [WarmClothesInIaDal]);
        Assert.Equal([2, 3], s.Select(x => x.ContributionId));
        // Meals are outside the campaign's category: only the unrestricted gifts, oldest first.
        Assert.Equal([3, 1], Run([Meals(1)], gifts, restrictions: [WarmClothesInIaDal]).Select(x => x.ContributionId));
    }

    [Fact]
    public void Goods_go_only_to_lines_of_the_same_item_and_size_band_before_money_and_never_beyond_the_quantity()
    {
        var needs = new[] { Jackets(1, 30), Jackets(2, 10, band: SizeBand.Age9To11), Meals(3) };
        var goods = new[]
        {
            Goods(1, 20), Goods(2, 50, received: new DateOnly(2026, 10, 2)), Goods(3, 40, item: 14), Goods(4, 40, band: SizeBand.Age3To5),
            Goods(5, 40, item: 13, band: null),
        };
        var s = Run(needs, [Money(9, 10_000_000, new DateOnly(2025, 1, 1))], goods);

        var jackets = s.Where(x => x.NeedLineId == 1).ToList();
        Assert.Equal([(10, 20), (20, 10)], jackets.Select(x => (x.GoodsLineId!.Value, x.Quantity!.Value)));
        Assert.Equal(20 * 200_000L, jackets[0].AmountVnd); // at the receipt's unit value, as the allocation holds it
        Assert.Contains("hàng cũ nhất cùng mặt hàng và cỡ (phiếu thu 2026-000001, nhận ngày 01/10/2026: Áo ấm mùa đông 6–8 tuổi)", jackets[0].Reasons);
        Assert.Equal("phủ đủ số lượng còn thiếu của dòng", jackets[1].Reasons[^1]);
        // No goods of band 9–11, so money covers line 2; sweaters, another band and an unrecognised band are never used.
        Assert.All(s.Where(x => x.NeedLineId != 1), x => Assert.False(x.IsGoods));
        Assert.DoesNotContain(s, x => x.GoodsLineId is 30 or 40 or 50);
        Assert.Equal(1_800_000, s.Where(x => x.NeedLineId == 2).Sum(x => x.AmountVnd));
        // Goods never go to meals (a line not counted in items).
        Assert.DoesNotContain(s, x => x.NeedLineId == 3 && x.IsGoods);
    }

    [Fact]
    public void Goods_stop_at_the_line_value_left_and_money_covers_the_rest_in_dong()
    {
        // 10 jackets lacking but only 1.000.000 ₫ of value left (money already covered part): 5 jackets at 180.000 ₫ = 900.000 ₫, then 100.000 ₫ of money.
        var s = Run([Jackets(1, 10, valueLeft: 1_000_000)], [Money(1, 5_000_000, new DateOnly(2026, 1, 1))], [Goods(1, 100)]);
        Assert.Equal(5, s[0].Quantity);
        Assert.Equal(100_000, s[1].AmountVnd);
        Assert.Equal(2, s.Count);
    }

    [Fact]
    public void Free_text_goods_are_recognised_only_when_item_size_band_and_unit_are_certain()
    {
        var catalogue = NeedItemConfiguration.Catalogue;
        Assert.Equal<(int, SizeBand?)?>((13, SizeBand.Age6To8), GoodsRecognition.Recognise("Áo ấm mùa đông 6–8 tuổi", "chiếc", catalogue));
        Assert.Equal<(int, SizeBand?)?>((13, SizeBand.Age12To15), GoodsRecognition.Recognise("ao am mua dong (12-15 tuoi)", "Cái", catalogue));
        Assert.Equal<(int, SizeBand?)?>((16, null), GoodsRecognition.Recognise("Chăn ấm", "cái", catalogue));
        Assert.Equal<(int, SizeBand?)?>((18, null), GoodsRecognition.Recognise("Bộ đồ dùng học tập lớp 1", "bộ", catalogue));
        Assert.Null(GoodsRecognition.Recognise("Áo khoác mùa đông trẻ em 6–10 tuổi", "cái", catalogue)); // not a catalogue name
        Assert.Null(GoodsRecognition.Recognise("Áo ấm mùa đông 6–10 tuổi", "cái", catalogue)); // not a size band
        Assert.Null(GoodsRecognition.Recognise("Áo ấm mùa đông", "cái", catalogue)); // no size band
        Assert.Null(GoodsRecognition.Recognise("Chăn ấm", "kg", catalogue)); // not counted in pieces
        Assert.Null(GoodsRecognition.Recognise("Sữa tươi hộp 180 ml", "thùng", catalogue));
        Assert.Null(GoodsRecognition.Recognise("Suất ăn trưa", "cái", catalogue)); // meals are not goods
    }

    [Fact]
    public void A_run_is_the_same_whatever_order_the_inputs_come_in()
    {
        var needs = Enumerable.Range(1, 40).Select(i => Meals(i, level: 1 + i % 4, since: Old.AddDays(i % 7))).ToList();
        var gifts = Enumerable.Range(1, 25).Select(i => Money(i, 300_000 * (1 + i % 5), new DateOnly(2026, 1, 1 + i % 9))).ToList();
        var a = Run(needs, gifts);
        var b = Run(Enumerable.Reverse(needs), Enumerable.Reverse(gifts));
        Assert.Equal(a.Select(x => (x.ContributionId, x.NeedLineId, x.AmountVnd)), b.Select(x => (x.ContributionId, x.NeedLineId, x.AmountVnd)));
        Assert.Equal(gifts.Sum(g => g.LeftVnd), a.Sum(x => x.AmountVnd)); // every đồng used: the needs lack more than there is
    }
}
