using System.Security.Cryptography;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Stock;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Distributions;

/// <summary>A planned distribution as the form sends it. Error keys are these property names.</summary>
public sealed class DistributionInput
{
    public int AllocationId { get; set; }
    public int? Quantity { get; set; }
    public DateOnly? PlannedOn { get; set; }
    public string? Place { get; set; }
    public string? Carrier { get; set; }
    public DistributionRecipient? Recipient { get; set; }
    public int? SchoolId { get; set; }
    /// <summary>The children of the registry who receive (a distribution to children); the quantity is their number × <see cref="PerChildQuantity"/>.</summary>
    public List<int> ChildIds { get; set; } = [];
    public int? PerChildQuantity { get; set; }
}

/// <summary>The receiver's confirmation: how many arrived in their hands, when, who signed the hand-over list.</summary>
public sealed class DeliveryInput
{
    public int? DeliveredQuantity { get; set; }
    public DateOnly? DeliveredOn { get; set; }
    public string? ReceiverName { get; set; }
    public string? ReceiverRole { get; set; }
    /// <summary>For a distribution to named children: the children the receiver ticks as having received (the rest go back to stock).</summary>
    public List<int> ReceivedChildIds { get; set; } = [];
}

/// <summary>What a step came to: done, refused (403: the dispatcher confirming their own delivery), or messages by field.</summary>
public sealed record DistributionStep(Distribution? Distribution, string? Refusal, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Distribution is not null;
    public static DistributionStep Done(Distribution d) => new(d, null, new Dictionary<string, string>());
    public static DistributionStep Fail(string field, string message) => new(null, null, new Dictionary<string, string> { [field] = message });
    public static DistributionStep Fail(IReadOnlyDictionary<string, string> errors) => new(null, null, errors);
}

