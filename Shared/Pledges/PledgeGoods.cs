using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Pledges;

/// <summary>One line of goods pledged, with what has come in against it (a line received but never pledged has 0 pledged).</summary>
public sealed record PledgeGoodsLine(string Item, string Unit, string? SizeBand, string? Delivery, long PledgedQuantity, long ReceivedQuantity,
    DateOnly? DeliverBy = null)
{
    public long OutstandingQuantity => Math.Max(0, PledgedQuantity - ReceivedQuantity);
    public bool IsComplete => ReceivedQuantity >= PledgedQuantity;
    /// <summary>Past its delivery date (<paramref name="today"/>, Vietnam) with goods still missing.</summary>
    public bool IsLate(DateOnly today) => !IsComplete && DeliverBy is { } by && by < today;
    /// <summary>The line's name on the receipt for its goods, so receipts find their line again: "Áo ấm, cỡ 6–8 tuổi".</summary>
    public string ReceiptItem => PledgeGoods.ReceiptItem(Item, SizeBand);
}

/// <summary>
/// Goods pledged against goods received. An in-kind receipt for a pledge names each line as <see cref="PledgeGoodsLine.ReceiptItem"/>;
/// a receipt's line counts towards the pledged line of the same name and unit (case, spacing and diacritics aside).
/// </summary>
public static class PledgeGoods
{
    public static string ReceiptItem(string item, string? sizeBand) =>
        string.IsNullOrWhiteSpace(sizeBand) ? item.Trim() : $"{item.Trim()}, cỡ {sizeBand.Trim()}";

    /// <summary>The lines as the donor wrote them, one sentence each: "300 chiếc Áo ấm, cỡ 6–8 tuổi — giao tại xã — trước 15/12/2026".</summary>
    public static IReadOnlyList<string> Describe(IEnumerable<PledgeInKindLine> lines) =>
        [.. lines.Where(l => !string.IsNullOrWhiteSpace(l.Item)).Select(l =>
            $"{VietnameseFormat.Number(l.Quantity ?? 0)} {l.Unit?.Trim()} {ReceiptItem(l.Item!, l.SizeBand)}{(string.IsNullOrWhiteSpace(l.Delivery) ? "" : " — " + l.Delivery.Trim())}"
            + (l.DeliverBy is { } by ? " — " + Localization.Messages.Format("trước {0}", VietnameseFormat.Date(by)) : ""))];

    public static IReadOnlyList<PledgeGoodsLine> Standing(IReadOnlyList<PledgeInKindLine> pledged, IEnumerable<(string Item, string Unit, int Quantity)> received)
    {
        static string Key(string item, string unit) => TextFolding.Fold(item) + "|" + TextFolding.Fold(unit);
        var counted = received.GroupBy(r => Key(r.Item, r.Unit)).ToDictionary(g => g.Key, g => (g.First().Item, g.First().Unit, Quantity: g.Sum(r => (long)r.Quantity)));
        var lines = new List<PledgeGoodsLine>();
        foreach (var p in pledged.Where(p => !string.IsNullOrWhiteSpace(p.Item) && !string.IsNullOrWhiteSpace(p.Unit)))
        {
            var key = Key(ReceiptItem(p.Item!, p.SizeBand), p.Unit!);
            var got = counted.Remove(key, out var r) ? r.Quantity : 0;
            lines.Add(new PledgeGoodsLine(p.Item!.Trim(), p.Unit!.Trim(), p.SizeBand, p.Delivery, p.Quantity ?? 0, got, p.DeliverBy));
        }
        // Goods that came in beyond the pledge are shown too (pledged 0), never lost from the count.
        lines.AddRange(counted.Values.Select(r => new PledgeGoodsLine(r.Item, r.Unit, null, null, 0, r.Quantity)));
        return lines;
    }

    /// <summary>
    /// The pledge's goods against its live in-kind receipts, read past the unit filters (the pledge was found through them), with a
    /// receipt being booked (<paramref name="adding"/>) or being reversed (<paramref name="leaving"/>) in the same transaction.
    /// </summary>
    public static async Task<IReadOnlyList<PledgeGoodsLine>> OfAsync(ChildAidDbContext db, Pledge pledge, IEnumerable<ContributionGoodsLine>? adding = null,
        int? leaving = null, CancellationToken ct = default)
    {
        var received = await (from l in db.Set<ContributionGoodsLine>()
                              join c in db.Contributions on l.ContributionId equals c.Id
                              where c.PledgeId == pledge.Id && c.Reversal == null && c.Id != leaving
                              select new { l.Item, l.Unit, l.Quantity })
            .IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
        return Standing(PledgeLines.InKind(pledge.InKindLinesJson),
            received.Select(r => (r.Item, r.Unit, r.Quantity)).Concat((adding ?? []).Select(l => (l.Item, l.Unit, l.Quantity))));
    }
}

/// <summary>
/// What a receipt on a pledge does to it, decided once for every channel: goods count against the pledge's goods lines (a
/// goods-only pledge's status follows them), money against its amount. Called under the ledger lock by the booking core and
/// by a reversal, with the receipt's goods lines loaded.
/// </summary>
public static class PledgeReceipts
{
    public static async Task BookAsync(ChildAidDbContext db, Pledge pledge, Contribution receipt, CancellationToken ct = default)
    {
        if (receipt.Method == ContributionMethod.InKind) pledge.RecordGoods(await PledgeGoods.OfAsync(db, pledge, receipt.GoodsLines, ct: ct));
        else pledge.RecordPayment(receipt.AmountVnd);
    }

    public static async Task ReverseAsync(ChildAidDbContext db, Pledge pledge, Contribution receipt, CancellationToken ct = default)
    {
        if (receipt.Method == ContributionMethod.InKind) pledge.RecordGoods(await PledgeGoods.OfAsync(db, pledge, leaving: receipt.Id, ct: ct));
        else pledge.ReversePayment(receipt.AmountVnd);
    }
}
