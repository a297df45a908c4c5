using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.PublicNeeds;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Demo;

/// <summary>
/// The needs review part of the demo: circumstance groups of the synthetic children, places in a cold highland zone or
/// hit by a disaster, and reviews in every state — Ia Đal 2024 approved by the district (submitted before 1 July 2025),
/// Ia Đal 2026 approved by the province with a draft revision open, Ia Tơi 2026 waiting for the province, Ia Tơi 2025
/// returned with a comment — plus support declared by the Red Cross and the Women's Union. Written as entities through
/// their own transitions (a bulk load, not staff work); levels come from <see cref="NeedPriority"/> as for staff.
/// </summary>
public static class DemoNeeds
{
    private static readonly DateOnly Reform = new(2025, 7, 1);
    private const string RedCross = "Hội Chữ thập đỏ huyện Ia H'Drai (demo)";
    private const string WomensUnion = "Hội Liên hiệp Phụ nữ huyện Ia H'Drai (demo)";

    /// <summary>Village codes in a cold highland zone, and villages with the year a disaster hit them (both rows of each village).</summary>
    public static readonly string[] ColdHighlandVillages = ["23535-05", "23535-06", "23538-04", "23538-05"];
    public static readonly IReadOnlyDictionary<string, int> DisasterVillages = new Dictionary<string, int>
    {
        ["23535-03"] = 2024, // lũ quét tháng 9/2024
        ["23538-02"] = 2026, // sạt lở tháng 10/2026
        ["23537-02"] = 2025, ["23538-07"] = 2025, // Ia Dom's Thôn 2, Thôn 7 of Ia Tơi since the merger
    };

    /// <summary>A synthetic child's groups, the same on every load (a stable hash of name and birth date, not a random draw).</summary>
    public static CircumstanceGroups CircumstancesFor(string fullName, DateOnly born, string ethnicGroup)
    {
        var h = 2166136261u;
        foreach (var ch in $"{fullName}|{born:yyyyMMdd}") h = (h ^ ch) * 16777619u;
        var roll = (int)(h % 1000);
        var groups = CircumstanceGroups.None;
        if (roll < 250) groups |= CircumstanceGroups.PoorHousehold;
        else if (roll < 400) groups |= CircumstanceGroups.NearPoorHousehold;
        var second = (int)(h / 1000 % 1000);
        if (second < 20) groups |= CircumstanceGroups.OrphanBothParents;
        else if (second < 80) groups |= CircumstanceGroups.OrphanOneParent;
        else if (second < 120) groups |= CircumstanceGroups.Disability;
        else if (second < 130) groups |= CircumstanceGroups.WithoutCare;
        else if (second < 140) groups |= CircumstanceGroups.AffectedByHiv;
        if (ethnicGroup.Length > 0 && ethnicGroup != "Kinh") groups |= CircumstanceGroups.EthnicMinority;
        return groups;
    }

    /// <summary>Marks the demo villages' conditions (idempotent: sets the same values each load).</summary>
    public static async Task PlacesAsync(ChildAidDbContext db, CancellationToken ct)
    {
        foreach (var v in await db.AdminUnits.Where(u => u.IsDemo && u.Level == AdminUnitLevel.Village).ToListAsync(ct))
        {
            v.ColdHighland = ColdHighlandVillages.Contains(v.Code);
            v.DisasterYear = DisasterVillages.TryGetValue(v.Code, out var y) ? y : null;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the demo reviews and declared supports unless the demo communes already have reviews. Returns how many reviews were added.</summary>
    public static async Task<int> ReviewsAsync(ChildAidDbContext db, NeedPriority priority, PublicNeedsProjection projection, CancellationToken ct)
    {
        var units = await db.AdminUnits.AsNoTracking().ToListAsync(ct);
        var tree = new AdminUnitTree(units);
        AdminUnit Commune(string code, DateOnly on) => units.Single(u => u.Code == code && u.Level == AdminUnitLevel.Commune && u.IsValidOn(on));
        var iaDalOld = Commune("23535", new DateOnly(2024, 9, 1));
        var iaDal = Commune("23535", Reform);
        var iaToi = Commune("23538", Reform);
        var communes = new[] { iaDalOld.Id, iaDal.Id, iaToi.Id };
        if (await db.NeedsReviews.IgnoreQueryFilters().AnyAsync(r => communes.Contains(r.AdminUnitId), ct)) return 0;

        var staff = await db.Users.Where(u => u.Email != null && u.Email.EndsWith("@demo.childaid.example")).ToDictionaryAsync(u => u.Email!, u => u.Id, ct);
        string Who(string local) => staff.GetValueOrDefault($"{local}@demo.childaid.example") ?? DemoSeeder.ActorName;
        var children = await db.Children.IgnoreQueryFilters().AsNoTracking().Where(c => c.IsDemo).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.AdminUnitId, c.DateOfBirth, c.SchoolId }).ToListAsync(ct);
        var schools = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.School && o.IsDemo).ToListAsync(ct);
        var items = await db.NeedItems.AsNoTracking().ToDictionaryAsync(i => i.Code, ct);

