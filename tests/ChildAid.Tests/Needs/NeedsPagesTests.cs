using System.Globalization;
using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Needs;

/// <summary>The review pages as officers use them: the real forms, with their anti-forgery tokens.</summary>
public abstract class NeedsPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private NeedsWorld W = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await NeedsWorld.CreateAsync(db);
    }

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static int Year => Today.Month >= 6 ? Today.Year : Today.Year - 1;

    private async Task<(StaffClient Client, int ReviewId)> OfficerWithDraftAsync()
    {
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var client = await LogInAsync("xa-iadal");
        var opened = await client.PostFormAsync("/Needs", new() { ["CommuneId"] = S(W.IaDal), ["OpenYear"] = S(Year) }, "/Needs?handler=Open");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var id = int.Parse(opened.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        return (client, id);
    }

    private Dictionary<string, string> Blanket(string? reason = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Version"] = "0", ["Input.Target"] = "Child", ["Input.ChildId"] = S(W.ChildIaDal), ["Input.NeedItemId"] = "16", ["Input.Quantity"] = "1",
            ["Input.PeriodStart"] = $"01/12/{Year}", ["Input.PeriodEnd"] = $"28/02/{Year + 1}",
        };
        if (reason is not null) fields["Input.DuplicateReason"] = reason;
        return fields;
    }

    [Fact]
    public async Task A_second_blanket_for_the_same_child_shows_what_was_found_and_saves_only_with_a_reason()
    {
        var (client, id) = await OfficerWithDraftAsync();
        var url = $"/Needs/Line/{S(id)}";

        var first = await client.PostFormAsync(url, Blanket());
        var warned = await client.PostFormAsync(url, Blanket());
        var warning = await warned.Content.ReadAsStringAsync();
        var saved = await client.PostFormAsync(url, Blanket("Em có thêm em nhỏ ngủ cùng."));
        var page = await client.FollowAsync(saved);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        Assert.Contains("Đã có hỗ trợ cùng loại, cùng thời gian", warning);
        Assert.Contains("Ngay trong bản rà soát này: Chăn ấm, 1 cái/chiếc", warning);
        Assert.Contains("name=\"Input.DuplicateReason\"", warning);
        Assert.Contains("Em có thêm em nhỏ ngủ cùng.", page);
        await using var db = Db.NewContext();
        Assert.Equal(2, await db.NeedLines.CountAsync(l => l.NeedsReviewId == id));
    }

    [Fact]
    public async Task An_officer_overrides_a_level_with_a_reason_and_the_review_shows_it_with_the_criteria()
    {
        var (client, id) = await OfficerWithDraftAsync();
        await client.FollowAsync(await client.PostFormAsync($"/Needs/Line/{S(id)}", Blanket()));
        int lineId;
        await using (var db = Db.NewContext()) lineId = (await db.NeedLines.SingleAsync()).Id;
        var reviewUrl = $"/Needs/Review/{S(id)}";

        var noReason = await client.PostFormAsync(reviewUrl, new() { ["LineId"] = S(lineId), ["LineVersion"] = "0", ["Level"] = "1" }, reviewUrl + "?handler=Override");
        var overridden = await client.PostFormAsync(reviewUrl, new() { ["LineId"] = S(lineId), ["LineVersion"] = "0", ["Level"] = "1", ["Reason"] = "Nhà vừa bị cháy." }, reviewUrl + "?handler=Override");
        var page = await client.FollowAsync(overridden);

        Assert.Contains("Vui lòng ghi lý do điều chỉnh cấp độ ưu tiên.", await noReason.Content.ReadAsStringAsync());
        Assert.Contains("Cấp 1", page);
        Assert.Contains("Điều chỉnh từ cấp 3: Nhà vừa bị cháy.", page);
        Assert.Contains("Hộ nghèo", page);
    }

    [Fact]
    public async Task The_commune_submits_and_the_provinces_programme_officer_approves_from_the_to_approve_list()
    {
        var (client, id) = await OfficerWithDraftAsync();
        await client.FollowAsync(await client.PostFormAsync($"/Needs/Line/{S(id)}", Blanket()));
        var reviewUrl = $"/Needs/Review/{S(id)}";
        // Adding the line bumped the review's version (0 → 1): the page the officer submits from shows version 1.
        var submitted = await client.FollowAsync(await client.PostFormAsync(reviewUrl, new() { ["Version"] = "1" }, reviewUrl + "?handler=Submit"));
        await StaffAsync("tinh", [Roles.ProgrammeOfficer], W.QuangNgai);
        var province = await LogInAsync("tinh");

        var list = await province.GetPageAsync("/Needs");
        var officerApproves = await client.PostFormAsync(reviewUrl, new() { ["Version"] = "2" }, reviewUrl + "?handler=Approve");
        var approved = await province.FollowAsync(await province.PostFormAsync(reviewUrl, new() { ["Version"] = "2" }, reviewUrl + "?handler=Approve"));

        Assert.Contains("Đã gửi, chờ duyệt", submitted);
        Assert.Contains("Chờ bạn duyệt", list);
        Assert.Contains("Chỉ cán bộ chương trình của cấp duyệt", await officerApproves.Content.ReadAsStringAsync());
        Assert.Contains("Đã duyệt bản rà soát.", approved);
        Assert.Contains("Lập bản sửa đổi", (await client.GetPageAsync(reviewUrl)));
        await using var db = Db.NewContext();
        Assert.Equal(NeedsReviewStatus.Approved, (await db.NeedsReviews.SingleAsync()).Status);
    }

    [Fact]
    public async Task A_commune_officer_cannot_open_another_communes_review_page()
    {
        var (_, id) = await OfficerWithDraftAsync();
        await StaffAsync("xa-iatoi", [Roles.CommuneOfficer], W.IaToi);
        var other = await LogInAsync("xa-iatoi");

        var (response, _) = await other.GetAsync($"/Needs/Review/{S(id)}");
        var list = await other.GetPageAsync("/Needs");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain($"/Needs/Review/{S(id)}\"", list);
    }

    [Fact]
    public async Task Red_Cross_staff_declare_support_for_their_own_agency_and_the_commune_sees_it_as_a_duplicate()
    {
        var staff = await StaffAsync("chuthapdo", [Roles.ProgrammeOfficer], W.IaDal);
        await using (var db = Db.NewContext())
        {
            var redCross = new Shared.Organisations.Organisation { Name = "Hội Chữ thập đỏ huyện Ia H'Drai", Type = Shared.Organisations.OrganisationType.RedCross, AdminUnitId = W.IaDal };
            db.Organisations.Add(redCross);
            await db.SaveChangesAsync();
            (await db.Users.SingleAsync(u => u.Id == staff.Id)).OrganisationId = redCross.Id;
            await db.SaveChangesAsync();
        }
        var client = await LogInAsync("chuthapdo");

        var declared = await client.PostFormAsync("/Needs/DeclaredSupport", new()
        {
            ["Input.Target"] = "Child", ["Input.ChildId"] = S(W.ChildIaDal), ["Input.Category"] = "WarmClothes",
            ["Input.PeriodStart"] = $"01/12/{Year}", ["Input.PeriodEnd"] = $"31/01/{Year + 1}", ["Input.Description"] = "1 áo ấm và 1 chăn",
        });
        var register = await client.FollowAsync(declared);
        var (officer, id) = await OfficerWithDraftAsync();
        var warned = await (await officer.PostFormAsync($"/Needs/Line/{S(id)}", Blanket())).Content.ReadAsStringAsync();

        Assert.Contains("Hội Chữ thập đỏ huyện Ia H&#x27;Drai", register);
        Assert.Contains("1 áo ấm và 1 chăn", register);
        Assert.Contains("đã đăng ký hỗ trợ: 1 áo ấm và 1 chăn", warned);
    }

    private static string VersionOn(string html, string form)
    {
        // The hidden Version of the form posting to ?handler=<form>.
        var at = html.IndexOf($"handler={form}", StringComparison.Ordinal);
        Assert.True(at >= 0, $"no {form} form");
        var match = System.Text.RegularExpressions.Regex.Match(html[at..], "name=\"Version\" value=\"(\\d+)\"");
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task The_level_above_returns_with_a_comment_the_commune_resubmits_and_after_approval_starts_a_new_revision()
    {
        var (client, id) = await OfficerWithDraftAsync();
        await client.FollowAsync(await client.PostFormAsync($"/Needs/Line/{S(id)}", Blanket()));
        var url = $"/Needs/Review/{S(id)}";
        await client.FollowAsync(await client.PostFormAsync(url, new() { ["Version"] = VersionOn(await client.GetPageAsync(url), "Submit") }, url + "?handler=Submit"));
        await StaffAsync("tinh", [Roles.ProgrammeOfficer], W.QuangNgai);
        var province = await LogInAsync("tinh");

        var page = await province.GetPageAsync(url);
        var noComment = await province.PostFormAsync(url, new() { ["Version"] = VersionOn(page, "Return"), ["Comment"] = " " }, url + "?handler=Return");
        var returned = await province.FollowAsync(await province.PostFormAsync(url,
            new() { ["Version"] = VersionOn(page, "Return"), ["Comment"] = "Bổ sung suất ăn trưa cho trẻ mầm non." }, url + "?handler=Return"));
        var officerSees = await client.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, noComment.StatusCode);
        Assert.Contains("Vui lòng ghi ý kiến để xã biết cần sửa gì.", await noComment.Content.ReadAsStringAsync());
        Assert.Contains("Đã trả lại bản rà soát cho xã.", returned);
        Assert.Contains("Bổ sung suất ăn trưa cho trẻ mầm non.", officerSees);

        await client.FollowAsync(await client.PostFormAsync(url, new() { ["Version"] = VersionOn(officerSees, "Submit") }, url + "?handler=Submit"));
        var again = await province.GetPageAsync(url);
        await province.FollowAsync(await province.PostFormAsync(url, new() { ["Version"] = VersionOn(again, "Approve") }, url + "?handler=Approve"));
        var revise = await client.PostFormAsync(url, [], url + "?handler=Revise");
        var revision = await client.FollowAsync(revise);

        Assert.Contains("Đã lập bản sửa đổi lần 2.", revision);
        await using var db = Db.NewContext();
        var reviews = await db.NeedsReviews.Include(r => r.Lines).OrderBy(r => r.Revision).ToListAsync();
        Assert.Equal([(1, NeedsReviewStatus.Approved), (2, NeedsReviewStatus.Draft)], reviews.Select(r => (r.Revision, r.Status)));
        Assert.Equal(reviews[0].Lines.Single().Key, reviews[1].Lines.Single().Key);
        Assert.EndsWith($"/Needs/Review/{S(reviews[1].Id)}", revise.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_admin_changes_a_criterions_weight_and_a_programme_officer_may_neither_see_nor_post_the_criteria_form()
    {
        var (officer, reviewId) = await OfficerWithDraftAsync();
        await officer.FollowAsync(await officer.PostFormAsync($"/Needs/Line/{S(reviewId)}", Blanket()));
        List<PriorityCriterion> criteria;
        PriorityScale scale;
        await using (var db = Db.NewContext())
        {
            criteria = await db.PriorityCriteria.OrderBy(c => c.Id).ToListAsync();
            scale = await db.PriorityScales.SingleAsync();
        }
        var poor = criteria.Single(c => c.Kind == PriorityCriterionKind.PoorHousehold);
        Dictionary<string, string> Form(int poorWeight)
        {
            var fields = new Dictionary<string, string>
            {
                ["Level1From"] = S(scale.Level1From), ["Level2From"] = S(scale.Level2From), ["Level3From"] = S(scale.Level3From),
            };
            for (var i = 0; i < criteria.Count; i++)
            {
                fields[$"Criteria[{i}].Id"] = S(criteria[i].Id);
                fields[$"Criteria[{i}].Weight"] = S(criteria[i].Id == poor.Id ? poorWeight : criteria[i].Weight);
                fields[$"Criteria[{i}].IsActive"] = criteria[i].IsActive ? "true" : "false";
            }
            return fields;
        }

        await StaffAsync("tinh", [Roles.ProgrammeOfficer], W.QuangNgai);
        var programme = await LogInAsync("tinh");
        var (seen, _) = await programme.GetAsync("/Needs/Criteria");
        var token = StaffClient.Token(await programme.GetPageAsync("/Needs"));
        var posted = await programme.PostWithTokenAsync("/Needs/Criteria", token, Form(99));
        var admin = await LogInAsAdminAsync();
        var saved = await admin.FollowAsync(await admin.PostFormAsync("/Needs/Criteria", Form(poor.Weight + 30)));

        Assert.Equal(HttpStatusCode.Forbidden, seen.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Contains("Đã lưu tiêu chí; 1 dòng nhu cầu", saved);
        await using var after = Db.NewContext();
        Assert.Equal(poor.Weight + 30, (await after.PriorityCriteria.SingleAsync(c => c.Id == poor.Id)).Weight);
        Assert.Contains(await after.AuditEntries.Where(a => a.EntityType == nameof(PriorityCriterion)).Select(a => a.Actor).ToListAsync(), a => a == "admin");
    }

    [Fact]
    public async Task An_officer_edits_a_child_of_their_commune_and_cannot_open_one_of_another_commune()
    {
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var client = await LogInAsync("xa-iadal");
        var url = $"/Children/Edit/{S(W.ChildIaDal)}";

        var form = await client.GetPageAsync(url);
        var saved = await client.PostFormAsync(url, new()
        {
            ["Input.FullName"] = "Rơ Châm H'Nhi", ["Input.DateOfBirth"] = "02/04/2018", ["Input.Sex"] = "Female", ["Input.AdminUnitId"] = S(W.VillageIaDal),
            ["Input.SchoolId"] = S(W.SchoolIaDal), ["Input.Circumstances"] = "Disability",
        });
        var list = await client.FollowAsync(saved);
        var (other, _) = await client.GetAsync($"/Children/Edit/{S(W.ChildIaToi)}");

        Assert.Contains("value=\"Rơ Châm H&#x27;Nhi\"", form);
        Assert.Contains("Đã lưu hồ sơ trẻ Rơ Châm H'Nhi.".Replace("'", "&#x27;", StringComparison.Ordinal), list);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        await using var db = Db.NewContext();
        var child = await db.Children.SingleAsync(c => c.Id == W.ChildIaDal);
        Assert.Equal(CircumstanceGroups.Disability, child.Circumstances);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == "Child" && a.Action == "Modified" && a.Actor == "xa-iadal"));
    }

    [Fact]
    public async Task Children_are_found_without_typing_diacritics_and_only_in_ones_units()
    {
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var client = await LogInAsync("xa-iadal");

        var saved = await client.PostFormAsync("/Children/Edit", new()
        {
            ["Input.FullName"] = "Đinh Thị Lụa", ["Input.DateOfBirth"] = "03/05/2021", ["Input.Sex"] = "Female", ["Input.AdminUnitId"] = S(W.VillageIaDal),
            ["Input.Circumstances"] = "NearPoorHousehold",
        });
        var found = await client.GetPageAsync("/Children?q=dinh thi lua");
        var notMine = await client.GetPageAsync("/Children?q=a dung");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Đinh Thị Lụa", found);
        Assert.Contains("Hộ cận nghèo", found);
        Assert.DoesNotContain("A Dũng", notMine);
    }
}

public class NeedsPagesTestsOnSqlite() : NeedsPagesTests(DatabaseProvider.Sqlite);

public class NeedsPagesTestsOnPostgres() : NeedsPagesTests(DatabaseProvider.Postgres);
