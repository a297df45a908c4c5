using ChildAid.Shared.Allocations;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicNeeds;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Allocations;

/// <summary>
/// No double support: before an allocation is proposed and again before it is approved, what the same child or school
/// already received in that category and period — here or from another agency — blocks it; a programme manager may allow
/// it with a written reason, which the approver reads, the audit trail keeps, and the ledger records as a fact (never the
/// reason itself: it may name a child). A commune officer cannot override.
/// </summary>
public abstract class DoubleSupportTests(DatabaseProvider provider) : AllocationTest(provider)
{
    [Fact]
    public async Task Support_another_agency_declared_blocks_the_allocation_until_a_manager_gives_a_reason_which_the_approver_sees_and_the_ledger_records()
    {
        await DeclareAsync(NeedTarget.School, null, W.SchoolIaDal, NeedCategory.Nutrition, "Bữa trưa cho học sinh bán trú");
        var receipt = await ReceiptAsync(1_000_000);

        var blocked = await ProposeMoneyAsync(receipt, W.Meals, 400_000);
        Assert.False(blocked.Succeeded);
        Assert.Contains("Hội Chữ thập đỏ tỉnh Gia Lai đã đăng ký hỗ trợ: Bữa trưa cho học sinh bán trú", blocked.Errors[nameof(AllocationInput.DoubleSupportReason)]);
        Assert.Contains("quản lý chương trình ghi lý do", blocked.Errors[nameof(AllocationInput.DoubleSupportReason)]);

        // A commune officer may not override; a programme officer may, with a reason.
        var officer = await AsAsync(W.Approver, s => s.ProposeAsync(new AllocationInput
            { ContributionId = receipt.Id, NeedLineId = W.Meals.Id, AmountVnd = 400_000, DoubleSupportReason = "Hội chỉ hỗ trợ 2 tháng" }));
        Assert.Equal(AllocationService.OnlyManagersAllowDoubleSupport, officer.Errors[nameof(AllocationInput.DoubleSupportReason)]);
        const string Reason = "Hội chỉ hỗ trợ 2 tháng, bữa trưa cần cả năm học";
        var allowed = Ok(await AsAsync(W.Proposer, s => s.ProposeAsync(new AllocationInput
            { ContributionId = receipt.Id, NeedLineId = W.Meals.Id, AmountVnd = 400_000, DoubleSupportReason = Reason })));
        Assert.True(allowed.AllowsDoubleSupport);
        Assert.Contains("Bữa trưa cho học sinh bán trú", allowed.DoubleSupportFindings);
        Assert.Equal(W.Proposer.Id, allowed.DoubleSupportAllowedById);

        // The approver's list shows what was found and why it was allowed.
        var row = Assert.Single(await AsAsync(W.Approver, (s, db) => new AllocationQueries(db, s).ListAsync(AllocationState.Proposed)));
        Assert.Equal(Reason, row.DoubleSupportReason);
        Assert.Contains("Bữa trưa cho học sinh bán trú", row.DoubleSupportFindings);

        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(allowed.Id))).Booked);
        var entry = (await LedgerAsync()).Single(e => e.Kind == LedgerEntryKind.Allocation);
        Assert.EndsWith(AllocationService.DoubleSupportAllowedInLedger, entry.Description);
        Assert.DoesNotContain("cả năm học", entry.Description);
        await using var check = Db.NewContext();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityType == "Allocation" && a.Action == "Added" && a.After!.Contains("cả năm học")));
    }

    [Fact]
    public async Task What_a_child_received_in_another_commune_blocks_a_second_allocation_but_a_mere_proposal_there_does_not()
    {
        // The child moved: the commune they came from approved a jacket for them, same season.
        var (_, iaDom) = await ApprovedNeedsCommuneAsync("Xã Ia Dom");
        NeedLine there;
        Needs.Person iaDomOfficer;
        await using (var db = Db.NewContext())
        {
            var child = await db.Children.SingleAsync(c => c.FullName == AllocationWorld.ChildName);
            var review = await ApprovedNeeds.ApproveAsync(db, iaDom.Id, iaDom.ParentId!.Value, 2026,
                new LineSpec(ApprovedNeeds.WinterJacket, 1, Quantity: 1, UnitCost: 180_000, Band: SizeBand.Age6To8, Children: [child]));
            there = await db.NeedLines.AsNoTracking().SingleAsync(l => l.NeedsReviewId == review.Id);
            iaDomOfficer = await Needs.NeedsWorld.PersonAsync(db, "iadom", [Shared.Security.Roles.CommuneOfficer], iaDom.Id);
        }
        var receipt = await ReceiptAsync(1_000_000);
        var first = Ok(await AsAsync(null, s => s.ProposeAsync(new AllocationInput { ContributionId = receipt.Id, NeedLineId = there.Id, AmountVnd = 180_000 })));

        // Only proposed there: nothing received yet, so no block here.
        var here = Ok(await ProposeMoneyAsync(receipt, W.ChildJacket, 180_000));
        Ok(await AsAsync(W.Proposer, s => s.RejectAsync(here.Id, "Chờ xem")));

        await using (var db = Db.NewContext())
        {
            var allocation = await db.Allocations.SingleAsync(a => a.Id == first.Id);
            Assert.Null(allocation.DoubleSupportReason);
        }
        // Approved by Ia Dom's officer: now the child has received a jacket.
        Assert.True((await AsAsync(iaDomOfficer, s => s.ApproveAsync(first.Id))).Booked);

        var blocked = await ProposeMoneyAsync(receipt, W.ChildJacket, 180_000);
        Assert.Contains("Xã Ia Dom", blocked.Errors[nameof(AllocationInput.DoubleSupportReason)]);
        Assert.Contains("Đã được phân bổ 180.000 ₫", blocked.Errors[nameof(AllocationInput.DoubleSupportReason)]);
        Assert.DoesNotContain(AllocationWorld.ChildName, blocked.Errors[nameof(AllocationInput.DoubleSupportReason)]);
    }

    [Fact]
    public async Task Support_that_arrives_between_proposal_and_approval_stops_the_approval()
    {
        var receipt = await ReceiptAsync(1_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Meals, 400_000));
        await DeclareAsync(NeedTarget.School, null, W.SchoolIaDal, NeedCategory.Nutrition, "Sữa học đường");

        var decision = await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id));

        Assert.False(decision.Booked);
        Assert.Equal(AllocationService.DoubleSupportSinceProposal, decision.Problem);
        Assert.DoesNotContain(await LedgerAsync(), e => e.Kind == LedgerEntryKind.Allocation);
    }

    [Fact]
    public async Task The_database_refuses_an_override_without_its_reason()
    {
        var receipt = await ReceiptAsync(1_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Meals, 400_000));
        await using var db = Db.NewContext();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE allocations SET double_support_findings = 'x', double_support_allowed_by_id = 'y' WHERE id = {0}", proposed.Id));
    }

    [Fact]
    public async Task The_3W_lists_declared_support_and_approved_allocations_by_organisation_commune_and_category_as_HXL_without_a_child_name()
    {
        await DeclareAsync(NeedTarget.Child, (await ChildIdAsync()), null, NeedCategory.WarmClothes, "Áo ấm cho em " + AllocationWorld.ChildName);
        var receipt = await ReceiptAsync(2_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Meals, 600_000));
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id))).Booked);
        Ok(await ProposeMoneyAsync(receipt, W.Jackets, 360_000)); // a proposal is not yet support

        var rows = await AsAsync(W.Approver, (_, db) => new WhoDoesWhatWhere(db, TimeProvider.System).RowsAsync());
        Assert.Equal(2, rows.Count);
        var agency = Assert.Single(rows, r => r.OrganisationCode.StartsWith("childaid-org-", StringComparison.Ordinal));
        Assert.Equal((NeedCategory.WarmClothes, W.IaDal.Code, 1, 0, (long?)null), (agency.Category, agency.CommuneCode, agency.Children, agency.Schools, agency.ValueVnd));
        var programme = Assert.Single(rows, r => r.OrganisationCode == WhoDoesWhatWhere.ProgrammeCode);
        Assert.Equal((NeedCategory.Nutrition, W.IaDal.Code, 0, 1, (long?)600_000), (programme.Category, programme.CommuneCode, programme.Children, programme.Schools, programme.ValueVnd));
        // Another commune's officer sees neither.
        Assert.Empty(await AsAsync(W.OtherCommune, (_, db) => new WhoDoesWhatWhere(db, TimeProvider.System).RowsAsync()));

        await using var text = new StringWriter();
        await WhoDoesWhatWhere.WriteCsvAsync(text, rows);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines[1].Split(','), tag => Assert.Matches(@"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$", tag));
        Assert.DoesNotContain(AllocationWorld.ChildName, text.ToString());
    }

    private async Task<int> ChildIdAsync()
    {
        await using var db = Db.NewContext();
        return await db.Children.Where(c => c.FullName == AllocationWorld.ChildName).Select(c => c.Id).SingleAsync();
    }

    private async Task<(Shared.AdminUnits.AdminUnit, Shared.AdminUnits.AdminUnit)> ApprovedNeedsCommuneAsync(string name)
    {
        await using var db = Db.NewContext();
        return await ApprovedNeeds.CommuneAsync(db, name);
    }
}

public class DoubleSupportTestsOnSqlite() : DoubleSupportTests(DatabaseProvider.Sqlite);

public class DoubleSupportTestsOnPostgres() : DoubleSupportTests(DatabaseProvider.Postgres);
