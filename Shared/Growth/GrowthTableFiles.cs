namespace ChildAid.Shared.Growth;

/// <summary>How a table is keyed: whole days of age, tenths of a centimetre of length/height, or whole months.</summary>
public enum GrowthTableKey { AgeDays, LengthTenths, AgeMonths }

/// <summary>
/// One expected CSV file: its name, key column, key range per sex (in the key's integer unit: days, 0.1 cm, months) and
/// the L/H column where the file has one. <paramref name="ShortLast"/> accepts the daily tables of current anthro, which end
/// at day 1826 (the days 1827–1856 are never used: the 2006 standards stop below 60 months).
/// </summary>
public sealed record GrowthTableFile(string FileName, string KeyColumn, GrowthTableKey Key, int First, int Last,
    int? ShortLast = null, string? PositionColumn = null)
{
    public int RowsPerSex => Last - First + 1;

    public string Header => $"sex,{KeyColumn},L,M,S" + (PositionColumn is null ? "" : "," + PositionColumn);

    /// <summary>"L" (lying length) or "H" (standing height) as the row must say: lhfa and bfa switch at day 731.</summary>
    public string? ExpectedPosition(int key) => FileName switch
    {
        "wfl_0_2.csv" => "L",
        "wfh_2_5.csv" => "H",
        _ when PositionColumn is not null => key < GrowthCalculator.FirstDayOfHeight ? "L" : "H",
        _ => null,
    };

    public string DescribeKey(int key) => Key switch
    {
        GrowthTableKey.LengthTenths => (key / 10m).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
        _ => key.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>The twelve WHO tables the computation reads (SOURCES.md).</summary>
public static class GrowthTableFiles
{
    public static readonly GrowthTableFile WeightForAge = new("wfa_0_5.csv", "age_days", GrowthTableKey.AgeDays, 0, 1856, 1826);
    public static readonly GrowthTableFile LengthForAge = new("lhfa_0_5.csv", "age_days", GrowthTableKey.AgeDays, 0, 1856, 1826, "loh");
    public static readonly GrowthTableFile WeightForLength = new("wfl_0_2.csv", "length_cm", GrowthTableKey.LengthTenths, 450, 1100, null, "lorh");
    public static readonly GrowthTableFile WeightForHeight = new("wfh_2_5.csv", "height_cm", GrowthTableKey.LengthTenths, 650, 1200, null, "lorh");
    public static readonly GrowthTableFile BmiForAge = new("bfa_0_5.csv", "age_days", GrowthTableKey.AgeDays, 0, 1856, 1826, "loh");
    public static readonly GrowthTableFile HeadForAge = new("hcfa_0_5.csv", "age_days", GrowthTableKey.AgeDays, 0, 1856, 1826);
    public static readonly GrowthTableFile ArmForAge = new("acfa_0_5.csv", "age_days", GrowthTableKey.AgeDays, 91, 1856, 1826);
    // Skinfolds (2007, in mm) start at day 91 like MUAC.
    public static readonly GrowthTableFile TricepsForAge = new("tsfa_0_5.csv", "age_days", GrowthTableKey.AgeDays, 91, 1856, 1826);
    public static readonly GrowthTableFile SubscapularForAge = new("ssfa_0_5.csv", "age_days", GrowthTableKey.AgeDays, 91, 1856, 1826);
    // 2007 reference: rows 229 (hfa, bfa) and 121 (wfa) are copies of 228 / 120, interpolation end-points only (§11.11).
    public static readonly GrowthTableFile HeightForAge2007 = new("hfa_5_19.csv", "age_months", GrowthTableKey.AgeMonths, 60, 229);
    public static readonly GrowthTableFile WeightForAge2007 = new("wfa_5_10.csv", "age_months", GrowthTableKey.AgeMonths, 60, 121);
    public static readonly GrowthTableFile BmiForAge2007 = new("bfa_5_19.csv", "age_months", GrowthTableKey.AgeMonths, 60, 229);

    public static readonly IReadOnlyList<GrowthTableFile> All =
    [
        WeightForAge, LengthForAge, WeightForLength, WeightForHeight, BmiForAge, HeadForAge, ArmForAge,
        HeightForAge2007, WeightForAge2007, BmiForAge2007, TricepsForAge, SubscapularForAge,
    ];
}
