using ChildAid.Shared.Ledger;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Balances;

/// <summary>The columns of a ledger entry that balances need: read in sequence order, nothing personal.</summary>
public sealed record BalanceEntry(long Sequence, LedgerEntryKind Kind, long AmountVnd, int? CampaignId, string? UnitCode,
    long? ReversesSequence, long? SourceSequence, string? Item, decimal? Quantity, string? UnitOfMeasure);

/// <summary>Money through one campaign, one commune or the whole programme, in whole đồng.</summary>
public sealed class BalanceTotals
{
    public long ReceivedVnd { get; internal set; }
    public long AllocatedVnd { get; internal set; }
    public long SpentVnd { get; internal set; }
    public long DeliveredInKindVnd { get; internal set; }
    /// <summary>received = allocated + unallocated.</summary>
    public long UnallocatedVnd => ReceivedVnd - AllocatedVnd;
    /// <summary>allocated = spent + delivered in kind + held.</summary>
    public long HeldVnd => AllocatedVnd - SpentVnd - DeliveredInKindVnd;
}

/// <summary>A broken invariant: the first entry where it broke, which rule (a stable code) and why, in Vietnamese.</summary>
public sealed record BalanceViolation(long Sequence, string Rule, string Message);

/// <summary>
/// Balances computed from the ledger alone, in one pass over the entries in sequence order, and the invariants that must
/// hold at every entry (each is a <see cref="BalanceViolation"/> when broken):
/// <list type="bullet">
/// <item><c>receipt-over-allocated</c>: what a receipt's allocations take never exceeds the receipt (received = allocated
/// + unallocated, unallocated ≥ 0 for every gift); <c>allocation-of-reversed-receipt</c>: a reversed receipt is allocated
/// no more; <c>allocation-source</c>: an allocation draws from a receipt entry;</item>
/// <item><c>restriction</c>: an allocation keeps its receipt's campaign (a campaign's gift stays in the campaign), and with
/// <see cref="CampaignAreas"/> given, goes only to a commune among the campaign's areas;</item>
/// <item><c>allocation-over-spent</c>: expenses and deliveries drawn from an allocation never exceed it (allocated = spent +
/// delivered in kind + held, held ≥ 0); <c>spend-source</c>: an expense draws from a live allocation;</item>
/// <item><c>reversal</c>: a reversal undoes one earlier entry exactly once and by exactly its amount;</item>
/// <item><c>stock-negative</c>: stock on hand of every item (and its unit) never falls below zero;</item>
/// <item><c>service-value</c>: a distribution drawn from a money allocation (a service: meals served, a check-up held) carries amount 0,
/// because the expense that paid for it already counted the money as spent.</item>
/// </list>
/// Pooled unrestricted money is not traced here: the trace of a gift follows each allocation's source entry.
/// </summary>
public sealed class LedgerBalances
{
    public BalanceTotals Overall { get; } = new();
    /// <summary>By campaign id; 0 for gifts without a campaign.</summary>
    public SortedDictionary<int, BalanceTotals> ByCampaign { get; } = [];
    /// <summary>By commune code: what was allocated to the commune's needs, spent and delivered there (a receipt has no commune).</summary>
    public SortedDictionary<string, BalanceTotals> ByCommune { get; } = new(StringComparer.Ordinal);
    /// <summary>Stock on hand by item and unit of measure.</summary>
    public Dictionary<(string Item, string? Unit), decimal> StockOnHand { get; } = [];
    public List<BalanceViolation> Violations { get; } = [];
    public long EntriesRead { get; private set; }
    public long LastSequence { get; private set; }

    /// <summary>Campaign id → the commune codes it may reach; when null the area check is left out (PublicSite: the ledger alone).</summary>
    public IReadOnlyDictionary<int, IReadOnlySet<string>>? CampaignAreas { get; init; }

    public bool Holds => Violations.Count == 0;

    private sealed class Source(BalanceEntry entry)
    {
        public BalanceEntry Entry { get; } = entry;
        public long Drawn { get; set; }
        public bool Reversed { get; set; }
    }

    private readonly Dictionary<long, Source> _sources = [];

