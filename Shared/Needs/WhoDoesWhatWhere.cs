using System.Globalization;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Data;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Needs;

/// <summary>One row of the 3W: an organisation, what kind of help, in which commune, over which period, and how much.</summary>
public sealed record WhoWhatWhereRow(string Organisation, string OrganisationCode, string Source, NeedCategory Category,
    string? Province, string? ProvinceCode, string? District, string Commune, string CommuneCode, DateOnly PeriodStart, DateOnly PeriodEnd,
    int Children, int Schools, long? ValueVnd);

/// <summary>
/// Who does what where (3W), for the agencies coordinating in a district: the support other agencies declared in the
/// register, and this programme's approved allocations, one row per organisation, commune, category and period, within
/// the reader's units. Counts, never names. Organisation codes are stable: this programme's is
/// <see cref="ProgrammeCode"/>, an agency's is "<see cref="ProgrammeCode"/>-org-{its id}" (ids are never reused);
/// communes carry their official code. Exported as HXL CSV (<see cref="WriteCsvAsync"/>) so humanitarian tools read it.
/// </summary>
public sealed class WhoDoesWhatWhere(ChildAidDbContext db, TimeProvider clock)
{
    public const string ProgrammeCode = "childaid";
    public const string ProgrammeName = "Chương trình ChildAid";

    public static string AgencyCode(int organisationId) => ProgrammeCode + "-org-" + organisationId.ToString(CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<WhoWhatWhereRow>> RowsAsync(CancellationToken ct = default)
    {
        var declared = await db.DeclaredSupports.AsNoTracking()
            .GroupBy(d => new { d.AgencyId, Agency = d.Agency!.Name, d.AdminUnitId, d.Category, d.PeriodStart, d.PeriodEnd })
            .Select(g => new
            {
                g.Key.AgencyId, g.Key.Agency, g.Key.AdminUnitId, g.Key.Category, g.Key.PeriodStart, g.Key.PeriodEnd,
                Children = g.Count(d => d.Target == NeedTarget.Child), Schools = g.Count(d => d.Target == NeedTarget.School),
            }).ToListAsync(ct);
        var allocated = await db.Allocations.AsNoTracking().Where(a => a.State == AllocationState.Approved)
            .GroupBy(a => new { a.AdminUnitId, a.NeedLine!.Category, a.NeedLine.PeriodStart, a.NeedLine.PeriodEnd })
            .Select(g => new
            {
                g.Key.AdminUnitId, g.Key.Category, g.Key.PeriodStart, g.Key.PeriodEnd,
                Children = g.Where(a => a.NeedLine!.Target == NeedTarget.Child).Select(a => a.NeedLine!.ChildId).Distinct().Count(),
                Schools = g.Where(a => a.NeedLine!.Target == NeedTarget.School).Select(a => a.NeedLine!.SchoolId).Distinct().Count(),
                Value = g.Sum(a => a.AmountVnd),
            }).ToListAsync(ct);

        var tree = new AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync(ct));
        var today = clock.VietnamToday();
        WhoWhatWhereRow Row(string org, string code, string source, int unitId, NeedCategory category, DateOnly start, DateOnly end,
            int children, int schools, long? value)
        {
            var commune = tree.InForceOn(unitId, today);
            var province = tree.Ancestor(commune.Id, AdminUnitLevel.Province, today);
            var district = tree.Ancestor(commune.Id, AdminUnitLevel.District, today);
            return new(org, code, source, category, province?.Name, province?.Code, district?.Name, commune.Name, commune.Code, start, end,
                children, schools, value);
        }
        return declared.Select(d => Row(d.Agency, AgencyCode(d.AgencyId), "Đăng ký hỗ trợ", d.AdminUnitId, d.Category, d.PeriodStart, d.PeriodEnd,
                d.Children, d.Schools, null))
            .Concat(allocated.Select(a => Row(ProgrammeName, ProgrammeCode, "Phân bổ đã duyệt", a.AdminUnitId, a.Category, a.PeriodStart, a.PeriodEnd,
                a.Children, a.Schools, a.Value)))
            .OrderBy(r => r.Province, StringComparer.Ordinal).ThenBy(r => r.Commune, StringComparer.Ordinal).ThenBy(r => r.Category)
            .ThenBy(r => r.PeriodStart).ThenBy(r => r.Organisation, StringComparer.Ordinal).ToList();
    }

    /// <summary>The HXL columns: a header row of names, then a row of hashtags (as the public needs CSV).</summary>
    public static readonly (string Name, string Hxl)[] Columns =
    [
        ("organisation", "#org+name"), ("organisation_code", "#org+code"), ("source", "#meta+source"), ("category", "#sector"),
        ("province", "#adm1+name"), ("province_code", "#adm1+code"), ("district", "#adm2+name"), ("commune", "#adm3+name"),
        ("commune_code", "#adm3+code"), ("period_start", "#date+start"), ("period_end", "#date+end"),
        ("children", "#reached+children"), ("schools", "#reached+schools"), ("value_vnd", "#value+vnd"),
    ];

    public static async Task WriteCsvAsync(TextWriter w, IEnumerable<WhoWhatWhereRow> rows)
    {
        await w.WriteAsync(string.Join(',', Columns.Select(c => c.Name)) + "\n");
        await w.WriteAsync(string.Join(',', Columns.Select(c => c.Hxl)) + "\n");
        foreach (var r in rows)
        {
            string?[] fields =
            [
                r.Organisation, r.OrganisationCode, r.Source, NeedLabels.Categories[r.Category], r.Province, r.ProvinceCode, r.District,
                r.Commune, r.CommuneCode, Date(r.PeriodStart), Date(r.PeriodEnd), Number(r.Children), Number(r.Schools), r.ValueVnd?.ToString(CultureInfo.InvariantCulture),
            ];
            await w.WriteAsync(string.Join(',', fields.Select(CsvField.Quote)) + "\n");
        }
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
