using ChildAid.Shared.Checkups;
using ChildAid.Shared.Growth;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.BackOffice;

/// <summary>
/// growth score: WHO z-scores for a CSV of children (<see cref="GrowthCsvScorer"/>), needs no database. growth recompute:
/// the stored z-scores of every measurement computed with other tables (or none), after the tables change.
/// </summary>
public static class GrowthCommands
{
    public const string Usage = "growth score IN.csv OUT.csv | growth recompute";

    public static async Task<int> RunAsync(CliContext cli, CliArgs args, CancellationToken ct)
    {
        if (args.Positional is ["recompute"]) return await RecomputeAsync(cli, ct);
        if (args.Positional is not ["score", var inputPath, var outputPath])
        {
            await cli.Error.WriteLineAsync($"usage: {Usage}   (e.g. growth score can-do.csv z-score.csv --Growth:ReferenceFolder=/srv/who-growth)");
            return 2;
        }
        if (!File.Exists(inputPath))
        {
            await cli.Error.WriteLineAsync($"growth: không có tệp «{inputPath}».");
            return 2;
        }
        var options = cli.Configuration.GetSection(GrowthOptions.Section).Get<GrowthOptions>() ?? new GrowthOptions();
        // A missing or damaged table folder throws GrowthReferenceException: printed with how to install, exit 1.
        var calculator = new GrowthCalculator(GrowthReferenceLoader.Load(options.ReferenceFolder));

        var summary = new GrowthCsvScorer(calculator).ScoreFile(inputPath, outputPath, ct);
        if (!summary.Succeeded)
        {
            foreach (var error in summary.Errors) await cli.Error.WriteLineAsync(error.ToString());
            if (summary.ErrorCount > summary.Errors.Count) await cli.Error.WriteLineAsync($"… và {summary.ErrorCount - summary.Errors.Count} dòng lỗi khác.");
            await cli.Error.WriteLineAsync($"Chưa ghi tệp kết quả: {summary.ErrorCount} dòng lỗi trong {summary.Rows} dòng. Sửa tệp rồi chạy lại.");
            return 1;
        }
        await cli.Output.WriteLineAsync($"Đã tính z-score cho {summary.Rows} dòng → {outputPath} (bảng WHO {calculator.ReferenceVersion}, {calculator.Tables.Folder}).");
        return 0;
    }

    private static async Task<int> RecomputeAsync(CliContext cli, CancellationToken ct)
    {
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:growth-recompute");
        var recompute = scope.ServiceProvider.GetRequiredService<GrowthRecompute>();
        var version = scope.ServiceProvider.GetRequiredService<GrowthReference>().Calculator.ReferenceVersion;
        var pending = await recompute.PendingAsync(ct);
        await cli.Output.WriteLineAsync($"Bảng WHO {version}: {pending} kết quả đo cần tính lại.");
        var done = await recompute.RunAsync((n, total) => cli.Output.WriteLine($"  {n}/{total}"), ct);
        await cli.Output.WriteLineAsync($"Đã tính lại {done} kết quả đo.");
        return 0;
    }
}
