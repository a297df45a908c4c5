using System.Globalization;
using System.Net;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Children;
using ChildAid.Shared.Consent;
using ChildAid.Shared.Data;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Checkups;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Children;

/// <summary>
/// The child registry as a commune officer uses it: an estimated date of birth, possible duplicates merged or marked
/// "not the same child", scope by unit. World: <see cref="CheckupWorld"/> plus a second record of its own commune's
/// girl "Rơ Châm H'Nhi", typed without diacritics ("Ro Cham H Nhi") and three days off.
/// </summary>
public abstract class ChildRegistryTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private CheckupWorld W = null!;
    private int Copy;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
        var copy = new Child
        {
            FullName = "Ro Cham H Nhi", SearchText = "ro cham h nhi", DateOfBirth = new DateOnly(2018, 5, 13), Sex = Sex.Female,
            AdminUnitId = W.Own, GuardianName = "Rơ Châm Y Bi",
        };
        db.Children.Add(copy);
        await db.SaveChangesAsync();
        Copy = copy.Id;
    }

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private async Task<StaffClient> OfficerAsync(string userName, int unit)
    {
        await StaffAsync(userName, [Roles.CommuneOfficer], unit);
        return await LogInAsync(userName);
    }

    private Dictionary<string, string> ChildForm(string name, string? born, string? year, bool estimated = false, string sex = "Female", int? school = null)
    {
        var form = new Dictionary<string, string> { ["Input.FullName"] = name, ["Input.Sex"] = sex, ["Input.AdminUnitId"] = S(W.Own) };
        if (school is { } s) form["Input.SchoolId"] = S(s);
        if (born is not null) form["Input.DateOfBirth"] = born;
        if (year is not null) form["Input.BirthYear"] = year;
        if (estimated) form["Input.DateOfBirthEstimated"] = "true";
        return form;
    }

    [Fact]
    public async Task A_year_of_birth_alone_is_saved_as_the_first_of_july_estimated_and_shown_as_estimated_in_the_list_and_on_the_growth_page()
    {
        var client = await OfficerAsync("xa-iadal", W.Own);

        var saved = await client.PostFormAsync("/Children/Edit", ChildForm("Ksor H'Lim", null, "2019"));
        var list = await client.FollowAsync(saved);

        await using var db = Db.NewContext();
        var child = await db.Children.SingleAsync(c => c.FullName == "Ksor H'Lim");
        Assert.Equal(new DateOnly(2019, 7, 1), child.DateOfBirth);
        Assert.True(child.DateOfBirthEstimated);
        Assert.Contains("01/07/2019 (ước tính)", list);
        Assert.Contains("(ước tính)", await client.GetPageAsync($"/Checkups/Child/{S(child.Id)}"));
        var form = await client.GetPageAsync($"/Children/Edit/{S(child.Id)}");
        Assert.Matches("name=\"Input.DateOfBirthEstimated\"[^>]*checked", form);
    }

    [Fact]
    public async Task A_full_date_marked_estimated_keeps_its_date_and_the_flag_and_the_class_grid_says_so()
    {
        var client = await OfficerAsync("xa-iadal", W.Own);
        var form = ChildForm("A Dũng", "10/05/2018", null, estimated: true, sex: "Male", school: W.OwnSchool);
        form["Input.ClassName"] = "3A";
        form["Input.HealthStationId"] = S(W.OwnStation);

        await client.PostFormAsync($"/Children/Edit/{S(W.OwnBoy)}", form);
        var grid = await client.GetPageAsync($"/Checkups/Session/{S(W.OwnSession)}?class=3A");

        await using var db = Db.NewContext();
        var boy = await db.Children.SingleAsync(c => c.Id == W.OwnBoy);
        Assert.Equal(new DateOnly(2018, 5, 10), boy.DateOfBirth);
        Assert.True(boy.DateOfBirthEstimated);
        Assert.Contains("10/05/2018 (ước tính)", grid);
        Assert.Contains("10/05/2018 (Nữ)", grid);
    }

    [Fact]
    public async Task The_form_sets_the_class_and_the_health_station_and_refuses_a_station_of_another_commune()
    {
        var client = await OfficerAsync("xa-iadal", W.Own);
        var form = ChildForm("Ksor H'Lim", "01/02/2019", null, school: W.OwnSchool);
        form["Input.ClassName"] = " 1B ";
        form["Input.HealthStationId"] = S(W.OtherStation);

        var refused = WebUtility.HtmlDecode(await (await client.PostFormAsync("/Children/Edit", form)).Content.ReadAsStringAsync());
        form["Input.HealthStationId"] = S(W.OwnStation);
        var saved = await client.PostFormAsync("/Children/Edit", form);

        Assert.Matches("id=\"Input_HealthStationId-error\"[^>]*>[^<]*Không tìm thấy trạm y tế trong phạm vi đơn vị của bạn.", refused);
        Assert.DoesNotContain("Trạm y tế xã Ia Tơi", refused);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = Db.NewContext();
        var child = await db.Children.SingleAsync(c => c.FullName == "Ksor H'Lim");
        Assert.Equal(("1B", (int?)W.OwnStation), (child.ClassName, child.HealthStationId));
        var page = await client.GetPageAsync($"/Children/Edit/{S(child.Id)}");
        Assert.Contains("value=\"1B\"", page);
        Assert.Matches($"<option selected=\"selected\" value=\"{S(W.OwnStation)}\">", page);
    }

    [Fact]
    public async Task Both_a_date_and_a_year_or_neither_are_refused_with_the_message_next_to_the_field()
    {
        var client = await OfficerAsync("xa-iadal", W.Own);

        var both = WebUtility.HtmlDecode(await (await client.PostFormAsync("/Children/Edit", ChildForm("Ksor H'Lim", "01/02/2019", "2019"))).Content.ReadAsStringAsync());
        var neither = WebUtility.HtmlDecode(await (await client.PostFormAsync("/Children/Edit", ChildForm("Ksor H'Lim", null, null))).Content.ReadAsStringAsync());
        var future = WebUtility.HtmlDecode(await (await client.PostFormAsync("/Children/Edit", ChildForm("Ksor H'Lim", null, "2999"))).Content.ReadAsStringAsync());

        Assert.Matches("id=\"Input_BirthYear-error\"[^>]*>[^<]*Nhập ngày sinh hoặc chỉ năm sinh, không cả hai.", both);
        Assert.Matches("id=\"Input_DateOfBirth-error\"[^>]*>[^<]*Vui lòng nhập ngày sinh \\(dd/mm/yyyy\\), hoặc chỉ năm sinh", neither);
        Assert.Matches("id=\"Input_BirthYear-error\"[^>]*>[^<]*Năm sinh phải trong 18 năm qua", future);
        await using var db = Db.NewContext();
        Assert.False(await db.Children.AnyAsync(c => c.FullName == "Ksor H'Lim"));
    }

    [Fact]
    public async Task The_duplicates_page_shows_the_pair_side_by_side_and_nothing_of_another_commune()
    {
        await using (var db = Db.NewContext())
        {
            // Same name and birth date in the other commune: another village, and outside the officer's units anyway.
            db.Children.Add(new Child { FullName = "Rơ Châm H'Nhi", SearchText = "ro cham h'nhi", DateOfBirth = new DateOnly(2018, 5, 10), Sex = Sex.Female, AdminUnitId = W.Other });
            await db.SaveChangesAsync();
        }
        var client = await OfficerAsync("xa-iadal", W.Own);
        var other = await OfficerAsync("xa-iatoi", W.Other);

        var page = await client.GetPageAsync("/Children/Duplicates");
        var otherPage = await other.GetPageAsync("/Children/Duplicates");

        Assert.Contains("Ro Cham H Nhi", page);
        Assert.Contains("Rơ Châm H", page);
        Assert.Contains($"Hồ sơ số {S(Copy)}", page);
        Assert.Contains("Rơ Châm Y Bi", page);
        Assert.DoesNotContain("A Dũng", page);
        Assert.DoesNotContain("Ro Cham", otherPage);
        Assert.Contains("Không có hồ sơ nào có thể trùng.", otherPage);
    }

    [Fact]
    public async Task A_child_entered_again_in_another_village_of_the_commune_is_paired_across_the_two_places_and_merged()
    {
        int village, moved;
        await using (var db = Db.NewContext())
        {
            var thon = new Shared.AdminUnits.AdminUnit { Name = "Thôn Plei Ring", Level = Shared.AdminUnits.AdminUnitLevel.Village, ParentId = W.Own, Code = "VT-PLEI-RING" };
            db.AdminUnits.Add(thon);
            await db.SaveChangesAsync();
            village = thon.Id;
            // The boy "A Dũng" entered again by the village (no diacritics, no school), and a namesake with another birth date.
            var again = new Child { FullName = "A Dung", SearchText = "a dung", DateOfBirth = new DateOnly(2018, 5, 10), Sex = Sex.Male, AdminUnitId = village };
            db.Children.AddRange(again,
                new Child { FullName = "A Dũng", SearchText = "a dung", DateOfBirth = new DateOnly(2019, 2, 3), Sex = Sex.Male, AdminUnitId = village });
            await db.SaveChangesAsync();
            moved = again.Id;
        }
        var client = await OfficerAsync("xa-iadal", W.Own);

        var page = WebUtility.HtmlDecode(await client.GetPageAsync("/Children/Duplicates"));
        Assert.Contains("A Dũng và A Dung", page);
        Assert.Contains("Hai hồ sơ ở hai nơi khác nhau (Xã Ia Đal và Thôn Plei Ring)", page);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "<h2>A Dũng và "));

        var after = WebUtility.HtmlDecode(await client.FollowAsync(await client.PostWithTokenAsync("/Children/Duplicates?handler=Merge", StaffClient.Token(page),
            new() { ["keep"] = S(W.OwnBoy), ["other"] = S(moved) })));
        Assert.DoesNotContain("A Dũng và A Dung", after);
        await using var check = Db.NewContext();
        Assert.Equal(W.OwnBoy, (await check.Children.IgnoreQueryFilters().SingleAsync(c => c.Id == moved)).MergedIntoId);
    }

    /// <summary>The copy's history: a measurement, a consent record, and the lunch programme both records are enrolled in (its id).</summary>
    private async Task<int> CopyWithHistoryAsync()
    {
        await using var db = Db.NewContext();
        db.Measurements.Add(new Measurement { SessionId = W.OwnSession, ChildId = Copy, AdminUnitId = W.Own, WeightKg = 19.5m, RecordedBy = "test", RecordedAt = DateTime.UtcNow });
        db.ConsentRecords.Add(new ConsentRecord
        {
            AdminUnitId = W.Own, ChildId = Copy, GuardianName = "Rơ Châm Y Bi", GuardianConsentOn = new DateOnly(2026, 9, 1), ChildConsentOn = new DateOnly(2026, 9, 1),
            Scope = ConsentScope.Website, RecordedBy = "test", RecordedAt = DateTime.UtcNow,
        });
        var programme = Programme("Bữa trưa");
        db.Interventions.Add(programme);
        await db.SaveChangesAsync();
        db.InterventionChildren.AddRange(new InterventionChild { InterventionId = programme.Id, ChildId = Copy }, new InterventionChild { InterventionId = programme.Id, ChildId = W.OwnGirl });
        await db.SaveChangesAsync();
        return programme.Id;
    }

    private Intervention Programme(string name) => new()
    {
        Name = name, Kind = InterventionKind.SchoolMeals, StartsOn = new DateOnly(2026, 9, 1), EndsOn = new DateOnly(2027, 5, 31), AdminUnitId = W.Own, CreatedBy = "test",
    };

    [Fact]
    public async Task Merging_moves_measurements_enrolments_and_consents_keeps_the_other_as_merged_and_hides_it()
    {
        var intervention = await CopyWithHistoryAsync();
        var client = await OfficerAsync("xa-iadal", W.Own);
        var page = await client.GetPageAsync("/Children/Duplicates");

        var merged = await client.PostWithTokenAsync("/Children/Duplicates?handler=Merge", StaffClient.Token(page), new() { ["keep"] = S(W.OwnGirl), ["other"] = S(Copy) });
        var after = await client.FollowAsync(merged);
        var list = await client.GetPageAsync("/Children?q=cham");

        Assert.Contains($"Đã gộp hồ sơ số {S(Copy)} vào hồ sơ số {S(W.OwnGirl)}", after);
        Assert.Contains("Không có hồ sơ nào có thể trùng.", after);
        Assert.DoesNotContain("Ro Cham H Nhi", list);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Children/Edit/{S(Copy)}")).Response.StatusCode);
        await using var check = Db.NewContext();
        var copy = await check.Children.SingleAsync(c => c.Id == Copy);
        Assert.Equal(W.OwnGirl, copy.MergedIntoId);
        Assert.Equal("Ro Cham H Nhi", copy.FullName);
        Assert.Equal(W.OwnGirl, (await check.Measurements.SingleAsync()).ChildId);
        Assert.Equal(W.OwnGirl, (await check.ConsentRecords.SingleAsync()).ChildId);
        Assert.Equal([W.OwnGirl], await check.InterventionChildren.Where(e => e.InterventionId == intervention).Select(e => e.ChildId).ToListAsync());
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityType == nameof(Child) && a.EntityKey == S(Copy) && a.Action == "Modified" && a.After!.Contains("MergedIntoId")));
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityType == nameof(Measurement) && a.Action == "Modified" && a.After!.Contains("ChildId")));
    }

    [Fact]
    public async Task A_merge_made_by_mistake_is_undone_and_each_record_gets_its_own_history_back()
    {
        var intervention = await CopyWithHistoryAsync();
        await using (var db = Db.NewContext())
        {
            // Only the copy in a second programme: the merge moves that enrolment, the undo moves it back.
            var second = Programme("Khám sức khoẻ");
            db.Interventions.Add(second);
            await db.SaveChangesAsync();
            db.InterventionChildren.Add(new InterventionChild { InterventionId = second.Id, ChildId = Copy });
            await db.SaveChangesAsync();
        }
        var client = await OfficerAsync("xa-iadal", W.Own);
        var page = await client.GetPageAsync("/Children/Duplicates");
        await client.FollowAsync(await client.PostWithTokenAsync("/Children/Duplicates?handler=Merge", StaffClient.Token(page), new() { ["keep"] = S(W.OwnGirl), ["other"] = S(Copy) }));
        int mergeId;
        await using (var db = Db.NewContext()) mergeId = (await db.ChildMerges.SingleAsync()).Id;
        var stranger = await OfficerAsync("xa-iatoi", W.Other);
        var refused = await stranger.PostWithTokenAsync("/Children/Duplicates?handler=Undo", StaffClient.Token(await stranger.GetPageAsync("/Children/Duplicates")), new() { ["merge"] = S(mergeId) });

        var listed = await client.GetPageAsync("/Children/Duplicates");
        var after = await client.FollowAsync(await client.PostWithTokenAsync("/Children/Duplicates?handler=Undo", StaffClient.Token(listed), new() { ["merge"] = S(mergeId) }));
        var again = await client.FollowAsync(await client.PostWithTokenAsync("/Children/Duplicates?handler=Undo", StaffClient.Token(listed), new() { ["merge"] = S(mergeId) }));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains($"Hoàn tác gộp hồ sơ số {S(Copy)}", listed);
        Assert.Contains($"Đã hoàn tác lần gộp: hồ sơ số {S(Copy)}", after);
        Assert.Contains("Lần gộp này đã được hoàn tác.", again);
        // The pair is a possible duplicate again, for a person to decide.
        Assert.Contains($"Hồ sơ số {S(Copy)}", after);
        await using var check = Db.NewContext();
        var copy = await check.Children.SingleAsync(c => c.Id == Copy);
        Assert.Null(copy.MergedIntoId);
        Assert.Equal(Copy, (await check.Measurements.SingleAsync()).ChildId);
        Assert.Equal(Copy, (await check.ConsentRecords.SingleAsync()).ChildId);
        Assert.Equal(new[] { Copy, W.OwnGirl }.Order(), (await check.InterventionChildren.Where(e => e.InterventionId == intervention).Select(e => e.ChildId).ToListAsync()).Order());
        Assert.Equal([Copy], await check.InterventionChildren.Where(e => e.InterventionId != intervention).Select(e => e.ChildId).ToListAsync());
        var merge = await check.ChildMerges.SingleAsync();
        Assert.NotNull(merge.UndoneAt);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityType == nameof(ChildMerge) && a.Action == "Modified" && a.After!.Contains("UndoneAt")));
    }

    [Fact]
    public async Task Two_records_measured_in_the_same_session_are_not_merged_and_the_page_says_why()
    {
        await using (var db = Db.NewContext())
        {
            db.Measurements.AddRange(
                new Measurement { SessionId = W.OwnSession, ChildId = Copy, AdminUnitId = W.Own, WeightKg = 19.5m, RecordedBy = "test", RecordedAt = DateTime.UtcNow },
                new Measurement { SessionId = W.OwnSession, ChildId = W.OwnGirl, AdminUnitId = W.Own, WeightKg = 19.6m, RecordedBy = "test", RecordedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var client = await OfficerAsync("xa-iadal", W.Own);
        var page = await client.GetPageAsync("/Children/Duplicates");

        var after = await client.FollowAsync(await client.PostWithTokenAsync("/Children/Duplicates?handler=Merge", StaffClient.Token(page), new() { ["keep"] = S(W.OwnGirl), ["other"] = S(Copy) }));

        Assert.Contains("Cả hai hồ sơ đều có kết quả đo trong buổi khám ngày 20/11/2026", after);
        await using var check = Db.NewContext();
        Assert.Null((await check.Children.SingleAsync(c => c.Id == Copy)).MergedIntoId);
        Assert.Equal(2, await check.Measurements.CountAsync());
    }

    [Fact]
    public async Task Not_the_same_child_is_remembered_and_the_pair_is_not_proposed_again()
    {
        var client = await OfficerAsync("xa-iadal", W.Own);
        var page = await client.GetPageAsync("/Children/Duplicates");

        var after = await client.FollowAsync(await client.PostWithTokenAsync("/Children/Duplicates?handler=Distinct", StaffClient.Token(page),
            new() { ["first"] = S(Copy), ["second"] = S(W.OwnGirl) }));

        Assert.Contains("không phải cùng một trẻ", after);
        Assert.Contains("Không có hồ sơ nào có thể trùng.", after);
        await using var db = Db.NewContext();
        var pair = await db.ChildDistinctPairs.SingleAsync();
        Assert.Equal((Math.Min(Copy, W.OwnGirl), Math.Max(Copy, W.OwnGirl)), (pair.FirstChildId, pair.SecondChildId));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ChildDistinctPair) && a.Action == "Added"));
        Assert.Null((await db.Children.SingleAsync(c => c.Id == Copy)).MergedIntoId);
    }

    [Fact]
    public async Task An_officer_of_another_commune_gets_not_found_for_a_merge_or_a_decision_and_nothing_changes()
    {
        var other = await OfficerAsync("xa-iatoi", W.Other);
        var token = StaffClient.Token(await other.GetPageAsync("/Children/Duplicates"));

        var merge = await other.PostWithTokenAsync("/Children/Duplicates?handler=Merge", token, new() { ["keep"] = S(W.OwnGirl), ["other"] = S(Copy) });
        var distinct = await other.PostWithTokenAsync("/Children/Duplicates?handler=Distinct", token, new() { ["first"] = S(W.OwnGirl), ["second"] = S(Copy) });
        var mixed = await other.PostWithTokenAsync("/Children/Duplicates?handler=Merge", token, new() { ["keep"] = S(W.OtherChild), ["other"] = S(Copy) });

        Assert.Equal(HttpStatusCode.NotFound, merge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, distinct.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, mixed.StatusCode);
        await using var db = Db.NewContext();
        Assert.False(await db.Children.AnyAsync(c => c.MergedIntoId != null));
        Assert.Equal(0, await db.ChildDistinctPairs.CountAsync());
    }

    [Fact]
    public async Task The_database_refuses_a_merge_into_a_merged_record_an_unmerge_and_deleting_a_merged_record()
    {
        await using var db = Db.NewContext();
        await db.Database.ExecuteSqlAsync($"UPDATE children SET merged_into_id = {W.OwnGirl} WHERE id = {Copy}");

        var intoMerged = await Record.ExceptionAsync(() => db.Database.ExecuteSqlAsync($"UPDATE children SET merged_into_id = {Copy} WHERE id = {W.OwnBoy}"));
        var unmerge = await Record.ExceptionAsync(() => db.Database.ExecuteSqlAsync($"UPDATE children SET merged_into_id = NULL WHERE id = {Copy}"));
        var delete = await Record.ExceptionAsync(() => db.Database.ExecuteSqlAsync($"DELETE FROM children WHERE id = {Copy}"));
        var self = await Record.ExceptionAsync(() => db.Database.ExecuteSqlAsync($"UPDATE children SET merged_into_id = id WHERE id = {W.OwnBoy}"));

        Assert.Contains("itself merged", intoMerged?.Message ?? "(accepted)");
        Assert.Contains("stays merged", unmerge?.Message ?? "(accepted)");
        Assert.Contains("never deleted", delete?.Message ?? "(accepted)");
        Assert.NotNull(self);
        Assert.Null(await db.Children.Where(c => c.Id == W.OwnBoy).Select(c => c.MergedIntoId).SingleAsync());
    }
}

