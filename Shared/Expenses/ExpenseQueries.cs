using ChildAid.Shared.Allocations;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ChildAid.Shared.Expenses;

/// <summary>One expense as the staff list shows it.</summary>
public sealed record ExpenseRow(int Id, ExpenseState State, string Commune, string SupplierName, string SupplierTaxCode, string InvoiceSymbol,
    string InvoiceNumber, DateOnly InvoiceDate, DateOnly PaymentDate, long AmountVnd, string ProposedBy, DateTime ProposedAt, string? DecidedBy,
    DateTime? DecidedAt, string? RejectionReason, int Documents, DateTime? ReversedAt = null, string? ReversalReason = null,
    ExpenseKind Kind = ExpenseKind.Invoice, DateTime? InvoiceFiledAt = null, InvoiceDelay Delay = InvoiceDelay.None)
{
    /// <summary>An approved advance, standing, still without its invoice.</summary>
    public bool LacksInvoice => Kind == ExpenseKind.Advance && State == ExpenseState.Approved && ReversedAt is null && InvoiceFiledAt is null;

    /// <summary>The state as staff read it: an approved expense that was reversed says so.</summary>
    public string StateLabel => ReversedAt is null ? ExpenseLabels.States[State] : ExpenseLabels.Reversed;
}

/// <summary>The list's filters: state, commune, campaign (of the receipts the allocations came from).</summary>
public sealed class ExpenseFilter
{
    public ExpenseState? State { get; set; }
    public int? AdminUnitId { get; set; }
    public int? CampaignId { get; set; }
    /// <summary>Thiếu hoá đơn: approved advances, not reversed, whose invoice is not filed yet.</summary>
    public bool MissingInvoice { get; set; }
    /// <summary>Only expenses paid from allocations to one need line (the needs review's "received" drill-down).</summary>
    public int? NeedLineId { get; set; }
}

/// <summary>An approved money allocation of the user's units, with what it still holds to spend.</summary>
/// <param name="ForGoods">The need is counted in items: the line may say how many the money bought.</param>
public sealed record SpendableAllocation(int Id, string ReceiptNumber, string Commune, string Need, long AmountVnd, long HeldVnd, bool ForGoods = false);

/// <summary>One line of an expense as its page shows it.</summary>
public sealed record ExpenseLineView(int AllocationId, string ReceiptNumber, string Need, long AmountVnd, long? LedgerSequence, long? ReversalSequence = null, int? Quantity = null);

/// <summary>Reads for the expense pages, through the user's unit scope.</summary>
public class ExpenseQueries(ChildAidDbContext db, ExpenseService expenses, AllocationService allocations, TimeProvider clock)
{
    public const int MaxRows = 500;

    public async Task<List<ExpenseRow>> ListAsync(ExpenseFilter filter, CancellationToken ct = default)
    {
        // Through the allocations to their receipts' campaigns, past the receipts' unit filter only (a district's gift spent by a commune).
        var query = db.Expenses.AsNoTracking().IgnoreQueryFilters([ScopeFilters.Unit<Contributions.Contribution>()]);
        if (filter.State is { } s) query = query.Where(e => e.State == s);
        if (filter.AdminUnitId is { } unit) query = query.Where(e => e.AdminUnitId == unit);
        if (filter.CampaignId is { } campaign) query = query.Where(e => e.Lines.Any(l => l.Allocation!.Contribution!.CampaignId == campaign));
        if (filter.NeedLineId is { } need) query = query.Where(e => e.Lines.Any(l => l.Allocation!.NeedLineId == need));
        if (filter.MissingInvoice)
            query = query.Where(e => e.Kind == ExpenseKind.Advance && e.State == ExpenseState.Approved && e.ReversedAt == null && e.InvoiceFiledAt == null);
        var today = Time.VietnamClock.VietnamToday(clock);
        var rows = await query.OrderByDescending(e => e.ProposedAt).ThenByDescending(e => e.Id).Take(MaxRows)
            .Select(e => new ExpenseRow(e.Id, e.State, db.AdminUnits.Where(u => u.Id == e.AdminUnitId).Select(u => u.Name).First(),
                e.SupplierName, e.SupplierTaxCode, e.InvoiceSymbol, e.InvoiceNumber, e.InvoiceDate, e.PaymentDate, e.AmountVnd,
                db.Users.Where(u => u.Id == e.ProposedById).Select(u => u.FullName).FirstOrDefault() ?? e.ProposedById, e.ProposedAt,
                e.DecidedById == null ? null : db.Users.Where(u => u.Id == e.DecidedById).Select(u => u.FullName).FirstOrDefault() ?? e.DecidedById,
                e.DecidedAt, e.RejectionReason, e.Documents.Count, e.ReversedAt, e.ReversalReason, e.Kind, e.InvoiceFiledAt, InvoiceDelay.None))
            .ToListAsync(ct);
        // Days without the invoice counted from the payment date, in Vietnam's calendar.
        return [.. rows.Select(r => r.LacksInvoice ? r with { Delay = ExpenseRules.Delay(r.PaymentDate, today) } : r)];
    }

