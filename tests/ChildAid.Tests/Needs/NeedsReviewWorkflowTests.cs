using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Needs;

/// <summary>A commune's yearly review goes from draft to the level above and back, and only the right people move it.</summary>
public abstract class NeedsReviewWorkflowTests(DatabaseProvider provider) : NeedsServiceTest(provider)
{
    private static readonly DateOnly Winter = new(2026, 11, 1), WinterEnd = new(2027, 2, 28);

    private async Task<NeedsReview> DraftWithLineAsync(Person officer, int commune, int child, int year = 2026)
    {
        var review = Ok(await AsAsync(officer, s => s.OpenAsync(commune, year)));
        Ok(await AsAsync(officer, s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(child, new DateOnly(year, 11, 1), new DateOnly(year + 1, 2, 28)))));
        return review;
    }

    [Fact]
    public async Task A_commune_officer_opens_a_draft_for_the_school_year_and_cannot_open_a_second_one()
    {
        var officer = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);

        var review = Ok(await AsAsync(officer, s => s.OpenAsync(W.IaDal, 2026)));
        var second = await AsAsync(officer, s => s.OpenAsync(W.IaDal, 2026));

        Assert.Equal(NeedsReviewStatus.Draft, review.Status);
        Assert.Equal((new DateOnly(2026, 9, 1), new DateOnly(2027, 8, 31)), (review.PeriodStart, review.PeriodEnd));
        Assert.Contains("đang mở", second.Errors["Year"]);
    }

    [Fact]
    public async Task No_review_is_opened_for_another_commune_a_village_or_a_commune_no_longer_in_force()
    {
        var officer = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);

        var other = await AsAsync(officer, s => s.OpenAsync(W.IaToi, 2026));
        var village = await AsAsync(officer, s => s.OpenAsync(W.VillageIaDal, 2026));
        var abolished = await AsAsync(officer, s => s.OpenAsync(W.IaDalOld, 2026));

        Assert.Contains("phạm vi", other.Errors["AdminUnitId"]);
        Assert.Contains("xã đang có hiệu lực", village.Errors["AdminUnitId"]);
        Assert.Contains("xã đang có hiệu lực", abolished.Errors["AdminUnitId"]);
    }

    [Fact]
    public async Task A_commune_officer_neither_sees_nor_submits_another_communes_review()
    {
        var iaToi = await PersonAsync("xa-iatoi", [Roles.CommuneOfficer], W.IaToi);
        var iaDal = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var review = await DraftWithLineAsync(iaToi, W.IaToi, W.ChildIaToi);

        var seen = await AsAsync(iaDal, (_, db) => db.NeedsReviews.AnyAsync(r => r.Id == review.Id));
        var submitted = await AsAsync(iaDal, s => s.SubmitAsync(review.Id));
        var line = await AsAsync(iaDal, s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd)));

        Assert.False(seen);
        Assert.Equal(NeedsReviewService.NotFound, submitted.Errors[""]);
        Assert.Equal(NeedsReviewService.NotFound, line.Errors[""]);
    }

    [Fact]
    public async Task A_line_for_a_child_of_another_commune_is_refused_even_when_the_officer_covers_both()
    {
        var programme = await PersonAsync("tinh", [Roles.ProgrammeOfficer], W.QuangNgai);
        var review = Ok(await AsAsync(programme, s => s.OpenAsync(W.IaDal, 2026)));

        var outcome = await AsAsync(programme, s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(W.ChildIaToi, Winter, WinterEnd)));
        var school = await AsAsync(programme, s => s.AddLineAsync(review.Id, new NeedLineInput
        {
            Target = NeedTarget.School, SchoolId = W.SchoolIaToi, NeedItemId = 9, Quantity = 1, ChildrenCount = 40, PeriodStart = Winter, PeriodEnd = WinterEnd,
        }));

        Assert.Equal("Trẻ em này không sống ở xã của bản rà soát.", outcome.Errors["ChildId"]);
        Assert.Equal("Trường học này không thuộc xã của bản rà soát.", school.Errors["SchoolId"]);
    }

    [Fact]
    public async Task A_line_gets_its_level_and_the_criteria_that_fired()
    {
        var officer = await PersonAsync("xa-iatoi", [Roles.CommuneOfficer], W.IaToi);
        var review = Ok(await AsAsync(officer, s => s.OpenAsync(W.IaToi, 2026)));

        var line = Ok(await AsAsync(officer, s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(W.ChildIaToi, Winter, WinterEnd))));

        // Orphan of both parents: 40 points, level 2 (30–49) on the published scale.
        Assert.Equal(2, line.ComputedLevel);
        Assert.Equal([PriorityCriterionKind.OrphanBothParents], line.FiredCriteria);
    }

    [Fact]
    public async Task Before_1_July_2025_the_district_approves_and_after_it_the_province_by_the_date_of_submission()
    {
        var officer = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDalOld, W.IaDal);
        var district = await PersonAsync("huyen", [Roles.ProgrammeOfficer], W.District);
        var province = await PersonAsync("tinh", [Roles.ProgrammeOfficer], W.QuangNgai);

        At(2024, 10, 1);
        var early = await DraftWithLineAsync(officer, W.IaDalOld, W.ChildIaDalOld, 2024);
        At(2025, 3, 1);
        var earlySubmitted = Ok(await AsAsync(officer, s => s.SubmitAsync(early.Id)));
        var byProvince = await AsAsync(province, s => s.ApproveAsync(early.Id));
        var byDistrict = Ok(await AsAsync(district, s => s.ApproveAsync(early.Id)));

        At(2025, 6, 20);
        var late = await DraftWithLineAsync(officer, W.IaDalOld, W.ChildIaDalOld, 2025);
        At(2025, 7, 2);
        var lateSubmitted = Ok(await AsAsync(officer, s => s.SubmitAsync(late.Id)));
        var lateByDistrict = await AsAsync(district, s => s.ApproveAsync(late.Id));
        Ok(await AsAsync(province, s => s.ApproveAsync(late.Id)));

        Assert.Equal(W.District, earlySubmitted.ApprovingUnitId);
        Assert.Contains("Huyện Ia H'Drai", byProvince.Errors[""]);
        Assert.Equal(NeedsReviewStatus.Approved, byDistrict.Status);
        Assert.Equal(W.QuangNgai, lateSubmitted.ApprovingUnitId);
        Assert.False(lateByDistrict.Succeeded);
    }

    [Fact]
    public async Task Only_a_programme_officer_of_the_level_above_decides_never_the_submitter_a_commune_officer_or_an_admin()
    {
        var officer = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var submitterProgramme = await PersonAsync("tinh-gui", [Roles.ProgrammeOfficer], W.QuangNgai);
        var communeProgramme = await PersonAsync("xa-ct", [Roles.ProgrammeOfficer], W.IaDal);
        var both = await PersonAsync("tinh-xa", [Roles.ProgrammeOfficer, Roles.CommuneOfficer], W.QuangNgai);
        var admin = await PersonAsync("quantri", [Roles.Admin]);
        var province = await PersonAsync("tinh", [Roles.ProgrammeOfficer], W.QuangNgai);
        var review = await DraftWithLineAsync(officer, W.IaDal, W.ChildIaDal);
        Ok(await AsAsync(submitterProgramme, s => s.SubmitAsync(review.Id)));

        var refusals = new[]
        {
            await AsAsync(officer, s => s.ApproveAsync(review.Id)),
            await AsAsync(submitterProgramme, s => s.ApproveAsync(review.Id)),
            await AsAsync(communeProgramme, s => s.ApproveAsync(review.Id)),
            await AsAsync(both, s => s.ApproveAsync(review.Id)),
            await AsAsync(admin, s => s.ApproveAsync(review.Id)),
        };
        var lists = new Dictionary<string, IReadOnlyList<ReviewRow>>();
        foreach (var person in new[] { officer, submitterProgramme, communeProgramme, both, admin, province })
            lists[person.UserName] = await AsAsync(person, (s, db) => new NeedsReviewQueries(db, s, Clock).ToApproveAsync());
        var approved = Ok(await AsAsync(province, s => s.ApproveAsync(review.Id)));

        // The "to approve" list, a database query, shows the review to exactly the people who may decide on it.
        Assert.Equal(review.Id, Assert.Single(lists["tinh"]).Id);
        Assert.All(lists.Where(l => l.Key != "tinh"), l => Assert.Empty(l.Value));
        Assert.Empty(await AsAsync(province, (s, db) => new NeedsReviewQueries(db, s, Clock).ToApproveAsync()));
        Assert.All(refusals, r => Assert.False(r.Succeeded));
        Assert.Contains("Người gửi", refusals[1].Errors[""]);
        Assert.Contains("Cán bộ xã", refusals[3].Errors[""]);
        Assert.Equal(NeedsReviewStatus.Approved, approved.Status);
    }

    [Fact]
    public async Task A_returned_review_carries_the_comment_and_can_be_changed_and_submitted_again()
    {
        var officer = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var province = await PersonAsync("tinh", [Roles.ProgrammeOfficer], W.QuangNgai);
        var review = await DraftWithLineAsync(officer, W.IaDal, W.ChildIaDal);
        Ok(await AsAsync(officer, s => s.SubmitAsync(review.Id)));

        var noComment = await AsAsync(province, s => s.ReturnAsync(review.Id, "  "));
        var whileSubmitted = await AsAsync(officer, s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd, itemId: 6, quantity: 100)));
        var returned = Ok(await AsAsync(province, s => s.ReturnAsync(review.Id, "Bổ sung suất ăn trưa cho trẻ mầm non.")));
        Ok(await AsAsync(officer, s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd, itemId: 6, quantity: 100))));
        var again = Ok(await AsAsync(officer, s => s.SubmitAsync(review.Id)));

        Assert.Contains("ý kiến", noComment.Errors["Comment"]);
        Assert.Contains("chờ duyệt", whileSubmitted.Errors[""]);
        Assert.Equal("Bổ sung suất ăn trưa cho trẻ mầm non.", returned.ReturnComment);
        Assert.Equal(NeedsReviewStatus.Submitted, again.Status);
        await using var db = Db.NewContext();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(NeedsReview) && a.Action == "Modified"));
    }

    [Fact]
    public async Task An_approved_review_is_frozen_and_changes_go_through_a_revision_that_supersedes_it_when_approved()
    {
        var officer = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var province = await PersonAsync("tinh", [Roles.ProgrammeOfficer], W.QuangNgai);
        var review = await DraftWithLineAsync(officer, W.IaDal, W.ChildIaDal);
        Ok(await AsAsync(officer, s => s.SubmitAsync(review.Id)));
        Ok(await AsAsync(province, s => s.ApproveAsync(review.Id)));
        int lineId;
        await using (var db = Db.NewContext()) lineId = (await db.NeedLines.SingleAsync(l => l.NeedsReviewId == review.Id)).Id;

        var add = await AsAsync(officer, s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd, itemId: 6, quantity: 100)));
        var edit = await AsAsync(officer, s => s.UpdateLineAsync(lineId, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd, quantity: 2), 0));
        var remove = await AsAsync(officer, s => s.RemoveLineAsync(lineId, 0));
        var level = await AsAsync(officer, s => s.OverrideLevelAsync(lineId, 1, "Gia đình vừa bị cháy nhà.", 0));
        var revision = Ok(await AsAsync(officer, s => s.StartRevisionAsync(review.Id)));
        var secondRevision = await AsAsync(officer, s => s.StartRevisionAsync(review.Id));
        Ok(await AsAsync(officer, s => s.SubmitAsync(revision.Id)));
        Ok(await AsAsync(province, s => s.ApproveAsync(revision.Id)));

        Assert.All(new[] { add, edit, remove, level }, o => Assert.Contains("đã được duyệt", o.Errors[""]));
        Assert.False(secondRevision.Succeeded);
        await using var check = Db.NewContext();
        var reviews = await check.NeedsReviews.Include(r => r.Lines).OrderBy(r => r.Revision).ToListAsync();
        Assert.Equal([NeedsReviewStatus.Superseded, NeedsReviewStatus.Approved], reviews.Select(r => r.Status));
        Assert.Equal([1, 2], reviews.Select(r => r.Revision));
        Assert.Equal(reviews[0].Lines.Single().Key, reviews[1].Lines.Single().Key);
        Assert.Equal(1, reviews[0].Lines.Single().Quantity);
    }

    [Fact]
    public async Task Two_officers_editing_one_line_the_second_save_is_a_conflict_shown_not_lost()
    {
        var officer = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var colleague = await PersonAsync("xa-iadal-2", [Roles.CommuneOfficer], W.IaDal);
        var review = Ok(await AsAsync(officer, s => s.OpenAsync(W.IaDal, 2026)));
        var line = Ok(await AsAsync(officer, s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd))));
        var seen = line.Version;

        Ok(await AsAsync(officer, s => s.UpdateLineAsync(line.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd, quantity: 2), seen)));
        var stale = await AsAsync(colleague, s => s.UpdateLineAsync(line.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd, quantity: 3), seen));
        var staleOverride = await AsAsync(colleague, s => s.OverrideLevelAsync(line.Id, 1, "Khẩn cấp", seen));

        Assert.Equal(NeedsReviewService.Conflict, stale.Errors[""]);
        Assert.Equal(NeedsReviewService.Conflict, staleOverride.Errors[""]);
        await using var db = Db.NewContext();
        Assert.Equal(2, (await db.NeedLines.SingleAsync()).Quantity);
    }

    [Fact]
    public async Task A_line_change_that_read_the_review_before_a_colleague_submitted_it_is_refused_and_nothing_is_lost()
    {
        var officer = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var colleague = await PersonAsync("xa-iadal-2", [Roles.CommuneOfficer], W.IaDal);
        var review = await DraftWithLineAsync(officer, W.IaDal, W.ChildIaDal);
        var line = await AsAsync(officer, (_, db) => db.NeedLines.AsNoTracking().SingleAsync());

        // Each change reads the review (still a draft), then the colleague's submit is saved just before the change is.
        async Task<Shared.Validation.Outcome<NeedLine>> RacingSubmit(Func<NeedsReviewService, Task<Shared.Validation.Outcome<NeedLine>>> change) =>
            await AsAsync(officer, async (s, db) =>
            {
                var submitted = false;
                db.SavingChanges += (_, _) =>
                {
                    if (submitted) return;
                    submitted = true;
                    Ok(Task.Run(() => AsAsync(colleague, c => c.SubmitAsync(review.Id))).GetAwaiter().GetResult());
                };
                return await change(s);
            });

        var added = await RacingSubmit(s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd, itemId: 6, quantity: 100)));

        Assert.StartsWith("Bản rà soát đã gửi, đang chờ duyệt", added.Errors[""]);
        Assert.Contains("chưa được lưu", added.Errors[""]);
        await using (var db = Db.NewContext())
        {
            var now = await db.NeedsReviews.Include(r => r.Lines).SingleAsync(r => r.Id == review.Id);
            Assert.Equal(NeedsReviewStatus.Submitted, now.Status);
            Assert.Equal((line.Id, 1), (Assert.Single(now.Lines).Id, now.Lines[0].Quantity));
        }

        // Returned for changes: an edit and a removal racing a second submit are refused the same way.
        var programme = await PersonAsync("tinh", [Roles.ProgrammeOfficer], W.QuangNgai);
        Ok(await AsAsync(programme, s => s.ReturnAsync(review.Id, "Bổ sung đơn giá")));
        var edited = await RacingSubmit(s => s.UpdateLineAsync(line.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd, quantity: 5), line.Version));
        Assert.Contains("chưa được lưu", edited.Errors[""]);
        Ok(await AsAsync(programme, s => s.ReturnAsync(review.Id, "Bổ sung đơn giá")));
        var removed = await RacingSubmit(s => s.RemoveLineAsync(line.Id, line.Version));
        Assert.Contains("chưa được lưu", removed.Errors[""]);

        await using var after = Db.NewContext();
        Assert.Equal(1, (await after.NeedLines.SingleAsync()).Quantity);
        Assert.Equal(NeedsReviewStatus.Submitted, (await after.NeedsReviews.SingleAsync()).Status);
    }

    [Fact]
    public async Task A_submit_that_read_the_review_before_a_line_was_added_is_a_conflict()
    {
        var officer = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var review = await DraftWithLineAsync(officer, W.IaDal, W.ChildIaDal);
        var seen = (await AsAsync(officer, (_, db) => db.NeedsReviews.AsNoTracking().SingleAsync())).Version;

        Ok(await AsAsync(officer, s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd, itemId: 6, quantity: 100))));
        var submitted = await AsAsync(officer, s => s.SubmitAsync(review.Id, seen));

        Assert.Equal(NeedsReviewService.Conflict, submitted.Errors[""]);
        await using var db = Db.NewContext();
        Assert.Equal(NeedsReviewStatus.Draft, (await db.NeedsReviews.SingleAsync()).Status);
        Assert.Equal(2, await db.NeedLines.CountAsync());
    }

    [Fact]
    public async Task A_level_override_needs_a_reason_and_keeps_who_and_when()
    {
        var officer = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var review = Ok(await AsAsync(officer, s => s.OpenAsync(W.IaDal, 2026)));
        var line = Ok(await AsAsync(officer, s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd))));

        var noReason = await AsAsync(officer, s => s.OverrideLevelAsync(line.Id, 1, " ", line.Version));
        var overridden = Ok(await AsAsync(officer, s => s.OverrideLevelAsync(line.Id, 1, "Gia đình vừa bị cháy nhà.", line.Version)));

        Assert.Contains("lý do", noReason.Errors["Reason"]);
        Assert.Equal((1, "Gia đình vừa bị cháy nhà.", officer.Id), (overridden.Level, overridden.OverrideReason, overridden.OverriddenById));
        Assert.NotNull(overridden.OverriddenAt);
        await using var db = Db.NewContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(NeedLine) && a.Action == "Modified" && a.After!.Contains("LevelOverride")));
    }

    [Fact]
    public async Task A_duplicate_needs_a_reason_and_the_findings_are_listed()
    {
        var officer = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var review = Ok(await AsAsync(officer, s => s.OpenAsync(W.IaDal, 2026)));
        Ok(await AsAsync(officer, s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd))));

        var again = await AsAsync(officer, s => s.AddLineAsync(review.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd)));
        var withReason = NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd);
        withReason.DuplicateReason = "Chăn thứ hai cho em nhỏ ngủ cùng.";
        var saved = Ok(await AsAsync(officer, s => s.AddLineAsync(review.Id, withReason)));

        Assert.Contains("Ngay trong bản rà soát này: Chăn ấm", again.Errors["DuplicateReason"]);
        Assert.Equal("Chăn thứ hai cho em nhỏ ngủ cùng.", saved.DuplicateReason);
    }
}

public class NeedsReviewWorkflowTestsOnSqlite() : NeedsReviewWorkflowTests(DatabaseProvider.Sqlite);

public class NeedsReviewWorkflowTestsOnPostgres() : NeedsReviewWorkflowTests(DatabaseProvider.Postgres);