public class ChildRegistryTestsOnSqlite() : ChildRegistryTests(DatabaseProvider.Sqlite);

public class ChildRegistryTestsOnPostgres() : ChildRegistryTests(DatabaseProvider.Postgres);

/// <summary>The duplicate rule itself (ChildDuplicates' summary): folded names, one letter for long names, 31 days, same village.</summary>
public class ChildDuplicateRuleTests
{
    [Theory]
    [InlineData("Rơ Châm H'Nhi", "ro cham h'nhi", true)]      // diacritics and case
    [InlineData("Rơ Châm H'Nhi", "Rơchâm  H'Nhi", true)]      // spacing
    [InlineData("Nguyễn Văn An", "Nguyen Van Anh", true)]     // one letter more, long name
    [InlineData("Nguyễn Văn An", "Nguyen Van Ân", true)]      // diacritic only
    [InlineData("Siu Thị Hoa", "Siu Thi Hoà", true)]
    [InlineData("Siu Thị Hoa", "Siu Thi Hoan", true)]        // 9 letters: one edit allowed
    [InlineData("A Di", "A Du", false)]                      // short: one letter is a different name
    [InlineData("Nguyễn Văn An", "Nguyen Van Anhh", false)]   // two letters
    [InlineData("Nguyễn Văn An", "Trần Văn An", false)]
    public void Names_match_ignoring_diacritics_case_and_spaces_or_by_one_letter_when_long(string a, string b, bool expected) =>
        Assert.Equal(expected, ChildDuplicates.NamesMatch(a, b));

