using ChildAid.Shared.Children;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Data;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Interventions;

/// <summary>What a person enters to create or change an intervention.</summary>
public class InterventionInput
{
    public string? Name { get; set; }
    public InterventionKind? Kind { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public long? BudgetVnd { get; set; }
    public int? HealthStationId { get; set; }
    public List<int> SiteIds { get; set; } = [];
    public List<int> CampaignIds { get; set; } = [];
    public int? BaselineSessionId { get; set; }
    public int? EndlineSessionId { get; set; }
    public string? Notes { get; set; }

    public static InterventionInput From(Intervention i) => new()
    {
        Name = i.Name, Kind = i.Kind, StartsOn = i.StartsOn, EndsOn = i.EndsOn, BudgetVnd = i.BudgetVnd, HealthStationId = i.HealthStationId,
        SiteIds = i.Sites.Select(s => s.OrganisationId).ToList(), CampaignIds = i.Campaigns.Select(c => c.CampaignId).ToList(),
        BaselineSessionId = i.BaselineSessionId, EndlineSessionId = i.EndlineSessionId, Notes = i.Notes,
    };
}

/// <summary>A child as the enrolment list and search show them (name, birth date, school and class).</summary>
public sealed record EnrolmentChild(int Id, string FullName, DateOnly DateOfBirth, string? School, string? ClassName);

public sealed record InterventionRow(int Id, string Name, InterventionKind Kind, DateOnly StartsOn, DateOnly EndsOn, long BudgetVnd,
    int Sites, int Enrolled, DateOnly? Baseline, DateOnly? Endline);

/// <summary>What the form offers: sites and stations in the reader's scope, their sessions, the campaigns.</summary>
public sealed record InterventionChoices(IReadOnlyList<Organisation> Sites, IReadOnlyList<SessionRow> Sessions, IReadOnlyList<Campaign> Campaigns);

/// <summary>
/// Interventions within the reader's units and organisation (query filters): list, create, change, and enrol the
/// children of their sites. The evaluation is <see cref="InterventionEvaluation"/>.
/// </summary>
public class InterventionService(ChildAidDbContext db, CheckupService checkups, AuditActor actor, TimeProvider clock)
{
    public async Task<IReadOnlyList<InterventionRow>> ListAsync(CancellationToken ct = default) =>
        await db.Interventions.AsNoTracking().OrderByDescending(i => i.StartsOn).ThenBy(i => i.Name)
            .Select(i => new InterventionRow(i.Id, i.Name, i.Kind, i.StartsOn, i.EndsOn, i.BudgetVnd, i.Sites.Count, i.Children.Count,
                (DateOnly?)i.BaselineSession!.HeldOn, (DateOnly?)i.EndlineSession!.HeldOn))
            .ToListAsync(ct);

    public Task<Intervention?> FindAsync(int id, CancellationToken ct = default) =>
        db.Interventions.AsNoTracking().Include(i => i.Sites).ThenInclude(s => s.Organisation).Include(i => i.Campaigns).ThenInclude(c => c.Campaign)
            .Include(i => i.BaselineSession).Include(i => i.EndlineSession).Include(i => i.HealthStation)
            .AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, ct);

    public Task<int> EnrolledCountAsync(int id, CancellationToken ct = default) =>
        db.InterventionChildren.CountAsync(c => c.InterventionId == id, ct);

    public async Task<InterventionChoices> ChoicesAsync(CancellationToken ct = default) => new(
        await checkups.SitesAsync(ct),
        await checkups.SessionsAsync(ct),
        await db.Campaigns.AsNoTracking().OrderByDescending(c => c.StartDate).ThenBy(c => c.Title).ToListAsync(ct));

    public Task<Outcome<Intervention>> CreateAsync(InterventionInput input, CancellationToken ct = default) => SaveAsync(null, input, ct);

    public Task<Outcome<Intervention>> UpdateAsync(int id, InterventionInput input, CancellationToken ct = default) => SaveAsync(id, input, ct);

