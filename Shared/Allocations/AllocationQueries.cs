using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ChildAid.Shared.Allocations;

/// <summary>One allocation as the staff list shows it.</summary>
public sealed record AllocationRow(int Id, AllocationState State, int ContributionId, string ReceiptNumber, string Commune, NeedCategory Category,
    string Item, NeedTarget Target, string? GoodsItem, int? Quantity, long AmountVnd, string ProposedBy, DateTime ProposedAt, string? DecidedBy,
    DateTime? DecidedAt, string? RejectionReason, string? Note, long? LedgerSequence, string? ReversedBy, DateTime? ReversedAt, string? ReversalReason,
    long? ReversalSequence, string? DoubleSupportFindings, string? DoubleSupportReason, string? DoubleSupportAllowedBy, NeedUnit NeedUnit = NeedUnit.Items,
    bool ReceiptReadable = true, int? GoodsLineId = null, int GoodsDeclared = 0)
{
    /// <summary>For a live goods allocation: how far its goods line's live allocations exceed what the lot can still give (0 when they fit).</summary>
    public int GoodsLineExcess { get; init; }
}

/// <summary>An approved need line the user may allocate to, with what it still lacks.</summary>
public sealed record NeedOption(int Id, string Commune, string Who, string Item, SizeBand? SizeBand, int Level, NeedUnit Unit, NeedRemainder Left);

/// <summary>Reads for the allocation pages, through the user's unit scope.</summary>
public class AllocationQueries(ChildAidDbContext db, AllocationService allocations)
{
    public const int MaxRows = 500;

    /// <param name="needLineId">Only the allocations to one need line (the needs review's "committed" drill-down).</param>
    public async Task<List<AllocationRow>> ListAsync(AllocationState? state, CancellationToken ct = default, int? needLineId = null)
    {
        // The receipt is read past its own unit filter (only that one): a district's gift allocated to a commune's need is the
        // commune's allocation, and its receipt number is public; an INNER JOIN under the receipt's scope would drop the row.
        var query = db.Allocations.AsNoTracking().IgnoreQueryFilters([Security.ScopeFilters.Unit<Contribution>()]);
        if (state is { } s) query = query.Where(a => a.State == s);
        if (needLineId is { } need) query = query.Where(a => a.NeedLineId == need);
        var rows = await query.OrderByDescending(a => a.ProposedAt).ThenByDescending(a => a.Id).Take(MaxRows)
            .Select(a => new AllocationRow(a.Id, a.State, a.ContributionId, a.Contribution!.ReceiptNumber,
                db.AdminUnits.Where(u => u.Id == a.AdminUnitId).Select(u => u.Name).First(), a.NeedLine!.Category, a.NeedLine.Item!.NameVi,
                a.NeedLine.Target, a.GoodsLine != null ? a.GoodsLine.Item : null, a.Quantity, a.AmountVnd,
                db.Users.Where(u => u.Id == a.ProposedById).Select(u => u.FullName).FirstOrDefault() ?? a.ProposedById, a.ProposedAt,
                a.DecidedById == null ? null : db.Users.Where(u => u.Id == a.DecidedById).Select(u => u.FullName).FirstOrDefault() ?? a.DecidedById,
                a.DecidedAt, a.RejectionReason, a.Note, a.LedgerSequence,
                a.ReversedById == null ? null : db.Users.Where(u => u.Id == a.ReversedById).Select(u => u.FullName).FirstOrDefault() ?? a.ReversedById,
                a.ReversedAt, a.ReversalReason, a.ReversalSequence, a.DoubleSupportFindings, a.DoubleSupportReason,
                a.DoubleSupportAllowedById == null ? null : db.Users.Where(u => u.Id == a.DoubleSupportAllowedById).Select(u => u.FullName).FirstOrDefault() ?? a.DoubleSupportAllowedById,
                a.NeedLine.Unit, db.UnitScope == null || db.UnitScope.Contains(a.Contribution!.AdminUnitId),
                a.GoodsLineId, a.GoodsLine != null ? a.GoodsLine.Quantity : 0))
            .ToListAsync(ct);
        return await FlagOverAllocatedAsync(rows, ct);
    }