    [Fact]
    public void Birth_dates_at_most_31_days_apart_in_the_same_village()
    {
        Child Kid(int id, DateOnly born, int unit) => new() { Id = id, FullName = "Rơ Châm H'Nhi", DateOfBirth = born, AdminUnitId = unit };
        var a = Kid(1, new DateOnly(2018, 5, 10), 7);

        Assert.True(ChildDuplicates.IsPossibleDuplicate(a, Kid(2, new DateOnly(2018, 6, 10), 7)));
        Assert.False(ChildDuplicates.IsPossibleDuplicate(a, Kid(2, new DateOnly(2018, 6, 11), 7)));
        // Another village: only the same birth date (see the next test), not 31 days.
        Assert.False(ChildDuplicates.IsPossibleDuplicate(a, Kid(2, new DateOnly(2018, 5, 12), 8)));
        Assert.False(ChildDuplicates.IsPossibleDuplicate(a, Kid(1, new DateOnly(2018, 5, 10), 7)));
    }

    [Fact]
    public void Across_places_only_the_same_name_sex_and_birth_date_or_close_when_estimated()
    {
        Child Kid(string name, DateOnly born, int unit, Sex sex = Sex.Female, bool estimated = false) =>
            new() { Id = unit * 10 + born.Day, FullName = name, DateOfBirth = born, AdminUnitId = unit, Sex = sex, DateOfBirthEstimated = estimated };
        var moved = Kid("Rơ Châm H'Nhi", new DateOnly(2018, 5, 10), 7);

        Assert.True(ChildDuplicates.IsPossibleDuplicate(moved, Kid("Ro Cham H'Nhi", new DateOnly(2018, 5, 10), 8)));
        Assert.True(ChildDuplicates.IsPossibleDuplicate(moved, Kid("Rơchâm H'Nhi", new DateOnly(2018, 5, 10), 8)));
        // The looser rules of one village do not reach another: a day off, one letter off, or the other sex.
        Assert.False(ChildDuplicates.IsPossibleDuplicate(moved, Kid("Rơ Châm H'Nhi", new DateOnly(2018, 5, 11), 8)));
        Assert.False(ChildDuplicates.IsPossibleDuplicate(moved, Kid("Rơ Châm H'Nhiê", new DateOnly(2018, 5, 10), 8)));
        Assert.False(ChildDuplicates.IsPossibleDuplicate(moved, Kid("Rơ Châm H'Nhi", new DateOnly(2018, 5, 10), 8, Sex.Male)));
        // An estimated date (a year alone is 01/07) may be off by up to 31 days.
        Assert.True(ChildDuplicates.IsPossibleDuplicate(moved, Kid("Rơ Châm H'Nhi", new DateOnly(2018, 6, 1), 8, estimated: true)));
        Assert.False(ChildDuplicates.IsPossibleDuplicate(moved, Kid("Rơ Châm H'Nhi", new DateOnly(2018, 7, 1), 8, estimated: true)));
    }
}
