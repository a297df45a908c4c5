using System.Globalization;
using ChildAid.Shared.Import;
using ChildAid.Shared.Text;
using ChildAid.Shared.Localization;

namespace ChildAid.Shared.BankStatements;

/// <summary>One transaction of a statement as read from the file: credits are positive, debits negative.</summary>
public sealed record ParsedStatementLine(int RowNumber, DateOnly Date, string? TransactionId, string Description, long AmountVnd,
    long? BalanceVnd, string? Counterparty)
{
    public bool IsCredit => AmountVnd > 0;
}

/// <summary>
/// Reads the rows of a statement with one <see cref="StatementPreset"/>: dates in dd/MM/yyyy (with or without a time,
/// d/M, dashes or dots; a date cell or Excel serial), amounts as <see cref="StatementAmount"/> reads them, credit and
/// debit columns or one signed amount. Rows that are not transactions are passed over: total and balance lines
/// ("Tổng", "Cộng doanh số", "Số dư cuối kỳ", "Total"), rows without an amount, and rows with neither date nor
/// description. A row with only text (no date, reference, amount or balance) continues the description of the row above
/// (<see cref="Continues"/>: a long transfer message that the bank's export wrapped). A row with a description but a blank date takes the date of the row above (VietinBank's export leaves
/// it blank on continuation rows). One parser reads one file: it remembers that last date.
/// </summary>
public sealed class StatementParser(StatementPreset preset)
{
    public const int MaxDescriptionLength = 2000;
    public const int MaxTransactionIdLength = 100;
    public const int MaxCounterpartyLength = 200;

    private DateOnly? _lastDate;

    public IReadOnlyList<ImportColumn> Columns { get; } = [.. preset.Columns.Values];

    private ImportColumn? Column(StatementField field) => preset.Columns.GetValueOrDefault(field);

    private static readonly string[] DateFormats =
    [
        "dd/MM/yyyy", "d/M/yyyy", "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy H:mm:ss", "d/M/yyyy H:mm:ss", "dd/MM/yyyy HH:mm", "d/M/yyyy H:mm",
        "dd-MM-yyyy", "d-M-yyyy", "dd-MM-yyyy HH:mm:ss", "dd.MM.yyyy", "dd.MM.yyyy HH:mm:ss", "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss",
    ];

    /// <summary>Labels of the summary lines banks put below (or among) the transactions, folded.</summary>
    private static readonly string[] SummaryLabels =
        ["tong", "cong", "total", "so du", "du dau", "du cuoi", "cuoi ngay", "opening", "closing", "ending balance", "open balance"];

    public ParsedStatementLine? Parse(ImportRow row)
    {
        var dateColumn = Column(StatementField.Date)!;
        var descriptionColumn = Column(StatementField.Description)!;
        var dateText = row.Text(dateColumn);
        var description = row.Text(descriptionColumn);
        // A label in the date column, or (on a row without a date) in the description or reference: a total or balance line.
        if (dateText is not null && row.Raw(dateColumn) is string && ParseDate(dateText) is null && IsSummary(dateText)) return null;
        if (dateText is null && (description is null || IsSummary(description) || IsSummary(Text(row, StatementField.TransactionId)))) return null;

        var amount = Amount(row, out var hasAmount);
        if (!hasAmount) return null;
        var date = Date(row, dateColumn);

        if (description?.Length > MaxDescriptionLength) row.Error(descriptionColumn, Messages.Format("Nội dung dài {0} ký tự, tối đa {1}.", description.Length, MaxDescriptionLength));
        var transactionId = Text(row, StatementField.TransactionId);
        if (transactionId?.Length > MaxTransactionIdLength)
            row.Error(Column(StatementField.TransactionId)!, Messages.Format("Số tham chiếu dài {0} ký tự, tối đa {1}.", transactionId.Length, MaxTransactionIdLength));
        var counterparty = Text(row, StatementField.Counterparty);
        if (counterparty?.Length > MaxCounterpartyLength) counterparty = counterparty[..MaxCounterpartyLength];
        long? balance = null;
        if (Column(StatementField.Balance) is { } balanceColumn)
        {
            balance = StatementAmount.Parse(row.Raw(balanceColumn), out var error);
            if (error is not null) row.Error(balanceColumn, error);
        }
        if (row.Errors.Count > 0 || date is null || amount is null) return null;
        return new ParsedStatementLine(row.Number, date.Value, transactionId, description ?? "", amount.Value, balance, counterparty);
    }

