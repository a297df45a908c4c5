using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Import;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;
using ChildAid.Shared.Localization;

namespace ChildAid.Shared.BankStatements;

/// <summary>What an import of a statement did: the pipeline's row report, the import it made and the matching after it.</summary>
public sealed record BankImportReport(ImportResult Result, BankStatementImport? Import, MatchSummary? Match = null)
{
    public bool Succeeded => Result.Succeeded;
    /// <summary>How long the matching after the import took (the benchmark prints it beside the import's stages).</summary>
    public TimeSpan MatchTime { get; init; }
}

/// <summary>
/// Imports a statement file (CSV or .xlsx) into one account: every line stored once, all or nothing, a row-by-row
/// report; a file whose every line was imported before is refused with one sentence saying when and from which file.
/// After the commit the credit lines that name a pledge are booked (<see cref="BankStatementMatcher"/>).
/// BackOffice's upload page and the CLI's <c>import bank-statement</c> both call <see cref="RunAsync"/>.
/// </summary>
public class BankStatementImporter(ChildAidDbContext db, ImportPipeline pipeline, BankStatementMatcher matcher, AuditActor actor, TimeProvider clock)
{
    public const string NoAccount = "Không tìm thấy tài khoản ngân hàng này trong phạm vi đơn vị của bạn.";

    /// <summary>The account by its short code (the CLI's <c>--account</c>), within the context's unit scope.</summary>
    public Task<BankAccount?> FindAccountAsync(string code, CancellationToken ct = default) =>
        db.BankAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code.Trim().ToUpperInvariant(), ct);

    /// <param name="file">A stream that can seek (a file, or the upload saved to a temporary file).</param>
    /// <param name="isDemo">Only the demo loader says so: its bookings are demo receipts (no mail).</param>
    public async Task<BankImportReport> RunAsync(int accountId, Stream file, string fileName, IProgress<ImportProgress>? progress = null,
        CancellationToken ct = default, bool isDemo = false)
    {
        var account = await db.BankAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null) return new(ImportResult.Refused(NoAccount), null);
        IEnumerable<SheetRow> rows;
        try
        {
            rows = StatementFile.Read(file);
        }
        catch (InvalidDataException)
        {
            return new(ImportResult.Refused(StatementFile.Unreadable), null);
        }
        var definition = new BankStatementImportDefinition(db, actor, clock, account, Path.GetFileName(fileName));
        var result = await pipeline.RunAsync(definition, rows, progress, ct);
        if (!result.Succeeded && definition.AlreadyImported > 0 && definition.AlreadyImported == result.Errors.Count
            && definition.AlreadyImported == definition.Transactions && definition.EarlierImport is { } earlier)
        {
            result = result with
            {
                Errors =
                [
                    new ImportError(0, "", Messages.Format("Tệp này đã được nhập vào tài khoản {0} ngày {1} (tệp “{2}”): cả {3} giao dịch trong tệp đều đã có, nên không ghi gì thêm.",
                        account.Code, VietnameseFormat.Date(Time.VietnamClock.ToVietnamDate(earlier.At)), earlier.File, definition.AlreadyImported)),
                ],
            };
        }
        if (!result.Succeeded) return new(result, null);
        // Committed: now the lines that name a pledge are booked, in batches in one transaction (idempotent; the rest wait in the queue).
        db.ChangeTracker.Clear();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var match = await matcher.MatchAsync(account.Id, definition.Import!.Id, ct, isDemo, (done, total) =>
            progress?.Report(new ImportProgress(result.RowsRead, result.RowsRead, result.RowsWritten, ImportStage.Matching) { Matched = done, ToMatch = total }));
        return new(result, definition.Import, match) { MatchTime = watch.Elapsed };
    }
}