    /// <summary>Streams the ledger (PublicSite's projection or BackOffice's context alike) in sequence order: memory grows with receipts and allocations, not with entries.</summary>
    public static async Task<LedgerBalances> ComputeAsync(IQueryable<LedgerEntry> ledger, IReadOnlyDictionary<int, IReadOnlySet<string>>? campaignAreas = null,
        CancellationToken ct = default)
    {
        var balances = new LedgerBalances { CampaignAreas = campaignAreas };
        var rows = ledger.OrderBy(e => e.Sequence).Select(e => new BalanceEntry(e.Sequence, e.Kind, e.AmountVnd, e.CampaignId, e.UnitCode,
            e.ReversesSequence, e.SourceSequence, e.Item, e.Quantity, e.UnitOfMeasure));
        await foreach (var entry in rows.AsAsyncEnumerable().WithCancellation(ct)) balances.Add(entry);
        return balances;
    }

    public void Add(BalanceEntry e)
    {
        EntriesRead++;
        LastSequence = e.Sequence;
        switch (e.Kind)
        {
            case LedgerEntryKind.Receipt:
                _sources[e.Sequence] = new Source(e);
                Money(e.CampaignId, null, t => t.ReceivedVnd += e.AmountVnd);
                break;
            case LedgerEntryKind.Allocation:
                Allocate(e);
                break;
            case LedgerEntryKind.Expense:
            case LedgerEntryKind.Distribution:
                Spend(e);
                break;
            case LedgerEntryKind.Reversal:
                Reverse(e);
                break;
        }
        if (e.Kind == LedgerEntryKind.StockMovement && e.Item is { } item && e.Quantity is { } quantity)
            MoveStock(e, item, e.UnitOfMeasure, quantity);
    }

    private void Allocate(BalanceEntry e)
    {
        _sources[e.Sequence] = new Source(e);
        if (e.SourceSequence is not { } from || !_sources.TryGetValue(from, out var receipt) || receipt.Entry.Kind != LedgerEntryKind.Receipt)
            Violate(e, "allocation-source", $"Phân bổ {e.Sequence} không lấy từ một phiếu thu có trước trong sổ cái.");
        else
        {
            if (receipt.Reversed) Violate(e, "allocation-of-reversed-receipt", $"Phân bổ {e.Sequence} lấy từ phiếu thu đã hủy (bút toán {from}).");
            receipt.Drawn += e.AmountVnd;
            if (receipt.Drawn > receipt.Entry.AmountVnd)
                Violate(e, "receipt-over-allocated", $"Phiếu thu (bút toán {from}) được phân bổ {receipt.Drawn} ₫, quá số nhận {receipt.Entry.AmountVnd} ₫.");
            if (e.CampaignId != receipt.Entry.CampaignId)
                Violate(e, "restriction", $"Phân bổ {e.Sequence} ghi chiến dịch khác với phiếu thu của nó (bút toán {from}).");
        }
        if (e.CampaignId is { } campaign && CampaignAreas is not null
            && (!CampaignAreas.TryGetValue(campaign, out var areas) || e.UnitCode is null || !areas.Contains(e.UnitCode)))
            Violate(e, "restriction", $"Phân bổ {e.Sequence} đến xã {e.UnitCode} nằm ngoài địa bàn của chiến dịch {campaign}.");
        Money(e.CampaignId, e.UnitCode, t => t.AllocatedVnd += e.AmountVnd);
    }

    private void Spend(BalanceEntry e)
    {
        _sources[e.Sequence] = new Source(e);
        var delivered = e.Kind == LedgerEntryKind.Distribution;
        if (e.SourceSequence is not { } from || !_sources.TryGetValue(from, out var allocation) || allocation.Entry.Kind != LedgerEntryKind.Allocation)
        {
            // A distribution from stock draws on a stock movement, not an allocation: its value is not money spent again.
            if (!delivered) Violate(e, "spend-source", $"Khoản chi {e.Sequence} không lấy từ một phân bổ có trước trong sổ cái.");
            return;
        }
        if (allocation.Reversed) Violate(e, "spend-source", $"Bút toán {e.Sequence} lấy từ phân bổ đã hoàn (bút toán {from}).");
        // A distribution drawn from a MONEY allocation (no item) is a service delivered (meals served, a check-up held): the expense
        // that paid the supplier already counted the money as spent, so it carries a quantity and never an amount.
        if (delivered && allocation.Entry.Item is null && e.AmountVnd != 0)
            Violate(e, "service-value", $"Dịch vụ {e.Sequence} lấy từ phân bổ tiền (bút toán {from}) nhưng ghi {e.AmountVnd} ₫; số tiền đã được tính khi chi.");
        allocation.Drawn += e.AmountVnd;
        if (allocation.Drawn > allocation.Entry.AmountVnd)
            Violate(e, "allocation-over-spent", $"Phân bổ (bút toán {from}) đã chi/cấp {allocation.Drawn} ₫, quá số được phân bổ {allocation.Entry.AmountVnd} ₫.");
        Money(allocation.Entry.CampaignId, allocation.Entry.UnitCode, t =>
        {
            if (delivered) t.DeliveredInKindVnd += e.AmountVnd;
            else t.SpentVnd += e.AmountVnd;
        });
    }

