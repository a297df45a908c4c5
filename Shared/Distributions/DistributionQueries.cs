using ChildAid.Shared.Allocations;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Stock;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ChildAid.Shared.Distributions;

/// <summary>One distribution as the staff list shows it.</summary>
public sealed record DistributionRow(int Id, DistributionState State, string Commune, string Item, SizeBand? SizeBand, string Unit, int Quantity, int? Delivered,
    DateOnly PlannedOn, string Place, string Receiver, string ReceiptNumber, string NeedItem, int AllocationId)
{
    /// <summary>The item with its size band in Vietnamese (the workbook; pages translate the band).</summary>
    public string StockItem => NeedLabels.WithSizeBand(Item, SizeBand);
}

public sealed class DistributionFilter
{
    public DistributionState? State { get; set; }
    public int? AdminUnitId { get; set; }
    /// <summary>Only distributions of allocations to one need line (the needs review's "in transit" and "delivered" drill-downs).</summary>
    public int? NeedLineId { get; set; }
}

/// <summary>A child named on a distribution (or offered to be named), as BackOffice lists them: never shown by PublicSite.</summary>
public sealed record RecipientChild(int Id, string FullName, DateOnly DateOfBirth, string? ClassName, string? School, int AdminUnitId, bool? Received = null);

/// <summary>A distribution's page: the distribution, where its goods come from and go to, the people who moved it, the children named.</summary>
/// <param name="Lot">The stocked lot the goods come from; null for goods bought with the allocation's money.</param>
public sealed record DistributionDetail(Distribution Distribution, DistributionRow Row, StockLot? Lot, Allocation Allocation,
    IReadOnlyDictionary<string, string> People, IReadOnlyList<RecipientChild> Children);

/// <summary>
/// What the planning form needs: an approved goods allocation of the user's units and its lot — or a money allocation to a
/// need for goods and what its expenses bought (<see cref="Bought"/>) — what is left, the schools, and the children who may
/// be named (the need's child; a school's or the commune's children matching the search).
/// </summary>
public sealed record DistributionPlan(Allocation Allocation, string Commune, string NeedItem, SizeBand? NeedSizeBand, string? NeedFor, StockLot? Lot, int Undelivered,
    IReadOnlyList<(int Id, string Name)> Schools, NeedTarget Target, IReadOnlyList<RecipientChild> Children, int? Bought = null)
{
    public bool IsPurchase => Bought is not null;
    /// <summary>Goods are there to hand over: a stocked lot, or something bought.</summary>
    public bool Ready => IsPurchase ? Bought > 0 : Lot?.State == StockLotState.Stocked;
}

/// <summary>
/// Reads for the distribution pages, through the user's scope: unit (the allocation's commune) and, for a school's staff,
/// organisation (the receiving school). What a distribution points at — its allocation, lot, receipt — is read past the
/// filters once the distribution itself was found through them, so a school's staff member sees what is brought to them.
/// </summary>
public class DistributionQueries(ChildAidDbContext db, DistributionService distributions)
{
    public const int MaxRows = 500;
    /// <summary>Children offered on the planning form at once (search to narrow).</summary>
    public const int MaxChildren = 300;

    public async Task<List<DistributionRow>> ListAsync(DistributionFilter filter, CancellationToken ct = default)
    {
        var query = db.Distributions.AsNoTracking();
        if (filter.State is { } s) query = query.Where(d => d.State == s);
        if (filter.AdminUnitId is { } unit) query = query.Where(d => d.AdminUnitId == unit);
        if (filter.NeedLineId is { } need) query = query.Where(d => db.Allocations.Where(a => a.NeedLineId == need).Select(a => a.Id).Contains(d.AllocationId));
        var list = await query.OrderByDescending(d => d.PlannedOn).ThenByDescending(d => d.Id).Take(MaxRows).ToListAsync(ct);
        return await RowsAsync(list, ct);
    }

