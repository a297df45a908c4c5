using ChildAid.Shared.Allocations;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Allocations;

/// <summary>
/// Undoing an approved allocation: a written reason, ONE ledger entry of kind reversal (reverses_sequence = the allocation's
/// entry, the negative amount) in the same transaction, state Reversed, what it held free again; a double click books once;
/// the database refuses a second reversal, a reversal of a proposal, and a reversal that names no reversal entry.
/// </summary>
public abstract class AllocationReversalTests(DatabaseProvider provider) : AllocationTest(provider)
{
    private async Task<(Contribution Receipt, Allocation Approved)> ApprovedAsync(long receiptVnd, long allocatedVnd, int? campaignId = null, Shared.Needs.NeedLine? line = null)
    {
        var receipt = await ReceiptAsync(receiptVnd, campaignId);
        var proposed = Ok(await ProposeMoneyAsync(receipt, line ?? W.Meals, allocatedVnd));
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id))).Booked);
        return (receipt, proposed);
    }

    [Fact]
    public async Task A_reversal_needs_a_reason_writes_one_reversal_entry_frees_the_receipt_and_the_need_and_the_chain_verifies()
    {
        var (receipt, approved) = await ApprovedAsync(1_000_000, 600_000);

        Assert.Equal("Nhập lý do hoàn phân bổ.", (await AsAsync(W.Approver, s => s.ReverseAsync(approved.Id, "  "))).Errors["Reason"]);
        Assert.Contains("không tìm thấy", (await AsAsync(W.OtherCommune, s => s.ReverseAsync(approved.Id, "Không phải xã tôi"))).Errors["Reason"],
            StringComparison.OrdinalIgnoreCase);
        var reversed = Ok(await AsAsync(W.Approver, s => s.ReverseAsync(approved.Id, "Trường đã có nhà tài trợ khác")));

        Assert.Equal(AllocationState.Reversed, reversed.State);
        var ledger = await LedgerAsync();
        Assert.Equal(3, ledger.Count);
        var (receiptEntry, allocationEntry, reversal) = (ledger[0], ledger[1], ledger[2]);
        Assert.Equal(LedgerEntryKind.Reversal, reversal.Kind);
        Assert.Equal(allocationEntry.Sequence, reversal.ReversesSequence);
        Assert.Equal(receiptEntry.Sequence, reversal.SourceSequence);
        Assert.Equal(-600_000, reversal.AmountVnd);
        Assert.Equal(receipt.ReceiptNumber, reversal.ReceiptNumber);
        Assert.Equal(allocationEntry.NeedReference, reversal.NeedReference);
        Assert.Equal(W.IaDal.Code, reversal.UnitCode);
        Assert.DoesNotContain("nhà tài trợ khác", reversal.Description); // the reason stays in BackOffice: it may name a child
        var verification = await LedgerVerifier.VerifyAsync(ledger.ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);

        await using (var db = Db.NewContext())
        {
            var row = await db.Allocations.SingleAsync();
            Assert.Equal(AllocationState.Reversed, row.State);
            Assert.Equal("Trường đã có nhà tài trợ khác", row.ReversalReason);
            Assert.Equal(W.Approver.Id, row.ReversedById);
            Assert.Equal(reversal.Sequence, row.ReversalSequence);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Allocation" && a.Action == "Modified" && a.UserId == W.Approver.Id
                && a.After!.Contains("Reversed")));
        }
        // Free again: the whole receipt, and the need's full 2.000.000 ₫.
        Assert.Equal(Shared.Allocations.Allocation.AlreadyReversed, (await AsAsync(W.Approver, s => s.ReverseAsync(approved.Id, "Lần nữa"))).Errors["Reason"]);
        var again = Ok(await ProposeMoneyAsync(receipt, W.Meals, 1_000_000));
        Assert.Equal(Shared.Allocations.Allocation.NotApproved, (await AsAsync(W.Approver, s => s.ReverseAsync(again.Id, "Chưa duyệt"))).Errors["Reason"]);
        Assert.Equal(3, (await LedgerAsync()).Count);
    }

    [Fact]
    public async Task A_double_click_on_reverse_books_once()
    {
        var (_, approved) = await ApprovedAsync(1_000_000, 400_000);

        var both = await Task.WhenAll(
            AsAsync(W.Approver, s => s.ReverseAsync(approved.Id, "Nhập nhầm dòng nhu cầu")),
            AsAsync(W.Approver, s => s.ReverseAsync(approved.Id, "Nhập nhầm dòng nhu cầu")));

        Assert.Single(both, o => o.Succeeded);
        Assert.Single(both, o => !o.Succeeded && o.Errors["Reason"] == Shared.Allocations.Allocation.AlreadyReversed);
        Assert.Single(await LedgerAsync(), e => e.Kind == LedgerEntryKind.Reversal);
    }

    [Fact]
    public async Task The_database_refuses_a_second_reversal_a_reversal_of_a_proposal_and_one_without_its_entry()
    {
        var (receipt, approved) = await ApprovedAsync(2_000_000, 400_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Meals, 100_000));
        await using var db = Db.NewContext();

        // An approval marked reversed by hand, with no reversal entry in the ledger.
        var entry = (await LedgerAsync()).Single(e => e.Kind == LedgerEntryKind.Allocation).Sequence;
        const string Reverse = "UPDATE allocations SET state = 'Reversed', reversal_reason = 'sql', reversed_by_id = 'sql', reversed_at = decided_at, reversal_sequence = {0} WHERE id = {1}";
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(Reverse, entry, approved.Id)));
        // A proposal, with a decision made up.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE allocations SET state = 'Reversed', decided_by_id = 'sql', decided_at = proposed_at, ledger_sequence = 1, reversal_reason = 'sql', " +
            "reversed_by_id = 'sql', reversed_at = proposed_at, reversal_sequence = 1 WHERE id = {0}", proposed.Id)));

        Ok(await AsAsync(W.Approver, s => s.ReverseAsync(approved.Id, "Nhập nhầm")));
        var reversal = (await LedgerAsync()).Single(e => e.Kind == LedgerEntryKind.Reversal).Sequence;
        // Reversed once: never again, not back to approved, never a new reason.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE allocations SET reversal_reason = 'khác' WHERE id = {0}", approved.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE allocations SET state = 'Approved', reversal_reason = NULL, reversed_by_id = NULL, reversed_at = NULL, reversal_sequence = NULL WHERE id = {0}", approved.Id)));
        // A new row is a proposal, never born reversed or approved.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("""
            INSERT INTO allocations (admin_unit_id, contribution_id, need_line_id, need_line_key, amount_vnd, state, proposed_by_id, proposed_at,
                decided_by_id, decided_at, ledger_sequence, reversal_reason, reversed_by_id, reversed_at, reversal_sequence)
            SELECT admin_unit_id, contribution_id, need_line_id, need_line_key, 1000, 'Reversed', 'a', proposed_at, 'b', proposed_at, 999, 'x', 'b', proposed_at, 998
            FROM allocations WHERE id = {0}
            """, approved.Id)));

        var rows = await db.Allocations.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AllocationState.Reversed, AllocationState.Proposed], rows.Select(r => r.State));
        Assert.Equal("Nhập nhầm", rows[0].ReversalReason);
        Assert.Equal(reversal, rows[0].ReversalSequence);
    }

    private async Task<long> RaisedAsync()
    {
        await using var db = Db.NewContext();
        return (await new CampaignService(db, TimeProvider.System).ListAsync()).Single(c => c.Id == W.WarmClothes.Id).RaisedVnd;
    }

    [Fact]
    public async Task A_receipt_whose_allocations_are_reversed_can_be_reversed_and_a_campaign_keeps_what_it_raised()
    {
        var (receipt, approved) = await ApprovedAsync(1_000_000, 360_000, W.WarmClothes.Id, W.Jackets);
        Ok(await AsAsync(W.Approver, s => s.ReverseAsync(approved.Id, "Nhập nhầm")));

        await using (var scope = Sp.CreateAsyncScope())
        {
            Assert.Equal(1_000_000, await RaisedAsync());
            scope.ServiceProvider.GetRequiredService<Shared.Audit.AuditActor>().Name = "cli";
            Ok(await scope.ServiceProvider.GetRequiredService<ContributionService>().ReverseAsync(receipt.Id, "Nhập sai"));
        }
        Assert.Equal(0, await RaisedAsync());
        var verification = await LedgerVerifier.VerifyAsync((await LedgerAsync()).ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);
    }
}

public class AllocationReversalTestsOnSqlite() : AllocationReversalTests(DatabaseProvider.Sqlite);

public class AllocationReversalTestsOnPostgres() : AllocationReversalTests(DatabaseProvider.Postgres);