    private void Reverse(BalanceEntry e)
    {
        if (e.ReversesSequence is not { } target || !_sources.TryGetValue(target, out var reversed))
        {
            Violate(e, "reversal", $"Bút toán hủy {e.Sequence} không hủy một bút toán có trước trong sổ cái.");
            return;
        }
        if (reversed.Reversed) Violate(e, "reversal", $"Bút toán {target} bị hủy hai lần (lần sau: {e.Sequence}).");
        if (e.AmountVnd != -reversed.Entry.AmountVnd)
            Violate(e, "reversal", $"Bút toán hủy {e.Sequence} ghi {e.AmountVnd} ₫, không đúng bằng âm số tiền của bút toán {target}.");
        reversed.Reversed = true;
        var r = reversed.Entry;
        switch (r.Kind)
        {
            case LedgerEntryKind.Receipt:
                if (reversed.Drawn > 0) Violate(e, "allocation-of-reversed-receipt", $"Phiếu thu (bút toán {target}) bị hủy khi còn phân bổ {reversed.Drawn} ₫.");
                Money(r.CampaignId, null, t => t.ReceivedVnd -= r.AmountVnd);
                break;
            case LedgerEntryKind.Allocation:
                if (reversed.Drawn > 0) Violate(e, "spend-source", $"Phân bổ (bút toán {target}) bị hoàn khi đã chi/cấp {reversed.Drawn} ₫.");
                if (r.SourceSequence is { } from && _sources.TryGetValue(from, out var receipt)) receipt.Drawn -= r.AmountVnd;
                Money(r.CampaignId, r.UnitCode, t => t.AllocatedVnd -= r.AmountVnd);
                break;
            case LedgerEntryKind.Expense:
            case LedgerEntryKind.Distribution:
                if (r.SourceSequence is { } source && _sources.TryGetValue(source, out var allocation) && allocation.Entry.Kind == LedgerEntryKind.Allocation)
                {
                    allocation.Drawn -= r.AmountVnd;
                    Money(allocation.Entry.CampaignId, allocation.Entry.UnitCode, t =>
                    {
                        if (r.Kind == LedgerEntryKind.Distribution) t.DeliveredInKindVnd -= r.AmountVnd;
                        else t.SpentVnd -= r.AmountVnd;
                    });
                }
                break;
            case LedgerEntryKind.StockMovement when r.Item is { } item && r.Quantity is { } quantity:
                MoveStock(e, item, r.UnitOfMeasure, -quantity);
                break;
        }
    }

    private void MoveStock(BalanceEntry e, string item, string? unit, decimal quantity)
    {
        var onHand = StockOnHand[(item, unit)] = StockOnHand.GetValueOrDefault((item, unit)) + quantity;
        if (onHand < 0) Violate(e, "stock-negative", $"Tồn kho của {item} âm ({onHand} {unit}) sau bút toán {e.Sequence}.");
    }

    /// <summary>Applies a change to the overall, campaign and (when given) commune totals.</summary>
    private void Money(int? campaignId, string? unitCode, Action<BalanceTotals> change)
    {
        change(Overall);
        var campaign = campaignId ?? 0;
        if (!ByCampaign.TryGetValue(campaign, out var c)) ByCampaign[campaign] = c = new BalanceTotals();
        change(c);
        if (unitCode is null) return;
        if (!ByCommune.TryGetValue(unitCode, out var u)) ByCommune[unitCode] = u = new BalanceTotals();
        change(u);
    }

    private void Violate(BalanceEntry e, string rule, string message) => Violations.Add(new BalanceViolation(e.Sequence, rule, message));
}
