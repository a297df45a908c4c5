using System.Globalization;
using ChildAid.Shared.Children;
using ChildAid.Shared.Growth;

namespace ChildAid.Tests.Growth;

/// <summary>
/// Every row of WHO's own published outputs (who-published-samples.csv: igrowup survey G1, who2007 survey G2, anthro and
/// anthroplus unit tests G5) is reproduced to 2 decimals, and nothing is computed where WHO gives NA. Each group is one
/// test that lists every mismatching row.
/// </summary>
public class WhoPublishedSamplesTests
{
    [Theory]
    [InlineData("G1", 494)]
    [InlineData("G2", 933)]
    [InlineData("G5", 7)]
    public void Every_published_row_of_the_group_is_reproduced_to_two_decimals(string group, int expectedRows)
    {
        var rows = SampleRow.ReadAll().Where(r => r.Cells["group"] == group).ToList();
        Assert.Equal(expectedRows, rows.Count);
        var mismatches = new List<string>();
        var compared = 0;
        foreach (var row in rows)
        {
            var result = WhoTables.Calculator.Compute(row.Measurement());
            compared += Check(row, "exp_zwfa", result.WeightForAge, mismatches);
            compared += Check(row, "exp_zlhfa", result.LengthForAge, mismatches);
            compared += Check(row, "exp_zwflh", result.WeightForLength, mismatches);
            compared += Check(row, "exp_zbfa", result.BmiForAge, mismatches);
            var table = row.Cells["exp_wflh_table"];
            if (table.Length > 0)
            {
                var used = result.Table switch { WeightForLengthTable.Length => "wfl", WeightForLengthTable.Height => "wfh", _ => "" };
                if (used != table) mismatches.Add($"id {row.Cells["id"]}: table {used}, WHO {table}");
            }
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches of {compared} values:\n" + string.Join("\n", mismatches));
        Assert.True(compared >= rows.Count, "each row asserts at least one value");
    }

    private static int Check(SampleRow row, string column, double? actual, List<string> mismatches)
    {
        var expected = row.Cells[column];
        if (expected.Length == 0) return 0;
        var ok = expected == "NA"
            ? actual is null
            : actual is { } a && a.ToString("0.00", CultureInfo.InvariantCulture) == decimal.Parse(expected, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture);
        if (!ok)
            mismatches.Add($"id {row.Cells["id"]} ({row.Cells["group"]}, {row.Cells["note"]}): {column} = {actual?.ToString("0.00", CultureInfo.InvariantCulture) ?? "NA"}, WHO {expected}");
        return 1;
    }
}

/// <summary>One row of the samples file, read plainly (the file has no quoted cells), as the calculator's input.</summary>
public sealed class SampleRow(Dictionary<string, string> cells)
{
    public Dictionary<string, string> Cells { get; } = cells;

    public static IEnumerable<SampleRow> ReadAll()
    {
        using var reader = new StreamReader(WhoTables.SamplesFile);
        var header = reader.ReadLine()!.Split(',');
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var values = line.Split(',');
            yield return new SampleRow(header.Zip(values).ToDictionary(p => p.First, p => p.Second));
        }
    }

    public GrowthMeasurement Measurement() => new()
    {
        Sex = Cells["sex"] switch { "1" => Sex.Male, "2" => Sex.Female, _ => null },
        AgeDays = Number("age_days"),
        AgeMonths = Number("age_months"),
        BirthDate = Date("dob"),
        VisitDate = Date("dov"),
        WeightKg = Number("weight_kg"),
        LengthOrHeightCm = Number("lenhei_cm"),
        Position = Cells["measure"] switch { "l" => MeasuredPosition.Lying, "h" => MeasuredPosition.Standing, _ => null },
        Oedema = Cells["oedema"] == "y",
    };

    private double? Number(string column) =>
        Cells[column] is { Length: > 0 } v ? double.Parse(v, CultureInfo.InvariantCulture) : null;

    private DateOnly? Date(string column) =>
        Cells[column] is { Length: > 0 } v ? DateOnly.ParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}