    private async Task<Outcome<Intervention>> SaveAsync(int? id, InterventionInput input, CancellationToken ct)
    {
        Intervention? intervention = null;
        if (id is { } existing)
        {
            intervention = await db.Interventions.Include(i => i.Sites).Include(i => i.Campaigns).FirstOrDefaultAsync(i => i.Id == existing, ct);
            if (intervention is null) return Outcome<Intervention>.Fail("", "Không tìm thấy chương trình trong phạm vi của bạn.");
        }
        var errors = new Dictionary<string, string>();
        if (input.Kind is null) errors[nameof(input.Kind)] = "Vui lòng chọn loại chương trình.";
        if (input.StartsOn is null) errors[nameof(input.StartsOn)] = "Vui lòng nhập ngày bắt đầu (dd/mm/yyyy).";
        if (input.EndsOn is null) errors[nameof(input.EndsOn)] = "Vui lòng nhập ngày kết thúc (dd/mm/yyyy).";
        if (input.BudgetVnd is null) errors[nameof(input.BudgetVnd)] = "Vui lòng nhập kinh phí (đồng), 0 nếu chưa có.";

        var choices = await ChoicesAsync(ct);
        var siteIds = input.SiteIds.Distinct().ToList();
        var sites = choices.Sites.Where(o => siteIds.Contains(o.Id)).ToList();
        if (siteIds.Count == 0) errors[nameof(input.SiteIds)] = "Chọn ít nhất một trường hoặc trạm y tế.";
        else if (sites.Count != siteIds.Count) errors[nameof(input.SiteIds)] = "Chỉ chọn trường, trạm y tế trong phạm vi của bạn.";
        var station = input.HealthStationId is { } stationId ? choices.Sites.FirstOrDefault(o => o.Id == stationId && o.Type == OrganisationType.HealthCentre) : null;
        if (input.HealthStationId is not null && station is null) errors[nameof(input.HealthStationId)] = "Vui lòng chọn trạm y tế trong phạm vi của bạn.";
        // A health worker's interventions must name their own station, or they could not read what they just made.
        if (db.OrganisationScope is { } mine && (station is null || !mine.Contains(station.Id)))
            errors[nameof(input.HealthStationId)] = "Chọn trạm y tế của bạn làm đơn vị tổ chức.";
        var sessionIds = choices.Sessions.ToDictionary(s => s.Id);
        if (input.BaselineSessionId is { } b && !sessionIds.ContainsKey(b)) errors[nameof(input.BaselineSessionId)] = "Chọn buổi khám trong phạm vi của bạn.";
        if (input.EndlineSessionId is { } e && !sessionIds.ContainsKey(e)) errors[nameof(input.EndlineSessionId)] = "Chọn buổi khám trong phạm vi của bạn.";
        else if (input.BaselineSessionId is { } b2 && input.EndlineSessionId is { } e2 && sessionIds.TryGetValue(b2, out var first)
                 && sessionIds[e2].HeldOn <= first.HeldOn)
            errors[nameof(input.EndlineSessionId)] = "Buổi khám cuối kỳ phải sau buổi khám đầu kỳ.";
        var campaignIds = input.CampaignIds.Distinct().ToList();
        if (campaignIds.Any(c => choices.Campaigns.All(x => x.Id != c))) errors[nameof(input.CampaignIds)] = "Không tìm thấy chiến dịch đã chọn.";
        if (NameRule.Check(input.Name, 200, "Vui lòng nhập tên chương trình.", "Tên chương trình tối đa 200 ký tự.") is { } nameProblem)
            errors[nameof(input.Name)] = nameProblem;

        // A school with meal days stays a site: the days hang off the site row (the database refuses the removal too).
        if (intervention is not null && intervention.Sites.Where(s => !siteIds.Contains(s.OrganisationId)).Select(s => s.OrganisationId).ToList() is { Count: > 0 } dropped
            && await db.MealDays.IgnoreQueryFilters().AnyAsync(m => m.InterventionId == intervention.Id && dropped.Contains(m.SchoolId), ct))
            errors[nameof(input.SiteIds)] = "Một trường bỏ khỏi chương trình đã có số suất ăn: giữ trường đó lại.";
        // Meal days already entered stay inside the period: a shorter period would leave them outside it.
        if (intervention is not null && input.StartsOn is { } startsOn && input.EndsOn is { } endsOn
            && await db.MealDays.IgnoreQueryFilters().Where(m => m.InterventionId == intervention.Id && (m.ServedOn < startsOn || m.ServedOn > endsOn))
                .OrderBy(m => m.ServedOn).Select(m => (DateOnly?)m.ServedOn).FirstOrDefaultAsync(ct) is { } outside)
            errors[outside < startsOn ? nameof(input.StartsOn) : nameof(input.EndsOn)] =
                Localization.Messages.Format("Đã có số suất ăn ngày {0}, ngoài thời gian mới: giữ ngày đó trong thời gian chương trình.", Text.VietnameseFormat.Date(outside));
        var isNew = intervention is null;
        var previousStation = intervention?.HealthStationId;
        intervention ??= new Intervention { CreatedBy = actor.Name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        intervention.Name = input.Name?.Trim() ?? "";
        intervention.Kind = input.Kind ?? InterventionKind.Other;
        intervention.StartsOn = input.StartsOn ?? default;
        intervention.EndsOn = input.EndsOn ?? default;
        intervention.BudgetVnd = input.BudgetVnd ?? 0;
        intervention.HealthStationId = station?.Id;
        intervention.BaselineSessionId = input.BaselineSessionId;
        intervention.EndlineSessionId = input.EndlineSessionId;
        intervention.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        foreach (var (field, message) in intervention.Problems()) errors.TryAdd(field, message);
        if (errors.Count > 0)
        {
            // Nothing of this attempt may reach the database with a later save of the same context.
            if (!isNew) await db.Entry(intervention).ReloadAsync(ct);
            return Outcome<Intervention>.Fail(errors);
        }
        // The unit is the first site's (like a session's): whoever covers it reads the intervention.
        intervention.AdminUnitId = sites.OrderBy(s => s.Id == siteIds[0] ? 0 : 1).First().AdminUnitId;
        intervention.Sites.RemoveAll(s => !siteIds.Contains(s.OrganisationId));
        intervention.Sites.AddRange(siteIds.Where(s => intervention.Sites.All(x => x.OrganisationId != s)).Select(s => new InterventionSite { OrganisationId = s }));
        intervention.Campaigns.RemoveAll(c => !campaignIds.Contains(c.CampaignId));
        intervention.Campaigns.AddRange(campaignIds.Where(c => intervention.Campaigns.All(x => x.CampaignId != c)).Select(c => new InterventionCampaign { CampaignId = c }));
        if (isNew) db.Interventions.Add(intervention);
        await db.SaveChangesAsync(ct);
        // Meal days carry the programme's station for the organisation filter: they follow it to the new one.
        if (!isNew && previousStation != intervention.HealthStationId)
            await db.MealDays.IgnoreQueryFilters().Where(m => m.InterventionId == intervention.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.HealthStationId, intervention.HealthStationId), ct);
        return Outcome<Intervention>.Ok(intervention);
    }

