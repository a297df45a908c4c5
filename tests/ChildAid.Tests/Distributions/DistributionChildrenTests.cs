using ChildAid.Shared.Data;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Stock;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using ChildAid.Tests.Stock;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Distributions;

/// <summary>
/// Distributions to children of the registry, named: chosen within the user's scope and the need's commune (never a merged
/// or erased child, never another commune's), once each, not already supported in the category and period; the quantity is
/// the children × each one's share; the receiver ticks who received and the rest goes back to stock. Refused by the service
/// and by the database; no public response names a recipient.
/// </summary>
public abstract class DistributionChildrenTests(DatabaseProvider provider) : StockTest(provider)
{
    private const string Pupil = "Siu Thị Hoa";
    private const string Classmate = "Ksor Văn Đức";

    private Task<T> DistributeAsAsync<T>(Person person, Func<DistributionService, Task<T>> act) => ActAsAsync<DistributionService, T>(person, (s, _) => act(s));

    private static Distribution Done(DistributionStep step)
    {
        Assert.True(step.Succeeded, step.Refusal ?? string.Join(" | ", step.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return step.Distribution!;
    }

    /// <summary>50 jackets received in kind, 30 allocated to the school's jackets line (and, when asked, 1 to the child's own jacket line), all stocked.</summary>
    private async Task<(Allocation School, Allocation? Child)> StockedAsync(bool childToo = false)
    {
        var receipt = await GoodsReceiptAsync(Jackets, 50, 150_000);
        var school = await ApproveAsync(Ok(await ProposeGoodsAsync(receipt, W.Jackets, 30)));
        var child = childToo ? await ApproveAsync(Ok(await ProposeGoodsAsync(receipt, W.ChildJacket, 1))) : null;
        var lot = Assert.Single(Ok(await StockAsAsync(W.Proposer, s => s.AnnounceAsync(receipt.Id))));
        Done(await StockAsAsync(W.Proposer, s => s.ReceiveAsync(lot.Id, Received(50))));
        Done(await StockAsAsync(W.Approver, s => s.InspectAsync(lot.Id, Clothes(50))));
        Done(await StockAsAsync(W.Approver, s => s.StockAsync(lot.Id, "LO-1")));
        return (school, child);

        async Task<Allocation> ApproveAsync(Allocation proposed)
        {
            var approved = await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id));
            Assert.True(approved.Booked, approved.Problem ?? approved.Refusal);
            return approved.Approved!;
        }
    }

    /// <summary>Two pupils of the school in Ia Đal, one child of Ia Tơi, one erased child of Ia Đal; ids in that order.</summary>
    private async Task<(int Pupil, int Classmate, int Elsewhere, int Erased)> ChildrenAsync()
    {
        await using var db = Db.NewContext();
        var pupil = NeedsWorld.Child(db, Pupil, new DateOnly(2018, 9, 1), W.IaDal.Id, W.SchoolIaDal, CircumstanceGroups.PoorHousehold);
        pupil.ClassName = "2A";
        var classmate = NeedsWorld.Child(db, Classmate, new DateOnly(2018, 3, 5), W.IaDal.Id, W.SchoolIaDal, CircumstanceGroups.PoorHousehold);
        classmate.ClassName = "2A";
        var elsewhere = NeedsWorld.Child(db, "Rah Lan Mai", new DateOnly(2018, 1, 1), W.IaToi.Id, null, CircumstanceGroups.PoorHousehold);
        var erased = NeedsWorld.Child(db, "Đã xoá", new DateOnly(2018, 1, 1), W.IaDal.Id, W.SchoolIaDal, CircumstanceGroups.PoorHousehold);
        erased.ErasedOn = Yesterday;
        await db.SaveChangesAsync();
        return (pupil.Id, classmate.Id, elsewhere.Id, erased.Id);
    }

    private static DistributionInput ToChildren(int allocationId, int perChild, params int[] children) => new()
    {
        AllocationId = allocationId, PlannedOn = Yesterday, Place = "Trường TH-THCS Ia Đal", Carrier = "Nguyễn Văn Chở",
        Recipient = DistributionRecipient.Children, ChildIds = [.. children], PerChildQuantity = perChild,
    };

    private static DeliveryInput Ticked(params int[] children) => new()
    {
        DeliveredOn = Yesterday, ReceiverName = "Rơ Mah Thầy", ReceiverRole = "Hiệu trưởng", ReceivedChildIds = [.. children],
    };

