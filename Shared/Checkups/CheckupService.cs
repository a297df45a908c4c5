using ChildAid.Shared.Audit;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Checkups;

public class SessionInput
{
    public DateOnly? HeldOn { get; set; }
    public int SiteId { get; set; }
    public int? HealthStationId { get; set; }
    public string? Team { get; set; }
}

public sealed record SessionRow(int Id, DateOnly HeldOn, string Site, string? HealthStation, string Team, int Measured);

/// <summary>A child of the class list, with this session's measurement (if any) and the one before it.</summary>
public sealed record GridChild(int ChildId, string FullName, DateOnly DateOfBirth, bool DateOfBirthEstimated, Sex Sex, Measurement? Current, Measurement? Previous, DateOnly? PreviousOn);

/// <summary>
/// Check-up sessions and their measurements, within the reader's units and organisation (query filters). Saving a
/// class is all or nothing; each measurement stores its z-scores with the WHO reference version used.
/// </summary>
public class CheckupService(ChildAidDbContext db, GrowthReference growth, AuditActor actor, TimeProvider clock)
{
    public static readonly OrganisationType[] SiteTypes = [OrganisationType.School, OrganisationType.HealthCentre];

    /// <summary>Schools and health stations the reader may hold a session at: in their units, and their own organisation if bound to one.</summary>
    public async Task<IReadOnlyList<Organisation>> SitesAsync(CancellationToken ct = default) =>
        await db.Organisations.AsNoTracking()
            .Where(o => SiteTypes.Contains(o.Type) && (db.UnitScope == null || db.UnitScope.Contains(o.AdminUnitId))
                        && (db.OrganisationScope == null || db.OrganisationScope.Contains(o.Id) || o.Type == OrganisationType.School))
            .OrderBy(o => o.Type).ThenBy(o => o.Name).ToListAsync(ct);

