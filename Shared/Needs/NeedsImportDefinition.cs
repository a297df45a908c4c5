using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Import;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;
using ChildAid.Shared.Localization;

namespace ChildAid.Shared.Needs;

/// <summary>One row of a needs workbook, read and resolved: the input the line rules accepted, and its item.</summary>
public sealed record NeedRow(int RowNumber, NeedLineInput Input, NeedItem Item);

/// <summary>
/// How a needs workbook becomes lines of one review: references resolved within the review's commune (a child by
/// "Mã trẻ", or by full name and date of birth without regard to accents; a school by name), every row through
/// <see cref="NeedLineRules.Validate"/>, duplicates within the file and against existing support
/// (<see cref="DuplicateCheck"/>, batched), levels from <see cref="NeedPriority"/> (batched).
/// </summary>
public sealed class NeedsImportDefinition : ImportDefinition<NeedRow>
{
    private readonly ChildAidDbContext _db;
    private readonly DuplicateCheck _duplicates;
    private readonly NeedPriority _priority;
    private readonly AuditActor _actor;
    private readonly TimeProvider _clock;
    private readonly NeedsReview _review;
    private readonly string _communeName;
    private readonly string _fileName;
    private readonly Dictionary<string, NeedItem> _items;
    private readonly Dictionary<int, KnownChild> _childrenById;
    private readonly ILookup<(string Name, DateOnly Birth), KnownChild> _childrenByName;
    private readonly ILookup<string, int> _schoolsByName;

    private sealed record KnownChild(int Id, string FullName, DateOnly DateOfBirth)
    {
        public string Folded { get; } = TextFolding.Fold(FullName);
    }

    private NeedsImportDefinition(ChildAidDbContext db, DuplicateCheck duplicates, NeedPriority priority, AuditActor actor, TimeProvider clock,
        NeedsReview review, string communeName, string fileName, List<NeedItem> items, List<KnownChild> children, List<(int Id, string Name)> schools)
    {
        (_db, _duplicates, _priority, _actor, _clock, _review, _communeName, _fileName) = (db, duplicates, priority, actor, clock, review, communeName, fileName);
        _items = new Dictionary<string, NeedItem>();
        foreach (var item in items.Where(i => i.IsActive))
        {
            _items.TryAdd(TextFolding.Fold(item.NameVi), item);
            _items.TryAdd(TextFolding.Fold(item.Code), item);
        }
        _childrenById = children.ToDictionary(c => c.Id);
        _childrenByName = children.ToLookup(c => (c.Folded, c.DateOfBirth));
        _schoolsByName = schools.ToLookup(s => TextFolding.Fold(s.Name), s => s.Id);
    }