        List<(int Id, DateOnly Born, int? School)> ChildrenOf(AdminUnit commune, int take, int skip = 0)
        {
            var covered = tree.Covered([commune.Id]);
            return children.Where(c => covered.Contains(c.AdminUnitId)).Skip(skip).Take(take).Select(c => (c.Id, c.DateOfBirth, c.SchoolId)).ToList();
        }

        NeedsReview Review(AdminUnit commune, int year, int revision = 1) =>
            NeedsReview.Open(commune.Id, year, Who(commune.Code == "23535" ? "xa.iadal" : "xa.iatoi"), Utc(new DateOnly(year, 9, 20)), revision);

        // Each child: a winter jacket in their size (or a blanket outside the bands), every third one lunch meals, every fifth a check-up.
        void Lines(NeedsReview review, AdminUnit commune, int count, int skip = 0)
        {
            var winter = (new DateOnly(review.Year, 11, 1), new DateOnly(review.Year + 1, 3, 1).AddDays(-1));
            var n = 0;
            foreach (var (id, born, _) in ChildrenOf(commune, count, skip))
            {
                var band = NeedLabels.BandForAge(PriorityAssessment.AgeOn(born, winter.Item1));
                var item = band is null ? items["blanket"] : items["winter-jacket"];
                review.Lines.Add(Line(commune, NeedTarget.Child, id, null, item, band, 1, winter));
                if (n % 3 == 0) review.Lines.Add(Line(commune, NeedTarget.Child, id, null, items["lunch-meal"], null, 150, (review.PeriodStart, new DateOnly(review.Year + 1, 5, 31))));
                if (n % 5 == 0) review.Lines.Add(Line(commune, NeedTarget.Child, id, null, items["health-check"], null, 1, (review.PeriodStart, review.PeriodEnd)));
                n++;
            }
            var school = schools.Where(s => tree.Covered([commune.Id]).Contains(s.AdminUnitId)).OrderBy(s => s.Name).FirstOrDefault();
            if (school is not null)
            {
                var line = Line(commune, NeedTarget.School, null, school.Id, items["play-equipment"], null, 2, (review.PeriodStart, review.PeriodEnd));
                line.ChildrenCount = 120;
                review.Lines.Add(line);
            }
            var day = Line(commune, NeedTarget.Commune, null, null, items["activity"], null, 4, (review.PeriodStart, review.PeriodEnd));
            day.ChildrenCount = 200;
            day.Note = "Ngày hội vui chơi cho trẻ em toàn xã, mỗi quý một lần.";
            review.Lines.Add(day);
        }