/// <summary>
/// Plans, confirms, dispatches and delivers goods from stocked lots for approved goods allocations. The steps that move goods
/// write the ledger under its lock: departure a negative stock movement, the receiver's confirmation a distribution entry
/// (and, for a partial delivery, a positive stock movement putting the rest back). Read through the unit scope.
/// </summary>
public class DistributionService(ChildAidDbContext db, LedgerWriter ledger, AuditActor actor, TimeProvider clock, DoubleSupportCheck doubleSupport,
    Needs.NeedFulfilment fulfilment)
{
    public const string NotFound = "Không tìm thấy đợt cấp phát trong phạm vi đơn vị của bạn.";
    private string Me => actor.UserId ?? actor.Name;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>What an allocation still has to deliver: its quantity less what live distributions take (planned or on the road) or delivered; a cancelled one takes nothing.</summary>
    public async Task<int> UndeliveredAsync(Allocation allocation, CancellationToken ct = default)
    {
        var taken = await db.Distributions.IgnoreQueryFilters().Where(d => d.AllocationId == allocation.Id && d.State != DistributionState.Cancelled)
            .SumAsync(d => d.State == DistributionState.Delivered ? d.DeliveredQuantity ?? 0 : d.Quantity, ct);
        return (allocation.Quantity ?? 0) - taken;
    }

    /// <summary>
    /// The children a distribution for <paramref name="allocation"/> may name: in the registry (not merged, not erased), within
    /// the user's scope (the query filters), living in the allocation's commune (its villages, the communes merged into it);
    /// for a child's need that child, for a school's need the school's pupils.
    /// </summary>
    public async Task<IQueryable<Children.Child>> CandidatesAsync(Allocation allocation, Needs.NeedLine line, CancellationToken ct = default)
    {
        var commune = await CommuneAsync(allocation, ct);
        var children = db.Children.AsNoTracking().InRegistry().Where(c => commune.Contains(c.AdminUnitId));
        return line.Target switch
        {
            Needs.NeedTarget.Child => children.Where(c => c.Id == line.ChildId),
            Needs.NeedTarget.School => children.Where(c => c.SchoolId == line.SchoolId),
            _ => children,
        };
    }

    /// <summary>The allocation's commune with its villages and the communes merged into it (a school may sit in any of them).</summary>
    public async Task<List<int>> CommuneAsync(Allocation allocation, CancellationToken ct = default) =>
        [.. new AdminUnits.AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync(ct)).Covered([allocation.AdminUnitId])];

    /// <summary>
    /// Plans a draft. The checks and the insert run under the ledger head's lock, in one transaction: two drafts made at the
    /// same moment (two officers, a double click) are checked one after the other, so they can neither both take the last
    /// of an allocation nor both name the same child for the same kind of support.
    /// </summary>
    public async Task<DistributionStep> CreateAsync(DistributionInput input, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null) return await CreateCheckedAsync(input, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ledger.LockAsync(ct);
        var step = await CreateCheckedAsync(input, ct);
        if (step.Succeeded) await tx.CommitAsync(ct);
        else await tx.RollbackAsync(ct);
        return step;
    }

    private async Task<DistributionStep> CreateCheckedAsync(DistributionInput input, CancellationToken ct)
    {
        var allocation = await db.Allocations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == input.AllocationId, ct);
        if (allocation is null || allocation.State != AllocationState.Approved)
            return DistributionStep.Fail(nameof(input.AllocationId), NoAllocation);
        // Goods come from the stocked lot of an in-kind gift, or were bought with the allocation's money (no lot).
        StockLot? lot = null;
        int left;
        string unit;
        if (allocation.GoodsLineId is not null)
        {
            lot = await db.StockLots.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.GoodsLineId == allocation.GoodsLineId, ct);
            if (lot is null || lot.State != StockLotState.Stocked)
                return DistributionStep.Fail(nameof(input.AllocationId), "Hàng của phân bổ này chưa nhập kho; nhận, kiểm tra và nhập kho trước khi cấp phát.");
            left = await UndeliveredAsync(allocation, ct);
            unit = lot.Unit;
        }
        else
        {
            if (!await db.NeedLines.IgnoreQueryFilters().AnyAsync(l => l.Id == allocation.NeedLineId && l.Unit == Needs.NeedUnit.Items, ct))
                return DistributionStep.Fail(nameof(input.AllocationId), NoAllocation);
            if ((await PurchasedGoods.BoughtAsync(db, [allocation.Id], ct)).GetValueOrDefault(allocation.Id) == 0)
                return DistributionStep.Fail(nameof(input.AllocationId), PurchasedGoods.NothingBought);
            left = await PurchasedGoods.LeftAsync(db, allocation.Id, ct);
            unit = PurchasedGoods.Unit;
        }
        // No double support, again before the goods leave: support declared or given since the allocation was approved
        // stops it, unless a manager already allowed the allocation with a reason.
        if (!allocation.AllowsDoubleSupport
            && await doubleSupport.FindAsync(await db.NeedLines.IgnoreQueryFilters().SingleAsync(l => l.Id == allocation.NeedLineId, ct), ct) is { Count: > 0 } found)
            return DistributionStep.Fail(nameof(input.AllocationId), DoubleSupportCheck.Message(found));
        var errors = new Dictionary<string, string>();
        // To children: the quantity follows from who is named (each receives the same), so ticking who received at delivery
        // says exactly what was delivered.
        var toChildren = input.Recipient == DistributionRecipient.Children;
        var named = new List<Children.Child>();
        var quantity = input.Quantity;
        if (toChildren)
        {
            var ids = input.ChildIds.Distinct().ToList();
            var perChild = input.PerChildQuantity ?? 1;
            if (perChild < 1) errors[nameof(input.PerChildQuantity)] = "Số lượng mỗi trẻ nhận từ 1 trở lên.";
            if (ids.Count == 0) errors[nameof(input.ChildIds)] = "Chọn ít nhất một trẻ nhận hàng.";
            else
            {
                var line = await db.NeedLines.IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == allocation.NeedLineId, ct);
                named = await (await CandidatesAsync(allocation, line, ct)).Where(c => ids.Contains(c.Id)).ToListAsync(ct);
                if (named.Count != ids.Count) errors[nameof(input.ChildIds)] = "Chỉ chọn trẻ trong danh sách: trẻ của xã (hoặc trường) của nhu cầu, trong phạm vi đơn vị của bạn.";
                else if (!allocation.AllowsDoubleSupport)
                {
                    var perChildFindings = await doubleSupport.FindForChildrenAsync(line, ids, ct);
                    var refused = named.Where(c => perChildFindings[c.Id].Count > 0).Select(c => DoubleSupportCheck.ChildMessage(c.FullName, perChildFindings[c.Id])).ToList();
                    if (refused.Count > 0) errors[nameof(input.ChildIds)] = string.Join(" ", refused);
                }
            }
            quantity = perChild >= 1 ? ids.Count * perChild : null;
        }
        var quantityField = toChildren ? nameof(input.ChildIds) : nameof(input.Quantity);
        if (quantity is not > 0) errors.TryAdd(quantityField, "Nhập số lượng cấp phát (lớn hơn 0).");
        else if (quantity > left) errors.TryAdd(quantityField, lot is null
            ? Messages.Format("Phân bổ này chỉ còn {0} {1} hàng đã mua chưa cấp phát.", left, unit)
            : Messages.Format("Phân bổ này chỉ còn {0} {1} chưa cấp phát.", left, unit));
        else if (lot is not null && quantity > lot.OnHand) errors.TryAdd(quantityField, Messages.Format("Lô này chỉ còn {0} {1} trong kho; tồn kho không được âm.", lot.OnHand, lot.Unit));
        if (input.PlannedOn is null) errors[nameof(input.PlannedOn)] = "Nhập ngày cấp phát.";
        var place = input.Place?.Trim() ?? "";
        if (place.Length is 0 or > Distribution.TextLength) errors[nameof(input.Place)] = "Nhập nơi cấp phát (tối đa 200 ký tự).";
        var carrier = input.Carrier?.Trim() ?? "";
        if (carrier.Length is 0 or > Distribution.TextLength) errors[nameof(input.Carrier)] = "Nhập người chuyển hàng (tối đa 200 ký tự).";
        var commune = await CommuneAsync(allocation, ct);
        switch (input.Recipient)
        {
            case DistributionRecipient.School when input.SchoolId is not { } school
                || !await db.Organisations.AnyAsync(o => o.Id == school && o.Type == OrganisationType.School && commune.Contains(o.AdminUnitId), ct):
                errors[nameof(input.SchoolId)] = "Chọn trường nhận hàng trong xã của nhu cầu.";
                break;
            case null:
                errors[nameof(input.Recipient)] = "Chọn người nhận: trường, xã hoặc trẻ em.";
                break;
        }
        if (errors.Count > 0) return DistributionStep.Fail(errors);
        // Children who all go to one school of the commune receive there: the distribution is that school's too, so its
        // staff see it and confirm who received.
        int? childrenSchool = null;
        if (named.Select(c => c.SchoolId).Distinct().ToList() is [{ } only]
            && await db.Organisations.AnyAsync(o => o.Id == only && o.Type == OrganisationType.School && commune.Contains(o.AdminUnitId), ct))
            childrenSchool = only;
        var distribution = new Distribution
        {
            AdminUnitId = allocation.AdminUnitId, AllocationId = allocation.Id, StockLotId = lot?.Id, Quantity = quantity!.Value,
            PlannedOn = input.PlannedOn!.Value, Place = place, Carrier = carrier, Recipient = input.Recipient!.Value,
            SchoolId = input.Recipient == DistributionRecipient.School ? input.SchoolId : childrenSchool,
            ChildrenCount = toChildren ? named.Count : null,
            PerChildQuantity = toChildren ? input.PerChildQuantity ?? 1 : null,
            Children = [.. named.Select(c => new DistributionChild { ChildId = c.Id })],
            CreatedById = Me, CreatedAt = Now,
        };
        db.Distributions.Add(distribution);
        await db.SaveChangesAsync(ct);
        return DistributionStep.Done(distribution);
    }

    public Task<DistributionStep> ConfirmAsync(int id, CancellationToken ct = default) =>
        SimpleStepAsync(id, DistributionState.Draft, d => d.Confirm(Me, Now), ct);

    public Task<DistributionStep> ArriveAsync(int id, CancellationToken ct = default) =>
        SimpleStepAsync(id, DistributionState.Departed, d => d.Arrive(Me, Now), ct);

    /// <summary>The goods leave the stock: one negative stock movement (source = the lot's stocked entry); never more than on hand; once.</summary>
    public async Task<DistributionStep> DepartAsync(int id, CancellationToken ct = default)
    {
        const string Field = "Quantity";
        var distribution = await db.Distributions.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (distribution is null) return DistributionStep.Fail(Field, NotFound);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ledger.LockAsync(ct);
        await db.Entry(distribution).ReloadAsync(ct);
        if (distribution.State != DistributionState.Confirmed)
        {
            await tx.RollbackAsync(ct);
            return DistributionStep.Fail(Field, distribution.State == DistributionState.Draft ? "Cần xác nhận đợt cấp phát trước khi xuất kho." : Distribution.WrongState);
        }
        if (distribution.StockLotId is null)
        {
            // Purchased goods go from the supplier, not from our stock: no stock movement, but never more than was bought
            // (an expense reversed since the plan takes its goods away).
            var left = (await PurchasedGoods.BoughtAsync(db, [distribution.AllocationId], ct)).GetValueOrDefault(distribution.AllocationId)
                       - await PurchasedGoods.TakenAsync(db, distribution.AllocationId, distribution.Id, ct);
            if (left < distribution.Quantity)
            {
                await tx.RollbackAsync(ct);
                return DistributionStep.Fail(Field, Messages.Format("Phân bổ này chỉ còn {0} {1} hàng đã mua chưa cấp phát.", Math.Max(0, left), PurchasedGoods.Unit));
            }
            distribution.Depart(Me, Now, null);
            await db.SaveChangesAsync(ct);
            await fulfilment.RefreshAsync([await db.Allocations.IgnoreQueryFilters().Where(a => a.Id == distribution.AllocationId).Select(a => a.NeedLineKey).SingleAsync(ct)], ct);
            await tx.CommitAsync(ct);
            return DistributionStep.Done(distribution);
        }
        var lot = await db.StockLots.IgnoreQueryFilters().SingleAsync(l => l.Id == distribution.StockLotId, ct);
        if (lot.OnHand < distribution.Quantity)
        {
            await tx.RollbackAsync(ct);
            return DistributionStep.Fail(Field, Messages.Format("Lô này chỉ còn {0} {1} trong kho; tồn kho không được âm.", lot.OnHand, lot.Unit));
        }
        var stocked = await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.Sequence == lot.StockedSequence, ct);
        var commune = await db.AdminUnits.AsNoTracking().Where(u => u.Id == lot.AdminUnitId).Select(u => u.Name).SingleAsync(ct);
        var slot = await ledger.ReserveSlotAsync(ct);
        await ledger.WriteAsync(slot, StockEntry(stocked, -distribution.Quantity, stocked.Sequence,
            Messages.Format("Xuất kho cấp phát: {0}, {1} {2}, {3}", lot.StockItem, distribution.Quantity, lot.Unit, commune)), ct);
        await db.SaveChangesAsync(ct);
        distribution.Depart(Me, Now, slot.Sequence);
        await db.SaveChangesAsync(ct);
        lot.TakeOff(distribution.Quantity);
        await db.SaveChangesAsync(ct);
        // The need now shows these goods on the road.
        await fulfilment.RefreshAsync([await db.Allocations.IgnoreQueryFilters().Where(a => a.Id == distribution.AllocationId).Select(a => a.NeedLineKey).SingleAsync(ct)], ct);
        await tx.CommitAsync(ct);
        return DistributionStep.Done(distribution);
    }

    /// <summary>
    /// The receiving school or commune officer — never the dispatcher (403) — confirms what was handed over, with the receiver's
    /// name and role and a photo of the signed list: one distribution entry (delivered × unit value, source = the allocation's
    /// entry); what was not delivered goes back to stock (a positive stock movement). Once.
    /// </summary>
    public async Task<DistributionStep> ConfirmDeliveryAsync(int id, DeliveryInput input, string? proofName, byte[] proof, CancellationToken ct = default)
    {
        var distribution = await db.Distributions.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (distribution is null) return DistributionStep.Fail(nameof(input.DeliveredQuantity), NotFound);
        if (distribution.State != DistributionState.Arrived)
            return DistributionStep.Fail(nameof(input.DeliveredQuantity), distribution.State < DistributionState.Arrived ? "Hàng chưa đến nơi; ghi nhận hàng đến trước." : Distribution.WrongState);
        if (distribution.RefusalToConfirmDelivery(Me) is { } refusal) return new(null, refusal, new Dictionary<string, string>());
        var errors = new Dictionary<string, string>();
        // To named children: the receiver ticks who received; the delivered quantity follows (ticked × each child's share).
        List<DistributionChild> named = distribution.PerChildQuantity is null ? [] : await db.DistributionChildren.Where(c => c.DistributionId == id).ToListAsync(ct);
        if (distribution.PerChildQuantity is { } perChild)
        {
            var ticked = input.ReceivedChildIds.Distinct().ToList();
            if (ticked.Any(t => named.All(c => c.ChildId != t))) errors[nameof(input.ReceivedChildIds)] = "Chỉ đánh dấu trẻ có tên trong đợt cấp phát này.";
            input.DeliveredQuantity = ticked.Count * perChild;
        }
        if (input.DeliveredQuantity is not { } count || count < 0 || count > distribution.Quantity)
            errors[nameof(input.DeliveredQuantity)] = Messages.Format("Số lượng đã giao từ 0 đến {0}.", distribution.Quantity);
        if (input.DeliveredOn is not { } on || on > clock.VietnamToday()) errors[nameof(input.DeliveredOn)] = "Nhập ngày giao hàng (không ở tương lai).";
        if (string.IsNullOrWhiteSpace(input.ReceiverName) || input.ReceiverName.Trim().Length > Distribution.TextLength) errors[nameof(input.ReceiverName)] = "Nhập họ tên người nhận hàng.";
        if (string.IsNullOrWhiteSpace(input.ReceiverRole) || input.ReceiverRole.Trim().Length > Distribution.TextLength) errors[nameof(input.ReceiverRole)] = "Nhập chức vụ người nhận hàng.";
        var contentType = OriginalFile.ContentTypeOf(proof);
        if (proof.Length == 0 || contentType is null || proof.Length > StockService.MaxPhotoBytes) errors["Proof"] = "Tải lên ảnh hoặc tệp PDF biên bản bàn giao có chữ ký (tối đa 10 MB).";
        if (errors.Count > 0) return DistributionStep.Fail(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ledger.LockAsync(ct);
        await db.Entry(distribution).ReloadAsync(ct);
        if (distribution.State != DistributionState.Arrived)
        {
            await tx.RollbackAsync(ct);
            return DistributionStep.Fail(nameof(input.DeliveredQuantity), Distribution.WrongState);
        }
        var lot = distribution.StockLotId is { } lotId ? await db.StockLots.IgnoreQueryFilters().SingleAsync(l => l.Id == lotId, ct) : null;
        var allocation = await db.Allocations.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == distribution.AllocationId, ct);
        var allocated = await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.Sequence == allocation.LedgerSequence, ct);
        var commune = await db.AdminUnits.AsNoTracking().Where(u => u.Id == distribution.AdminUnitId).Select(u => u.Name).SingleAsync(ct);
        var item = lot?.StockItem ?? await PurchasedGoods.ItemAsync(db, allocation.NeedLineId, ct);
        var unit = lot?.Unit ?? PurchasedGoods.Unit;
        var delivered = input.DeliveredQuantity!.Value;
        long? distributionSequence = null, returnSequence = null;
        if (delivered > 0)
        {
            var slot = await ledger.ReserveSlotAsync(ct);
            await ledger.WriteAsync(slot, new LedgerEntry
            {
                ValueDate = input.DeliveredOn!.Value,
                Kind = LedgerEntryKind.Distribution,
                // In-kind goods at their receipt's unit value; purchased goods at 0 ₫, their money counted once, as spent by the expense.
                AmountVnd = lot is null ? 0 : delivered * lot.UnitValueVnd,
                CampaignId = allocated.CampaignId,
                ReceiptNumber = allocated.ReceiptNumber,
                Description = lot is null
                    ? Messages.Format("Cấp phát hàng mua: {0}, {1} {2}, {3}", item, delivered, unit, commune)
                    : Messages.Format("Cấp phát: {0}, {1} {2}, {3}", item, delivered, unit, commune),
                DonorDisplay = "",
                UnitCode = allocated.UnitCode,
                NeedReference = allocated.NeedReference,
                Item = item,
                Quantity = delivered,
                UnitOfMeasure = unit,
                SourceSequence = allocated.Sequence,
            }, ct);
            distributionSequence = slot.Sequence;
        }
        // What a lot's distribution did not deliver goes back to stock; purchased goods not delivered stay to be handed over.
        var rest = lot is null ? 0 : distribution.Quantity - delivered;
        if (rest > 0)
        {
            var stocked = await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.Sequence == lot!.StockedSequence, ct);
            var lotCommune = await db.AdminUnits.AsNoTracking().Where(u => u.Id == lot!.AdminUnitId).Select(u => u.Name).SingleAsync(ct);
            var slot = await ledger.ReserveSlotAsync(ct);
            await ledger.WriteAsync(slot, StockEntry(stocked, rest, distribution.DepartureSequence,
                Messages.Format("Nhập lại kho phần chưa giao: {0}, {1} {2}, {3}", lot!.StockItem, rest, lot.Unit, lotCommune)), ct);
            returnSequence = slot.Sequence;
        }
        foreach (var child in named) child.Tick(input.ReceivedChildIds.Contains(child.ChildId));
        await db.SaveChangesAsync(ct);
        distribution.ConfirmDelivery(delivered, input.DeliveredOn!.Value, input.ReceiverName!, input.ReceiverRole!,
            OriginalFile.CleanFileName(proofName, contentType!), Convert.ToHexStringLower(SHA256.HashData(proof)), Me, Now, distributionSequence, returnSequence);
        db.DistributionProofs.Add(new DistributionProof { DistributionId = distribution.Id, Bytes = proof });
        await db.SaveChangesAsync(ct);
        if (rest > 0)
        {
            lot!.PutBack(rest);
            await db.SaveChangesAsync(ct);
        }
        await fulfilment.RefreshAsync([allocation.NeedLineKey], ct);
        await tx.CommitAsync(ct);
        return DistributionStep.Done(distribution);
    }

    /// <summary>
    /// A dispatcher calls the distribution off before delivery, with the reason (audited). Before departure nothing moved; goods
    /// that left a lot come back whole — one positive stock movement (source = the departure) under the ledger's lock — and the
    /// need no longer counts them on the road. The allocation's quantity is free for a new distribution. Once.
    /// </summary>
    public async Task<DistributionStep> CancelAsync(int id, string? reason, CancellationToken ct = default)
    {
        const string Field = "CancelReason";
        var distribution = await db.Distributions.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (distribution is null) return DistributionStep.Fail(Field, NotFound);
        if (distribution.RefusalToCancel() is { } refusal) return DistributionStep.Fail(Field, refusal);
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > Distribution.ReasonLength)
            return DistributionStep.Fail(Field, "Nhập lý do huỷ (tối đa 500 ký tự).");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ledger.LockAsync(ct);
        await db.Entry(distribution).ReloadAsync(ct);
        if (distribution.RefusalToCancel() is { } now)
        {
            await tx.RollbackAsync(ct);
            return DistributionStep.Fail(Field, now);
        }
        var wasOnTheRoad = distribution.State is DistributionState.Departed or DistributionState.Arrived;
        StockLot? lot = null;
        long? returnSequence = null;
        if (distribution.DepartureSequence is { } departure)
        {
            lot = await db.StockLots.IgnoreQueryFilters().SingleAsync(l => l.Id == distribution.StockLotId, ct);
            var stocked = await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.Sequence == lot.StockedSequence, ct);
            var commune = await db.AdminUnits.AsNoTracking().Where(u => u.Id == lot.AdminUnitId).Select(u => u.Name).SingleAsync(ct);
            var slot = await ledger.ReserveSlotAsync(ct);
            await ledger.WriteAsync(slot, StockEntry(stocked, distribution.Quantity, departure,
                Messages.Format("Nhập lại kho, huỷ cấp phát số {0}: {1}, {2} {3}, {4}", distribution.Id, lot.StockItem, distribution.Quantity, lot.Unit, commune)), ct);
            returnSequence = slot.Sequence;
            await db.SaveChangesAsync(ct);
        }
        distribution.Cancel(Me, Now, reason, returnSequence);
        await db.SaveChangesAsync(ct);
        // The lot's guard counts what a cancelled departure put back from the distribution row saved just above.
        if (lot is not null)
        {
            lot.PutBack(distribution.Quantity);
            await db.SaveChangesAsync(ct);
        }
        if (wasOnTheRoad)
            await fulfilment.RefreshAsync([await db.Allocations.IgnoreQueryFilters().Where(a => a.Id == distribution.AllocationId).Select(a => a.NeedLineKey).SingleAsync(ct)], ct);
        await tx.CommitAsync(ct);
        return DistributionStep.Done(distribution);
    }

    public const string NoAllocation = "Chọn một phân bổ hiện vật, hoặc một phân bổ tiền đã mua hàng, đã duyệt trong phạm vi đơn vị của bạn.";

    /// <summary>The signed hand-over list of a delivered distribution the user can see (through the scope), or null.</summary>
    public async Task<(Distribution Distribution, byte[] Bytes)?> ReadProofAsync(int id, CancellationToken ct = default)
    {
        var distribution = await db.Distributions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.ProofSha256 != null, ct);
        if (distribution is null) return null;
        var bytes = await db.DistributionProofs.AsNoTracking().Where(p => p.DistributionId == id).Select(p => p.Bytes).SingleAsync(ct);
        return (distribution, bytes);
    }

    private static LedgerEntry StockEntry(LedgerEntry stocked, int quantity, long? source, string description) => new()
    {
        ValueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)),
        Kind = LedgerEntryKind.StockMovement,
        AmountVnd = 0,
        CampaignId = stocked.CampaignId,
        ReceiptNumber = stocked.ReceiptNumber,
        Description = description,
        DonorDisplay = "",
        UnitCode = stocked.UnitCode,
        Item = stocked.Item,
        Quantity = quantity,
        UnitOfMeasure = stocked.UnitOfMeasure,
        SourceSequence = source,
    };

    private async Task<DistributionStep> SimpleStepAsync(int id, DistributionState from, Action<Distribution> step, CancellationToken ct)
    {
        var distribution = await db.Distributions.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (distribution is null) return DistributionStep.Fail("State", NotFound);
        if (distribution.State != from) return DistributionStep.Fail("State", Distribution.WrongState);
        step(distribution);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return DistributionStep.Fail("State", Distribution.WrongState);
        }
        return DistributionStep.Done(distribution);
    }
}
