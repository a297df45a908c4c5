using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ChildAid.Shared.Allocations;

/// <summary>One suggestion with what a person needs to judge it: the receipt, the need line (commune, who, item), the reasons.</summary>
public sealed record SuggestionRow(Suggestion Suggestion, string ReceiptNumber, DateOnly ReceivedOn, string? Campaign, string? GoodsItem, string? GoodsUnit,
    string Commune, string Who, string NeedItem, SizeBand? SizeBand, NeedUnit Unit, int Level)
{
    /// <summary>What the form posts back for the row: receipt, goods line (0 for money), need line.</summary>
    public string Ref => Reference(Suggestion.ContributionId, Suggestion.GoodsLineId, Suggestion.NeedLineId);

    public static string Reference(int contributionId, int? goodsLineId, int needLineId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{contributionId}-{goodsLineId ?? 0}-{needLineId}");

    public string Reasons => string.Join("; ", Suggestion.Reasons);
}

/// <summary>What a run found: the suggestions, how many open lines and gifts it looked at, and the lines it left out (same support already there, or the need's period is over).</summary>
public sealed record SuggestionResult(IReadOnlyList<SuggestionRow> Rows, int OpenNeeds, int OpenGifts, long UnallocatedVnd, IReadOnlyList<SkippedNeed> Skipped);

/// <summary>
/// A need line the run does not suggest, with why in words: its child or school already received the same kind of help for
/// the same period (<see cref="DoubleSupportCheck"/>), so a proposal would be refused — a programme manager may still propose
/// it by hand, with the written reason the check asks for; or the period the need was for ended before today (winter
/// clothes in May help nobody) — a person may still propose it by hand when it is still worth it.
/// </summary>
public sealed record SkippedNeed(int NeedLineId, string Commune, string Who, string NeedItem, SizeBand? SizeBand, IReadOnlyList<string> Findings);

/// <summary>A row a person kept (ticked), with the amount or quantity they may have edited.</summary>
public sealed record SuggestionChoice(int ContributionId, int? GoodsLineId, int NeedLineId, long Amount);

/// <summary>
/// The suggestion run: loads the open gifts and need lines the user's unit scope shows (what is left is counted against the
/// live allocations of every unit, as <see cref="AllocationService"/> counts it), leaves out the lines the no-double-support
/// check would refuse (<see cref="SkippedNeed"/>), runs <see cref="AllocationSuggestions"/>,
/// and turns the rows a person kept into proposals through <see cref="AllocationService.ProposeAsync"/> — the same rules,
/// reservations and four eyes as a proposal made by hand.
/// </summary>
public class SuggestionRun(ChildAidDbContext db, AllocationService allocations, DoubleSupportCheck doubleSupport, TimeProvider clock)
{
    public async Task<SuggestionResult> RunAsync(CancellationToken ct = default)
    {
        var live = db.Allocations.IgnoreQueryFilters().AsNoTracking().Where(a => a.State == AllocationState.Proposed || a.State == AllocationState.Approved);

        var takenMoney = await live.Where(a => a.GoodsLineId == null).GroupBy(a => a.ContributionId)
            .Select(g => new { g.Key, Amount = g.Sum(a => a.AmountVnd) }).ToDictionaryAsync(x => x.Key, x => x.Amount, ct);
        var receipts = await db.Contributions.AsNoTracking().Where(c => c.Reversal == null && c.Method != ContributionMethod.InKind)
            .Select(c => new { c.Id, c.ReceiptNumber, c.ReceivedOn, c.FiscalYear, c.ReceiptSequence, c.CampaignId, c.AmountVnd }).ToListAsync(ct);
        var money = receipts.Select(c => new OpenMoney(c.Id, c.ReceiptNumber, c.ReceivedOn, c.FiscalYear, c.ReceiptSequence, c.CampaignId,
            c.AmountVnd - takenMoney.GetValueOrDefault(c.Id))).Where(m => m.LeftVnd > 0).ToList();

        var catalogue = await db.NeedItems.AsNoTracking().ToListAsync(ct);
        var takenGoods = await live.Where(a => a.GoodsLineId != null).GroupBy(a => a.GoodsLineId!.Value)
            .Select(g => new { g.Key, Quantity = g.Sum(a => a.Quantity ?? 0) }).ToDictionaryAsync(x => x.Key, x => x.Quantity, ct);
        var lines = await (
            from c in db.Contributions.AsNoTracking()
            where c.Reversal == null && c.Method == ContributionMethod.InKind
            join g in db.Set<ContributionGoodsLine>().AsNoTracking() on c.Id equals g.ContributionId
            select new { c.Id, c.ReceiptNumber, c.ReceivedOn, c.FiscalYear, c.ReceiptSequence, c.CampaignId, Line = g }).ToListAsync(ct);
        var caps = await AllocatableGoods.CapsAsync(db, [.. lines.Select(x => x.Line.Id)], ct);
        var goods = new List<OpenGoods>();
        foreach (var x in lines)
        {
            var left = AllocatableGoods.Cap(x.Line.Id, x.Line.Quantity, caps) - takenGoods.GetValueOrDefault(x.Line.Id);
            if (left <= 0) continue;
            var item = GoodsRecognition.Recognise(x.Line.Item, x.Line.Unit, catalogue);
            goods.Add(new OpenGoods(x.Id, x.Line.Id, x.ReceiptNumber, x.ReceivedOn, x.FiscalYear, x.ReceiptSequence, x.CampaignId, x.Line.Item, x.Line.Unit,
                x.Line.UnitValueVnd, left, item?.NeedItemId, item?.SizeBand));
        }

        var (needs, doubled) = await OpenNeedsAsync(live, ct);
        var restrictions = await RestrictionsAsync(money.Select(m => m.CampaignId).Concat(goods.Select(g => g.CampaignId)), ct);

        var suggestions = AllocationSuggestions.Suggest(needs.Select(n => n.Need), money, goods, restrictions);

        var needById = needs.ToDictionary(n => n.Need.NeedLineId);
        var moneyById = money.ToDictionary(m => m.ContributionId);
        var goodsById = goods.ToDictionary(g => g.GoodsLineId);
        var titles = restrictions.ToDictionary(r => r.CampaignId, r => r.Title);
        var communes = await db.AdminUnits.AsNoTracking().Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var skipped = doubled.Select(d => new SkippedNeed(d.Need.Need.NeedLineId, communes.GetValueOrDefault(d.Need.Need.CommuneId) ?? "", d.Need.Who, d.Need.Item,
            d.Need.Need.SizeBand, d.Findings)).ToList();
        var rows = suggestions.Select(s =>
        {
            var n = needById[s.NeedLineId];
            var (number, received, campaign) = s.GoodsLineId is { } g
                ? (goodsById[g].ReceiptNumber, goodsById[g].ReceivedOn, goodsById[g].CampaignId)
                : (moneyById[s.ContributionId].ReceiptNumber, moneyById[s.ContributionId].ReceivedOn, moneyById[s.ContributionId].CampaignId);
            var lot = s.GoodsLineId is { } id ? goodsById[id] : null;
            return new SuggestionRow(s, number, received, campaign is { } c ? titles.GetValueOrDefault(c) : null, lot?.Item, lot?.Unit,
                communes.GetValueOrDefault(n.Need.CommuneId) ?? "", n.Who, n.Item, n.Need.SizeBand, n.Need.Unit, n.Need.Level);
        }).ToList();
        return new SuggestionResult(rows, needs.Count, money.Count + goods.Count, money.Sum(m => m.LeftVnd), skipped);
    }

    private sealed record NeedWithLabels(OpenNeed Need, string Who, string Item);

    /// <summary>
    /// Approved lines (the revision in force) of the user's units with what they still lack, and since when each need exists;
    /// apart, the lines whose child or school already has the same support (what the check found, in words).
    /// </summary>
    private async Task<(List<NeedWithLabels> Open, List<(NeedWithLabels Need, IReadOnlyList<string> Findings)> Doubled)> OpenNeedsAsync(IQueryable<Allocation> live,
        CancellationToken ct)
    {
        var taken = (await live.GroupBy(a => new { a.NeedLineKey, Goods = a.GoodsLineId != null })
                .Select(g => new { g.Key.NeedLineKey, g.Key.Goods, Amount = g.Sum(a => a.AmountVnd), Quantity = g.Sum(a => a.Quantity ?? 0) }).ToListAsync(ct))
            .GroupBy(x => x.NeedLineKey)
            .ToDictionary(g => g.Key, g => (Money: g.Where(x => !x.Goods).Sum(x => x.Amount), Goods: g.Where(x => x.Goods).Sum(x => x.Quantity)));
        // A revision copies its lines with their keys: a need is as old as the first approved revision that held it.
        var since = await db.NeedLines.AsNoTracking()
            .Where(l => l.NeedsReview!.Status == NeedsReviewStatus.Approved || l.NeedsReview.Status == NeedsReviewStatus.Superseded)
            .Select(l => new { l.Key, l.NeedsReview!.DecidedAt }).ToListAsync(ct);
        var firstApproved = new Dictionary<Guid, DateTime>();
        foreach (var x in since)
            if (x.DecidedAt is { } at && (!firstApproved.TryGetValue(x.Key, out var seen) || at < seen)) firstApproved[x.Key] = at;
        var lines = await NeedsExport.Approved(db).AsNoTracking()
            .Select(l => new
            {
                l.Id, l.Key, l.AdminUnitId, l.Category, l.NeedItemId, l.SizeBand, l.Unit, Level = l.LevelOverride ?? l.ComputedLevel, l.EstimatedUnitCostVnd,
                l.Quantity, l.Target, Child = l.Child != null ? l.Child.FullName : null, School = l.School != null ? l.School.Name : null, Item = l.Item!.NameVi,
                l.NeedsReview!.DecidedAt, l.ChildId, l.SchoolId, l.PeriodStart, l.PeriodEnd, l.NeedsReviewId,
            }).ToListAsync(ct);
        var result = new List<NeedWithLabels>(lines.Count);
        var candidates = new List<DuplicateCandidate>();
        foreach (var l in lines)
        {
            var (moneyTaken, goodsTaken) = taken.GetValueOrDefault(l.Key);
            var value = l.Quantity * l.EstimatedUnitCostVnd - moneyTaken - goodsTaken * l.EstimatedUnitCostVnd;
            var quantity = l.Quantity - goodsTaken - (l.EstimatedUnitCostVnd > 0 ? (int)Math.Ceiling(moneyTaken / (double)l.EstimatedUnitCostVnd) : 0);
            if (value <= 0 && quantity <= 0) continue;
            var first = firstApproved.TryGetValue(l.Key, out var at) ? at : l.DecidedAt ?? DateTime.MinValue;
            result.Add(new NeedWithLabels(
                new OpenNeed(l.Id, l.AdminUnitId, l.Category, l.NeedItemId, l.SizeBand, l.Unit, l.Level, first, l.EstimatedUnitCostVnd, Math.Max(0, quantity), Math.Max(0, value)),
                l.Child ?? l.School ?? NeedLabels.Targets[l.Target], l.Item));
            candidates.Add(new DuplicateCandidate(l.Target, l.ChildId, l.SchoolId, l.Category, l.PeriodStart, l.PeriodEnd, l.NeedsReviewId, l.Key));
        }
        // No double support (issue 10): a line whose child or school already has the same help for the period would be
        // refused when proposed; leave it to a person rather than suggest it. Nor a line whose period is over.
        var findings = await doubleSupport.FindAsync(candidates, ct);
        var today = clock.VietnamToday();
        var open = new List<NeedWithLabels>(result.Count);
        var doubled = new List<(NeedWithLabels, IReadOnlyList<string>)>();
        for (var i = 0; i < result.Count; i++)
            if (candidates[i].PeriodEnd < today)
                doubled.Add((result[i], [Localization.Messages.Format("Thời gian cần đã hết ngày {0}.", VietnameseFormat.Date(candidates[i].PeriodEnd))]));
            else if (findings[i].Count == 0) open.Add(result[i]);
            else doubled.Add((result[i], findings[i]));
        return (open, doubled);
    }

    /// <summary>Every area of the campaigns the gifts belong to, read past the scope: a restriction is the donor's, whoever reads it.</summary>
    private async Task<List<CampaignRestriction>> RestrictionsAsync(IEnumerable<int?> campaignIds, CancellationToken ct)
    {
        var ids = campaignIds.Where(c => c is not null).Select(c => c!.Value).Distinct().ToList();
        if (ids.Count == 0) return [];
        var titles = await db.Campaigns.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var areas = await db.CampaignAreas.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.CampaignId))
            .Join(db.AdminUnits.IgnoreQueryFilters(), a => a.AdminUnitId, u => u.Id, (a, u) => new { a.CampaignId, a.AdminUnitId, a.Category, u.Name })
            .ToListAsync(ct);
        return titles.Select(t => new CampaignRestriction(t.Key, t.Value,
            areas.Where(a => a.CampaignId == t.Key).Select(a => new CampaignAreaRule(a.AdminUnitId, a.Category, a.Name)).ToList())).ToList();
    }

    /// <summary>Serialises proposals from suggestion forms in this process, so a double click finds the first click's proposals.</summary>
    private static readonly SemaphoreSlim ProposeLock = new(1, 1);

    /// <summary>The note every proposal of one form carries, so the approver reads where it came from and why.</summary>
    public static string NotePrefix(Guid runKey) => "Gợi ý phân bổ, lượt " + runKey.ToString("N", System.Globalization.CultureInfo.InvariantCulture)[..12];

    /// <summary>The row's unique key (<see cref="Allocation.SuggestionKey"/>): the form's run key and the row's reference.</summary>
    public static string SuggestionKey(Guid runKey, string reference) =>
        runKey.ToString("N", System.Globalization.CultureInfo.InvariantCulture) + ":" + reference;

    /// <summary>
    /// Proposes each kept row through <see cref="AllocationService.ProposeAsync"/> (proposer = the current user). A row already
    /// proposed from the same form (same run key, receipt, goods line and need line) is not proposed again: a double click
    /// or a resubmitted form proposes once. Returns, by row reference, what each row came to (null = proposed or already
    /// proposed; otherwise the service's Vietnamese message). The lock spares this process the database's refusal; across
    /// BackOffice nodes the unique <see cref="Allocation.SuggestionKey"/> has the last word.
    /// </summary>
    public async Task<Dictionary<string, string?>> ProposeAsync(Guid runKey, IReadOnlyList<SuggestionChoice> choices, IReadOnlyDictionary<string, string>? reasons,
        CancellationToken ct = default)
    {
        var prefix = NotePrefix(runKey);
        var outcomes = new Dictionary<string, string?>();
        await ProposeLock.WaitAsync(ct);
        try
        {
            var keyPrefix = SuggestionKey(runKey, "");
            var done = (await db.Allocations.IgnoreQueryFilters().AsNoTracking().Where(a => a.SuggestionKey != null && a.SuggestionKey.StartsWith(keyPrefix))
                    .Select(a => a.SuggestionKey!).ToListAsync(ct))
                .Select(k => k[keyPrefix.Length..]).ToHashSet();
            foreach (var c in choices)
            {
                var reference = SuggestionRow.Reference(c.ContributionId, c.GoodsLineId, c.NeedLineId);
                if (done.Contains(reference))
                {
                    outcomes[reference] = null;
                    continue;
                }
                var note = prefix + (reasons?.GetValueOrDefault(reference) is { Length: > 0 } why ? ": " + why : "");
                if (note.Length > Allocation.NoteLength) note = note[..(Allocation.NoteLength - 1)] + "…";
                var input = new AllocationInput
                {
                    ContributionId = c.ContributionId, GoodsLineId = c.GoodsLineId, NeedLineId = c.NeedLineId, Note = note,
                    SuggestionKey = SuggestionKey(runKey, reference),
                    AmountVnd = c.GoodsLineId is null ? c.Amount : null, Quantity = c.GoodsLineId is null ? null : (int)Math.Min(c.Amount, int.MaxValue),
                };
                var outcome = await allocations.ProposeAsync(input, ct);
                outcomes[reference] = outcome.Succeeded ? null : string.Join(" ", outcome.Errors.Values.Distinct());
                if (outcome.Succeeded) done.Add(reference);
            }
        }
        finally
        {
            ProposeLock.Release();
        }
        return outcomes;
    }

    /// <summary>The suggestion table as a workbook, streamed from a temporary file.</summary>
    public static async Task<FileStream> WorkbookAsync(IEnumerable<SuggestionRow> rows, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await Task.Run(() => file.SaveAs(rows.Select(r => new Dictionary<string, object?>
        {
            ["Phiếu thu"] = r.ReceiptNumber, ["Ngày nhận"] = VietnameseFormat.Date(r.ReceivedOn), ["Chiến dịch"] = r.Campaign,
            ["Hàng hiện vật"] = r.GoodsItem, ["Xã"] = r.Commune, ["Cho"] = r.Who, ["Mặt hàng nhu cầu"] = r.NeedItem,
            ["Cỡ"] = r.SizeBand is { } b ? NeedLabels.SizeBands[b] : null, ["Mức ưu tiên"] = r.Level,
            ["Số lượng"] = r.Suggestion.Quantity, ["Đơn vị"] = r.GoodsUnit, ["Số tiền (đồng)"] = r.Suggestion.AmountVnd, ["Lý do"] = r.Reasons,
        }), sheetName: "Gợi ý phân bổ"), ct);
        file.Position = 0;
        return file;
    }
}