        // Ia Đal 2024–2025: submitted 10/3/2025, before the reform: the district decides.
        var dal2024 = Review(iaDalOld, 2024);
        Lines(dal2024, iaDalOld, 12);
        var dal2026 = Review(iaDal, 2026);
        Lines(dal2026, iaDal, 16);
        // The school lunch programme of Ia Đal's other school: the demo's meals served are booked against this line.
        var lunchSchool = schools.Where(s => tree.Covered([iaDal.Id]).Contains(s.AdminUnitId)).OrderByDescending(s => s.Name).FirstOrDefault();
        if (lunchSchool is not null)
        {
            var lunch = Line(iaDal, NeedTarget.School, null, lunchSchool.Id, items["lunch-meal"], null, 2_000, (dal2026.PeriodStart, dal2026.PeriodEnd));
            lunch.ChildrenCount = 30;
            lunch.Note = "Dữ liệu demo: bữa trưa bán trú của điểm trường.";
            dal2026.Lines.Add(lunch);
            // Jackets for its boarding pupils, which the demo buys from a shop with donated money (DemoPurchases).
            var jackets = Line(iaDal, NeedTarget.School, null, lunchSchool.Id, items["winter-jacket"], SizeBand.Age9To11, 40, (new DateOnly(2026, 11, 1), new DateOnly(2027, 2, 28)));
            jackets.ChildrenCount = 40;
            jackets.Note = "Dữ liệu demo: áo ấm cho học sinh bán trú của điểm trường.";
            dal2026.Lines.Add(jackets);
        }
        var toi2025 = Review(iaToi, 2025);
        Lines(toi2025, iaToi, 6);
        var toi2026 = Review(iaToi, 2026);
        Lines(toi2026, iaToi, 14, skip: 6);
        var all = new[] { dal2024, dal2026, toi2025, toi2026 };
        db.NeedsReviews.AddRange(all);
        foreach (var r in all) await priority.AssessAsync(r.Lines, r.Year, ct);
        // A level the commune raised, with its reason, as staff would.
        var raised = dal2026.Lines.First(l => l.Target == NeedTarget.Child && l.ComputedLevel > 1);
        raised.LevelOverride = 1;
        raised.OverrideReason = "Nhà bị sập mái sau bão tháng 10/2026, cả gia đình ở nhờ nhà hàng xóm.";
        raised.OverriddenById = Who("xa.iadal");
        raised.OverriddenAt = Utc(new DateOnly(2026, 10, 12));
        await db.SaveChangesAsync(ct);

        dal2024.Submit(Who("xa.iadal"), Utc(new DateOnly(2025, 3, 10)), ReviewApproval.ApprovingUnit(tree, iaDalOld.Id, new DateOnly(2025, 3, 10))!.Id);
        dal2024.Approve(Who("chuongtrinh"), Utc(new DateOnly(2025, 3, 20)));
        dal2026.Submit(Who("xa.iadal"), Utc(new DateOnly(2026, 10, 15)), ReviewApproval.ApprovingUnit(tree, iaDal.Id, new DateOnly(2026, 10, 15))!.Id);
        dal2026.Approve(Who("chuongtrinh.tinh"), Utc(new DateOnly(2026, 10, 25)));
        toi2025.Submit(Who("xa.iatoi"), Utc(new DateOnly(2025, 10, 5)), ReviewApproval.ApprovingUnit(tree, iaToi.Id, new DateOnly(2025, 10, 5))!.Id);
        toi2025.Return(Who("chuongtrinh.tinh"), Utc(new DateOnly(2025, 10, 14)),
            "Đề nghị xã bổ sung nhu cầu khám sức khỏe cho trẻ mầm non thôn 7 và ghi rõ số trẻ của điểm trường.");
        toi2026.Submit(Who("xa.iatoi"), Utc(new DateOnly(2026, 11, 3)), ReviewApproval.ApprovingUnit(tree, iaToi.Id, new DateOnly(2026, 11, 3))!.Id);
        await db.SaveChangesAsync(ct);

