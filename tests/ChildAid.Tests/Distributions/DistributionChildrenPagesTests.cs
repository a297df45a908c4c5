using System.Globalization;
using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Needs;
using ChildAid.Tests.PublicNeeds;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace ChildAid.Tests.Distributions;

/// <summary>
/// A distribution to named children through the real forms: the commune officer searches the school's children (any accents),
/// another commune's child is refused next to the field, two children are named; the page and the printed hand-over list
/// (PDF, read back) name them and each read is audited; another commune gets 404; the pupils' teacher ticks who received.
/// </summary>
public abstract class DistributionChildrenPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task Name_children_print_the_hand_over_list_and_tick_who_received()
    {
        int iaDal, iaToi, pupil, classmate, elsewhere;
        DistributionWorld.Draft seeded;
        await using (var db = Db.NewContext())
        {
            iaDal = (await ApprovedNeeds.CommuneAsync(db, "Xã Ia Đal")).Commune.Id;
            iaToi = (await ApprovedNeeds.CommuneAsync(db, "Xã Ia Tơi")).Commune.Id;
            var school = (await ApprovedNeeds.SchoolAsync(db, iaDal, "Trường TH Ia Đal")).Id;
            var a = NeedsWorld.Child(db, "Siu Thị Hoa", new DateOnly(2018, 9, 1), iaDal, school, CircumstanceGroups.PoorHousehold);
            a.ClassName = "2A";
            var b = NeedsWorld.Child(db, "Ksor Văn Đức", new DateOnly(2018, 3, 5), iaDal, school, CircumstanceGroups.PoorHousehold);
            var c = NeedsWorld.Child(db, "Rah Lan Mai", new DateOnly(2018, 1, 1), iaToi, null, CircumstanceGroups.PoorHousehold);
            await db.SaveChangesAsync();
            (pupil, classmate, elsewhere) = (a.Id, b.Id, c.Id);
            await using var sp = Db.Services();
            seeded = await DistributionWorld.DraftAsync(sp, db, iaDal, school, "iadal");
        }
        await StaffAsync("canbo-xa", [Roles.CommuneOfficer], iaDal);
        var teacher = await StaffAsync("co-giao", [Roles.SchoolStaff], iaDal);
        await using (var db = Db.NewContext())
        {
            (await db.Users.SingleAsync(u => u.Id == teacher.Id)).OrganisationId = await db.Children.Where(c => c.Id == pupil).Select(c => c.SchoolId!.Value).SingleAsync();
            await db.SaveChangesAsync();
        }
        await StaffAsync("canbo-xa-khac", [Roles.CommuneOfficer], iaToi);
        var officer = await LogInAsync("canbo-xa");

        // Search ignoring accents: "siu thi" finds Siu Thị Hoa only; without a search both pupils are offered, never Ia Tơi's child.
        var newPage = $"/Distributions/New?allocation={seeded.AllocationId.ToString(CultureInfo.InvariantCulture)}";
        var found = WebUtility.HtmlDecode(await officer.GetPageAsync(newPage + "&q=siu%20thi"));
        Assert.Contains("Siu Thị Hoa", found);
        Assert.DoesNotContain("Ksor Văn Đức", found);
        var form = await officer.GetPageAsync(newPage);
        Assert.Contains("Ksor Văn Đức", WebUtility.HtmlDecode(form));
        Assert.DoesNotContain("Rah Lan Mai", WebUtility.HtmlDecode(form));

        var fields = new Dictionary<string, string>
        {
            ["Input.PlannedOn"] = Vn(Today), ["Input.Place"] = "Trường TH Ia Đal", ["Input.Carrier"] = "Anh Rơ Châm Tư", ["Input.Recipient"] = "Children",
            ["Input.PerChildQuantity"] = "2", ["Input.ChildIds[0]"] = Id(pupil), ["Input.ChildIds[1]"] = Id(elsewhere),
        };
        var wrong = await officer.PostWithTokenAsync(newPage, StaffClient.Token(form), fields);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("id=\"children-error\"", await wrong.Content.ReadAsStringAsync());
        fields["Input.ChildIds[1]"] = Id(classmate);
        var planned = await officer.PostWithTokenAsync(newPage, StaffClient.Token(form), fields);
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var page = planned.Headers.Location!.OriginalString;
        var details = WebUtility.HtmlDecode(await officer.FollowAsync(planned));
        Assert.Contains("Siu Thị Hoa", details);
        Assert.Contains("Ksor Văn Đức", details);

        // The hand-over list names them, with a signature column; each read of it is audited per child.
        var pdf = await officer.GetAsync(page + "?handler=HandOver");
        Assert.Equal(HttpStatusCode.OK, pdf.Response.StatusCode);
        Assert.Equal("application/pdf", pdf.Response.Content.Headers.ContentType?.MediaType);
        using (var document = PdfDocument.Open(await pdf.Response.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            Assert.Contains("Siu Thị Hoa", text);
            Assert.Contains("Ksor Văn Đức", text);
            Assert.Contains("Ký nhận", text);
            Assert.Contains("BIÊN BẢN BÀN GIAO", text);
        }
        var stranger = await LogInAsync("canbo-xa-khac");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(page + "?handler=HandOver")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(page)).Response.StatusCode);
        await using (var db = Db.NewContext())
        {
            var reads = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.EntityType == "Child" && a.Action == "Read" && a.EntityKey == Id(pupil)).Select(a => a.After).ToListAsync();
            Assert.Contains(reads, r => r!.Contains("Biên bản bàn giao", StringComparison.Ordinal) || r.Contains("Bi\\u00EAn b\\u1EA3n", StringComparison.Ordinal));
            Assert.Equal(2, reads.Count);
        }

        // Confirmed, sent off and arrived; the pupils' teacher (the distribution is their school's) ticks the one child who
        // received: 2 delivered, 2 back to stock.
        foreach (var step in new[] { "Confirm", "Depart", "Arrive" })
        {
            var posted = await officer.PostWithTokenAsync($"{page}?handler={step}", StaffClient.Token(await officer.GetPageAsync(page)), []);
            Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{step}: {posted.StatusCode}");
        }
        var receiver = await LogInAsync("co-giao");
        Assert.Contains(page, await receiver.GetPageAsync("/Distributions"));
        var arrived = await receiver.GetPageAsync(page);
        Assert.Contains($"id=\"received-{Id(pupil)}\"", arrived);
        var delivery = new Dictionary<string, string>
        {
            ["Delivery.DeliveredOn"] = Vn(Today), ["Delivery.ReceiverName"] = "Rơ Mah Thầy", ["Delivery.ReceiverRole"] = "Hiệu trưởng",
            ["Delivery.ReceivedChildIds[0]"] = Id(pupil),
        };
        var confirmed = await receiver.PostFileAsync($"{page}?handler=Deliver", StaffClient.Token(arrived), delivery, "Proof", "bien-ban.png", Media.TestImages.Png(24, 24), "image/png");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("Không nhận", WebUtility.HtmlDecode(await receiver.GetPageAsync(page)));

        await using var check = Db.NewContext();
        var id = int.Parse(page.Split('/').Last(), CultureInfo.InvariantCulture);
        var delivered = await check.Distributions.AsNoTracking().SingleAsync(d => d.Id == id);
        Assert.Equal((DistributionState.Delivered, 4, 2), (delivered.State, delivered.Quantity, delivered.DeliveredQuantity!.Value));
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

public class DistributionChildrenPagesTestsOnSqlite() : DistributionChildrenPagesTests(DatabaseProvider.Sqlite);

public class DistributionChildrenPagesTestsOnPostgres() : DistributionChildrenPagesTests(DatabaseProvider.Postgres);