    /// <summary>
    /// Live goods allocations whose line took more than its lot can give once received and inspected (allocated before the
    /// inspection found fewer good): flagged on each row, as on the receipt, so the list says which to reverse or reject.
    /// </summary>
    private async Task<List<AllocationRow>> FlagOverAllocatedAsync(List<AllocationRow> rows, CancellationToken ct)
    {
        var lines = rows.Where(r => r.GoodsLineId is not null && r.State is AllocationState.Proposed or AllocationState.Approved)
            .Select(r => (r.GoodsLineId!.Value, r.GoodsDeclared)).Distinct().ToList();
        if (lines.Count == 0) return rows;
        var over = (await AllocatableGoods.OverAllocatedAsync(db, lines, ct)).ToDictionary(o => o.GoodsLineId, o => o.Excess);
        return [.. rows.Select(r => r.GoodsLineId is { } id && over.TryGetValue(id, out var excess) && r.State is AllocationState.Proposed or AllocationState.Approved
            ? r with { GoodsLineExcess = excess } : r)];
    }

    /// <summary>The receipt (in the user's units) and what is left on it, or null.</summary>
    public async Task<(Contribution Receipt, ReceiptRemainder Left)?> ReceiptAsync(int contributionId, CancellationToken ct = default)
    {
        var receipt = await db.Contributions.AsNoTracking().Include(c => c.GoodsLines).Include(c => c.Reversal).Include(c => c.Campaign)
            .FirstOrDefaultAsync(c => c.Id == contributionId, ct);
        return receipt is null ? null : (receipt, await allocations.RemainderAsync(receipt, ct));
    }

    /// <summary>Approved need lines of the user's units that still lack something, most urgent first (at most 300).</summary>
    public async Task<List<NeedOption>> NeedOptionsAsync(CancellationToken ct = default)
    {
        var lines = await NeedsExport.Approved(db).AsNoTracking().Include(l => l.Item).Include(l => l.School).Include(l => l.Child)
            .OrderBy(l => l.LevelOverride ?? l.ComputedLevel).ThenBy(l => l.Id).Take(300).ToListAsync(ct);
        var communes = await db.AdminUnits.AsNoTracking().Where(u => lines.Select(l => l.AdminUnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var options = new List<NeedOption>();
        foreach (var l in lines)
        {
            var left = await allocations.NeedRemainderAsync(l, ct);
            if (left.ValueLeftVnd <= 0 && left.QuantityLeft <= 0) continue;
            var who = l.Child?.FullName ?? l.School?.Name ?? NeedLabels.Targets[l.Target];
            options.Add(new NeedOption(l.Id, communes.GetValueOrDefault(l.AdminUnitId) ?? "", who, l.Item!.NameVi, l.SizeBand, l.Level, l.Unit, left));
        }
        return options;
    }

    /// <summary>The list as a workbook (what the filter shows), streamed from a temporary file.</summary>
    public static async Task<FileStream> WorkbookAsync(IEnumerable<AllocationRow> rows, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await Task.Run(() => file.SaveAs(rows.Select(r => new Dictionary<string, object?>
        {
            ["Số"] = r.Id, ["Trạng thái"] = AllocationLabels.States[r.State], ["Phiếu thu"] = r.ReceiptNumber, ["Xã"] = r.Commune,
            ["Nhóm nhu cầu"] = NeedLabels.Categories[r.Category], ["Mặt hàng nhu cầu"] = r.Item, ["Hàng hiện vật"] = r.GoodsItem, ["Số lượng"] = r.Quantity,
            ["Số tiền (đồng)"] = r.AmountVnd, ["Người đề xuất"] = r.ProposedBy, ["Đề xuất lúc"] = VietnameseFormat.DateTime(r.ProposedAt),
            ["Người duyệt/từ chối"] = r.DecidedBy, ["Lúc"] = r.DecidedAt is { } d ? VietnameseFormat.DateTime(d) : null,
            ["Lý do từ chối"] = r.RejectionReason, ["Ghi chú"] = r.Note, ["Bút toán sổ cái"] = r.LedgerSequence,
            ["Người hoàn"] = r.ReversedBy, ["Hoàn lúc"] = r.ReversedAt is { } h ? VietnameseFormat.DateTime(h) : null, ["Lý do hoàn"] = r.ReversalReason,
            ["Bút toán hoàn"] = r.ReversalSequence,
            ["Trùng hỗ trợ đã có"] = r.DoubleSupportFindings, ["Lý do vẫn phân bổ"] = r.DoubleSupportReason, ["Người cho phép"] = r.DoubleSupportAllowedBy,
        }), sheetName: "Phân bổ"), ct);
        file.Position = 0;
        return file;
    }
}

public static class AllocationLabels
{
    public static readonly IReadOnlyDictionary<AllocationState, string> States = new Dictionary<AllocationState, string>
    {
        [AllocationState.Proposed] = "Chờ duyệt", [AllocationState.Approved] = "Đã duyệt", [AllocationState.Rejected] = "Bị từ chối",
        [AllocationState.Reversed] = "Đã hoàn",
    };
}
