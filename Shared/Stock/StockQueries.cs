using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ChildAid.Shared.Stock;

/// <summary>One lot as the staff list shows it.</summary>
public sealed record StockLotRow(int Id, StockLotState State, string Commune, string ReceiptNumber, string Item, SizeBand? SizeBand, string Unit,
    int Expected, int? Received, int? Good, int? OnHand, string? LotNumber, DateOnly? ExpiryDate, DateTime AnnouncedAt)
{
    public string StockItem => NeedLabels.WithSizeBand(Item, SizeBand);
}

/// <summary>What is on hand of one item (with its size band) and unit in one commune, over its stocked lots.</summary>
public sealed record StockOnHandRow(string Commune, string Item, SizeBand? SizeBand, string Unit, int OnHand, int Lots)
{
    public string StockItem => NeedLabels.WithSizeBand(Item, SizeBand);
}

/// <summary>A stocked lot on the count sheet (kiểm kê): what the book says is on hand.</summary>
public sealed record StockCountSheetRow(int Id, string Commune, string Item, SizeBand? SizeBand, string Unit, string? LotNumber, DateOnly? ExpiryDate, int OnHand)
{
    public string StockItem => NeedLabels.WithSizeBand(Item, SizeBand);
}

public sealed class StockFilter
{
    public StockLotState? State { get; set; }
    public int? AdminUnitId { get; set; }
}

/// <summary>A lot's page: the lot, its commune, its receipt, write-offs and photos (not their bytes).</summary>
public sealed record StockLotDetail(StockLot Lot, string Commune, string ReceiptNumber, IReadOnlyList<StockWriteOff> WriteOffs, IReadOnlyList<StockLotPhoto> Photos,
    IReadOnlyDictionary<string, string> People);

/// <summary>Reads for the stock pages, through the user's unit scope.</summary>
public class StockQueries(ChildAidDbContext db)
{
    public const int MaxRows = 500;

    public async Task<List<StockLotRow>> ListAsync(StockFilter filter, CancellationToken ct = default)
    {
        // A lot kept in a commune may come from a gift the district received: its receipt is read past its unit filter only.
        var query = db.StockLots.AsNoTracking().IgnoreQueryFilters([ScopeFilters.Unit<Contributions.Contribution>()]);
        if (filter.State is { } s) query = query.Where(l => l.State == s);
        if (filter.AdminUnitId is { } unit) query = query.Where(l => l.AdminUnitId == unit);
        return await query.OrderByDescending(l => l.AnnouncedAt).ThenByDescending(l => l.Id).Take(MaxRows)
            .Select(l => new StockLotRow(l.Id, l.State, db.AdminUnits.Where(u => u.Id == l.AdminUnitId).Select(u => u.Name).First(),
                l.Contribution!.ReceiptNumber, l.Item, l.SizeBand, l.Unit, l.ExpectedQuantity, l.ReceivedQuantity, l.GoodQuantity, l.OnHand,
                l.LotNumber, l.ExpiryDate, l.AnnouncedAt))
            .ToListAsync(ct);
    }