    /// <summary>
    /// Enrols every child of the intervention's sites the reader may see (pupils of its schools, children its stations
    /// look after) who is not enrolled yet; returns how many were added.
    /// </summary>
    public async Task<int?> EnrolSiteChildrenAsync(int id, CancellationToken ct = default)
    {
        // Tracked, so the audit rows of the enrolments take the intervention's unit.
        var intervention = await db.Interventions.Include(i => i.Sites).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (intervention is null) return null;
        var siteIds = intervention.Sites.Select(s => s.OrganisationId).ToList();
        var childIds = await db.Children.AsNoTracking().InRegistry()
            .Where(c => c.SchoolId != null && siteIds.Contains(c.SchoolId.Value) || c.HealthStationId != null && siteIds.Contains(c.HealthStationId.Value))
            .Where(c => !db.InterventionChildren.Any(e => e.InterventionId == id && e.ChildId == c.Id))
            .Select(c => c.Id).ToListAsync(ct);
        db.InterventionChildren.AddRange(childIds.Select(c => new InterventionChild { InterventionId = id, ChildId = c }));
        await db.SaveChangesAsync(ct);
        return childIds.Count;
    }

    public const int EnrolmentListLimit = 500, SearchLimit = 20;

    /// <summary>Enrolled children the reader may see, by name (the first <see cref="EnrolmentListLimit"/>); null when the intervention is not in scope.</summary>
    public async Task<IReadOnlyList<EnrolmentChild>?> EnrolledChildrenAsync(int id, CancellationToken ct = default)
    {
        if (!await db.Interventions.AnyAsync(i => i.Id == id, ct)) return null;
        return await db.InterventionChildren.AsNoTracking().Where(e => e.InterventionId == id).Select(e => e.Child!)
            .OrderBy(c => c.SearchText).ThenBy(c => c.Id).Take(EnrolmentListLimit)
            .Select(c => new EnrolmentChild(c.Id, c.FullName, c.DateOfBirth, c.School!.Name, c.ClassName)).ToListAsync(ct);
    }

