using System.Globalization;
using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicNeeds;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Distributions;

/// <summary>
/// The distribution pages through the real forms: planned from the allocation list, confirmed, sent off and arrived by a
/// commune officer, whose own delivery confirmation answers 403; the school's staff confirm it with the signed hand-over list
/// (partly delivered: the rest goes back to stock); the list is theirs alone; another commune's officer sees none of it; the
/// officer calls off a draft with a reason.
/// </summary>
public abstract class DistributionPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task Plan_from_the_allocation_dispatch_and_the_school_confirms_the_delivery_with_its_hand_over_list()
    {
        int school, otherSchool, iaDal, iaToi;
        DistributionWorld.Draft seeded;
        await using (var db = Db.NewContext())
        {
            iaDal = (await ApprovedNeeds.CommuneAsync(db, "Xã Ia Đal")).Commune.Id;
            iaToi = (await ApprovedNeeds.CommuneAsync(db, "Xã Ia Tơi")).Commune.Id;
            school = (await ApprovedNeeds.SchoolAsync(db, iaDal, "Trường TH Ia Đal")).Id;
            otherSchool = (await ApprovedNeeds.SchoolAsync(db, iaDal, "Trường TH Làng Mới")).Id;
            await using var sp = Db.Services();
            seeded = await DistributionWorld.DraftAsync(sp, db, iaDal, school, "iadal");
        }
        await StaffAsync("canbo-xa", [Roles.CommuneOfficer], iaDal);
        await StaffAsync("canbo-xa-khac", [Roles.CommuneOfficer], iaToi);
        var teacher = await StaffAsync("co-giao", [Roles.SchoolStaff], iaDal);
        var otherTeacher = await StaffAsync("co-giao-khac", [Roles.SchoolStaff], iaDal);
        await using (var db = Db.NewContext())
        {
            (await db.Users.SingleAsync(u => u.Id == teacher.Id)).OrganisationId = school;
            (await db.Users.SingleAsync(u => u.Id == otherTeacher.Id)).OrganisationId = otherSchool;
            await db.SaveChangesAsync();
        }

        // The officer plans the rest of the allocation from the allocation list; too many is refused next to the field.
        var officer = await LogInAsync("canbo-xa");
        var newPage = $"/Distributions/New?allocation={seeded.AllocationId.ToString(CultureInfo.InvariantCulture)}";
        Assert.Contains(newPage, await officer.GetPageAsync("/Allocations?state=Approved"));
        var form = await officer.GetPageAsync(newPage);
        Assert.Contains("<dd id=\"undelivered\">10</dd>", form);
        var fields = new Dictionary<string, string>
        {
            ["Input.Quantity"] = "11", ["Input.PlannedOn"] = Vn(Today), ["Input.Place"] = "Trường TH Ia Đal", ["Input.Carrier"] = "Anh Rơ Châm Tư",
            ["Input.Recipient"] = "School", ["Input.SchoolId"] = school.ToString(CultureInfo.InvariantCulture),
        };
        var tooMany = await officer.PostWithTokenAsync(newPage, StaffClient.Token(form), fields);
        Assert.Equal(HttpStatusCode.OK, tooMany.StatusCode);
        Assert.Contains("chỉ còn 10", await tooMany.Content.ReadAsStringAsync());
        fields["Input.Quantity"] = "10";
        var planned = await officer.PostWithTokenAsync(newPage, StaffClient.Token(form), fields);
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        Assert.Contains("Dự thảo", await officer.FollowAsync(planned));

        // The seeded draft: confirmed, sent off (a stock movement), arrived; its dispatcher may not confirm the delivery.
        var page = $"/Distributions/{seeded.DistributionId.ToString(CultureInfo.InvariantCulture)}";
        foreach (var step in new[] { "Confirm", "Depart", "Arrive" })
        {
            var posted = await officer.PostWithTokenAsync($"{page}?handler={step}", StaffClient.Token(await officer.GetPageAsync(page)), []);
            Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{step}: {posted.StatusCode}");
        }
        Assert.Contains("Đã đến nơi", await officer.GetPageAsync(page));
        var delivery = new Dictionary<string, string>
        {
            ["Delivery.DeliveredQuantity"] = "8", ["Delivery.DeliveredOn"] = Vn(Today), ["Delivery.ReceiverName"] = "Rơ Mah Thầy", ["Delivery.ReceiverRole"] = "Hiệu trưởng",
        };
        var proof = Media.TestImages.Png(24, 24);
        var own = await officer.PostFileAsync($"{page}?handler=Deliver", StaffClient.Token(await officer.GetPageAsync(page)), delivery, "Proof", "bien-ban.png", proof, "image/png");
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("người xuất hàng", await own.Content.ReadAsStringAsync());

        // Another commune's officer and another school's staff see nothing of it.
        var stranger = await LogInAsync("canbo-xa-khac");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(page)).Response.StatusCode);
        Assert.DoesNotContain("Áo ấm trẻ em", await stranger.GetPageAsync("/Distributions"));
        var elsewhere = await LogInAsync("co-giao-khac");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync(page)).Response.StatusCode);

        // The school's teacher finds it in their list and confirms 8 of 10 with the photo of the signed list.
        var receiver = await LogInAsync("co-giao");
        Assert.Contains(page, await receiver.GetPageAsync("/Distributions"));
        var noProof = await receiver.PostWithTokenAsync($"{page}?handler=Deliver", StaffClient.Token(await receiver.GetPageAsync(page)), delivery);
        Assert.Equal(HttpStatusCode.OK, noProof.StatusCode);
        Assert.Contains("biên bản bàn giao", await noProof.Content.ReadAsStringAsync());
        var confirmed = await receiver.PostFileAsync($"{page}?handler=Deliver", StaffClient.Token(await receiver.GetPageAsync(page)), delivery, "Proof", "bien-ban.png", proof, "image/png");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var done = await receiver.GetPageAsync(page);
        Assert.Contains("Rơ Mah Thầy", done);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(proof)), done);

        var file = await receiver.GetAsync($"{page}?handler=Proof");
        Assert.Equal(HttpStatusCode.OK, file.Response.StatusCode);
        Assert.Equal(proof, await file.Response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{page}?handler=Proof")).Response.StatusCode);

        var workbook = await officer.GetAsync("/Distributions?handler=Export&state=Delivered");
        Assert.Equal(HttpStatusCode.OK, workbook.Response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Response.Content.Headers.ContentType?.MediaType);

        // The officer calls off the draft they planned: a reason is asked for next to the field; the school's staff may not.
        var plannedPage = planned.Headers.Location!.OriginalString;
        Assert.Contains("Huỷ đợt cấp phát", await officer.GetPageAsync(plannedPage));
        var noReason = await officer.PostWithTokenAsync($"{plannedPage}?handler=Cancel", StaffClient.Token(await officer.GetPageAsync(plannedPage)),
            new Dictionary<string, string> { ["CancelReason"] = "" });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Nhập lý do huỷ", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await receiver.PostWithTokenAsync($"{plannedPage}?handler=Cancel", StaffClient.Token(await receiver.GetPageAsync(plannedPage)),
            new Dictionary<string, string> { ["CancelReason"] = "Trường không cần nữa" })).StatusCode);
        var cancelled = await officer.PostWithTokenAsync($"{plannedPage}?handler=Cancel", StaffClient.Token(await officer.GetPageAsync(plannedPage)),
            new Dictionary<string, string> { ["CancelReason"] = "Trường đã nhận đủ áo từ đợt trước" });
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var calledOff = await officer.FollowAsync(cancelled);
        Assert.Contains("Đã huỷ", calledOff);
        Assert.Contains("Trường đã nhận đủ áo từ đợt trước", calledOff);
        Assert.DoesNotContain("handler=Cancel", calledOff);
        Assert.DoesNotContain("handler=Cancel", await receiver.GetPageAsync(page));

        await using var check = Db.NewContext();
        var delivered = await check.Distributions.SingleAsync(d => d.Id == seeded.DistributionId);
        Assert.Equal(DistributionState.Delivered, delivered.State);
        Assert.Equal(teacher.Id, delivered.DeliveryConfirmedById);
        var entries = await check.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(8m, Assert.Single(entries, e => e.Kind == LedgerEntryKind.Distribution).Quantity);
        Assert.Equal([20m, -10m, 2m], entries.Where(e => e.Kind == LedgerEntryKind.StockMovement).Select(e => e.Quantity));
        Assert.Equal(2, await check.Distributions.CountAsync());
    }
}

public class DistributionPagesTestsOnSqlite() : DistributionPagesTests(DatabaseProvider.Sqlite);

public class DistributionPagesTestsOnPostgres() : DistributionPagesTests(DatabaseProvider.Postgres);
