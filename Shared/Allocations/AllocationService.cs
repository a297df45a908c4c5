using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Allocations;

/// <summary>
/// Proposes, approves and rejects allocations. Every rule is checked here, with a message next to its field, and again
/// by the database (CHECKs and triggers of migration AllocationsFourEyes), which has the last word when two people act
/// at once. Receipts and need lines are read through the unit scope: what the user cannot see does not exist for them.
/// </summary>
public class AllocationService(ChildAidDbContext db, LedgerWriter ledger, AuditActor actor, TimeProvider clock, DoubleSupportCheck doubleSupport,
    NeedFulfilment fulfilment)
{
    public async Task<Outcome<Allocation>> ProposeAsync(AllocationInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var receipt = await db.Contributions.Include(c => c.GoodsLines).Include(c => c.Reversal).Include(c => c.Campaign)
            .FirstOrDefaultAsync(c => c.Id == input.ContributionId, ct);
        if (receipt is null) return Outcome<Allocation>.Fail(nameof(input.ContributionId), "Không tìm thấy phiếu thu trong phạm vi đơn vị của bạn.");
        if (receipt.Reversal is not null) return Outcome<Allocation>.Fail(nameof(input.ContributionId), Messages.Format("Phiếu thu {0} đã bị hủy; không phân bổ được.", receipt.ReceiptNumber));
        var line = await db.NeedLines.Include(l => l.NeedsReview).Include(l => l.Item).FirstOrDefaultAsync(l => l.Id == input.NeedLineId, ct);
        if (line is null) errors[nameof(input.NeedLineId)] = "Chọn một dòng nhu cầu trong phạm vi đơn vị của bạn.";
        else if (line.NeedsReview!.Status != NeedsReviewStatus.Approved) errors[nameof(input.NeedLineId)] = "Chỉ phân bổ cho dòng nhu cầu của bản rà soát đang có hiệu lực (đã duyệt).";

        ContributionGoodsLine? goods = null;
        if (input.GoodsLineId is { } goodsLineId)
        {
            goods = receipt.GoodsLines.FirstOrDefault(g => g.Id == goodsLineId);
            if (goods is null) errors[nameof(input.GoodsLineId)] = "Dòng hàng này không thuộc phiếu thu.";
            if (input.Quantity is not > 0) errors[nameof(input.Quantity)] = "Nhập số lượng lớn hơn 0.";
            if (line is not null && line.Unit != NeedUnit.Items)
                errors[nameof(input.NeedLineId)] = "Hàng hiện vật chỉ phân bổ cho nhu cầu tính theo cái/chiếc (không phải bữa ăn hay lượt khám).";
        }
        else if (receipt.Method == ContributionMethod.InKind) errors[nameof(input.GoodsLineId)] = "Phiếu thu này là hiện vật: chọn dòng hàng và số lượng.";
        else if (input.AmountVnd is not > 0) errors[nameof(input.AmountVnd)] = "Nhập số tiền lớn hơn 0 ₫.";
        if (input.Note is { Length: > Allocation.NoteLength }) errors[nameof(input.Note)] = Messages.Format("Ghi chú tối đa {0} ký tự.", Allocation.NoteLength);
        if (input.DoubleSupportReason is { } why && why.Trim().Length > Allocation.ReasonLength)
            errors[nameof(input.DoubleSupportReason)] = Messages.Format("Lý do tối đa {0} ký tự.", Allocation.ReasonLength);
        if (errors.Count > 0) return Outcome<Allocation>.Fail(errors);

        var allocation = new Allocation
        {
            AdminUnitId = line!.AdminUnitId,
            ContributionId = receipt.Id,
            GoodsLineId = goods?.Id,
            NeedLineId = line.Id,
            NeedLineKey = line.Key,
            Quantity = goods is null ? null : input.Quantity,
            AmountVnd = goods is null ? input.AmountVnd!.Value : checked(input.Quantity!.Value * goods.UnitValueVnd),
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            SuggestionKey = input.SuggestionKey,
            ProposedById = actor.UserId ?? actor.Name,
            ProposedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (await RuleErrorsAsync(allocation, receipt, line, ct) is { Count: > 0 } refused) return Outcome<Allocation>.Fail(refused);
        if (await DoubleSupportRefusalAsync(allocation, line, input.DoubleSupportReason, ct) is { } doubled)
            return Outcome<Allocation>.Fail(nameof(input.DoubleSupportReason), doubled);

        db.Allocations.Add(allocation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The database's triggers refused: someone else took part of the receipt or the need at the same moment —
            // or proposed this very suggestion row (its unique key): that proposal is this one.
            db.Entry(allocation).State = EntityState.Detached;
            if (input.SuggestionKey is { } key
                && await db.Allocations.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.SuggestionKey == key, ct) is { } first)
                return Outcome<Allocation>.Ok(first);
            var now = await RuleErrorsAsync(allocation, receipt, line, ct);
            return Outcome<Allocation>.Fail(now.Count > 0 ? now
                : new Dictionary<string, string> { [nameof(input.AmountVnd)] = "Số liệu vừa thay đổi do người khác phân bổ cùng lúc; vui lòng xem lại và gửi lại." });
        }
        return Outcome<Allocation>.Ok(allocation);
    }

    /// <summary>The sums across allocations: the receipt's unallocated part, the need line's uncovered part, the campaign's area.</summary>
    private async Task<Dictionary<string, string>> RuleErrorsAsync(Allocation a, Contribution receipt, NeedLine line, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var left = await RemainderAsync(receipt, ct);
        if (a.GoodsLineId is { } goodsLineId)
        {
            var free = left.GoodsLeft.GetValueOrDefault(goodsLineId);
            if (a.Quantity > free) errors[nameof(AllocationInput.Quantity)] = Messages.Format("Dòng hàng này chỉ còn {0} chưa phân bổ.", VietnameseFormat.Number(free));
        }
        else if (a.AmountVnd > left.MoneyLeftVnd)
            errors[nameof(AllocationInput.AmountVnd)] = Messages.Format("Phiếu thu {0} chỉ còn {1} chưa phân bổ.", receipt.ReceiptNumber, VietnameseFormat.Vnd(left.MoneyLeftVnd));

        var need = await NeedRemainderAsync(line, ct);
        var cover = a.GoodsLineId is null ? a.AmountVnd : a.Quantity!.Value * line.EstimatedUnitCostVnd;
        if (a.GoodsLineId is not null && a.Quantity > need.QuantityLeft)
            errors[nameof(AllocationInput.Quantity)] = Messages.Format("Dòng nhu cầu này chỉ còn thiếu {0} {1}; không phân bổ vượt nhu cầu.", VietnameseFormat.Number(need.QuantityLeft), NeedLabels.Units[line.Unit]);
        else if (cover > need.ValueLeftVnd)
            errors[a.GoodsLineId is null ? nameof(AllocationInput.AmountVnd) : nameof(AllocationInput.Quantity)] =
                Messages.Format("Dòng nhu cầu này chỉ còn thiếu {0} (theo đơn giá dự kiến); không phân bổ vượt nhu cầu.", VietnameseFormat.Vnd(need.ValueLeftVnd));

        if (receipt.CampaignId is { } campaignId)
        {
            var areas = await db.CampaignAreas.IgnoreQueryFilters().Where(x => x.CampaignId == campaignId).ToListAsync(ct);
            var title = receipt.Campaign?.Title ?? await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Title).SingleAsync(ct);
            if (areas.Count == 0)
                errors[nameof(AllocationInput.NeedLineId)] = Messages.Format("Chiến dịch «{0}» chưa khai báo địa bàn hỗ trợ, nên tiền của chiến dịch chưa phân bổ được.", title);
            else if (!areas.Any(x => x.Covers(line.AdminUnitId, line.Category)))
                errors[nameof(AllocationInput.NeedLineId)] = Messages.Format("Phiếu thu {0} là tiền ủng hộ chiến dịch «{1}»; dòng nhu cầu này nằm ngoài địa bàn hoặc nhóm nhu cầu của chiến dịch.", receipt.ReceiptNumber, title);
        }
        return errors;
    }

    /// <summary>
    /// Null when the need's child or school has not already received the same kind of help for the period, or when a
    /// programme manager gave the reason it is still needed (then recorded on <paramref name="allocation"/>); otherwise
    /// the message to show next to the reason field.
    /// </summary>
    private async Task<string?> DoubleSupportRefusalAsync(Allocation allocation, NeedLine line, string? reason, CancellationToken ct)
    {
        var findings = await doubleSupport.FindAsync(line, ct);
        if (findings.Count == 0) return null;
        if (string.IsNullOrWhiteSpace(reason)) return DoubleSupportCheck.Message(findings);
        if (!await ActorHasRoleAsync(Security.Roles.AllowDoubleSupport, ct)) return OnlyManagersAllowDoubleSupport;
        allocation.AllowDoubleSupport(findings, reason, actor.UserId ?? actor.Name);
        return null;
    }

    /// <summary>The CLI (no account) acts as the system and may; a person needs one of <paramref name="roles"/>.</summary>
    private async Task<bool> ActorHasRoleAsync(string[] roles, CancellationToken ct) =>
        actor.UserId is not { } id
        || await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id && roles.Contains(r.Name!) select r).AnyAsync(ct);

    public const string OnlyManagersAllowDoubleSupport =
        "Chỉ quản lý chương trình (cán bộ chương trình, quản trị) được cho phép phân bổ khi trẻ hoặc trường đã được hỗ trợ cùng loại; hãy nhờ họ đề xuất.";

    public const string DoubleSupportSinceProposal =
        "Từ khi đề xuất, trẻ hoặc trường này đã được hỗ trợ cùng nhóm nhu cầu trong cùng thời gian; hãy từ chối và đề xuất lại (quản lý chương trình ghi lý do nếu vẫn cần).";

    /// <summary>What is still free on a receipt. A proposal reserves what it asks for; a rejected one frees it.</summary>
    public async Task<ReceiptRemainder> RemainderAsync(Contribution receipt, CancellationToken ct = default)
    {
        var taken = await Live.Where(a => a.ContributionId == receipt.Id)
            .GroupBy(a => a.GoodsLineId).Select(g => new { GoodsLineId = g.Key, Amount = g.Sum(a => a.AmountVnd), Quantity = g.Sum(a => a.Quantity ?? 0) })
            .ToListAsync(ct);
        var money = receipt.Method == ContributionMethod.InKind || receipt.Reversal is not null ? 0
            : receipt.AmountVnd - taken.Where(t => t.GoodsLineId is null).Sum(t => t.Amount);
        var caps = await AllocatableGoods.CapsAsync(db, [.. receipt.GoodsLines.Select(g => g.Id)], ct);
        var goods = receipt.GoodsLines.ToDictionary(g => g.Id,
            g => receipt.Reversal is not null ? 0 : AllocatableGoods.Cap(g.Id, g.Quantity, caps) - taken.Where(t => t.GoodsLineId == g.Id).Sum(t => t.Quantity));
        return new ReceiptRemainder(money, goods);
    }

    /// <summary>What a need (its key, across revisions) still lacks, counting proposals as taken.</summary>
    public async Task<NeedRemainder> NeedRemainderAsync(NeedLine line, CancellationToken ct = default)
    {
        var taken = await Live.Where(a => a.NeedLineKey == line.Key)
            .GroupBy(a => a.GoodsLineId != null).Select(g => new { Goods = g.Key, Amount = g.Sum(a => a.AmountVnd), Quantity = g.Sum(a => a.Quantity ?? 0) })
            .ToListAsync(ct);
        var goodsQuantity = taken.Where(t => t.Goods).Sum(t => t.Quantity);
        var money = taken.Where(t => !t.Goods).Sum(t => t.Amount);
        var value = line.EstimatedCostVnd - money - goodsQuantity * line.EstimatedUnitCostVnd;
        var quantity = line.Quantity - goodsQuantity - (line.EstimatedUnitCostVnd > 0 ? (int)Math.Ceiling(money / (double)line.EstimatedUnitCostVnd) : 0);
        return new NeedRemainder(Math.Max(0, quantity), Math.Max(0, value));
    }

    /// <summary>Proposed and approved allocations of every unit (not rejected, not reversed): the sums must see what others took, whatever the user's scope.</summary>
    private IQueryable<Allocation> Live => db.Allocations.IgnoreQueryFilters().Where(a => a.State == AllocationState.Proposed || a.State == AllocationState.Approved);

    /// <summary>
    /// Approves and writes the allocation's one ledger entry, in one transaction under the ledger's lock: a second click,
    /// or a colleague approving the same proposal at the same moment, finds it decided and books nothing.
    /// </summary>
    public async Task<AllocationDecision> ApproveAsync(int allocationId, CancellationToken ct = default)
    {
        var allocation = await db.Allocations.FirstOrDefaultAsync(a => a.Id == allocationId, ct);
        if (allocation is null) return new(null, null, NotFound);
        var approver = actor.UserId ?? actor.Name;
        if (allocation.State != AllocationState.Proposed) return new(null, null, Allocation.AlreadyDecided);
        if (allocation.RefusalToApprove(approver) is { } refusal) return new(null, refusal, null);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var slot = await ledger.ReserveSlotAsync(ct);
        await db.Entry(allocation).ReloadAsync(ct);
        if (allocation.State != AllocationState.Proposed)
        {
            await tx.RollbackAsync(ct);
            return new(null, null, Allocation.AlreadyDecided);
        }
        var receipt = await db.Contributions.IgnoreQueryFilters().Include(c => c.Reversal).Include(c => c.GoodsLines)
            .SingleAsync(c => c.Id == allocation.ContributionId, ct);
        if (receipt.Reversal is not null)
        {
            await tx.RollbackAsync(ct);
            return new(null, null, Messages.Format("Phiếu thu {0} đã bị hủy; hãy từ chối đề xuất này.", receipt.ReceiptNumber));
        }
        if (!allocation.AllowsDoubleSupport
            && await doubleSupport.FindAsync(await db.NeedLines.IgnoreQueryFilters().SingleAsync(l => l.Id == allocation.NeedLineId, ct), ct) is { Count: > 0 })
        {
            await tx.RollbackAsync(ct);
            return new(null, null, DoubleSupportSinceProposal);
        }
        var place = await PlaceAsync(allocation.NeedLineId, ct);
        var goods = receipt.GoodsLines.FirstOrDefault(g => g.Id == allocation.GoodsLineId);
        var now = clock.GetUtcNow().UtcDateTime;
        await ledger.WriteAsync(slot, new LedgerEntry
        {
            ValueDate = VietnamClock.ToVietnamDate(now),
            Kind = LedgerEntryKind.Allocation,
            AmountVnd = allocation.AmountVnd,
            CampaignId = receipt.CampaignId,
            ReceiptNumber = receipt.ReceiptNumber,
            // The override is public as a fact (the reason stays private: it may name a child).
            Description = "Phân bổ cho " + place.Description + (allocation.AllowsDoubleSupport ? DoubleSupportAllowedInLedger : ""),
            DonorDisplay = "",
            UnitCode = place.CommuneCode,
            NeedReference = place.Reference,
            SourceSequence = receipt.LedgerSequence,
            Item = goods?.Item,
            Quantity = allocation.Quantity,
            UnitOfMeasure = goods?.Unit,
        }, ct);
        allocation.Approve(approver, now, slot.Sequence);
        await db.SaveChangesAsync(ct);
        await fulfilment.RefreshAsync([allocation.NeedLineKey], ct);
        await tx.CommitAsync(ct);
        return new(allocation, null, null);
    }

    /// <summary>Declines a proposal, with the reason (anyone who may decide, or the proposer withdrawing it). Nothing is booked.</summary>
    public async Task<Outcome<Allocation>> RejectAsync(int allocationId, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<Allocation>.Fail("Reason", "Nhập lý do từ chối.");
        if (reason.Trim().Length > Allocation.ReasonLength) return Outcome<Allocation>.Fail("Reason", Messages.Format("Lý do tối đa {0} ký tự.", Allocation.ReasonLength));
        var allocation = await db.Allocations.FirstOrDefaultAsync(a => a.Id == allocationId, ct);
        if (allocation is null) return Outcome<Allocation>.Fail("Reason", NotFound);
        if (allocation.State != AllocationState.Proposed) return Outcome<Allocation>.Fail("Reason", Allocation.AlreadyDecided);
        allocation.Reject(actor.UserId ?? actor.Name, clock.GetUtcNow().UtcDateTime, reason);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Approved by someone else in the meantime: the database refuses to change a decided allocation.
            db.Entry(allocation).State = EntityState.Detached;
            return Outcome<Allocation>.Fail("Reason", Allocation.AlreadyDecided);
        }
        return Outcome<Allocation>.Ok(allocation);
    }

    /// <summary>
    /// Undoes an approved allocation, with a written reason (anyone who may decide, the approver too: never silently — the
    /// reason stays on the allocation and in the audit trail, the undoing in the public ledger). Writes ONE ledger entry of
    /// kind reversal (reverses_sequence = the allocation's entry, the negative amount and quantity, the same public place,
    /// source_sequence = the receipt's entry) in one transaction under the ledger's lock: a double click books once.
    /// What the allocation held is free again on the receipt and the need. The reason is not published (it may name a child).
    /// </summary>
    public async Task<Outcome<Allocation>> ReverseAsync(int allocationId, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<Allocation>.Fail("Reason", "Nhập lý do hoàn phân bổ.");
        if (reason.Trim().Length > Allocation.ReasonLength) return Outcome<Allocation>.Fail("Reason", Messages.Format("Lý do tối đa {0} ký tự.", Allocation.ReasonLength));
        var allocation = await db.Allocations.FirstOrDefaultAsync(a => a.Id == allocationId, ct);
        if (allocation is null) return Outcome<Allocation>.Fail("Reason", NotFound);
        if (allocation.RefusalToReverse() is { } refusal) return Outcome<Allocation>.Fail("Reason", refusal);
        if (await SpentAsync(allocation.Id, ct)) return Outcome<Allocation>.Fail("Reason", HasExpenses);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var slot = await ledger.ReserveSlotAsync(ct);
        await db.Entry(allocation).ReloadAsync(ct);
        if ((allocation.RefusalToReverse() ?? (await SpentAsync(allocation.Id, ct) ? HasExpenses : null)) is { } now)
        {
            await tx.RollbackAsync(ct);
            return Outcome<Allocation>.Fail("Reason", now);
        }
        var receipt = await db.Contributions.IgnoreQueryFilters().Include(c => c.GoodsLines).SingleAsync(c => c.Id == allocation.ContributionId, ct);
        var place = await PlaceAsync(allocation.NeedLineId, ct);
        var goods = receipt.GoodsLines.FirstOrDefault(g => g.Id == allocation.GoodsLineId);
        var at = clock.GetUtcNow().UtcDateTime;
        await ledger.WriteAsync(slot, new LedgerEntry
        {
            ValueDate = VietnamClock.ToVietnamDate(at),
            Kind = LedgerEntryKind.Reversal,
            AmountVnd = -allocation.AmountVnd,
            CampaignId = receipt.CampaignId,
            ReceiptNumber = receipt.ReceiptNumber,
            Description = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Hoàn phân bổ (bút toán {allocation.LedgerSequence}) cho {place.Description}"),
            DonorDisplay = "",
            UnitCode = place.CommuneCode,
            NeedReference = place.Reference,
            SourceSequence = receipt.LedgerSequence,
            ReversesSequence = allocation.LedgerSequence,
            Item = goods?.Item,
            Quantity = -allocation.Quantity,
            UnitOfMeasure = goods?.Unit,
        }, ct);
        // The entry first: the database checks that a reversed allocation names an existing reversal of its own entry.
        await db.SaveChangesAsync(ct);
        allocation.Reverse(actor.UserId ?? actor.Name, at, reason, slot.Sequence);
        await db.SaveChangesAsync(ct);
        await fulfilment.RefreshAsync([allocation.NeedLineKey], ct);
        await tx.CommitAsync(ct);
        return Outcome<Allocation>.Ok(allocation);
    }

    /// <summary>The public facts of a need line (<see cref="NeedPlace"/>), read past the scope: the approver may cover it through another unit row.</summary>
    public async Task<NeedPlace> PlaceAsync(int needLineId, CancellationToken ct = default)
    {
        var l = await db.NeedLines.IgnoreQueryFilters().Where(x => x.Id == needLineId)
            .Select(x => new
            {
                x.Target, x.Category, ItemCode = x.Item!.Code, ItemName = x.Item.NameVi, x.SizeBand, x.Unit, x.NeedsReview!.Year, x.AdminUnitId,
                SchoolId = x.SchoolId ?? (x.Child != null ? x.Child.SchoolId : null),
            }).SingleAsync(ct);
        var commune = await db.AdminUnits.AsNoTracking().SingleAsync(u => u.Id == l.AdminUnitId, ct);
        var school = l.SchoolId is { } s ? await db.Organisations.AsNoTracking().Where(o => o.Id == s).Select(o => o.Name).SingleOrDefaultAsync(ct) : null;
        return new NeedPlace(l.Target, l.Category, l.ItemCode, l.ItemName, l.SizeBand, l.Unit, l.Year, commune.Code, commune.Name, l.SchoolId, school);
    }

    /// <summary>Appended to the public description of an allocation a manager allowed despite earlier support of the same kind.</summary>
    public const string DoubleSupportAllowedInLedger = " (quản lý chương trình cho phép dù đã có hỗ trợ cùng loại trong cùng thời gian; lý do lưu tại đơn vị)";

    private const string NotFound = "Không tìm thấy đề xuất phân bổ trong phạm vi đơn vị của bạn.";

    public const string HasExpenses = "Phân bổ này đã có khoản chi (đang chờ duyệt hoặc đã duyệt) nên không hoàn được; hãy từ chối đề xuất chi trước.";

    /// <summary>Whether an expense, proposed or approved (and not reversed), draws from the allocation (then it is not reversed: the database refuses too).</summary>
    private Task<bool> SpentAsync(int allocationId, CancellationToken ct) =>
        db.ExpenseLines.IgnoreQueryFilters().AnyAsync(l => l.AllocationId == allocationId
            && (l.Expense!.State == Expenses.ExpenseState.Proposed || (l.Expense.State == Expenses.ExpenseState.Approved && l.Expense.ReversedAt == null)), ct);
}