        // A revision of Ia Đal 2026 being drafted: the approved lines (same keys) and one more.
        var revision = Review(iaDal, 2026, 2);
        revision.PreviousRevisionId = dal2026.Id;
        revision.CreatedAt = Utc(new DateOnly(2026, 11, 20));
        foreach (var l in dal2026.Lines) revision.Lines.Add(CopyOf(l));
        var extra = ChildrenOf(iaDal, 1, skip: 16).Single();
        revision.Lines.Add(Line(iaDal, NeedTarget.Child, extra.Id, null, items["glasses"], null, 1, (new DateOnly(2026, 12, 1), new DateOnly(2027, 5, 31))));
        await priority.AssessAsync(revision.Lines.TakeLast(1).ToList(), 2026, ct);
        db.NeedsReviews.Add(revision);
        await db.SaveChangesAsync(ct);

        await DeclaredAsync(db, ChildrenOf(iaDal, 3), ChildrenOf(iaToi, 2, skip: 6), iaDal.Id, iaToi.Id, Who("chuthapdo"), ct);
        await projection.RefreshAsync(iaDalOld.Id, 2024, ct);
        await projection.RefreshAsync(iaDal.Id, 2026, ct);
        return all.Length + 1;
    }

    private static async Task DeclaredAsync(ChildAidDbContext db, List<(int Id, DateOnly Born, int? School)> dal, List<(int Id, DateOnly Born, int? School)> toi,
        int iaDal, int iaToi, string recordedBy, CancellationToken ct)
    {
        var agencies = await db.Organisations.Where(o => o.Name == RedCross || o.Name == WomensUnion).ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        if (agencies.Count < 2) return;
        foreach (var c in dal)
            db.DeclaredSupports.Add(Support(agencies[RedCross], iaDal, c.Id, NeedCategory.WarmClothes, new DateOnly(2026, 12, 1), new DateOnly(2027, 2, 28),
                "1 áo ấm và 1 chăn trong đợt “Tết ấm cho em”", recordedBy));
        foreach (var c in toi)
            db.DeclaredSupports.Add(Support(agencies[WomensUnion], iaToi, c.Id, NeedCategory.Nutrition, new DateOnly(2026, 9, 1), new DateOnly(2027, 5, 31),
                "Sữa và bữa trưa mỗi ngày đi học (chương trình “Mẹ đỡ đầu”)", recordedBy));
        await db.SaveChangesAsync(ct);
    }

    private static DeclaredSupport Support(int agency, int commune, int child, NeedCategory category, DateOnly from, DateOnly to, string what, string by) => new()
    {
        AgencyId = agency, AdminUnitId = commune, Target = NeedTarget.Child, ChildId = child, Category = category, PeriodStart = from, PeriodEnd = to,
        Description = what, RecordedById = by, RecordedAt = Utc(from.AddDays(-20)),
    };

    private static NeedLine Line(AdminUnit commune, NeedTarget target, int? child, int? school, NeedItem item, SizeBand? band, int quantity, (DateOnly From, DateOnly To) period) => new()
    {
        AdminUnitId = commune.Id, Target = target, ChildId = child, SchoolId = school, Category = item.Category, NeedItemId = item.Id,
        SizeBand = item.HasSizeBand ? band : null, Quantity = quantity, Unit = item.Unit, EstimatedUnitCostVnd = item.TypicalUnitCostVnd,
        PeriodStart = period.From, PeriodEnd = period.To,
    };

    private static NeedLine CopyOf(NeedLine l) => new()
    {
        Key = l.Key, AdminUnitId = l.AdminUnitId, Target = l.Target, ChildId = l.ChildId, SchoolId = l.SchoolId, Category = l.Category, NeedItemId = l.NeedItemId,
        SizeBand = l.SizeBand, Quantity = l.Quantity, Unit = l.Unit, EstimatedUnitCostVnd = l.EstimatedUnitCostVnd, ChildrenCount = l.ChildrenCount,
        PeriodStart = l.PeriodStart, PeriodEnd = l.PeriodEnd, Note = l.Note, ComputedLevel = l.ComputedLevel, PriorityReasons = l.PriorityReasons,
        LevelOverride = l.LevelOverride, OverrideReason = l.OverrideReason, OverriddenById = l.OverriddenById, OverriddenAt = l.OverriddenAt,
    };

    private static DateTime Utc(DateOnly day) => day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
}