    public async Task<DistributionDetail?> DetailAsync(int id, CancellationToken ct = default)
    {
        var distribution = await db.Distributions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (distribution is null) return null;
        var row = (await RowsAsync([distribution], ct)).Single();
        var lot = await db.StockLots.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.Id == distribution.StockLotId, ct);
        var allocation = await db.Allocations.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == distribution.AllocationId, ct);
        var ids = new[] { distribution.CreatedById, distribution.ConfirmedById, distribution.DepartedById, distribution.ArrivedById, distribution.DeliveryConfirmedById }
            .OfType<string>().Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        foreach (var unknown in ids.Where(i => !people.ContainsKey(i))) people[unknown] = unknown;
        return new DistributionDetail(distribution, row, lot, allocation, people, await NamedChildrenAsync(id, ct));
    }

    /// <summary>
    /// The children named on a distribution the caller found through the scope, by name: read past the filters (they were
    /// checked against the scope when named; a merged record keeps its name). The caller audits the read.
    /// </summary>
    public async Task<List<RecipientChild>> NamedChildrenAsync(int distributionId, CancellationToken ct = default)
    {
        var rows = await db.DistributionChildren.IgnoreQueryFilters().AsNoTracking().Where(c => c.DistributionId == distributionId)
            .Select(c => new { c.ChildId, c.Child!.FullName, c.Child.DateOfBirth, c.Child.ClassName, School = c.Child.School != null ? c.Child.School.Name : null, c.Child.AdminUnitId, c.Received })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.School).ThenBy(r => r.ClassName).ThenBy(r => r.FullName, StringComparer.Create(VietnameseFormat.Culture, false))
            .Select(r => new RecipientChild(r.ChildId, r.FullName, r.DateOfBirth, r.ClassName, r.School, r.AdminUnitId, r.Received))];
    }

    /// <summary>The planning form for an approved goods allocation the user can see (through the allocations' scope), or null.</summary>
    /// <param name="search">Part of a child's name, any accents (<see cref="TextFolding"/>), to narrow the children offered.</param>
    public async Task<DistributionPlan?> PlanAsync(int allocationId, string? search = null, CancellationToken ct = default)
    {
        var allocation = await db.Allocations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == allocationId, ct);
        if (allocation is null || allocation.State != AllocationState.Approved) return null;
        var line = await db.NeedLines.IgnoreQueryFilters().AsNoTracking().Include(l => l.Item).Include(l => l.School)
            .SingleAsync(l => l.Id == allocation.NeedLineId, ct);
        // Money buys goods only for a need counted in items (meals and check-ups are services: Distributions/Services).
        if (allocation.GoodsLineId is null && line.Unit != NeedUnit.Items) return null;
        var commune = await db.AdminUnits.AsNoTracking().Where(u => u.Id == allocation.AdminUnitId).Select(u => u.Name).SingleAsync(ct);
        var lot = await db.StockLots.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.GoodsLineId == allocation.GoodsLineId, ct);
        var communeUnits = await distributions.CommuneAsync(allocation, ct);
        var schools = await db.Organisations.AsNoTracking()
            .Where(o => communeUnits.Contains(o.AdminUnitId) && o.Type == OrganisationType.School)
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var candidates = await distributions.CandidatesAsync(allocation, line, ct);
        var folded = TextFolding.Fold(search);
        if (folded.Length > 0) candidates = candidates.Where(c => c.SearchText.Contains(folded));
        var children = await candidates.OrderBy(c => c.ClassName).ThenBy(c => c.SearchText).Take(MaxChildren)
            .Select(c => new RecipientChild(c.Id, c.FullName, c.DateOfBirth, c.ClassName, c.School != null ? c.School.Name : null, c.AdminUnitId, null)).ToListAsync(ct);
        if (allocation.GoodsLineId is null)
            return new DistributionPlan(allocation, commune, line.Item!.NameVi, line.SizeBand, line.School?.Name, null, await PurchasedGoods.LeftAsync(db, allocation.Id, ct),
                [.. schools.Select(s => (s.Id, s.Name))], line.Target, children, (await PurchasedGoods.BoughtAsync(db, [allocation.Id], ct)).GetValueOrDefault(allocation.Id));
        return new DistributionPlan(allocation, commune, line.Item!.NameVi, line.SizeBand, line.School?.Name, lot, await distributions.UndeliveredAsync(allocation, ct),
            [.. schools.Select(s => (s.Id, s.Name))], line.Target, children);
    }

    /// <summary>The communes of the user's distributions, for the filter.</summary>
    public async Task<List<(int Id, string Name)>> CommunesAsync(CancellationToken ct = default)
    {
        var unitIds = await db.Distributions.AsNoTracking().Select(d => d.AdminUnitId).Distinct().ToListAsync(ct);
        var communes = await db.AdminUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        return [.. communes.Select(c => (c.Id, c.Name))];
    }

    /// <summary>The audit trail of a distribution (the caller found it through the scope).</summary>
    public Task<List<Audit.AuditEntry>> AuditAsync(int id, CancellationToken ct = default)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return db.AuditEntries.IgnoreQueryFilters().AsNoTracking().Where(a => a.EntityType == nameof(Distribution) && a.EntityKey == key)
            .OrderBy(a => a.At).ThenBy(a => a.Id).Take(200).ToListAsync(ct);
    }

    /// <summary>The list as a workbook (what the filter shows), streamed from a temporary file.</summary>
    public static async Task<FileStream> WorkbookAsync(IEnumerable<DistributionRow> rows, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await Task.Run(() => file.SaveAs(rows.Select(r => new Dictionary<string, object?>
        {
            ["Số"] = r.Id, ["Trạng thái"] = DistributionLabels.States[r.State], ["Xã"] = r.Commune, ["Mặt hàng"] = r.StockItem,
            ["Đơn vị tính"] = r.Unit, ["Số lượng"] = r.Quantity, ["Đã giao"] = r.Delivered, ["Ngày cấp phát"] = VietnameseFormat.Date(r.PlannedOn),
            ["Nơi cấp phát"] = r.Place, ["Người nhận"] = r.Receiver, ["Phiếu thu"] = r.ReceiptNumber, ["Nhu cầu"] = r.NeedItem,
            ["Phân bổ"] = r.AllocationId,
        }), sheetName: "Cấp phát"), ct);
        file.Position = 0;
        return file;
    }

    /// <summary>Rows for distributions found through the scope; what they point at is read past the filters.</summary>
    private async Task<List<DistributionRow>> RowsAsync(List<Distribution> list, CancellationToken ct)
    {
        var lotIds = list.Where(d => d.StockLotId != null).Select(d => d.StockLotId!.Value).Distinct().ToList();
        var lots = await db.StockLots.IgnoreQueryFilters().AsNoTracking().Where(l => lotIds.Contains(l.Id))
            .Select(l => new { l.Id, l.Item, l.SizeBand, l.Unit, l.Contribution!.ReceiptNumber }).ToDictionaryAsync(l => l.Id, ct);
        var allocationIds = list.Select(d => d.AllocationId).Distinct().ToList();
        var lines = await db.Allocations.IgnoreQueryFilters().AsNoTracking().Where(a => allocationIds.Contains(a.Id))
            .Select(a => new { a.Id, a.NeedLine!.Item!.NameVi, a.NeedLine.SizeBand, a.Contribution!.ReceiptNumber }).ToListAsync(ct);
        var needItems = lines.ToDictionary(a => a.Id, a => a.NameVi);
        // Purchased goods are the need's item, with the need's size band, from the allocation's receipt.
        var goods = lines.ToDictionary(a => a.Id, a => (Item: a.NameVi, a.SizeBand, Unit: PurchasedGoods.Unit, a.ReceiptNumber));
        foreach (var d in list.Where(d => d.StockLotId is { } id && lots.ContainsKey(id)))
        {
            var l = lots[d.StockLotId!.Value];
            goods[d.AllocationId] = (l.Item, l.SizeBand, l.Unit, l.ReceiptNumber);
        }
        var unitIds = list.Select(d => d.AdminUnitId).Distinct().ToList();
        var communes = await db.AdminUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var schoolIds = list.Where(d => d.SchoolId != null).Select(d => d.SchoolId!.Value).Distinct().ToList();
        var schools = await db.Organisations.AsNoTracking().Where(o => schoolIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return [.. list.Select(d =>
        {
            var lot = goods[d.AllocationId];
            var receiver = d.Recipient switch
            {
                DistributionRecipient.School => schools.GetValueOrDefault(d.SchoolId ?? 0) ?? "",
                DistributionRecipient.Children => Localization.Messages.Format("{0} trẻ em", d.ChildrenCount ?? 0),
                _ => communes.GetValueOrDefault(d.AdminUnitId) ?? "",
            };
            return new DistributionRow(d.Id, d.State, communes.GetValueOrDefault(d.AdminUnitId) ?? "", lot.Item, lot.SizeBand, lot.Unit, d.Quantity, d.DeliveredQuantity,
                d.PlannedOn, d.Place, receiver, lot.ReceiptNumber, needItems.GetValueOrDefault(d.AllocationId) ?? "", d.AllocationId);
        })];
    }
}