    public async Task<IReadOnlyList<SessionRow>> SessionsAsync(CancellationToken ct = default) =>
        await db.CheckupSessions.AsNoTracking().OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.Id).Take(200)
            .Select(s => new SessionRow(s.Id, s.HeldOn, s.Site!.Name, s.HealthStation!.Name, s.Team, s.Measurements.Count))
            .ToListAsync(ct);

    public Task<CheckupSession?> FindSessionAsync(int id, CancellationToken ct = default) =>
        db.CheckupSessions.AsNoTracking().Include(s => s.Site).Include(s => s.HealthStation).FirstOrDefaultAsync(s => s.Id == id, ct);

    public async Task<Outcome<CheckupSession>> CreateSessionAsync(SessionInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var today = Time.VietnamClock.VietnamToday(clock);
        if (input.HeldOn is not { } day) errors[nameof(input.HeldOn)] = "Vui lòng nhập ngày khám (dd/mm/yyyy).";
        else if (day > today || day < today.AddYears(-5)) errors[nameof(input.HeldOn)] = "Ngày khám phải trong 5 năm qua và không sau hôm nay.";
        var sites = await SitesAsync(ct);
        var site = sites.FirstOrDefault(o => o.Id == input.SiteId);
        if (site is null) errors[nameof(input.SiteId)] = "Vui lòng chọn trường hoặc trạm y tế trong phạm vi của bạn.";
        var station = input.HealthStationId is { } stationId ? sites.FirstOrDefault(o => o.Id == stationId && o.Type == OrganisationType.HealthCentre) : null;
        if (input.HealthStationId is not null && station is null) errors[nameof(input.HealthStationId)] = "Vui lòng chọn trạm y tế trong phạm vi của bạn.";
        // A health worker's sessions must name their own station, or they could not read what they just made.
        if (site is not null && db.OrganisationScope is { } mine && !mine.Contains(site.Id) && (station is null || !mine.Contains(station.Id)))
            errors[nameof(input.HealthStationId)] = "Chọn trạm y tế của bạn làm đơn vị khám.";
        if (string.IsNullOrWhiteSpace(input.Team)) errors[nameof(input.Team)] = "Vui lòng ghi đoàn khám (ai đo, ai khám).";
        else if (input.Team.Trim().Length > 300) errors[nameof(input.Team)] = "Đoàn khám tối đa 300 ký tự.";
        if (errors.Count > 0) return Outcome<CheckupSession>.Fail(errors);
        var session = new CheckupSession
        {
            HeldOn = input.HeldOn!.Value, SiteId = site!.Id, HealthStationId = station?.Id, AdminUnitId = site.AdminUnitId,
            Team = input.Team!.Trim(), CreatedBy = actor.Name, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CheckupSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return Outcome<CheckupSession>.Ok(session);
    }

    /// <summary>The classes of the session's school (the children the reader may see), for the class picker.</summary>
    public async Task<IReadOnlyList<string>> ClassesAsync(CheckupSession session, CancellationToken ct = default) =>
        (await ClassChildren(session, null).Where(c => c.ClassName != null).Select(c => c.ClassName!).Distinct().ToListAsync(ct))
            .Order(StringComparer.Create(Text.VietnameseFormat.Culture, false)).ToList();

    /// <summary>
    /// The class list: children of the session's school in that class (or, at a health station, the children it looks
    /// after), with what was measured in this session and at the visit before.
    /// </summary>
    public async Task<IReadOnlyList<GridChild>> GridAsync(CheckupSession session, string? className, CancellationToken ct = default)
    {
        var children = await ClassChildren(session, className).OrderBy(c => c.SearchText).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.FullName, c.DateOfBirth, c.DateOfBirthEstimated, c.Sex }).ToListAsync(ct);
        var ids = children.Select(c => c.Id).ToList();
        var measured = await db.Measurements.AsNoTracking().Where(m => ids.Contains(m.ChildId) && m.Session!.HeldOn <= session.HeldOn)
            .Select(m => new { Measurement = m, m.Session!.HeldOn }).ToListAsync(ct);
        return children.Select(c =>
        {
            var mine = measured.Where(m => m.Measurement.ChildId == c.Id).ToList();
            var current = mine.FirstOrDefault(m => m.Measurement.SessionId == session.Id)?.Measurement;
            var previous = mine.Where(m => m.Measurement.SessionId != session.Id).OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Measurement.Id).FirstOrDefault();
            return new GridChild(c.Id, c.FullName, c.DateOfBirth, c.DateOfBirthEstimated, c.Sex, current, previous?.Measurement, previous?.HeldOn);
        }).ToList();
    }

    private IQueryable<Child> ClassChildren(CheckupSession session, string? className)
    {
        var children = db.Children.AsNoTracking().InRegistry();
        children = session.Site?.Type == OrganisationType.HealthCentre
            ? children.Where(c => c.HealthStationId == session.SiteId)
            : children.Where(c => c.SchoolId == session.SiteId);
        return className is null ? children : children.Where(c => c.ClassName == className);
    }

    /// <summary>
    /// Saves the rows of one class in one transaction: every row is checked first and nothing is written if one is
    /// wrong (messages keyed "Rows[i].Field"). An empty row removes that child's measurement from the session.
    /// Z-scores are computed when the WHO tables are installed; otherwise the problem is returned in
    /// <see cref="GridSaved.ReferenceProblem"/> and `growth recompute` fills them in later.
    /// </summary>
    public async Task<Outcome<GridSaved>> SaveGridAsync(int sessionId, IReadOnlyList<MeasurementInput> rows, CancellationToken ct = default)
    {
        var session = await db.CheckupSessions.Include(s => s.Site).FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null) return Outcome<GridSaved>.Fail("", "Không tìm thấy buổi khám trong phạm vi của bạn.");
        var ids = rows.Select(r => r.ChildId).Distinct().ToList();
        var children = await db.Children.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var errors = new Dictionary<string, string>();
        var checkedRows = new List<(int ChildId, Measured? Values)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!children.ContainsKey(row.ChildId)) { errors[$"Rows[{i}].ChildId"] = "Không tìm thấy trẻ trong phạm vi của bạn."; continue; }
            if (row.IsEmpty) { checkedRows.Add((row.ChildId, null)); continue; }
            var (values, rowErrors) = MeasurementRules.Check(row, session.HeldOn.DayNumber - children[row.ChildId].DateOfBirth.DayNumber);
            foreach (var (field, message) in rowErrors) errors[$"Rows[{i}].{field}"] = message;
            if (values is not null) checkedRows.Add((row.ChildId, values));
        }
        if (ids.Count != rows.Count) errors[""] = "Mỗi trẻ chỉ một dòng.";
        if (errors.Count > 0) return Outcome<GridSaved>.Fail(errors);

        return Outcome<GridSaved>.Ok(await StoreAsync(session, checkedRows.Select(r => (r.ChildId, children[r.ChildId].Sex, children[r.ChildId].DateOfBirth, r.Values)).ToList(), ct));
    }

    /// <summary>
    /// Writes checked rows of one session (null values remove the child's measurement), with z-scores when the WHO tables
    /// are installed; the grid and the Excel import both store through here. The caller owns the transaction.
    /// </summary>
    public async Task<GridSaved> StoreAsync(CheckupSession session, IReadOnlyList<(int ChildId, Sex Sex, DateOnly DateOfBirth, Measured? Values)> rows,
        CancellationToken ct = default)
    {
        var calculator = growth.TryGetCalculator(out var c, out var problem) ? c : null;
        var ids = rows.Select(r => r.ChildId).ToList();
        var existing = await db.Measurements.Where(m => m.SessionId == session.Id && ids.Contains(m.ChildId)).ToDictionaryAsync(m => m.ChildId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var saved = 0;
        foreach (var (childId, sex, born, values) in rows)
        {
            existing.TryGetValue(childId, out var m);
            if (values is null)
            {
                if (m is not null) db.Measurements.Remove(m);
                continue;
            }
            if (m is null)
            {
                m = new Measurement { SessionId = session.Id, ChildId = childId, AdminUnitId = session.AdminUnitId };
                db.Measurements.Add(m);
            }
            values.CopyTo(m);
            m.RecordedBy = actor.Name;
            m.RecordedAt = now;
            if (calculator is not null) MeasurementScores.Apply(m, sex, born, session.HeldOn, calculator);
            else m.ReferenceVersion = null;
            saved++;
        }
        await db.SaveChangesAsync(ct);
        return new GridSaved(saved, calculator is null ? problem : null);
    }

    /// <summary>The z-scores and warnings of one row as typed, for the grid's instant preview; nothing is stored.</summary>
    public async Task<Outcome<RowPreview>> PreviewAsync(int sessionId, MeasurementInput row, CancellationToken ct = default)
    {
        var session = await db.CheckupSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        var child = await db.Children.AsNoTracking().FirstOrDefaultAsync(c => c.Id == row.ChildId, ct);
        if (session is null || child is null) return Outcome<RowPreview>.Fail("", "Không tìm thấy trong phạm vi của bạn.");
        var (values, errors) = MeasurementRules.Check(row, session.HeldOn.DayNumber - child.DateOfBirth.DayNumber);
        if (values is null) return Outcome<RowPreview>.Fail(errors);
        if (!growth.TryGetCalculator(out var calculator, out var problem)) return Outcome<RowPreview>.Fail("", problem!);
        var m = new Measurement();
        values.CopyTo(m);
        var result = calculator.Compute(MeasurementScores.Input(m, child.Sex, child.DateOfBirth, session.HeldOn));
        var previous = await db.Measurements.AsNoTracking()
            .Where(p => p.ChildId == child.Id && p.SessionId != sessionId && p.Session!.HeldOn <= session.HeldOn)
            .OrderByDescending(p => p.Session!.HeldOn).ThenByDescending(p => p.Id)
            .Select(p => new { Measurement = p, p.Session!.HeldOn }).FirstOrDefaultAsync(ct);
        return Outcome<RowPreview>.Ok(new RowPreview(result, MeasurementWarnings.For(result.Flags, values.WeightKg, values.LengthCm, session.HeldOn, previous?.Measurement, previous?.HeldOn),
            MeasurementScores.SkinfoldNote(result, values.TricepsSkinfoldMm, values.SubscapularSkinfoldMm)));
    }

    /// <summary>A child's record with every measurement the reader may see, oldest first; null when not in scope.</summary>
    public async Task<ChildGrowth?> ChildGrowthAsync(int childId, CancellationToken ct = default)
    {
        var child = await db.Children.AsNoTracking().InRegistry().Include(c => c.School).Include(c => c.AdminUnit).FirstOrDefaultAsync(c => c.Id == childId, ct);
        if (child is null) return null;
        var visits = await db.Measurements.AsNoTracking().Where(m => m.ChildId == childId)
            .OrderBy(m => m.Session!.HeldOn).ThenBy(m => m.Id)
            .Select(m => new Visit(m.Session!.HeldOn, m.Session.Site!.Name, m)).ToListAsync(ct);
        return new ChildGrowth(child, visits);
    }
}

/// <summary><paramref name="SkinfoldNote"/>: why a skinfold typed has no z-score (the child's age), else null.</summary>
public sealed record RowPreview(GrowthResult Result, IReadOnlyList<string> Warnings, string? SkinfoldNote = null);

public sealed record GridSaved(int Saved, string? ReferenceProblem);

public sealed record Visit(DateOnly On, string Site, Measurement Measurement);

public sealed record ChildGrowth(Child Child, IReadOnlyList<Visit> Visits);