    /// <summary>Reads what the rows refer to once: the catalogue, the commune's children and schools (within the context's scope).</summary>
    public static async Task<NeedsImportDefinition> CreateAsync(ChildAidDbContext db, DuplicateCheck duplicates, NeedPriority priority,
        AuditActor actor, TimeProvider clock, NeedsReview review, string fileName, CancellationToken ct)
    {
        var units = await NeedsPlaces.UnitsOfCommuneAsync(db, review.AdminUnitId, ct);
        var communeName = await db.AdminUnits.Where(u => u.Id == review.AdminUnitId).Select(u => u.Name).SingleAsync(ct);
        var items = await db.NeedItems.AsNoTracking().ToListAsync(ct);
        var children = (await db.Children.AsNoTracking().Where(c => units.Contains(c.AdminUnitId))
            .Select(c => new { c.Id, c.FullName, c.DateOfBirth }).ToListAsync(ct))
            .Select(c => new KnownChild(c.Id, c.FullName, c.DateOfBirth)).ToList();
        var schools = (await db.Organisations.AsNoTracking()
            .Where(o => o.Type == Organisations.OrganisationType.School && units.Contains(o.AdminUnitId))
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList();
        return new(db, duplicates, priority, actor, clock, review, communeName, fileName, items, children, schools);
    }

    public override IReadOnlyList<ImportColumn> Columns => NeedsSheet.Columns;

    public override string? SheetName => null;

    public override NeedRow? Parse(ImportRow row)
    {
        var failed = new HashSet<string>();
        var input = new NeedLineInput();

        var childId = ResolveChild(row, failed);
        var schoolText = row.Text(NeedsSheet.School);
        int? schoolId = null;
        if (schoolText is not null)
        {
            var matches = _schoolsByName[TextFolding.Fold(schoolText)].ToList();
            if (matches.Count == 1) schoolId = matches[0];
            else
            {
                row.Error(NeedsSheet.School, Messages.Format("Không tìm thấy trường “{0}” ở {1}.", schoolText, _communeName));
                failed.Add(nameof(input.SchoolId));
            }
        }
        input.ChildId = childId;
        input.SchoolId = schoolId;

        var targetText = row.Text(NeedsSheet.Target);
        if (targetText is null)
            input.Target = childId is not null || failed.Contains(nameof(input.ChildId)) ? NeedTarget.Child
                : schoolId is not null || failed.Contains(nameof(input.SchoolId)) ? NeedTarget.School : NeedTarget.Commune;
        else if (Targets.TryGetValue(TextFolding.Fold(targetText), out var target)) input.Target = target;
        else
        {
            row.Error(NeedsSheet.Target, Messages.Format("“{0}” không phải đối tượng trong danh sách ({1}).", targetText, string.Join(", ", NeedLabels.Targets.Values)));
            failed.Add(nameof(input.Target));
        }

        var categoryText = row.Text(NeedsSheet.Category);
        if (categoryText is not null)
        {
            if (Categories.TryGetValue(TextFolding.Fold(categoryText), out var category)) input.Category = category;
            else
            {
                row.Error(NeedsSheet.Category, Messages.Format("Nhóm nhu cầu “{0}” không có trong danh sách ({1}).", categoryText, string.Join(", ", NeedLabels.Categories.Values)));
                failed.Add(nameof(input.Category));
            }
        }

        var itemText = row.Text(NeedsSheet.Item);
        NeedItem? item = null;
        if (itemText is not null)
        {
            item = _items.GetValueOrDefault(TextFolding.Fold(itemText));
            if (item is null)
            {
                row.Error(NeedsSheet.Item, Messages.Format("Mặt hàng “{0}” không có trong danh mục (xem trang “{1}” của mẫu).", itemText, NeedsSheet.ListsSheet));
                failed.Add(nameof(input.NeedItemId));
            }
            else input.NeedItemId = item.Id;
        }

        var sizeText = row.Text(NeedsSheet.SizeBand);
        if (sizeText is not null)
        {
            SizeBand? band = SizeBands.TryGetValue(NeedsSheet.SizeKey(sizeText), out var b) ? b : null;
            if (band is null)
            {
                row.Error(NeedsSheet.SizeBand, Messages.Format("Cỡ “{0}” không có trong danh sách ({1}).", sizeText, string.Join(", ", NeedLabels.SizeBands.Values)));
                failed.Add(nameof(input.SizeBand));
            }
            input.SizeBand = band;
        }

        input.Quantity = Int(row, NeedsSheet.Quantity, nameof(input.Quantity), failed);
        input.EstimatedUnitCostVnd = row.Whole(NeedsSheet.UnitCost, long.MinValue, long.MaxValue) ?? Failed<long>(row, NeedsSheet.UnitCost, nameof(input.EstimatedUnitCostVnd), failed);
        input.ChildrenCount = Int(row, NeedsSheet.ChildrenCount, nameof(input.ChildrenCount), failed);
        // An empty period is the review's whole school year (the instructions say so).
        input.PeriodStart = row.Text(NeedsSheet.PeriodStart) is null ? _review.PeriodStart : row.Date(NeedsSheet.PeriodStart) ?? Fail<DateOnly>(failed, nameof(input.PeriodStart));
        input.PeriodEnd = row.Text(NeedsSheet.PeriodEnd) is null ? _review.PeriodEnd : row.Date(NeedsSheet.PeriodEnd) ?? Fail<DateOnly>(failed, nameof(input.PeriodEnd));
        input.Note = row.Text(NeedsSheet.Note);
        input.DuplicateReason = row.Text(NeedsSheet.DuplicateReason);

        foreach (var (field, message) in NeedLineRules.Validate(input, _review, item))
            if (!failed.Contains(field)) row.Error(NeedsSheet.ColumnOf(field), message);
        return row.Errors.Count == 0 ? new NeedRow(row.Number, input, item!) : null;
    }

    private int? ResolveChild(ImportRow row, HashSet<string> failed)
    {
        var code = row.Text(NeedsSheet.ChildCode);
        var name = row.Text(NeedsSheet.ChildName);
        if (code is not null)
        {
            var id = row.Whole(NeedsSheet.ChildCode, 1, int.MaxValue);
            if (id is null) return Fail<int>(failed, nameof(NeedLineInput.ChildId));
            if (!_childrenById.TryGetValue((int)id, out var child))
            {
                row.Error(NeedsSheet.ChildCode, Messages.Format("Không tìm thấy trẻ có mã {0} ở {1}.", id, _communeName));
                return Fail<int>(failed, nameof(NeedLineInput.ChildId));
            }
            if (name is not null && TextFolding.Fold(name) != child.Folded)
            {
                row.Error(NeedsSheet.ChildName, Messages.Format("Trẻ mã {0} là “{1}”, không phải “{2}”.", id, child.FullName, name));
                return Fail<int>(failed, nameof(NeedLineInput.ChildId));
            }
            return child.Id;
        }
        if (name is null)
        {
            if (row.Text(NeedsSheet.ChildBirth) is not null)
            {
                row.Error(NeedsSheet.ChildName, "Có ngày sinh nhưng thiếu họ và tên trẻ.");
                return Fail<int>(failed, nameof(NeedLineInput.ChildId));
            }
            return null;
        }
        var birth = row.Date(NeedsSheet.ChildBirth);
        if (birth is null)
        {
            if (row.Text(NeedsSheet.ChildBirth) is null) row.Error(NeedsSheet.ChildBirth, Messages.Format("Vui lòng nhập ngày sinh của “{0}” (hoặc ghi Mã trẻ).", name));
            return Fail<int>(failed, nameof(NeedLineInput.ChildId));
        }
        var matches = _childrenByName[(TextFolding.Fold(name), birth.Value)].ToList();
        if (matches.Count == 1) return matches[0].Id;
        row.Error(NeedsSheet.ChildName, matches.Count == 0
            ? Messages.Format("Không tìm thấy trẻ “{0}” sinh ngày {1} ở {2}.", name, VietnameseFormat.Date(birth.Value), _communeName)
            : Messages.Format("Có {0} trẻ tên “{1}” sinh ngày {2} ở {3}: hãy ghi Mã trẻ ({4}).", matches.Count, name, VietnameseFormat.Date(birth.Value), _communeName, string.Join(", ", matches.Select(m => m.Id))));
        return Fail<int>(failed, nameof(NeedLineInput.ChildId));
    }

    private static int? Int(ImportRow row, ImportColumn column, string field, HashSet<string> failed)
    {
        if (row.Text(column) is null) return null;
        var value = row.Whole(column, int.MinValue, int.MaxValue);
        return value is null ? Fail<int>(failed, field) : (int)value;
    }

    private static T? Failed<T>(ImportRow row, ImportColumn column, string field, HashSet<string> failed) where T : struct =>
        row.Text(column) is null ? null : Fail<T>(failed, field);

    private static T? Fail<T>(HashSet<string> failed, string field) where T : struct
    {
        failed.Add(field);
        return null;
    }

    // The lists' words, folded once (not per row): a label or the code name, without regard to accents or case.
    private static readonly Dictionary<string, NeedTarget> Targets = Index(NeedLabels.Targets, TextFolding.Fold);
    private static readonly Dictionary<string, NeedCategory> Categories = Index(NeedLabels.Categories, TextFolding.Fold);
    private static readonly Dictionary<string, SizeBand> SizeBands = Index(NeedLabels.SizeBands, NeedsSheet.SizeKey);

    private static Dictionary<string, TKey> Index<TKey>(IReadOnlyDictionary<TKey, string> labels, Func<string, string> fold) where TKey : struct, Enum
    {
        var index = new Dictionary<string, TKey>(StringComparer.Ordinal);
        foreach (var (key, label) in labels)
        {
            index.TryAdd(fold(label), key);
            index.TryAdd(fold(key.ToString()), key);
        }
        return index;
    }

    // What earlier batches held, kept small (not the rows): the needs seen so far for the duplicate-row check, and the
    // keys of the lines this import has written, which the database check must not count as support found elsewhere.
    private readonly Dictionary<(NeedTarget, int?, int?, int, SizeBand?), List<(DateOnly Start, DateOnly End, int Row)>> _seen = [];
    private readonly HashSet<Guid> _written = [];
    private Guid _firstKey, _lastKey;
    private NeedPriority.Assessor? _assessor;

    public override async Task CheckAsync(IReadOnlyList<(ImportRow Row, NeedRow Value)> batch, Action<ImportError> error, CancellationToken ct)
    {
        // The same need twice in the file (here or in an earlier batch): same target, item and size, periods that overlap.
        foreach (var (_, value) in batch)
        {
            var input = value.Input;
            var key = (input.Target, input.ChildId, input.SchoolId, value.Item.Id, input.SizeBand);
            if (!_seen.TryGetValue(key, out var earlier)) _seen[key] = earlier = [];
            var first = earlier.FirstOrDefault(e => e.Start <= input.PeriodEnd && input.PeriodStart <= e.End);
            if (first.Row != 0)
                error(new(value.RowNumber, "", Messages.Format("Trùng với dòng {0} (cùng đối tượng, mặt hàng, cỡ và thời gian).", first.Row)));
            else earlier.Add((input.PeriodStart!.Value, input.PeriodEnd!.Value, value.RowNumber));
        }

        // The same support already recorded (this review, another commune's, an agency's register): a reason is needed.
        var candidates = batch.Select(r => new DuplicateCandidate(r.Value.Input.Target, r.Value.Input.ChildId, r.Value.Input.SchoolId,
            r.Value.Item.Category, r.Value.Input.PeriodStart!.Value, r.Value.Input.PeriodEnd!.Value, _review.Id)).ToList();
        var findings = await _duplicates.FindAsync(candidates, ct);
        for (var i = 0; i < batch.Count; i++)
        {
            var found = findings[i].Where(f => f.Key is not { } k || !_written.Contains(k)).ToList();
            if (found.Count == 0 || !string.IsNullOrWhiteSpace(batch[i].Value.Input.DuplicateReason)) continue;
            error(new(batch[i].Row.Number, batch[i].Row.HeaderOf(NeedsSheet.DuplicateReason),
                Messages.Format("Đã có hỗ trợ tương tự: {0} Nếu vẫn cần, ghi lý do vào cột này.", string.Join(" ", found.Select(f => f.Description)))));
        }
    }

    /// <summary>
    /// Gives a batch its levels and writes it with bulk INSERTs (<see cref="BulkInsert"/>) inside the pipeline's
    /// transaction: EF's tracked inserts spent most of an import's time. The lines are not audited one by one; the
    /// import writes one summary row at the end (<see cref="CompleteAsync"/>): 50,000 rows of before/after JSON would
    /// double the write for no reader (README, decision on import audit).
    /// </summary>
    public override async Task WriteAsync(IReadOnlyList<NeedRow> batch, CancellationToken ct)
    {
        var lines = batch.Select(r =>
        {
            var line = new NeedLine { NeedsReviewId = _review.Id, AdminUnitId = _review.AdminUnitId };
            NeedLineRules.Apply(r.Input, line, r.Item);
            return line;
        }).ToList();
        _assessor ??= await _priority.PrepareAsync(_review.Year, ct);
        await _assessor.AssessAsync(lines, ct);
        await BulkInsert.InsertAsync(_db, lines, ct: ct);
        foreach (var line in lines) _written.Add(line.Key);
        if (_firstKey == Guid.Empty) _firstKey = lines[0].Key;
        _lastKey = lines[^1].Key;
    }

    /// <summary>
    /// The review must still be editable when the import ends: its version is bumped only if it is still a draft (or
    /// returned), in the import's transaction. A submit saved meanwhile makes this fail and the whole import is rolled
    /// back; a submit that read the review before fails on the version in turn. (Another officer's line change during
    /// the import is not a conflict: lines are added, none is overwritten.)
    /// </summary>
    public override async Task CompleteAsync(int rowsWritten, Action<ImportError> error, CancellationToken ct)
    {
        var stillEditable = await _db.NeedsReviews
            .Where(r => r.Id == _review.Id && (r.Status == NeedsReviewStatus.Draft || r.Status == NeedsReviewStatus.Returned))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Version, r => r.Version + 1), ct);
        if (stillEditable == 0)
        {
            error(new(0, "", NeedsImport.ReviewChanged));
            return;
        }
        var suppressed = _actor.Suppressed;
        _actor.Suppressed = true;
        try
        {
            _db.AuditEntries.Add(new AuditEntry
            {
                At = _clock.GetUtcNow().UtcDateTime, UserId = _actor.UserId, Actor = _actor.Name,
                EntityType = nameof(NeedsReview), EntityKey = _review.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Action = "Imported", AdminUnitId = _review.AdminUnitId,
                Label = Truncate($"Nhập {rowsWritten} dòng nhu cầu từ tệp “{_fileName}” vào bản rà soát {_communeName} năm học {_review.YearLabel}", 300),
                After = System.Text.Json.JsonSerializer.Serialize(new { File = _fileName, Lines = rowsWritten, Keys = new[] { _firstKey, _lastKey } }),
            });
            await _db.SaveChangesAsync(ct);
            _db.ChangeTracker.Clear();
        }
        finally
        {
            _actor.Suppressed = suppressed;
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