    /// <summary>Stock on hand by commune, item (with its size band) and unit: the stocked lots still holding goods.</summary>
    public async Task<List<StockOnHandRow>> OnHandAsync(int? adminUnitId = null, CancellationToken ct = default)
    {
        var query = db.StockLots.AsNoTracking().Where(l => l.State == StockLotState.Stocked && l.OnHand > 0);
        if (adminUnitId is { } unit) query = query.Where(l => l.AdminUnitId == unit);
        var rows = await query.GroupBy(l => new { l.AdminUnitId, l.Item, l.SizeBand, l.Unit })
            .Select(g => new { g.Key.AdminUnitId, g.Key.Item, g.Key.SizeBand, g.Key.Unit, OnHand = g.Sum(l => l.OnHand ?? 0), Lots = g.Count() })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.AdminUnitId).Distinct().ToList();
        var names = await db.AdminUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return [.. rows.Select(r => new StockOnHandRow(names[r.AdminUnitId], r.Item, r.SizeBand, r.Unit, r.OnHand, r.Lots))
            .OrderBy(r => r.Commune, StringComparer.Ordinal).ThenBy(r => r.StockItem, StringComparer.Ordinal)];
    }

    /// <summary>The count sheet: every stocked lot of the user's communes with goods on hand, by commune, item, lot.</summary>
    public async Task<List<StockCountSheetRow>> CountSheetAsync(CancellationToken ct = default)
    {
        var rows = await db.StockLots.AsNoTracking().Where(l => l.State == StockLotState.Stocked && l.OnHand > 0).Take(MaxRows)
            .Select(l => new StockCountSheetRow(l.Id, db.AdminUnits.Where(u => u.Id == l.AdminUnitId).Select(u => u.Name).First(),
                l.Item, l.SizeBand, l.Unit, l.LotNumber, l.ExpiryDate, l.OnHand ?? 0))
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Commune, StringComparer.Ordinal).ThenBy(r => r.StockItem, StringComparer.Ordinal)
            .ThenBy(r => r.LotNumber, StringComparer.Ordinal).ThenBy(r => r.Id)];
    }

    /// <summary>The count sheet as a workbook, to print and fill in the store room: the page's columns and an empty "Đếm được".</summary>
    public static async Task<FileStream> CountSheetWorkbookAsync(IEnumerable<StockCountSheetRow> rows, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await Task.Run(() => file.SaveAs(rows.Select(r => new Dictionary<string, object?>
        {
            ["Số"] = r.Id, ["Xã"] = r.Commune, ["Mặt hàng"] = r.StockItem, ["Đơn vị tính"] = r.Unit, ["Số lô"] = r.LotNumber,
            ["Hạn sử dụng"] = r.ExpiryDate is { } e ? VietnameseFormat.Date(e) : null, ["Tồn kho theo sổ"] = r.OnHand, ["Đếm được"] = null,
        }), sheetName: "Kiểm kê"), ct);
        file.Position = 0;
        return file;
    }

    /// <summary>The communes the user's lots are kept in, for the filter.</summary>
    public async Task<List<(int Id, string Name)>> CommunesAsync(CancellationToken ct = default)
    {
        var unitIds = await db.StockLots.AsNoTracking().Select(l => l.AdminUnitId).Distinct().ToListAsync(ct);
        var communes = await db.AdminUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        return [.. communes.Select(c => (c.Id, c.Name))];
    }

    /// <summary>The units the user may keep goods in (their scope; every commune for unrestricted readers), for the receiving form.</summary>
    public async Task<List<(int Id, string Name)>> KeepingUnitsAsync(CancellationToken ct = default)
    {
        var query = db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminUnits.AdminUnitLevel.Commune && u.MergedIntoId == null);
        if (db.UnitScope is { } scope) query = query.Where(u => scope.Contains(u.Id));
        var units = await query.OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).Take(500).ToListAsync(ct);
        return [.. units.Select(u => (u.Id, u.Name))];
    }

    public async Task<StockLotDetail?> DetailAsync(int id, CancellationToken ct = default)
    {
        var lot = await db.StockLots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lot is null) return null;
        var commune = await db.AdminUnits.Where(u => u.Id == lot.AdminUnitId).Select(u => u.Name).SingleAsync(ct);
        var receipt = await db.Contributions.IgnoreQueryFilters().Where(c => c.Id == lot.ContributionId).Select(c => c.ReceiptNumber).SingleAsync(ct);
        var writeOffs = await db.StockWriteOffs.AsNoTracking().Where(w => w.StockLotId == id).OrderBy(w => w.Id).ToListAsync(ct);
        var photos = await db.StockLotPhotos.AsNoTracking().Where(p => p.StockLotId == id).OrderBy(p => p.Id).ToListAsync(ct);
        var ids = new[] { lot.AnnouncedById, lot.ReceivedById, lot.InspectedById, lot.StockedById, lot.RejectedById }
            .Concat(writeOffs.Select(w => w.WrittenOffById)).Concat(photos.Select(p => p.UploadedById)).OfType<string>().Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        foreach (var unknown in ids.Where(i => !people.ContainsKey(i))) people[unknown] = unknown;
        return new StockLotDetail(lot, commune, receipt, writeOffs, photos, people);
    }

    /// <summary>The lots of a receipt's goods lines the user can see: goods line id → lot id.</summary>
    public Task<Dictionary<int, int>> LotsOfReceiptAsync(int contributionId, CancellationToken ct = default) =>
        db.StockLots.AsNoTracking().Where(l => l.ContributionId == contributionId).ToDictionaryAsync(l => l.GoodsLineId, l => l.Id, ct);

    /// <summary>The audit trail of a lot, its write-offs and photos (the caller found the lot through the scope).</summary>
    public async Task<List<Audit.AuditEntry>> AuditAsync(StockLotDetail detail, CancellationToken ct = default)
    {
        static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = Key(detail.Lot.Id);
        var writeOffs = detail.WriteOffs.Select(w => Key(w.Id)).ToList();
        var photos = detail.Photos.Select(p => Key(p.Id)).ToList();
        return await db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(a => (a.EntityType == nameof(StockLot) && a.EntityKey == key)
                        || (a.EntityType == nameof(StockWriteOff) && writeOffs.Contains(a.EntityKey))
                        || (a.EntityType == nameof(StockLotPhoto) && photos.Contains(a.EntityKey)))
            .OrderBy(a => a.At).ThenBy(a => a.Id).Take(200).ToListAsync(ct);
    }

    /// <summary>The lot list as a workbook (what the filter shows), streamed from a temporary file.</summary>
    public static async Task<FileStream> WorkbookAsync(IEnumerable<StockLotRow> rows, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await Task.Run(() => file.SaveAs(rows.Select(r => new Dictionary<string, object?>
        {
            ["Số"] = r.Id, ["Trạng thái"] = StockLabels.States[r.State], ["Xã"] = r.Commune, ["Phiếu thu"] = r.ReceiptNumber,
            ["Mặt hàng"] = r.StockItem, ["Đơn vị tính"] = r.Unit, ["Số báo trước"] = r.Expected, ["Số thực nhận"] = r.Received,
            ["Số đạt"] = r.Good, ["Tồn kho"] = r.OnHand, ["Số lô"] = r.LotNumber,
            ["Hạn sử dụng"] = r.ExpiryDate is { } e ? VietnameseFormat.Date(e) : null, ["Báo trước lúc"] = VietnameseFormat.DateTime(r.AnnouncedAt),
        }), sheetName: "Lô hàng"), ct);
        file.Position = 0;
        return file;
    }
}
