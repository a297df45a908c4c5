using System.Text.Json;
using ChildAid.Shared.Import;

namespace ChildAid.Shared.BankStatements;

/// <summary>What a statement column means to reconciliation.</summary>
public enum StatementField { Date, TransactionId, Description, Debit, Credit, Amount, Balance, Counterparty }

/// <summary>
/// How to find the columns of one bank's statement export: for each field, the headers that bank writes (Vietnamese and
/// English; a bilingual cell such as "Số tiền ghi có/Credit/Cr" matches by either part, accents and case ignored).
/// Columns are found by header, never by position: the banks move them between channels (retail, corporate) and the
/// header row sits below a varying number of title lines (../shared/vn/bank-statements.md). Money is either separate
/// credit/debit columns (every bank seen) or one signed amount column (a custom mapping may choose it).
/// </summary>
public sealed class StatementPreset
{
    public string Code { get; }
    public string Name { get; }
    public IReadOnlyDictionary<StatementField, string[]> Headers { get; }
    public IReadOnlyDictionary<StatementField, ImportColumn> Columns { get; }

    private StatementPreset(string code, string name, Dictionary<StatementField, string[]> headers)
    {
        (Code, Name, Headers) = (code, name, headers);
        var signed = headers.ContainsKey(StatementField.Amount);
        Columns = headers.ToDictionary(h => h.Key, h => new ImportColumn(h.Value[0], IsRequired(h.Key, signed), h.Value[1..]));
    }

    /// <summary>A file without these columns is not a statement of this layout.</summary>
    private static bool IsRequired(StatementField field, bool signed) => field switch
    {
        StatementField.Date or StatementField.Description => true,
        StatementField.Credit => !signed,
        StatementField.Amount => signed,
        _ => false,
    };

    public const string CustomCode = "CUSTOM";

    public bool IsCustom => Code == CustomCode;

    private static readonly string[] Balance = ["Số dư", "Balance", "Số dư TK", "Account balance"];

    public static readonly StatementPreset Vietcombank = new("VCB", "Vietcombank", new()
    {
        [StatementField.Date] = ["Ngày giao dịch", "Ngày GD", "Transaction Date", "Ngày", "Date"],
        [StatementField.TransactionId] = ["Số tham chiếu", "Số CT", "Reference", "Reference No", "Doc No", "Số chứng từ"],
        [StatementField.Debit] = ["Số tiền ghi nợ", "Ghi nợ", "Nợ", "Debit", "Dr"],
        [StatementField.Credit] = ["Số tiền ghi có", "Ghi có", "Có", "Credit", "Cr"],
        [StatementField.Balance] = Balance,
        [StatementField.Description] = ["Mô tả", "Diễn giải", "Narrative", "Description", "Nội dung"],
    });

    public static readonly StatementPreset Bidv = new("BIDV", "BIDV", new()
    {
        [StatementField.Date] = ["Ngày hiệu lực", "Effective date", "Ngày giao dịch", "Transaction date", "Date"],
        [StatementField.TransactionId] = ["Số tham chiếu", "Reference", "Số bút toán"],
        [StatementField.Debit] = ["Ghi nợ", "Debit", "Nợ"],
        [StatementField.Credit] = ["Ghi có", "Credit", "Có"],
        [StatementField.Balance] = Balance,
        [StatementField.Description] = ["Mô tả", "Description", "Diễn giải", "Nội dung"],
    });

    public static readonly StatementPreset VietinBank = new("VTB", "VietinBank", new()
    {
        [StatementField.Date] = ["Ngày hạch toán", "Accounting date", "Ngày phát sinh", "Transaction date"],
        [StatementField.TransactionId] = ["Số giao dịch", "Transaction number"],
        [StatementField.Debit] = ["Nợ", "Debit"],
        [StatementField.Credit] = ["Có", "Credit"],
        [StatementField.Balance] = Balance,
        [StatementField.Description] = ["Mô tả giao dịch", "Transaction description", "Mô tả"],
    });

    public static readonly StatementPreset MbBank = new("MB", "MB Bank", new()
    {
        [StatementField.Date] = ["Ngày hạch toán", "Posting date", "Ngày giao dịch", "Transaction date"],
        [StatementField.TransactionId] = ["Số bút toán", "Mã giao dịch", "Số tham chiếu", "Reference", "Transaction No"],
        [StatementField.Debit] = ["Phát sinh nợ", "Debit"],
        [StatementField.Credit] = ["Phát sinh có", "Credit"],
        [StatementField.Balance] = Balance,
        [StatementField.Description] = ["Nội dung", "Diễn giải", "Description"],
    });

