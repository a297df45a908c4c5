using System.Security.Cryptography;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Expenses;

/// <summary>
/// Proposes, approves and rejects expenses. Every rule is checked here, with a message next to its field, and again by the
/// database (CHECKs and triggers of migration Expenses), which has the last word when two people act at once. Allocations
/// are read through the unit scope: what the user cannot see does not exist for them.
/// </summary>
public class ExpenseService(ChildAidDbContext db, LedgerWriter ledger, AuditActor actor, TimeProvider clock, Needs.NeedFulfilment fulfilment)
{
    public async Task<Outcome<Expense>> ProposeAsync(ExpenseInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var supplier = input.SupplierName?.Trim() ?? "";
        if (supplier.Length == 0) errors[nameof(input.SupplierName)] = "Nhập tên nhà cung cấp (như trên hoá đơn).";
        else if (supplier.Length > Expense.SupplierNameLength) errors[nameof(input.SupplierName)] = Messages.Format("Tên nhà cung cấp tối đa {0} ký tự.", Expense.SupplierNameLength);
        var taxCode = ExpenseRules.NormalizeTaxCode(input.SupplierTaxCode);
        if (taxCode is null) errors[nameof(input.SupplierTaxCode)] = "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch và 3 chữ số (chi nhánh).";
        var today = clock.VietnamToday();
        var advance = input.Kind == ExpenseKind.Advance;
        if (!Enum.IsDefined(input.Kind)) errors[nameof(input.Kind)] = "Chọn loại khoản chi: theo hoá đơn hoặc tạm ứng.";
        // An advance has no invoice yet: its symbol, number and date are filed later (FileInvoiceAsync).
        var (symbol, number) = advance ? ("", "") : InvoiceErrors(input.InvoiceSymbol, input.InvoiceNumber, input.InvoiceDate, today, errors);
        if (input.PaymentDate is not { } paymentDate) errors[nameof(input.PaymentDate)] = "Nhập ngày chi tiền.";
        else if (paymentDate > today) errors[nameof(input.PaymentDate)] = "Ngày chi tiền không được sau hôm nay.";
        if (input.Note is { Length: > Expense.NoteLength }) errors[nameof(input.Note)] = Messages.Format("Ghi chú tối đa {0} ký tự.", Expense.NoteLength);

        var lines = input.Lines.Where(l => l.AllocationId > 0).ToList();
        if (lines.Count == 0) errors[nameof(input.Lines)] = "Chọn ít nhất một phân bổ để chi.";
        else if (lines.Select(l => l.AllocationId).Distinct().Count() != lines.Count) errors[nameof(input.Lines)] = "Mỗi phân bổ chỉ ghi một lần trong một khoản chi.";
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].AmountVnd is not > 0) errors[LineKey(i)] = "Nhập số tiền lớn hơn 0 ₫.";
            if (lines[i].Quantity is { } bought && bought is < 1 or > MaxQuantity)
                errors[QuantityKey(i)] = Messages.Format("Số lượng đã mua từ 1 đến {0} (để trống nếu không mua hàng).", MaxQuantity);
        }
        if (errors.Count > 0) return Outcome<Expense>.Fail(errors);

        var ids = lines.Select(l => l.AllocationId).ToList();
        var allocations = await db.Allocations.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!allocations.TryGetValue(lines[i].AllocationId, out var a)) errors[LineKey(i)] = "Không tìm thấy phân bổ trong phạm vi đơn vị của bạn.";
            else if (a.IsGoods) errors[LineKey(i)] = "Phân bổ hàng hiện vật không chi tiền được; chỉ chi từ phân bổ tiền.";
            else if (a.State != AllocationState.Approved) errors[LineKey(i)] = Messages.Format("Phân bổ số {0} chưa được duyệt (hoặc đã hoàn); chỉ chi từ phân bổ đã duyệt.", a.Id);
        }
        // A quantity bought only where the need is counted in items (goods to hand over); meals and check-ups are services.
        var needIds = allocations.Values.Select(a => a.NeedLineId).ToList();
        var itemNeeds = await db.NeedLines.IgnoreQueryFilters().Where(l => needIds.Contains(l.Id) && l.Unit == Needs.NeedUnit.Items).Select(l => l.Id).ToListAsync(ct);
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].Quantity is not null && allocations.TryGetValue(lines[i].AllocationId, out var a) && !itemNeeds.Contains(a.NeedLineId))
                errors[QuantityKey(i)] = "Chỉ ghi số lượng đã mua khi nhu cầu là hàng hoá (tính theo cái/chiếc); để trống với suất ăn, lượt khám.";
        if (errors.Count == 0 && allocations.Values.Select(a => a.AdminUnitId).Distinct().Count() > 1)
            errors[nameof(input.Lines)] = "Một khoản chi lấy từ các phân bổ của cùng một xã; hãy tách thành nhiều khoản chi.";
        if (errors.Count == 0 && !advance && await SameInvoiceAsync(taxCode!, symbol, number, ct) is { } same)
            errors[nameof(input.InvoiceNumber)] = Messages.Format("Hoá đơn này đã được ghi ở khoản chi số {0}.", same);
        if (errors.Count > 0) return Outcome<Expense>.Fail(errors);
        // At 31 days an advance without its invoice stops its author's new disbursements until it is filed.
        var proposer = actor.UserId ?? actor.Name;
        if (await OverdueAdvanceAsync(proposer, ct) is { } overdue)
            return Outcome<Expense>.Fail("", Messages.Format(
                "Khoản tạm ứng số {0} (chi ngày {1}) đã quá 30 ngày chưa có hoá đơn; hãy nộp hoá đơn cho khoản đó trước khi đề xuất khoản chi mới.",
                overdue.Id, VietnameseFormat.Date(overdue.PaymentDate)));

        var expense = new Expense
        {
            AdminUnitId = allocations.Values.First().AdminUnitId,
            SupplierName = supplier,
            SupplierTaxCode = taxCode!,
            Kind = advance ? ExpenseKind.Advance : ExpenseKind.Invoice,
            InvoiceSymbol = symbol,
            InvoiceNumber = number,
            // Until an advance's invoice is filed, its invoice date holds the payment date (the column is required).
            InvoiceDate = advance ? input.PaymentDate!.Value : input.InvoiceDate!.Value,
            PaymentDate = input.PaymentDate!.Value,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            AmountVnd = lines.Sum(l => l.AmountVnd!.Value),
            ProposedById = proposer,
            ProposedAt = clock.GetUtcNow().UtcDateTime,
            Lines = [.. lines.Select(l => new ExpenseLine { AllocationId = l.AllocationId, AmountVnd = l.AmountVnd!.Value, Quantity = l.Quantity })],
        };
        if (await OverSpentAsync(lines, ct) is { Count: > 0 } over) return Outcome<Expense>.Fail(over);
        db.Expenses.Add(expense);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The database's triggers refused: someone else spent from the same allocation at the same moment.
            db.Entry(expense).State = EntityState.Detached;
            foreach (var line in expense.Lines) db.Entry(line).State = EntityState.Detached;
            var now = await OverSpentAsync(lines, ct);
            return Outcome<Expense>.Fail(now.Count > 0 ? now
                : new Dictionary<string, string> { [nameof(input.Lines)] = "Số liệu vừa thay đổi do người khác chi cùng lúc; vui lòng xem lại và gửi lại." });
        }
        return Outcome<Expense>.Ok(expense);
    }

    /// <summary>Checks an e-invoice's symbol, number and date (errors under those field names); the cleaned symbol and number.</summary>
    private static (string Symbol, string Number) InvoiceErrors(string? inputSymbol, string? inputNumber, DateOnly? date, DateOnly today, Dictionary<string, string> errors)
    {
        var symbol = (inputSymbol ?? "").Trim().ToUpperInvariant();
        if (!ExpenseRules.IsInvoiceSymbol(symbol))
            errors[nameof(ExpenseInput.InvoiceSymbol)] = "Ký hiệu hoá đơn điện tử gồm 7 ký tự, ví dụ 1C26TAA (mẫu số, C/K, năm lập, loại hoá đơn, 2 chữ cái).";
        else if (date is { } issued && ExpenseRules.SymbolYear(symbol) != issued.Year % 100)
            errors[nameof(ExpenseInput.InvoiceSymbol)] = Messages.Format("Ký hiệu {0} ghi năm {1}, khác năm của ngày hoá đơn.", symbol, 2000 + ExpenseRules.SymbolYear(symbol));
        var number = (inputNumber ?? "").Trim();
        if (!ExpenseRules.IsInvoiceNumber(number)) errors[nameof(ExpenseInput.InvoiceNumber)] = "Số hoá đơn gồm 1 đến 8 chữ số.";
        if (date is not { } invoiceDate) errors[nameof(ExpenseInput.InvoiceDate)] = "Nhập ngày hoá đơn.";
        else if (invoiceDate > today) errors[nameof(ExpenseInput.InvoiceDate)] = "Ngày hoá đơn không được sau hôm nay.";
        return (symbol, number);
    }

    /// <summary>A live expense (not rejected, not reversed) that already records this invoice, read past the scope.</summary>
    private Task<int?> SameInvoiceAsync(string taxCode, string symbol, string number, CancellationToken ct) =>
        db.Expenses.IgnoreQueryFilters().Where(e => e.SupplierTaxCode == taxCode && e.InvoiceSymbol == symbol && e.InvoiceNumber == number
            && e.State != ExpenseState.Rejected && e.ReversedAt == null).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The oldest approved advance of <paramref name="proposerId"/>, not reversed, whose invoice is still not filed 31 days or more
    /// after its payment date (Vietnam's calendar), read past the scope; null when none blocks them.
    /// </summary>
    public async Task<Expense?> OverdueAdvanceAsync(string proposerId, CancellationToken ct = default)
    {
        var limit = DateOnly.FromDayNumber(clock.VietnamToday().DayNumber - (int)InvoiceDelay.Blocking);
        return await db.Expenses.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.ProposedById == proposerId && e.Kind == ExpenseKind.Advance && e.State == ExpenseState.Approved
                && e.ReversedAt == null && e.InvoiceFiledAt == null && e.PaymentDate <= limit)
            .OrderBy(e => e.PaymentDate).ThenBy(e => e.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The form's key for line <paramref name="i"/>'s amount.</summary>
    public static string LineKey(int i) => $"Lines[{i}].AmountVnd";
    public static string QuantityKey(int i) => $"Lines[{i}].Quantity";
    /// <summary>The most a line may say it bought (a district's winter is thousands of jackets, not millions).</summary>
    public const int MaxQuantity = 1_000_000;

    private async Task<Dictionary<string, string>> OverSpentAsync(List<ExpenseLineInput> lines, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var held = await HeldAsync(lines.Select(l => l.AllocationId), ct);
        for (var i = 0; i < lines.Count; i++)
        {
            var left = held.GetValueOrDefault(lines[i].AllocationId);
            if (lines[i].AmountVnd > left)
                errors[LineKey(i)] = Messages.Format("Phân bổ số {0} chỉ còn {1} chưa chi; không chi vượt số được phân bổ.", lines[i].AllocationId, VietnameseFormat.Vnd(left));
        }
        return errors;
    }

    /// <summary>
    /// What each allocation still holds: its amount less the expenses proposed or approved from it (a proposal reserves; a
    /// rejection frees). A reversed, rejected or undecided allocation, or goods, holds nothing to spend. Read past the scope:
    /// the sums must see what others took.
    /// </summary>
    public async Task<Dictionary<int, long>> HeldAsync(IEnumerable<int> allocationIds, CancellationToken ct = default)
    {
        var ids = allocationIds.Distinct().ToList();
        var allocations = await db.Allocations.IgnoreQueryFilters().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.State, a.AmountVnd, a.GoodsLineId }).ToListAsync(ct);
        var spent = await db.ExpenseLines.IgnoreQueryFilters()
            .Where(l => ids.Contains(l.AllocationId) && (l.Expense!.State == ExpenseState.Proposed || (l.Expense.State == ExpenseState.Approved && l.Expense.ReversedAt == null)))
            .GroupBy(l => l.AllocationId).Select(g => new { g.Key, Amount = g.Sum(l => l.AmountVnd) }).ToDictionaryAsync(x => x.Key, x => x.Amount, ct);
        return allocations.ToDictionary(a => a.Id,
            a => a.State == AllocationState.Approved && a.GoodsLineId is null ? a.AmountVnd - spent.GetValueOrDefault(a.Id) : 0);
    }

    /// <summary>
    /// Approves and writes one ledger entry of kind expense per line (the payment date, the allocation's commune and need,
    /// source_sequence = the allocation's entry, the SHA-256 of every original), in one transaction under the ledger's lock:
    /// a second click, or a colleague approving at the same moment, finds it decided and books nothing.
    /// </summary>
    public async Task<ExpenseDecision> ApproveAsync(int expenseId, CancellationToken ct = default)
    {
        var expense = await db.Expenses.FirstOrDefaultAsync(e => e.Id == expenseId, ct);
        if (expense is null) return new(null, null, NotFound);
        var approver = actor.UserId ?? actor.Name;
        if (expense.State != ExpenseState.Proposed) return new(null, null, Expense.AlreadyDecided);
        if (expense.RefusalToApprove(approver) is { } refusal) return new(null, refusal, null);
        if (expense.Kind == ExpenseKind.Invoice && !await db.ExpenseDocuments.AnyAsync(d => d.ExpenseId == expense.Id && d.Kind == ExpenseDocumentKind.Invoice, ct))
            return new(null, null, NoInvoice);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ledger.LockAsync(ct);
        await db.Entry(expense).ReloadAsync(ct);
        if (expense.State != ExpenseState.Proposed)
        {
            await tx.RollbackAsync(ct);
            return new(null, null, Expense.AlreadyDecided);
        }
        var lines = await db.ExpenseLines.IgnoreQueryFilters().Where(l => l.ExpenseId == expense.Id).OrderBy(l => l.Id).ToListAsync(ct);
        var documents = await DocumentHashesAsync(expense.Id, ct);
        if (documents.Problem is { } changed)
        {
            await tx.RollbackAsync(ct);
            return new(null, null, changed);
        }
        var allocationIds = lines.Select(l => l.AllocationId).ToList();
        var allocations = await db.Allocations.IgnoreQueryFilters().AsNoTracking().Where(a => allocationIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var sources = allocations.Values.Select(a => a.LedgerSequence).ToList();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => sources.Contains(e.Sequence)).ToDictionaryAsync(e => e.Sequence, ct);
        var booked = new List<(ExpenseLine Line, long Sequence)>();
        foreach (var line in lines)
        {
            var allocation = allocations[line.AllocationId];
            if (allocation.State != AllocationState.Approved || allocation.LedgerSequence is not { } source)
            {
                await tx.RollbackAsync(ct);
                return new(null, null, Messages.Format("Phân bổ số {0} không còn ở trạng thái đã duyệt; hãy từ chối đề xuất chi này.", allocation.Id));
            }
            var from = entries[source];
            // Goods bought: the entry names the need's item and how many, so the statement shows what the money became.
            var item = line.Quantity is null ? null : await Distributions.PurchasedGoods.ItemAsync(db, allocation.NeedLineId, ct);
            var slot = await ledger.ReserveSlotAsync(ct);
            await ledger.WriteAsync(slot, new LedgerEntry
            {
                ValueDate = expense.PaymentDate,
                Kind = LedgerEntryKind.Expense,
                AmountVnd = line.AmountVnd,
                CampaignId = from.CampaignId,
                ReceiptNumber = from.ReceiptNumber,
                Description = expense.PublicDescription,
                DonorDisplay = "",
                UnitCode = from.UnitCode,
                NeedReference = from.NeedReference,
                Item = item,
                Quantity = line.Quantity,
                UnitOfMeasure = item is null ? null : Distributions.PurchasedGoods.Unit,
                SourceSequence = source,
                Documents = documents.Field,
            }, ct);
            booked.Add((line, slot.Sequence));
        }
        // The entries first: the database checks that a line names an expense entry drawn from its allocation.
        await db.SaveChangesAsync(ct);
        foreach (var (line, sequence) in booked) line.LedgerSequence = sequence;
        await db.SaveChangesAsync(ct);
        expense.Approve(approver, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        var paidFrom = expense.Lines.Select(l => l.AllocationId).ToList();
        await fulfilment.RefreshAsync(await db.Allocations.IgnoreQueryFilters().Where(a => paidFrom.Contains(a.Id)).Select(a => a.NeedLineKey).Distinct().ToListAsync(ct), ct);
        await tx.CommitAsync(ct);
        return new(expense, null, null);
    }

    /// <summary>The ledger's documents field for an expense's originals, hashed from the stored bytes; a problem when a stored hash no longer matches them.</summary>
    public async Task<(string? Field, string? Problem)> DocumentHashesAsync(int expenseId, CancellationToken ct = default, DateTime? uploadedUntil = null)
    {
        var documents = await db.ExpenseDocuments.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.ExpenseId == expenseId && (uploadedUntil == null || d.UploadedAt <= uploadedUntil))
            .Join(db.ExpenseDocumentContents, d => d.Id, c => c.ExpenseDocumentId, (d, c) => new { d.FileName, d.Sha256, c.Bytes })
            .ToListAsync(ct);
        var hashes = new List<string>();
        foreach (var d in documents)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(d.Bytes));
            if (hash != d.Sha256) return (null, Messages.Format("Tệp {0} không còn khớp mã SHA-256 đã lưu; không duyệt được.", d.FileName));
            hashes.Add(hash);
        }
        return (LedgerDocuments.Format(hashes), null);
    }

    /// <summary>Declines a proposal, with the reason (anyone who may decide, or the proposer withdrawing it). Nothing is booked; what it reserved is free again.</summary>
    public async Task<Outcome<Expense>> RejectAsync(int expenseId, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<Expense>.Fail("Reason", "Nhập lý do từ chối.");
        if (reason.Trim().Length > Expense.ReasonLength) return Outcome<Expense>.Fail("Reason", Messages.Format("Lý do tối đa {0} ký tự.", Expense.ReasonLength));
        var expense = await db.Expenses.FirstOrDefaultAsync(e => e.Id == expenseId, ct);
        if (expense is null) return Outcome<Expense>.Fail("Reason", NotFound);
        if (expense.State != ExpenseState.Proposed) return Outcome<Expense>.Fail("Reason", Expense.AlreadyDecided);
        expense.Reject(actor.UserId ?? actor.Name, clock.GetUtcNow().UtcDateTime, reason);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(expense).State = EntityState.Detached;
            return Outcome<Expense>.Fail("Reason", Expense.AlreadyDecided);
        }
        return Outcome<Expense>.Ok(expense);
    }

    /// <summary>
    /// Reverses an approved expense (hoàn chi), all its lines, with the reason: anyone who may decide (the approver too — not
    /// four eyes, but never silently: reason, who and when on the row, an audit row, and public ledger entries). In one
    /// transaction under the ledger's lock, one entry of kind reversal per expense entry: reverses_sequence = that entry, the
    /// negative amount, the same commune, need, campaign, receipt number and source (the allocation's entry), the value date
    /// Vietnam's today, and the public description "Hoàn chi: &lt;supplier&gt;, hoá đơn &lt;số&gt;" — never the reason. What
    /// the expense took is held by its allocations again. A second click finds it reversed and books nothing; the database
    /// refuses a second reversal entry of the same expense entry (unique reverses_sequence) whoever writes.
    /// </summary>
    public async Task<Outcome<Expense>> ReverseAsync(int expenseId, string? reason, CancellationToken ct = default)
    {
        const string Field = "Reason";
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<Expense>.Fail(Field, "Nhập lý do hoàn chi.");
        if (reason.Trim().Length > Expense.ReasonLength) return Outcome<Expense>.Fail(Field, Messages.Format("Lý do tối đa {0} ký tự.", Expense.ReasonLength));
        var expense = await db.Expenses.FirstOrDefaultAsync(e => e.Id == expenseId, ct);
        if (expense is null) return Outcome<Expense>.Fail(Field, NotFound);
        if (expense.RefusalToReverse() is { } refusal) return Outcome<Expense>.Fail(Field, refusal);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ledger.LockAsync(ct);
        await db.Entry(expense).ReloadAsync(ct);
        if (expense.RefusalToReverse() is { } now)
        {
            await tx.RollbackAsync(ct);
            return Outcome<Expense>.Fail(Field, now);
        }
        var lines = await db.ExpenseLines.IgnoreQueryFilters().Where(l => l.ExpenseId == expense.Id).OrderBy(l => l.Id).ToListAsync(ct);
        if (await HandedOverAsync(lines, ct) is { } handedOver)
        {
            await tx.RollbackAsync(ct);
            return Outcome<Expense>.Fail(Field, handedOver);
        }
        var sequences = lines.Select(l => l.LedgerSequence!.Value).ToList();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => sequences.Contains(e.Sequence)).ToDictionaryAsync(e => e.Sequence, ct);
        var at = clock.GetUtcNow().UtcDateTime;
        var booked = new List<(ExpenseLine Line, long Sequence)>();
        foreach (var line in lines)
        {
            var spent = entries[line.LedgerSequence!.Value];
            var slot = await ledger.ReserveSlotAsync(ct);
            await ledger.WriteAsync(slot, new LedgerEntry
            {
                ValueDate = VietnamClock.ToVietnamDate(at),
                Kind = LedgerEntryKind.Reversal,
                AmountVnd = -spent.AmountVnd,
                CampaignId = spent.CampaignId,
                ReceiptNumber = spent.ReceiptNumber,
                Description = expense.PublicReversalDescription,
                DonorDisplay = "",
                UnitCode = spent.UnitCode,
                NeedReference = spent.NeedReference,
                SourceSequence = spent.SourceSequence,
                ReversesSequence = spent.Sequence,
            }, ct);
            booked.Add((line, slot.Sequence));
        }
        try
        {
            // The entries first: the database checks that a line names a reversal of its own expense entry, and that the
            // expense is reversed only when every line does.
            await db.SaveChangesAsync(ct);
            foreach (var (line, sequence) in booked) line.ReversalSequence = sequence;
            await db.SaveChangesAsync(ct);
            expense.Reverse(actor.UserId ?? actor.Name, at, reason);
            await db.SaveChangesAsync(ct);
            var paidFrom = lines.Select(l => l.AllocationId).ToList();
            await fulfilment.RefreshAsync(await db.Allocations.IgnoreQueryFilters().Where(a => paidFrom.Contains(a.Id)).Select(a => a.NeedLineKey).Distinct().ToListAsync(ct), ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Outcome<Expense>.Fail(Field, Expense.AlreadyReversed);
        }
        return Outcome<Expense>.Ok(expense);
    }

    /// <summary>
    /// Why the goods these lines bought cannot be taken back (Vietnamese), or null: reversing would leave an allocation's live
    /// distributions of purchased goods handing over more than its other expenses bought.
    /// </summary>
    private async Task<string?> HandedOverAsync(List<ExpenseLine> lines, CancellationToken ct)
    {
        var buying = lines.Where(l => l.Quantity is not null).ToList();
        if (buying.Count == 0) return null;
        var bought = await Distributions.PurchasedGoods.BoughtAsync(db, [.. buying.Select(l => l.AllocationId)], ct);
        foreach (var line in buying)
        {
            var taken = await Distributions.PurchasedGoods.TakenAsync(db, line.AllocationId, null, ct);
            if (taken > bought.GetValueOrDefault(line.AllocationId) - line.Quantity!.Value)
                return Messages.Format("Hàng mua bằng khoản chi này đang được cấp phát hoặc đã trao ({0} {1}, phân bổ số {2}); không hoàn chi được.",
                    taken, Distributions.PurchasedGoods.Unit, line.AllocationId);
        }
        return null;
    }

    public const string NotFound = "Không tìm thấy khoản chi trong phạm vi đơn vị của bạn.";
    public const string NoInvoice = "Cần tải lên tệp hoá đơn trước khi duyệt khoản chi.";

    /// <summary>The largest original accepted (a scanned invoice or a bank transfer slip).</summary>
    public const long MaxDocumentBytes = 10 * 1024 * 1024;
    /// <summary>At most this many originals per expense (each approval entry lists them all).</summary>
    public const int MaxDocuments = 10;

    /// <summary>
    /// Stores an original (the invoice, the proof of payment) of a proposal, with its SHA-256: PDF, JPEG or PNG by their
    /// first bytes (not by the name the browser sent), at most <see cref="MaxDocumentBytes"/>. Only while the expense is
    /// proposed: its approval lists every original's hash in the ledger, and nothing is added after.
    /// </summary>
    public async Task<Outcome<ExpenseDocument>> AddDocumentAsync(int expenseId, ExpenseDocumentKind kind, string? fileName, byte[] bytes, CancellationToken ct = default)
    {
        const string Field = "File";
        if (bytes.Length == 0) return Outcome<ExpenseDocument>.Fail(Field, "Chọn tệp để tải lên.");
        if (bytes.Length > MaxDocumentBytes)
            return Outcome<ExpenseDocument>.Fail(Field, Messages.Format("Tệp tối đa {0} MB.", MaxDocumentBytes / (1024 * 1024)));
        if (OriginalFile.ContentTypeOf(bytes) is not { } contentType) return Outcome<ExpenseDocument>.Fail(Field, "Chỉ nhận tệp PDF, JPEG hoặc PNG.");
        if (!Enum.IsDefined(kind)) return Outcome<ExpenseDocument>.Fail("Kind", "Chọn loại tệp: hoá đơn hoặc chứng từ thanh toán.");
        var expense = await db.Expenses.FirstOrDefaultAsync(e => e.Id == expenseId, ct);
        if (expense is null) return Outcome<ExpenseDocument>.Fail(Field, NotFound);
        if (expense.State != ExpenseState.Proposed) return Outcome<ExpenseDocument>.Fail(Field, "Chỉ tải tệp lên khoản chi đang chờ duyệt.");
        if (await db.ExpenseDocuments.CountAsync(d => d.ExpenseId == expenseId, ct) >= MaxDocuments)
            return Outcome<ExpenseDocument>.Fail(Field, Messages.Format("Mỗi khoản chi tối đa {0} tệp.", MaxDocuments));

        var document = new ExpenseDocument
        {
            ExpenseId = expenseId,
            Kind = kind,
            FileName = OriginalFile.CleanFileName(fileName, contentType),
            ContentType = contentType,
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedById = actor.UserId ?? actor.Name,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ExpenseDocuments.Add(document);
        try
        {
            await db.SaveChangesAsync(ct);
            db.ExpenseDocumentContents.Add(new ExpenseDocumentContent { ExpenseDocumentId = document.Id, Bytes = bytes });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Approved or rejected in the meantime: the database takes files for a proposal only.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Outcome<ExpenseDocument>.Fail(Field, "Chỉ tải tệp lên khoản chi đang chờ duyệt.");
        }
        return Outcome<ExpenseDocument>.Ok(document);
    }

    /// <summary>
    /// Files the invoice of an approved advance (tạm ứng): its symbol, number and date, checked as at a proposal, and the file
    /// (PDF, JPEG or PNG by its first bytes, at most <see cref="MaxDocumentBytes"/>), stored privately with its SHA-256. The
    /// ledger entries were written without it and never change, so filing writes NO new money entry: the hash goes beside each
    /// entry in the public table <see cref="PublicExpenseInvoice"/>, which the trace of a gift shows. Audited (the expense and
    /// document rows). Lifts the 31-day block of the advance's proposer. Once only.
    /// </summary>
    public async Task<Outcome<Expense>> FileInvoiceAsync(int expenseId, InvoiceFiling filing, string? fileName, byte[] bytes, CancellationToken ct = default)
    {
        const string Field = "File";
        var errors = new Dictionary<string, string>();
        var (symbol, number) = InvoiceErrors(filing.InvoiceSymbol, filing.InvoiceNumber, filing.InvoiceDate, clock.VietnamToday(), errors);
        string? contentType = null;
        if (bytes.Length == 0) errors[Field] = "Chọn tệp để tải lên.";
        else if (bytes.Length > MaxDocumentBytes) errors[Field] = Messages.Format("Tệp tối đa {0} MB.", MaxDocumentBytes / (1024 * 1024));
        else if ((contentType = OriginalFile.ContentTypeOf(bytes)) is null) errors[Field] = "Chỉ nhận tệp PDF, JPEG hoặc PNG.";
        if (errors.Count > 0) return Outcome<Expense>.Fail(errors);
        var expense = await db.Expenses.FirstOrDefaultAsync(e => e.Id == expenseId, ct);
        if (expense is null) return Outcome<Expense>.Fail(Field, NotFound);
        if (!expense.LacksInvoice) return Outcome<Expense>.Fail(Field, NotAnAdvanceWaiting);
        if (await SameInvoiceAsync(expense.SupplierTaxCode, symbol, number, ct) is { } same)
            return Outcome<Expense>.Fail(nameof(InvoiceFiling.InvoiceNumber), Messages.Format("Hoá đơn này đã được ghi ở khoản chi số {0}.", same));
        if (await db.ExpenseDocuments.CountAsync(d => d.ExpenseId == expenseId, ct) >= MaxDocuments)
            return Outcome<Expense>.Fail(Field, Messages.Format("Mỗi khoản chi tối đa {0} tệp.", MaxDocuments));

        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var document = new ExpenseDocument
        {
            ExpenseId = expenseId, Kind = ExpenseDocumentKind.Invoice, FileName = OriginalFile.CleanFileName(fileName, contentType!), ContentType = contentType!,
            SizeBytes = bytes.Length, Sha256 = hash, UploadedById = actor.UserId ?? actor.Name, UploadedAt = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.ExpenseDocuments.Add(document);
            await db.SaveChangesAsync(ct);
            db.ExpenseDocumentContents.Add(new ExpenseDocumentContent { ExpenseDocumentId = document.Id, Bytes = bytes });
            var sequences = await db.ExpenseLines.IgnoreQueryFilters().Where(l => l.ExpenseId == expenseId && l.LedgerSequence != null)
                .Select(l => l.LedgerSequence!.Value).ToListAsync(ct);
            db.PublicExpenseInvoices.AddRange(sequences.Select(s => new PublicExpenseInvoice { ExpenseSequence = s, Sha256 = hash, FiledOn = VietnamClock.ToVietnamDate(now) }));
            // The public rows first: the database takes them only while the advance still waits for its invoice.
            await db.SaveChangesAsync(ct);
            expense.InvoiceSymbol = symbol;
            expense.InvoiceNumber = number;
            expense.InvoiceDate = filing.InvoiceDate!.Value;
            expense.InvoiceFiledAt = now;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Filed, reversed or changed meanwhile: the database takes an advance's invoice once, while it is approved and standing.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Outcome<Expense>.Fail(Field, NotAnAdvanceWaiting);
        }
        return Outcome<Expense>.Ok(expense);
    }

    public const string NotAnAdvanceWaiting = "Chỉ nộp hoá đơn sau cho khoản tạm ứng đã duyệt, chưa hoàn và chưa có hoá đơn.";

    /// <summary>The bytes of a document of an expense the user may read (the scope applies to the document), or null.</summary>
    public async Task<(ExpenseDocument Document, byte[] Bytes)?> ReadDocumentAsync(int expenseId, int documentId, CancellationToken ct = default)
    {
        var document = await db.ExpenseDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ExpenseId == expenseId, ct);
        if (document is null) return null;
        var bytes = await db.ExpenseDocumentContents.AsNoTracking().Where(c => c.ExpenseDocumentId == documentId).Select(c => c.Bytes).SingleAsync(ct);
        return (document, bytes);
    }

    /// <summary>
    /// Whether an approved expense's originals are what its ledger entries list: every entry's documents field equals the
    /// SHA-256 of the stored bytes of the originals uploaded until its approval. Null when they agree, else what differs (Vietnamese).
    /// </summary>
    public async Task<string?> VerifyDocumentsAsync(int expenseId, CancellationToken ct = default)
    {
        // An advance's invoice filed after approval is not in its entries (they never change): it is public beside them instead.
        var decidedAt = await db.Expenses.IgnoreQueryFilters().Where(e => e.Id == expenseId).Select(e => e.DecidedAt).SingleOrDefaultAsync(ct);
        var (field, problem) = await DocumentHashesAsync(expenseId, ct, decidedAt);
        if (problem is not null) return problem;
        var sequences = await db.ExpenseLines.IgnoreQueryFilters().Where(l => l.ExpenseId == expenseId && l.LedgerSequence != null)
            .Select(l => l.LedgerSequence!.Value).ToListAsync(ct);
        var listed = await db.LedgerEntries.AsNoTracking().Where(e => sequences.Contains(e.Sequence)).Select(e => new { e.Sequence, e.Documents }).ToListAsync(ct);
        return listed.FirstOrDefault(e => e.Documents != field) is { } differs
            ? Messages.Format("Bút toán {0} ghi mã tệp khác với tệp gốc đang lưu.", differs.Sequence)
            : null;
    }
}