    /// <summary>
    /// Children in the reader's scope whose name contains the words typed, without diacritics ("dung" finds "A Dũng"),
    /// who are not enrolled yet; the first <see cref="SearchLimit"/> by name.
    /// </summary>
    public async Task<IReadOnlyList<EnrolmentChild>> SearchChildrenAsync(int id, string? query, CancellationToken ct = default)
    {
        var folded = Text.TextFolding.Fold(query);
        if (folded.Length < 2) return [];
        return await db.Children.AsNoTracking().InRegistry()
            .Where(c => c.SearchText.Contains(folded) && !db.InterventionChildren.Any(e => e.InterventionId == id && e.ChildId == c.Id))
            .OrderBy(c => c.SearchText).ThenBy(c => c.Id).Take(SearchLimit)
            .Select(c => new EnrolmentChild(c.Id, c.FullName, c.DateOfBirth, c.School!.Name, c.ClassName)).ToListAsync(ct);
    }

    /// <summary>Enrols one child (audited by the interceptor). Fails when either is outside the reader's scope or the child is enrolled already.</summary>
    public async Task<Outcome<EnrolmentChild>> EnrolChildAsync(int id, int childId, CancellationToken ct = default)
    {
        // Tracked, so the audit row of the enrolment takes the intervention's unit.
        if (await db.Interventions.FirstOrDefaultAsync(i => i.Id == id, ct) is null) return Outcome<EnrolmentChild>.Fail("", "Không tìm thấy chương trình trong phạm vi của bạn.");
        var child = await db.Children.AsNoTracking().Where(c => c.Id == childId)
            .Select(c => new EnrolmentChild(c.Id, c.FullName, c.DateOfBirth, c.School!.Name, c.ClassName)).FirstOrDefaultAsync(ct);
        if (child is null) return Outcome<EnrolmentChild>.Fail("ChildId", "Không tìm thấy trẻ trong phạm vi của bạn.");
        if (await db.InterventionChildren.AnyAsync(e => e.InterventionId == id && e.ChildId == childId, ct))
            return Outcome<EnrolmentChild>.Fail("ChildId", "Trẻ này đã được ghi danh.");
        db.InterventionChildren.Add(new InterventionChild { InterventionId = id, ChildId = childId });
        await db.SaveChangesAsync(ct);
        return Outcome<EnrolmentChild>.Ok(child);
    }

    /// <summary>Takes one child off the intervention (audited); their measurements stay, the evaluation no longer counts them.</summary>
    public async Task<Outcome<EnrolmentChild>> UnenrolChildAsync(int id, int childId, CancellationToken ct = default)
    {
        // Tracked, so the audit row of the enrolment takes the intervention's unit.
        if (await db.Interventions.FirstOrDefaultAsync(i => i.Id == id, ct) is null) return Outcome<EnrolmentChild>.Fail("", "Không tìm thấy chương trình trong phạm vi của bạn.");
        var enrolment = await db.InterventionChildren.Include(e => e.Child).FirstOrDefaultAsync(e => e.InterventionId == id && e.ChildId == childId, ct);
        if (enrolment?.Child is not { } c) return Outcome<EnrolmentChild>.Fail("ChildId", "Trẻ này chưa được ghi danh.");
        db.InterventionChildren.Remove(enrolment);
        await db.SaveChangesAsync(ct);
        return Outcome<EnrolmentChild>.Ok(new EnrolmentChild(c.Id, c.FullName, c.DateOfBirth, null, c.ClassName));
    }
}