    /// <summary>The communes the user's expenses are in, and every campaign, for the filters.</summary>
    public async Task<(List<(int Id, string Name)> Communes, List<(int Id, string Title)> Campaigns)> FilterOptionsAsync(CancellationToken ct = default)
    {
        var unitIds = await db.Expenses.AsNoTracking().Select(e => e.AdminUnitId).Distinct().ToListAsync(ct);
        var communes = await db.AdminUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var campaigns = await db.Campaigns.AsNoTracking().OrderBy(c => c.Title).Select(c => new { c.Id, c.Title }).ToListAsync(ct);
        return ([.. communes.Select(c => (c.Id, c.Name))], [.. campaigns.Select(c => (c.Id, c.Title))]);
    }

    /// <summary>Approved money allocations of the user's units that still hold money (and the asked-for ones even when empty), newest first.</summary>
    public async Task<List<SpendableAllocation>> SpendableAsync(IReadOnlyCollection<int> asked, CancellationToken ct = default)
    {
        var rows = await db.Allocations.AsNoTracking().IgnoreQueryFilters([ScopeFilters.Unit<Contributions.Contribution>()])
            .Where(a => a.State == AllocationState.Approved && a.GoodsLineId == null)
            .OrderBy(a => asked.Contains(a.Id) ? 0 : 1).ThenByDescending(a => a.DecidedAt).Take(200)
            .Select(a => new { a.Id, a.Contribution!.ReceiptNumber, a.AdminUnitId, a.NeedLineId, a.AmountVnd, a.NeedLine!.Unit })
            .ToListAsync(ct);
        var held = await expenses.HeldAsync(rows.Select(r => r.Id), ct);
        var communes = await db.AdminUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var list = new List<SpendableAllocation>();
        foreach (var r in rows.Where(r => held.GetValueOrDefault(r.Id) > 0 || asked.Contains(r.Id)))
        {
            var place = await allocations.PlaceAsync(r.NeedLineId, ct);
            list.Add(new SpendableAllocation(r.Id, r.ReceiptNumber, communes.GetValueOrDefault(r.AdminUnitId) ?? "", place.Description, r.AmountVnd, held.GetValueOrDefault(r.Id),
                r.Unit == Needs.NeedUnit.Items));
        }
        return list;
    }

    /// <summary>An expense of the user's units with its lines and documents (not their bytes), or null.</summary>
    public async Task<(Expense Expense, List<ExpenseLineView> Lines, string Commune)?> DetailAsync(int id, CancellationToken ct = default)
    {
        var expense = await db.Expenses.AsNoTracking().Include(e => e.Documents).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (expense is null) return null;
        var lines = await db.ExpenseLines.AsNoTracking().IgnoreQueryFilters([ScopeFilters.Unit<Contributions.Contribution>()]).Where(l => l.ExpenseId == id).OrderBy(l => l.Id)
            .Select(l => new { l.AllocationId, l.Allocation!.Contribution!.ReceiptNumber, l.Allocation.NeedLineId, l.AmountVnd, l.LedgerSequence, l.ReversalSequence, l.Quantity })
            .ToListAsync(ct);
        var views = new List<ExpenseLineView>();
        foreach (var l in lines)
            views.Add(new ExpenseLineView(l.AllocationId, l.ReceiptNumber, (await allocations.PlaceAsync(l.NeedLineId, ct)).Description, l.AmountVnd, l.LedgerSequence, l.ReversalSequence, l.Quantity));
        var commune = await db.AdminUnits.Where(u => u.Id == expense.AdminUnitId).Select(u => u.Name).SingleAsync(ct);
        return (expense, views, commune);
    }

