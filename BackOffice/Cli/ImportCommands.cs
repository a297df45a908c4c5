using System.Globalization;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Import;
using ChildAid.Shared.Needs;

namespace ChildAid.BackOffice;

/// <summary>
/// import needs / import bank-statement: the same imports as BackOffice's pages (<see cref="NeedsImport"/>,
/// <see cref="BankStatementImporter"/>), from a file on disk.
/// </summary>
public static class ImportCommands
{
    public const string Usage = "import needs --review COMMUNE_CODE/YEAR FILE.xlsx | import bank-statement --account CODE FILE.csv|xlsx";

    public static async Task<int> ImportAsync(CliContext cli, CliArgs args, CancellationToken ct)
    {
        if (args.Positional is ["bank-statement", var statement] && args["account"] is { } account)
            return await BankStatementAsync(cli, account, statement, ct);
        if (args.Positional is not ["needs", var path] || args["review"] is not { } review)
        {
            await cli.Error.WriteLineAsync($"usage: {Usage}   (e.g. import needs --review 23535/2026 nhu-cau.xlsx)");
            return 2;
        }
        var slash = review.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(review[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            await cli.Error.WriteLineAsync($"import: --review must be COMMUNE_CODE/YEAR (e.g. 23535/2026), not '{review}'.");
            return 2;
        }
        if (!File.Exists(path))
        {
            await cli.Error.WriteLineAsync($"import: no file '{path}'.");
            return 2;
        }
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:import-needs");
        var import = scope.ServiceProvider.GetRequiredService<NeedsImport>();
        var (target, refusal) = await import.ReviewForAsync(review[..slash], year, ct);
        if (target is null)
        {
            await cli.Error.WriteLineAsync($"import: {refusal}");
            return 1;
        }
        await using var file = File.OpenRead(path);
        var result = await import.RunAsync(target.Id, file, path, new Progress(cli.Error), ct);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) await cli.Error.WriteLineAsync(error.ToString());
            await cli.Error.WriteLineAsync($"Chưa ghi dòng nào: {result.Errors.Count} lỗi trong {result.RowsRead} dòng. Sửa tệp rồi nhập lại.");
            return 1;
        }
        await cli.Output.WriteLineAsync($"Đã nhập {result.RowsWritten} dòng nhu cầu vào bản rà soát số {target.Id} (năm học {target.YearLabel}).");
        return 0;
    }

    /// <summary>Imports the statement into the account, then books every credit line that names an existing pledge.</summary>
    private static async Task<int> BankStatementAsync(CliContext cli, string accountCode, string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            await cli.Error.WriteLineAsync($"import: no file '{path}'.");
            return 2;
        }
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:import-bank-statement");
        var importer = scope.ServiceProvider.GetRequiredService<BankStatementImporter>();
        if (await importer.FindAccountAsync(accountCode, ct) is not { } account)
        {
            await cli.Error.WriteLineAsync($"import: không có tài khoản ngân hàng mã {accountCode}.");
            return 1;
        }
        await using var file = File.OpenRead(path);
        var report = await importer.RunAsync(account.Id, file, path, new Progress(cli.Error), ct);
        if (!report.Succeeded)
        {
            foreach (var error in report.Result.Errors) await cli.Error.WriteLineAsync(error.ToString());
            await cli.Error.WriteLineAsync($"Chưa ghi dòng nào: {report.Result.Errors.Count} lỗi. Sửa tệp rồi nhập lại.");
            return 1;
        }
        var match = report.Match!;
        foreach (var problem in match.Problems) await cli.Error.WriteLineAsync(problem);
        await cli.Output.WriteLineAsync(
            $"Đã nhập {report.Import!.LineCount} giao dịch ({report.Import.CreditCount} khoản tiền vào) vào tài khoản {account.Code}; " +
            $"đã ghi nhận {match.Matched} khoản theo mã cam kết, " +
            (match.AlreadyRecorded.Count > 0 ? $"{match.AlreadyRecorded.Count} khoản đã ghi nhận trước (liên kết với phiếu thu đã có), " : "") +
            $"{match.Unmatched} khoản chờ đối chiếu.");
        return 0;
    }

    /// <summary>Progress on standard error, so standard output stays the result.</summary>
    private sealed class Progress(TextWriter error) : IProgress<ImportProgress>
    {
        private int _shown;

        public void Report(ImportProgress value)
        {
            // The pipeline reports once per batch; every 10,000 rows is enough to see it move.
            if (value.RowsRead / 10_000 > _shown / 10_000)
                error.WriteLine($"… {value.Stage}: {value.RowsRead} dòng đã đọc, {value.RowsChecked} đã kiểm tra, {value.RowsWritten} đã ghi");
            _shown = value.RowsRead;
        }
    }
}
