using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Import;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;
using ChildAid.Shared.Localization;

namespace ChildAid.Shared.BankStatements;

/// <summary>A parsed statement line and the key it is stored under (UNIQUE per account).</summary>
public sealed record StatementRow(ParsedStatementLine Line, string DedupeKey);

/// <summary>
/// How a statement file becomes lines of one account through <see cref="ImportPipeline"/>: the account's mapping reads
/// each row, every line gets its dedupe key, a batch is checked against the lines already stored for the account (an
/// earlier import, or an earlier batch of this file) and against itself, and written with <see cref="BulkInsert"/>.
/// One summary audit row at the end, as for the needs import. Matching and booking come after the commit
/// (<see cref="BankStatementMatcher"/>), in batches in their own transaction and idempotent, so the import itself stays all or nothing.
/// </summary>
public sealed class BankStatementImportDefinition(ChildAidDbContext db, AuditActor actor, TimeProvider clock, BankAccount account, string fileName)
    : ImportDefinition<StatementRow>
{
    private readonly StatementParser _parser = new(account.Mapping());
    // Identical lines without a bank id or running balance are different gifts (two people sending 50,000 "ung ho" on one
    // day): the n-th of them in a file is keyed "#n", so the same file imported again gives the same keys.
    private readonly Dictionary<string, int> _identical = new(StringComparer.Ordinal);
    private BankStatementImport? _import;
    private int _credits;

    /// <summary>Rows of an earlier import met again; when that is every row, the file as a whole was imported before.</summary>
    public int AlreadyImported { get; private set; }
    public BankStatementImport? Import => _import;
    /// <summary>Transactions read from the file (rows that were not title, total or balance lines).</summary>
    public int Transactions { get; private set; }
    public (string File, DateTime At)? EarlierImport { get; private set; }

    public override IReadOnlyList<ImportColumn> Columns => _parser.Columns;
    public override int HeaderSearchRows => 60;
    public override string UnreadableMessage => StatementFile.Unreadable;

    public override StatementRow? Parse(ImportRow row)
    {
        var line = _parser.Parse(row);
        if (line is null) return null;
        Transactions++;
        return new StatementRow(line, KeyOf(line));
    }

    public override bool Continues(ImportRow row) => _parser.Continues(row);

    public override ImportRow Fold(ImportRow above, ImportRow continuation) => _parser.Fold(above, continuation);

    private string KeyOf(ParsedStatementLine line)
    {
        if (line.TransactionId is { } id) return "id:" + id;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{line.Date:yyyy-MM-dd}|{line.AmountVnd}|{TextFolding.Fold(line.Description)}|{line.BalanceVnd}|{TextFolding.Fold(line.Counterparty)}");
        var key = "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
        if (line.BalanceVnd is not null) return key;
        var n = _identical[key] = _identical.GetValueOrDefault(key) + 1;
        return n == 1 ? key : $"{key}#{n}";
    }

    public override async Task CheckAsync(IReadOnlyList<(ImportRow Row, StatementRow Value)> batch, Action<ImportError> error, CancellationToken ct)
    {
        var inBatch = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, value) in batch)
        {
            if (inBatch.TryGetValue(value.DedupeKey, out var first))
                error(new(row.Number, "", IdText(value, "Giao dịch trùng với dòng {0} của tệp này.", "Giao dịch trùng với dòng {0} của tệp này (số tham chiếu {1}).", first)));
            else inBatch[value.DedupeKey] = row.Number;
        }
        var keys = inBatch.Keys.ToList();
        var stored = await db.BankStatementLines.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.BankAccountId == account.Id && keys.Contains(l.DedupeKey))
            .Join(db.BankStatementImports.IgnoreQueryFilters(), l => l.ImportId, i => i.Id,
                (l, i) => new { l.DedupeKey, l.RowNumber, i.Id, i.FileName, i.ImportedAt })
            .ToListAsync(ct);
        foreach (var s in stored)
        {
            var (row, value) = batch.First(b => b.Value.DedupeKey == s.DedupeKey);
            if (_import is not null && s.Id == _import.Id)
            {
                error(new(row.Number, "", IdText(value, "Giao dịch trùng với dòng {0} của tệp này.", "Giao dịch trùng với dòng {0} của tệp này (số tham chiếu {1}).", s.RowNumber)));
                continue;
            }
            AlreadyImported++;
            EarlierImport ??= (s.FileName, s.ImportedAt);
            error(new(row.Number, "", IdText(value, "Giao dịch này đã được nhập vào tài khoản {0} ngày {1} (tệp “{2}”, dòng {3}).", "Giao dịch này đã được nhập vào tài khoản {0} ngày {1} (tệp “{2}”, dòng {3}) (số tham chiếu {4}).",
                account.Code, VietnameseFormat.Date(Time.VietnamClock.ToVietnamDate(s.ImportedAt)), s.FileName, s.RowNumber)));
        }
    }

    /// <summary>The message, with the bank's reference as its last value when the line has one (two format keys, no concatenation).</summary>
    private static string IdText(StatementRow value, string key, string keyWithId, params object[] values) =>
        value.Line.TransactionId is { } id ? Messages.Format(keyWithId, [.. values, id]) : Messages.Format(key, values);

    public override async Task WriteAsync(IReadOnlyList<StatementRow> batch, CancellationToken ct)
    {
        _import ??= await StartImportAsync(ct);
        var lines = batch.Select(r => new BankStatementLine
        {
            BankAccountId = account.Id,
            ImportId = _import.Id,
            AdminUnitId = account.AdminUnitId,
            RowNumber = r.Line.RowNumber,
            TransactionDate = r.Line.Date,
            TransactionId = r.Line.TransactionId,
            DedupeKey = r.DedupeKey,
            Description = r.Line.Description,
            Counterparty = r.Line.Counterparty,
            AmountVnd = r.Line.AmountVnd,
            BalanceVnd = r.Line.BalanceVnd,
            Status = r.Line.IsCredit ? BankLineStatus.Unmatched : BankLineStatus.Debit,
            FoundReference = r.Line.IsCredit ? PledgeReference.FindIn(r.Line.Description) : null,
        }).ToList();
        _credits += lines.Count(l => l.Status == BankLineStatus.Unmatched);
        await BulkInsert.InsertAsync(db, lines, ct: ct);
    }

    private async Task<BankStatementImport> StartImportAsync(CancellationToken ct)
    {
        var import = new BankStatementImport
        {
            BankAccountId = account.Id, AdminUnitId = account.AdminUnitId, FileName = Truncate(fileName, 260),
            ImportedAt = clock.GetUtcNow().UtcDateTime, ImportedBy = actor.Name,
        };
        var suppressed = actor.Suppressed;
        actor.Suppressed = true; // one summary audit row at the end instead
        try
        {
            db.BankStatementImports.Add(import);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        finally { actor.Suppressed = suppressed; }
        return import;
    }

    public override async Task CompleteAsync(int rowsWritten, Action<ImportError> error, CancellationToken ct)
    {
        if (_import is not { } import)
        {
            error(new(0, "", "Tệp không có giao dịch nào: chỉ có dòng tiêu đề, dòng tổng hoặc số dư."));
            return;
        }
        await db.BankStatementImports.IgnoreQueryFilters().Where(i => i.Id == import.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.LineCount, rowsWritten).SetProperty(i => i.CreditCount, _credits), ct);
        import.LineCount = rowsWritten;
        import.CreditCount = _credits;
        // A bulk load of synthetic data (the demo's statement) writes no audit rows, like the rest of that load.
        if (actor.Suppressed) return;
        var suppressed = actor.Suppressed;
        actor.Suppressed = true;
        try
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow().UtcDateTime, UserId = actor.UserId, Actor = actor.Name,
                EntityType = nameof(BankStatementImport), EntityKey = import.Id.ToString(CultureInfo.InvariantCulture),
                Action = "Imported", AdminUnitId = account.AdminUnitId,
                Label = Truncate($"Nhập sao kê tài khoản {account.Code}: {rowsWritten} giao dịch ({_credits} khoản tiền vào) từ tệp “{fileName}”", 300),
                After = System.Text.Json.JsonSerializer.Serialize(new { Account = account.Code, File = fileName, Lines = rowsWritten, Credits = _credits }),
            });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        finally { actor.Suppressed = suppressed; }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
