using ChildAid.Shared.Growth;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Growth;

/// <summary>
/// The WHO tables are read from a configured folder and checked on load; a missing folder or a damaged file gives a
/// message naming what is wrong and how to install the tables, and nothing else breaks.
/// </summary>
public sealed class GrowthReferenceLoaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "childaid-who-" + Guid.NewGuid().ToString("N"));

    public GrowthReferenceLoaderTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in GrowthTableFiles.All)
            File.Copy(Path.Combine(SharedFolder.WhoGrowth, file.FileName), Path.Combine(_folder, file.FileName));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string file) => Path.Combine(_folder, file);

    private GrowthReferenceException LoadFails() => Assert.Throws<GrowthReferenceException>(() => GrowthReferenceLoader.Load(_folder));

    [Fact]
    public void The_ten_who_files_load_with_a_version_that_names_the_figures()
    {
        var tables = GrowthReferenceLoader.Load(_folder);
        Assert.StartsWith("WHO2006+2007:", tables.Version);
        Assert.Equal(tables.Version, GrowthReferenceLoader.Load(SharedFolder.WhoGrowth).Version);
        Assert.Equal(1856, tables.WeightForAge.Last);
        Assert.True(tables.WeightForAge.TryGet(ChildAid.Shared.Children.Sex.Male, 0, out var day0));
        Assert.Equal(new Lms(0.3487, 3.3464, 0.14602), day0);
        Assert.True(tables.WeightForHeight.TryGet(ChildAid.Shared.Children.Sex.Male, 650, out var cm65));
        Assert.Equal(new Lms(-0.3521, 7.4327, 0.08217), cm65);
        Assert.True(tables.HeightForAge2007.TryGet(ChildAid.Shared.Children.Sex.Female, 228, out var girls228));
        Assert.Equal(new Lms(1, 163.1548, 0.04009), girls228);

        File.AppendAllText(PathOf("wfa_5_10.csv"), "\n");
        Assert.NotEqual(tables.Version, GrowthReferenceLoader.Load(_folder).Version);
    }

    [Fact]
    public void A_missing_folder_is_named_with_how_to_install_the_tables_in_vietnamese_and_english()
    {
        var missing = Path.Combine(_folder, "khong-co");
        var e = Assert.Throws<GrowthReferenceException>(() => GrowthReferenceLoader.Load(missing));
        Assert.Contains($"Không thấy thư mục bảng tham chiếu WHO «{missing}»", e.Message);
        Assert.Contains("Growth:ReferenceFolder", e.Message);
        Assert.Contains("giấy phép của WHO", e.Message);
        Assert.Contains("To install", e.Message);
    }

    [Fact]
    public void Missing_files_are_listed_by_name()
    {
        File.Delete(PathOf("wfh_2_5.csv"));
        File.Delete(PathOf("bfa_5_19.csv"));
        var e = LoadFails();
        Assert.Contains("thiếu 2 tệp: wfh_2_5.csv, bfa_5_19.csv", e.Message);
    }

    [Fact]
    public void A_wrong_header_is_named_with_the_expected_columns()
    {
        var lines = File.ReadAllLines(PathOf("lhfa_0_5.csv"));
        lines[0] = "sex,age,l,m,s,loh";
        File.WriteAllLines(PathOf("lhfa_0_5.csv"), lines);
        Assert.Contains("Tệp lhfa_0_5.csv: dòng tiêu đề phải là «sex,age_days,L,M,S,loh»", LoadFails().Message);
    }

    [Fact]
    public void A_missing_row_is_named_by_file_and_line_and_the_row_count_is_checked()
    {
        var lines = File.ReadAllLines(PathOf("wfa_0_5.csv")).ToList();
        lines.RemoveAt(11); // day 10 of boys
        File.WriteAllLines(PathOf("wfa_0_5.csv"), lines);
        var message = LoadFails().Message;
        Assert.Contains("Tệp wfa_0_5.csv: dòng 12: age_days = 11 nhưng theo thứ tự phải là 10", message);
        Assert.Contains("Tệp wfa_0_5.csv: nam có 1856 dòng hợp lệ, cần 1857 (age_days 0–1856) hoặc 1827 (đến 1826)", message);
    }

    [Fact]
    public void A_missing_or_zero_L_M_or_S_is_refused()
    {
        var lines = File.ReadAllLines(PathOf("bfa_5_19.csv"));
        lines[5] = "1,64,-0.8,,0.0845";
        File.WriteAllLines(PathOf("bfa_5_19.csv"), lines);
        Assert.Contains("Tệp bfa_5_19.csv: dòng 6: thiếu hoặc sai L, M, S", LoadFails().Message);
    }

    [Fact]
    public void A_sex_other_than_1_or_2_and_a_wrong_length_or_height_column_are_refused()
    {
        var wfl = File.ReadAllLines(PathOf("wfl_0_2.csv"));
        wfl[1] = "3" + wfl[1][1..];
        File.WriteAllLines(PathOf("wfl_0_2.csv"), wfl);
        var lhfa = File.ReadAllLines(PathOf("lhfa_0_5.csv"));
        lhfa[732] = lhfa[732][..^1] + "L"; // boys, day 731: the height part
        File.WriteAllLines(PathOf("lhfa_0_5.csv"), lhfa);
        var message = LoadFails().Message;
        Assert.Contains("Tệp wfl_0_2.csv: dòng 2: giới tính «3» phải là 1 (nam) hoặc 2 (nữ)", message);
        Assert.Contains("Tệp lhfa_0_5.csv: dòng 733: cột loh phải là H", message);
    }

    [Fact]
    public void Daily_tables_ending_at_day_1826_as_current_anthro_ships_them_are_accepted()
    {
        foreach (var name in new[] { "wfa_0_5.csv", "hcfa_0_5.csv" })
        {
            var kept = File.ReadAllLines(PathOf(name)).Where((line, i) => i == 0 || int.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture) <= 1826);
            File.WriteAllLines(PathOf(name), kept);
        }
        Assert.Equal(1826, GrowthReferenceLoader.Load(_folder).WeightForAge.Last);
    }

    [Fact]
    public void Without_the_folder_the_services_start_and_only_growth_says_what_is_missing_until_the_files_are_installed()
    {
        var later = Path.Combine(_folder, "later");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Growth:ReferenceFolder"] = later }).Build();
        using var services = new ServiceCollection().AddGrowth(configuration).BuildServiceProvider();
        var reference = services.GetRequiredService<GrowthReference>();

        Assert.False(reference.TryGetCalculator(out _, out var problem));
        Assert.Contains("Không thấy thư mục bảng tham chiếu WHO", problem);
        Assert.Throws<GrowthReferenceException>(() => reference.Calculator);

        Directory.CreateDirectory(later);
        foreach (var file in GrowthTableFiles.All) File.Copy(PathOf(file.FileName), Path.Combine(later, file.FileName));
        Assert.True(reference.TryGetCalculator(out var calculator, out _));
        Assert.Same(calculator, reference.Calculator);
    }
}