    [Fact]
    public async Task Children_of_the_commune_are_named_and_the_receiver_ticks_who_received_the_rest_going_back_to_stock()
    {
        var (allocation, _) = await StockedAsync();
        var kids = await ChildrenAsync();

        // Never another commune's child, an erased child, nobody, or more than the allocation has left.
        Assert.Contains("Chỉ chọn trẻ trong danh sách", (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(allocation.Id, 1, kids.Pupil, kids.Elsewhere)))).Errors["ChildIds"]);
        Assert.Contains("Chỉ chọn trẻ trong danh sách", (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(allocation.Id, 1, kids.Erased)))).Errors["ChildIds"]);
        Assert.Equal("Chọn ít nhất một trẻ nhận hàng.", (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(allocation.Id, 1)))).Errors["ChildIds"]);
        Assert.Contains("chỉ còn 30", (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(allocation.Id, 16, kids.Pupil, kids.Classmate)))).Errors["ChildIds"]);
        // Ia Tơi's officer does not see Ia Đal's allocation, nor its children.
        Assert.NotEmpty((await DistributeAsAsync(W.OtherCommune, s => s.CreateAsync(ToChildren(allocation.Id, 1, kids.Pupil)))).Errors);

        // Two children, two jackets each: the quantity follows.
        var draft = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(allocation.Id, 2, kids.Pupil, kids.Classmate, kids.Pupil))));
        Assert.Equal((4, 2, 2), (draft.Quantity, draft.ChildrenCount!.Value, draft.PerChildQuantity!.Value));
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(draft.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(draft.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.ArriveAsync(draft.Id)));
        Assert.Contains("Chỉ đánh dấu trẻ", (await DistributeAsAsync(W.Approver, s => s.ConfirmDeliveryAsync(draft.Id, Ticked(kids.Elsewhere), "b.png", Png(5)))).Errors["ReceivedChildIds"]);
        var delivered = Done(await DistributeAsAsync(W.Approver, s => s.ConfirmDeliveryAsync(draft.Id, Ticked(kids.Pupil), "bien-ban.png", Png(5))));
        Assert.Equal(2, delivered.DeliveredQuantity);

        await using var db = Db.NewContext();
        var ticks = await db.DistributionChildren.AsNoTracking().Where(c => c.DistributionId == draft.Id).ToDictionaryAsync(c => c.ChildId, c => c.Received);
        Assert.Equal(true, ticks[kids.Pupil]);
        Assert.Equal(false, ticks[kids.Classmate]);
        var ledger = await LedgerAsync();
        Assert.Equal(2m, Assert.Single(ledger, e => e.Kind == LedgerEntryKind.Distribution).Quantity);
        Assert.Equal([50m, -4m, 2m], ledger.Where(e => e.Kind == LedgerEntryKind.StockMovement).Select(e => e.Quantity));
        Assert.Equal(48, (await db.StockLots.AsNoTracking().SingleAsync()).OnHand);
        Assert.All(ledger, e => Assert.DoesNotContain("Siu", LedgerCanonicalForm.Build(e)));

        // No public response names a recipient, nor counts them beyond what it showed before (attacker's view).
        await using var site = new PublicSite.PublicSiteFactory(Db);
        var client = site.CreateClient();
        var receipt = await db.Contributions.AsNoTracking().SingleAsync(c => c.Id == allocation.ContributionId);
        foreach (var url in new[]
                 {
                     "/", "/nhu-cau", "/sao-ke", "/sao-ke?kind=Distribution", $"/sao-ke/{receipt.ReceiptNumber}", "/api/v1/statement", "/api/v1/statement.csv",
                     $"/api/v1/trace/{receipt.ReceiptNumber}", "/api/v1/needs", "/api/v1/needs.csv", "/api/v1/balances", VerifiedGift.PathPrefix + receipt.VerifyToken,
                 })
        {
            var response = await client.GetAsync(url);
            var text = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            foreach (var name in new[] { Pupil, Classmate, "Siu Thi Hoa", "Ksor Van Duc", "Hiệu trưởng", "Rơ Mah Thầy" })
                Assert.False(text.Contains(name, StringComparison.OrdinalIgnoreCase), $"{url} names {name}");
            Assert.False(System.Text.RegularExpressions.Regex.IsMatch(text, @"\b2 trẻ\b"), $"{url} counts the recipients");
        }
    }

    [Fact]
    public async Task A_child_already_supported_in_the_category_and_period_is_refused_next_to_the_field()
    {
        var (school, child) = await StockedAsync(childToo: true);
        var kids = await ChildrenAsync();
        int nhi;
        await using (var db = Db.NewContext()) nhi = await db.Children.Where(c => c.FullName == AllocationWorld.ChildName).Select(c => c.Id).SingleAsync();

        // The child's own need holds an approved jacket allocation: naming her on the school's jackets is double support.
        var refused = await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(school.Id, 1, kids.Pupil, nhi)));
        Assert.StartsWith($"{AllocationWorld.ChildName} đã được hỗ trợ cùng nhóm nhu cầu trong cùng thời gian", refused.Errors["ChildIds"]);
        Assert.DoesNotContain(Pupil, refused.Errors["ChildIds"]);
        // Her own need's distribution names her (and only her) and is no double support of itself.
        Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(child!.Id, 1, nhi))));
        Assert.Contains("Chỉ chọn trẻ trong danh sách", (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(child!.Id, 1, kids.Pupil)))).Errors["ChildIds"]);

        // A child named on a distribution of the school's jackets is not named again on another one.
        var first = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(school.Id, 1, kids.Pupil))));
        var again = await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(school.Id, 1, kids.Classmate, kids.Pupil)));
        Assert.Contains($"Đã có tên trong đợt cấp phát số {first.Id}", again.Errors["ChildIds"]);
        Assert.StartsWith(Pupil, again.Errors["ChildIds"]);
        Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(school.Id, 1, kids.Classmate))));

        // Merged as a duplicate, the named record's distributions count for the child it was merged into.
        await using (var db = Db.NewContext())
        {
            var twin = NeedsWorld.Child(db, "Siu Thi Hoa", new DateOnly(2018, 9, 1), W.IaDal.Id, W.SchoolIaDal, CircumstanceGroups.PoorHousehold);
            await db.SaveChangesAsync();
            Assert.True((await ActAsAsync<Shared.Children.ChildDuplicates, Shared.Validation.Outcome<Shared.Children.Child>>(W.Proposer,
                (s, _) => s.MergeAsync(twin.Id, kids.Pupil))).Succeeded);
            var merged = await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(school.Id, 1, twin.Id)));
            Assert.Contains($"Đã có tên trong đợt cấp phát số {first.Id}", merged.Errors["ChildIds"]);

            // Called off, the first distribution names nobody any more: the child may be named again.
            Done(await DistributeAsAsync(W.Proposer, s => s.CancelAsync(first.Id, "Lập nhầm danh sách")));
            Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(school.Id, 1, twin.Id))));
        }
    }

    [Fact]
    public async Task Two_officers_naming_the_same_child_at_the_same_moment_make_one_draft_not_two()
    {
        var (school, _) = await StockedAsync();
        var kids = await ChildrenAsync();
        // Ten drafts for the same pupil posted at once (two officers, double clicks): the checks run one after the other.
        var steps = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            DistributeAsAsync(i % 2 == 0 ? W.Proposer : W.Approver, s => s.CreateAsync(ToChildren(school.Id, 1, kids.Pupil)))));
        var made = Assert.Single(steps, s => s.Succeeded);
        Assert.All(steps.Where(s => !s.Succeeded), s => Assert.Contains($"Đã có tên trong đợt cấp phát số {made.Distribution!.Id}", s.Errors["ChildIds"]));
        await using var db = Db.NewContext();
        Assert.Equal(1, await db.DistributionChildren.IgnoreQueryFilters().CountAsync(c => c.ChildId == kids.Pupil));
    }

    [Fact]
    public async Task Support_an_agency_declared_for_a_child_refuses_her_unless_a_manager_allowed_the_allocation()
    {
        int nhi;
        await using (var db = Db.NewContext())
        {
            nhi = await db.Children.Where(c => c.FullName == AllocationWorld.ChildName).Select(c => c.Id).SingleAsync();
            var agency = new Shared.Organisations.Organisation { Name = "Hội Phụ nữ xã Ia Đal", Type = Shared.Organisations.OrganisationType.RedCross, AdminUnitId = W.IaDal.Id };
            db.Organisations.Add(agency);
            await db.SaveChangesAsync();
            db.DeclaredSupports.Add(new DeclaredSupport
            {
                AgencyId = agency.Id, AdminUnitId = W.IaDal.Id, Target = NeedTarget.Child, ChildId = nhi, Category = NeedCategory.WarmClothes,
                PeriodStart = W.ChildJacket.PeriodStart, PeriodEnd = W.ChildJacket.PeriodEnd, Description = "Áo ấm cho em", RecordedById = "x", RecordedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        var receipt = await GoodsReceiptAsync(Jackets, 31, 150_000);
        var proposed = Ok(await ProposeGoodsAsync(receipt, W.Jackets, 30));
        var school = await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id));
        // Her own need's allocation needed a programme manager's reason.
        var goodsLine = await AsAsync(W.Proposer, (_, db) => db.Set<Shared.Contributions.ContributionGoodsLine>().Where(g => g.ContributionId == receipt.Id).Select(g => g.Id).SingleAsync());
        var allowed = Ok(await AsAsync(W.Proposer, s => s.ProposeAsync(new AllocationInput
        {
            ContributionId = receipt.Id, NeedLineId = W.ChildJacket.Id, GoodsLineId = goodsLine, Quantity = 1, DoubleSupportReason = "Hội chỉ tặng áo mỏng",
        })));
        var own = await AsAsync(W.Approver, s => s.ApproveAsync(allowed.Id));
        Assert.True(own.Booked, own.Problem ?? own.Refusal);
        var lot = Assert.Single(Ok(await StockAsAsync(W.Proposer, s => s.AnnounceAsync(receipt.Id))));
        Done(await StockAsAsync(W.Proposer, s => s.ReceiveAsync(lot.Id, Received(31))));
        Done(await StockAsAsync(W.Approver, s => s.InspectAsync(lot.Id, Clothes(31))));
        Done(await StockAsAsync(W.Approver, s => s.StockAsync(lot.Id, "LO-1")));

        var refused = await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(school.Approved!.Id, 1, nhi)));
        Assert.Contains("Hội Phụ nữ xã Ia Đal đã đăng ký hỗ trợ", refused.Errors["ChildIds"]);
        Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(own.Approved!.Id, 1, nhi))));
    }

    [Fact]
    public async Task The_database_keeps_named_children_in_the_commune_once_and_for_good_and_the_delivery_following_the_ticks()
    {
        var (allocation, _) = await StockedAsync();
        var kids = await ChildrenAsync();
        var draft = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(ToChildren(allocation.Id, 1, kids.Pupil))));
        var toSchool = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(new DistributionInput
        {
            AllocationId = allocation.Id, Quantity = 1, PlannedOn = Yesterday, Place = "Trường", Carrier = "Chở", Recipient = DistributionRecipient.School, SchoolId = W.SchoolIaDal,
        })));
        await using var db = Db.NewContext();
        Task<Exception?> Sql(string sql, params object[] args) => Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(sql, args));

        // Another commune's child, an erased child, a child twice, a child on a distribution to a school.
        Assert.NotNull(await Sql("INSERT INTO distribution_children (distribution_id, child_id) VALUES ({0}, {1})", draft.Id, kids.Elsewhere));
        Assert.NotNull(await Sql("INSERT INTO distribution_children (distribution_id, child_id) VALUES ({0}, {1})", draft.Id, kids.Erased));
        Assert.NotNull(await Sql("INSERT INTO distribution_children (distribution_id, child_id) VALUES ({0}, {1})", draft.Id, kids.Pupil));
        Assert.NotNull(await Sql("INSERT INTO distribution_children (distribution_id, child_id) VALUES ({0}, {1})", toSchool.Id, kids.Classmate));
        // A quantity that is not children × share; a count that does not match the names at confirmation.
        Assert.NotNull(await Sql("UPDATE distributions SET quantity = 3 WHERE id = {0}", draft.Id));
        Assert.Null(await Sql("INSERT INTO distribution_children (distribution_id, child_id) VALUES ({0}, {1})", draft.Id, kids.Classmate));
        Assert.False((await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(draft.Id))).Succeeded);
        Assert.Null(await Sql("DELETE FROM distribution_children WHERE distribution_id = {0} AND child_id = {1}", draft.Id, kids.Classmate));

        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(draft.Id)));
        // Once confirmed, a name is never removed, added or ticked before arrival.
        Assert.NotNull(await Sql("DELETE FROM distribution_children WHERE distribution_id = {0}", draft.Id));
        Assert.NotNull(await Sql("UPDATE distribution_children SET received = {1} WHERE distribution_id = {0}", draft.Id, true));
        Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(draft.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.ArriveAsync(draft.Id)));
        // Delivered without the ticks.
        Assert.NotNull(await Sql(
            "UPDATE distributions SET state = 'Delivered', delivered_quantity = 0, receiver_name = 'x', receiver_role = 'y', proof_sha256 = 'z', " +
            "delivery_confirmed_by_id = 'other', delivery_confirmed_at = created_at, return_sequence = (SELECT max(sequence) FROM ledger_entries) WHERE id = {0}", draft.Id));
        Done(await DistributeAsAsync(W.Approver, s => s.ConfirmDeliveryAsync(draft.Id, Ticked(kids.Pupil), "b.png", Png(9))));
        Assert.NotNull(await Sql("UPDATE distribution_children SET received = {1} WHERE distribution_id = {0}", draft.Id, false));
        Assert.NotNull(await Sql("DELETE FROM distribution_children"));
        Assert.Equal(1, await db.DistributionChildren.CountAsync());
    }
}

public class DistributionChildrenTestsOnSqlite() : DistributionChildrenTests(DatabaseProvider.Sqlite);

public class DistributionChildrenTestsOnPostgres() : DistributionChildrenTests(DatabaseProvider.Postgres);