    /// <summary>
    /// A row that only carries on the transaction above: its description (or counterparty) wrapped onto a line of its own,
    /// with no date, reference, amount or balance. It is not a total line either ("Tổng cộng" has no amount and no date).
    /// </summary>
    public bool Continues(ImportRow row)
    {
        if (row.Raw(Column(StatementField.Date)!) is not null) return false;
        foreach (var field in (ReadOnlySpan<StatementField>)[StatementField.TransactionId, StatementField.Amount, StatementField.Credit, StatementField.Debit, StatementField.Balance])
            if (Column(field) is { } column && row.Text(column) is not null) return false;
        var description = Text(row, StatementField.Description);
        var counterparty = Text(row, StatementField.Counterparty);
        return (description is not null || counterparty is not null) && !IsSummary(description) && !IsSummary(counterparty);
    }

    /// <summary>The row above with the continuation's text appended to its description and counterparty.</summary>
    public ImportRow Fold(ImportRow above, ImportRow continuation)
    {
        foreach (var field in (ReadOnlySpan<StatementField>)[StatementField.Description, StatementField.Counterparty])
            if (Column(field) is { } column && continuation.Text(column) is { } more)
                above = above.WithCell(column, above.Text(column) is { } text ? text + " " + more : more);
        return above;
    }

    /// <summary>Credit minus debit, or the signed amount; <paramref name="hasAmount"/> false when the row moves no money.</summary>
    private long? Amount(ImportRow row, out bool hasAmount)
    {
        hasAmount = false;
        if (Column(StatementField.Amount) is { } signedColumn)
        {
            var signed = Money(row, signedColumn);
            hasAmount = signed is not null and not 0 || row.Errors.Count > 0;
            return signed;
        }
        var creditColumn = Column(StatementField.Credit)!;
        var credit = Money(row, creditColumn);
        var debitColumn = Column(StatementField.Debit);
        var debit = debitColumn is null ? null : Money(row, debitColumn);
        if (row.Errors.Count > 0) { hasAmount = true; return null; }
        credit = credit is 0 ? null : credit;
        debit = debit is 0 ? null : debit;
        if (credit is null && debit is null) return null;
        hasAmount = true;
        if (credit is not null && debit is not null)
        {
            row.Error(Messages.Format("Dòng có cả số ghi có ({0}) và số ghi nợ ({1}): mỗi dòng sao kê là một giao dịch.", VietnameseFormat.Number(credit.Value), VietnameseFormat.Number(debit.Value)));
            return null;
        }
        return credit ?? -Math.Abs(debit!.Value);
    }

    private static long? Money(ImportRow row, ImportColumn column)
    {
        var value = StatementAmount.Parse(row.Raw(column), out var error);
        if (error is not null) row.Error(column, error);
        return value;
    }

    private DateOnly? Date(ImportRow row, ImportColumn column)
    {
        DateOnly? date = row.Raw(column) switch
        {
            null => null,
            DateTime d => DateOnly.FromDateTime(d),
            DateOnly d => d,
            double serial when serial is > 0 and < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(serial)),
            _ => ParseDate(row.Text(column)),
        };
        if (date is null && row.Text(column) is { } text)
        {
            row.Error(column, Messages.Format("“{0}” không phải ngày (dạng ngày/tháng/năm, ví dụ 01/12/2026).", text));
            return null;
        }
        if (date is null && _lastDate is null)
        {
            row.Error(column, "Thiếu ngày giao dịch.");
            return null;
        }
        _lastDate = date ?? _lastDate;
        return _lastDate;
    }

    private static DateOnly? ParseDate(string? text)
    {
        if (text is null) return null;
        return DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var d)
            ? DateOnly.FromDateTime(d) : null;
    }

    private string? Text(ImportRow row, StatementField field) => Column(field) is { } column ? row.Text(column) : null;

    private static bool IsSummary(string? text)
    {
        if (text is null) return false;
        var folded = TextFolding.Fold(text);
        if (folded.StartsWith("cong ty", StringComparison.Ordinal)) return false; // a company's name, not "Cộng" (a total)
        return SummaryLabels.Any(label => folded.StartsWith(label, StringComparison.Ordinal));
    }
}