    public static readonly StatementPreset Techcombank = new("TCB", "Techcombank", new()
    {
        [StatementField.Date] = ["Ngày giao dịch", "Transaction Date"],
        [StatementField.Counterparty] = ["Đối tác", "Remitter"],
        [StatementField.Description] = ["Diễn giải", "Details"],
        [StatementField.TransactionId] = ["Số bút toán", "Transaction No"],
        [StatementField.Debit] = ["Nợ", "Debit"],
        [StatementField.Credit] = ["Có", "Credit"],
        [StatementField.Balance] = Balance,
    });

    /// <summary>ACB's retail statement; the transaction number's header is not confirmed by the sources, so several are tried.</summary>
    public static readonly StatementPreset Acb = new("ACB", "ACB", new()
    {
        [StatementField.Date] = ["Ngày giao dịch", "Transaction date", "Ngày"],
        [StatementField.TransactionId] = ["Số giao dịch", "Số GD", "Số chứng từ", "Số tham chiếu"],
        [StatementField.Description] = ["Nội dung", "Description", "Diễn giải"],
        [StatementField.Debit] = ["Tiền rút ra", "Rút ra", "Debit"],
        [StatementField.Credit] = ["Tiền gửi vào", "Gửi vào", "Credit"],
        [StatementField.Balance] = Balance,
        [StatementField.Counterparty] = ["Tên người thụ hưởng", "Tên đơn vị thụ hưởng", "Beneficiary name"],
    });

    /// <summary>The presets, in the order the account form lists them. Agribank has none: no export layout was found.</summary>
    public static readonly IReadOnlyList<StatementPreset> All = [Vietcombank, Bidv, VietinBank, MbBank, Techcombank, Acb];

    public static StatementPreset? Find(string? code) =>
        All.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A mapping an accountant typed for an account whose bank has no preset: one header per field (date,
    /// description, and either credit — with debit optional — or a signed amount).
    /// </summary>
    public static StatementPreset Custom(IReadOnlyDictionary<StatementField, string> headers) =>
        new(CustomCode, "Tùy chỉnh", headers.Where(h => !string.IsNullOrWhiteSpace(h.Value))
            .ToDictionary(h => h.Key, h => new[] { h.Value.Trim() }));

    /// <summary>The custom mapping as saved on the account (field name → header).</summary>
    public string ToJson() => JsonSerializer.Serialize(Headers.ToDictionary(h => h.Key.ToString(), h => h.Value[0]));

    public static StatementPreset FromJson(string json) =>
        Custom(JsonSerializer.Deserialize<Dictionary<string, string>>(json)!
            .Where(h => Enum.TryParse<StatementField>(h.Key, out _))
            .ToDictionary(h => Enum.Parse<StatementField>(h.Key), h => h.Value));

    /// <summary>What a custom mapping lacks, in Vietnamese, by field; empty when it can read a statement.</summary>
    public static Dictionary<StatementField, string> Validate(IReadOnlyDictionary<StatementField, string> headers)
    {
        var errors = new Dictionary<StatementField, string>();
        bool Has(StatementField f) => headers.TryGetValue(f, out var h) && !string.IsNullOrWhiteSpace(h);
        if (!Has(StatementField.Date)) errors[StatementField.Date] = "Vui lòng nhập tiêu đề cột ngày giao dịch.";
        if (!Has(StatementField.Description)) errors[StatementField.Description] = "Vui lòng nhập tiêu đề cột nội dung (diễn giải).";
        if (Has(StatementField.Amount) && (Has(StatementField.Credit) || Has(StatementField.Debit)))
            errors[StatementField.Amount] = "Chọn một trong hai: cột số tiền có dấu (âm là ghi nợ), hoặc các cột ghi có/ghi nợ.";
        else if (!Has(StatementField.Amount) && !Has(StatementField.Credit))
            errors[StatementField.Credit] = "Vui lòng nhập tiêu đề cột ghi có (tiền vào), hoặc cột số tiền có dấu.";
        foreach (var (field, header) in headers)
            if (header?.Trim().Length > 100) errors[field] = "Tiêu đề cột tối đa 100 ký tự.";
        return errors;
    }
}
