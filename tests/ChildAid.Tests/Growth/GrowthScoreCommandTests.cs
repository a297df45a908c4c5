using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;

namespace ChildAid.Tests.Growth;

/// <summary>`growth score IN.csv OUT.csv`: WHO's sample file in, WHO's columns out; bad rows named by line, no half result.</summary>
public sealed class GrowthScoreCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("childaid-growth-cli-").FullName;
    private readonly string _tables = $"--Growth:ReferenceFolder={SharedFolder.WhoGrowth}";

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Fact]
    public async Task The_samples_file_comes_out_with_WHOs_z_scores_and_table_in_the_new_columns_and_every_column_passed_through()
    {
        var output = PathOf("z.csv");
        var (code, printed) = await CliRunner.RunRawAsync("growth", "score", WhoTables.SamplesFile, output, _tables);
        Assert.True(code == 0, printed);
        Assert.Contains("Đã tính z-score cho 1434 dòng", printed);

        var inputLines = File.ReadAllLines(WhoTables.SamplesFile);
        var outputLines = File.ReadAllLines(output);
        Assert.Equal(inputLines.Length, outputLines.Length);
        Assert.Equal(inputLines[0] + ",zwfa,zlhfa,zwflh,zbfa,wflh_table,flags,classification", outputLines[0]);
        var header = outputLines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var mismatches = new List<string>();
        for (var i = 1; i < outputLines.Length; i++)
        {
            Assert.StartsWith(inputLines[i] + ",", outputLines[i]);
            var cells = outputLines[i].Split(',');
            foreach (var (expected, actual) in new[] { ("exp_zwfa", "zwfa"), ("exp_zlhfa", "zlhfa"), ("exp_zwflh", "zwflh"), ("exp_zbfa", "zbfa"), ("exp_wflh_table", "wflh_table") })
            {
                var want = cells[Col(expected)];
                if (want.Length == 0) continue;
                var got = cells[Col(actual)];
                if (want == "NA" ? got.Length != 0 : got != want)
                    mismatches.Add($"line {i + 1}: {actual} = «{got}», WHO {want}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        // A flagged child of the samples (anthro test: length-for-age −6.09) carries its flag; an oedema child its classification.
        var flagged = outputLines.Single(l => l.StartsWith("2344,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("flhfa", flagged[Col("flags")]);
        var oedema = outputLines.Single(l => l.StartsWith("231,", StringComparison.Ordinal)).Split(',');
        Assert.Contains("sam", oedema[Col("classification")].Split(';'));
    }

    [Fact]
    public async Task Dates_quoted_cells_and_extra_columns_pass_through_and_muac_adds_its_own_column()
    {
        var input = PathOf("in.csv");
        File.WriteAllText(input,
            "ma_tre,ghi_chu,sex,dob,dov,weight_kg,lenhei_cm,measure,oedema,muac_cm\r\n" +
            "T-01,\"Lớp 1A, điểm trường \"\"Ia Đal\"\"\",1,2023-01-10,2025-03-01,9.1,84.0,h,n,11.2\r\n" +
            "T-02,,2,,,,,,,\r\n");
        var output = PathOf("out.csv");
        var (code, printed) = await CliRunner.RunRawAsync("growth", "score", input, output, _tables);
        Assert.True(code == 0, printed);
        var lines = File.ReadAllLines(output);
        Assert.Equal("ma_tre,ghi_chu,sex,dob,dov,weight_kg,lenhei_cm,measure,oedema,muac_cm,zwfa,zlhfa,zwflh,zbfa,zacfa,wflh_table,flags,classification", lines[0]);
        Assert.StartsWith("T-01,\"Lớp 1A, điểm trường \"\"Ia Đal\"\"\",1,2023-01-10,2025-03-01,9.1,84.0,h,n,11.2,-", lines[1]);
        Assert.Contains(",wfh,,", lines[1]);
        Assert.Contains("sam", lines[1].Split(',')[^1].Split(';')); // MUAC 112 mm at 25 months
        Assert.Equal("T-02,,2,,,,,,," + new string(',', 8), lines[2]);
    }

    [Fact]
    public async Task Skinfolds_add_their_own_columns_with_WHOs_z_scores_from_3_months_to_5_years()
    {
        var input = PathOf("in.csv");
        // Rows checked by hand from tsfa/ssfa (SkinfoldTests): male day 91 triceps 12.0 → 1.24, subscapular 7.7 → 0.01;
        // female day 400 triceps 7.5 → −0.26; under 91 days no skinfold z-score; a bad value is named.
        File.WriteAllText(input,
            "sex,age_days,triskin_mm,subskin_mm\n" +
            "1,91,12.0,7.7\n" +
            "2,400,7.5,NA\n" +
            "1,60,8.0,6.0\n");
        var output = PathOf("out.csv");
        var (code, printed) = await CliRunner.RunRawAsync("growth", "score", input, output, _tables);
        Assert.True(code == 0, printed);
        var lines = File.ReadAllLines(output);
        Assert.Equal("sex,age_days,triskin_mm,subskin_mm,zwfa,zlhfa,zwflh,zbfa,ztsfa,zssfa,wflh_table,flags,classification", lines[0]);
        var header = lines[0].Split(',');
        string Cell(int line, string column) => lines[line].Split(',')[Array.IndexOf(header, column)];
        Assert.Equal(("1.24", "0.01"), (Cell(1, "ztsfa"), Cell(1, "zssfa")));
        Assert.Equal(("-0.26", ""), (Cell(2, "ztsfa"), Cell(2, "zssfa")));
        Assert.Equal(("", ""), (Cell(3, "ztsfa"), Cell(3, "zssfa")));

        File.WriteAllText(input, "sex,age_days,triskin_mm\n1,91,dày\n");
        (code, printed) = await CliRunner.RunRawAsync("growth", "score", input, PathOf("bad.csv"), _tables);
        Assert.Equal(1, code);
        Assert.Contains("Dòng 2: cột triskin_mm «dày» không phải số", printed);
    }

    [Fact]
    public async Task A_malformed_row_is_named_by_its_line_and_no_output_file_is_written()
    {
        var input = PathOf("in.csv");
        File.WriteAllText(input,
            "sex,age_days,weight_kg,lenhei_cm,measure,oedema\n" +
            "1,400,9.5,75,l,n\n" +
            "2,400,9,5,75,l,n\n" +
            "\n" +
            "3,400,abc,75,x,n\n" +
            "1,400,9.5,75,l,có\n");
        var output = PathOf("out.csv");
        var (code, printed) = await CliRunner.RunRawAsync("growth", "score", input, output, _tables);
        Assert.Equal(1, code);
        Assert.Contains("Dòng 3: có 7 cột, dòng tiêu đề có 6 cột.", printed);
        Assert.Contains("Dòng 5: cột sex «3»: dùng 1 (nam) hoặc 2 (nữ), hoặc để trống.", printed);
        Assert.Contains("cột weight_kg «abc» không phải số (dấu chấm thập phân, ví dụ 12.5).", printed);
        Assert.Contains("cột measure «x»: dùng l (đo nằm) hoặc h (đo đứng)", printed);
        Assert.Contains("Dòng 6: cột oedema «có»", printed);
        Assert.Contains("Chưa ghi tệp kết quả: 3 dòng lỗi trong 4 dòng.", printed);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public async Task Without_the_who_tables_the_command_says_how_to_install_them()
    {
        var input = PathOf("in.csv");
        File.WriteAllText(input, "sex,age_days,weight_kg\n1,400,9.5\n");
        var (code, printed) = await CliRunner.RunRawAsync("growth", "score", input, PathOf("out.csv"), $"--Growth:ReferenceFolder={PathOf("none")}");
        Assert.Equal(1, code);
        Assert.Contains("Không thấy thư mục bảng tham chiếu WHO", printed);
        Assert.Contains("Growth:ReferenceFolder", printed);
    }

    [Fact]
    public async Task Wrong_usage_shows_the_usage()
    {
        var (code, printed) = await CliRunner.RunRawAsync("growth", "score", PathOf("missing.csv"));
        Assert.Equal(2, code);
        Assert.Contains("growth score IN.csv OUT.csv", printed);
    }
}