    /// <summary>The audit trail of an expense and its documents (the caller has found the expense through the scope).</summary>
    public async Task<List<Audit.AuditEntry>> AuditAsync(Expense expense, CancellationToken ct = default)
    {
        var key = expense.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var documents = expense.Documents.Select(d => d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return await db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(a => (a.EntityType == nameof(Expense) && a.EntityKey == key) || (a.EntityType == nameof(ExpenseDocument) && documents.Contains(a.EntityKey)))
            .OrderBy(a => a.At).ThenBy(a => a.Id).Take(200).ToListAsync(ct);
    }

    /// <summary>The list as a workbook (what the filter shows), streamed from a temporary file.</summary>
    public static async Task<FileStream> WorkbookAsync(IEnumerable<ExpenseRow> rows, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await Task.Run(() => file.SaveAs(rows.Select(r => new Dictionary<string, object?>
        {
            ["Số"] = r.Id, ["Loại"] = ExpenseLabels.Kinds[r.Kind], ["Trạng thái"] = r.StateLabel, ["Thiếu hoá đơn"] = r.LacksInvoice ? ExpenseLabels.DelayLabel(r.Delay) : null, ["Xã"] = r.Commune, ["Nhà cung cấp"] = r.SupplierName,
            ["Mã số thuế"] = r.SupplierTaxCode, ["Ký hiệu hoá đơn"] = r.InvoiceSymbol, ["Số hoá đơn"] = r.InvoiceNumber,
            ["Ngày hoá đơn"] = VietnameseFormat.Date(r.InvoiceDate), ["Ngày chi"] = VietnameseFormat.Date(r.PaymentDate), ["Số tiền (đồng)"] = r.AmountVnd,
            ["Số tệp"] = r.Documents, ["Người đề xuất"] = r.ProposedBy, ["Đề xuất lúc"] = VietnameseFormat.DateTime(r.ProposedAt),
            ["Người duyệt/từ chối"] = r.DecidedBy, ["Lúc"] = r.DecidedAt is { } d ? VietnameseFormat.DateTime(d) : null, ["Lý do từ chối"] = r.RejectionReason,
            ["Hoàn chi lúc"] = r.ReversedAt is { } back ? VietnameseFormat.DateTime(back) : null, ["Lý do hoàn chi"] = r.ReversalReason,
        }), sheetName: "Khoản chi"), ct);
        file.Position = 0;
        return file;
    }
}

public static class ExpenseLabels
{
    public static readonly IReadOnlyDictionary<ExpenseState, string> States = new Dictionary<ExpenseState, string>
    {
        [ExpenseState.Proposed] = "Chờ duyệt", [ExpenseState.Approved] = "Đã duyệt", [ExpenseState.Rejected] = "Bị từ chối",
    };

    /// <summary>An approved expense undone by its reversal entries.</summary>
    public const string Reversed = "Đã hoàn chi";

    public static readonly IReadOnlyDictionary<ExpenseKind, string> Kinds = new Dictionary<ExpenseKind, string>
    {
        [ExpenseKind.Invoice] = "Chi theo hoá đơn", [ExpenseKind.Advance] = "Tạm ứng (hoá đơn nộp sau)",
    };

    /// <summary>The badge of an advance still without its invoice.</summary>
    public static string DelayLabel(InvoiceDelay delay) => delay switch
    {
        InvoiceDelay.Blocking => "Thiếu hoá đơn quá 30 ngày: người đề xuất bị chặn chi mới",
        InvoiceDelay.Day29 => "Thiếu hoá đơn từ 29 ngày",
        InvoiceDelay.Day15 => "Thiếu hoá đơn từ 15 ngày",
        _ => "Chưa có hoá đơn",
    };

    public static readonly IReadOnlyDictionary<ExpenseDocumentKind, string> DocumentKinds = new Dictionary<ExpenseDocumentKind, string>
    {
        [ExpenseDocumentKind.Invoice] = "Hoá đơn", [ExpenseDocumentKind.ProofOfPayment] = "Chứng từ thanh toán",
    };
}
