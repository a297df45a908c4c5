using System.Globalization;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Organisations;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChildAid.Shared.Demo;

public sealed record DemoOrganisation(string Name, OrganisationType Type, SchoolLevel? SchoolLevel, string UnitCode, DateOnly UnitOn);

public sealed record DemoDonor(string Key, DonorKind Kind, DonorOrigin Origin, string Name, string? Email, string? Phone, string? Address,
    string? Country, DisplayChoice DisplayChoice, string UnitCode, DateOnly UnitOn, string? Message);

public sealed record DemoCampaign(string Slug, string Title, string? TitleEn, string Summary, string? SummaryEn, DateOnly StartDate,
    DateOnly? EndDate, long MoneyGoalVnd, CampaignStatus Status);

/// <summary>
/// The committed files of the demo data set: <c>content/reference/</c> (real administrative units) and
/// <c>content/demo/</c> (synthetic villages, agencies, schools, donors, campaigns). Children and contributions are
/// generated from a fixed seed (<see cref="DemoGenerator"/>), so every load produces the same rows.
/// </summary>
public sealed class DemoContent(string root)
{
    /// <summary>The <c>content</c> folder.</summary>
    public string Root { get; } = root;

    public string ReferenceAdminUnits => Path.Combine(Root, "reference", "admin-units.csv");
    public string ReferenceAdminUnitsSupplement => Path.Combine(Root, "reference", "admin-units-supplement.csv");
    public string Villages => Path.Combine(Root, "demo", "villages.csv");
    /// <summary>The synthetic statement of the demo's receiving account (<see cref="DemoBankStatement"/>).</summary>
    public string BankStatement => Path.Combine(Root, "demo", "bank-statement-demo.csv");

    /// <summary>
    /// Finds the content folder: <paramref name="explicitRoot"/> if given, else a <c>content/demo</c> folder next to the
    /// program or in any folder above it or above the working directory (the repository root when run from source).
    /// </summary>
    public static DemoContent Locate(string? explicitRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            if (!Directory.Exists(Path.Combine(explicitRoot, "demo")))
                throw new DirectoryNotFoundException($"No demo folder in {explicitRoot}.");
            return new DemoContent(Path.GetFullPath(explicitRoot));
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "content");
                if (File.Exists(Path.Combine(candidate, "demo", "donors.csv"))) return new DemoContent(candidate);
            }
        }
        throw new DirectoryNotFoundException(
            "The content folder (content/demo, content/reference) was not found next to the program or above it; pass --content DIR.");
    }

    public IReadOnlyList<DemoOrganisation> Organisations() => ReadCsv(Path.Combine(Root, "demo", "organisations.csv"), csv =>
        new DemoOrganisation(
            Field(csv, "name"),
            Enum.Parse<OrganisationType>(Field(csv, "type")),
            Optional(csv, "school_level") is { } level ? Enum.Parse<SchoolLevel>(level) : null,
            Field(csv, "unit_code"),
            Date(Field(csv, "unit_on"))));

    public IReadOnlyList<DemoDonor> Donors() => ReadCsv(Path.Combine(Root, "demo", "donors.csv"), csv =>
        new DemoDonor(
            Field(csv, "key"),
            Enum.Parse<DonorKind>(Field(csv, "kind")),
            Enum.Parse<DonorOrigin>(Field(csv, "origin")),
            Field(csv, "name"),
            Optional(csv, "email"),
            Optional(csv, "phone"),
            Optional(csv, "address"),
            Optional(csv, "country"),
            Enum.Parse<DisplayChoice>(Field(csv, "display_choice")),
            Field(csv, "unit_code"),
            Date(Field(csv, "unit_on")),
            Optional(csv, "message")));

    public IReadOnlyList<DemoCampaign> Campaigns() => ReadCsv(Path.Combine(Root, "demo", "campaigns.csv"), csv =>
        new DemoCampaign(
            Field(csv, "slug"),
            Field(csv, "title"),
            Optional(csv, "title_en"),
            Field(csv, "summary"),
            Optional(csv, "summary_en"),
            Date(Field(csv, "start_date")),
            Optional(csv, "end_date") is { } end ? Date(end) : null,
            long.Parse(Field(csv, "money_goal_vnd"), CultureInfo.InvariantCulture),
            Enum.Parse<CampaignStatus>(Field(csv, "status"))));

    private static List<T> ReadCsv<T>(string path, Func<CsvReader, T> map)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        csv.Read();
        csv.ReadHeader();
        var rows = new List<T>();
        while (csv.Read())
        {
            try { rows.Add(map(csv)); }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new FormatException($"{Path.GetFileName(path)}, dòng {csv.Parser.RawRow}: {e.Message}", e);
            }
        }
        return rows;
    }

    private static string Field(CsvReader csv, string name) =>
        Optional(csv, name) ?? throw new FormatException($"thiếu giá trị cột {name}");

    private static string? Optional(CsvReader csv, string name) =>
        csv.GetField(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
