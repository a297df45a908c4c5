using System.Text.RegularExpressions;

namespace ChildAid.Shared.Expenses;

/// <summary>A proposal as the form sends it. Error keys are these property names; a line's are "Lines[i].AmountVnd".</summary>
public sealed class ExpenseInput
{
    public string? SupplierName { get; set; }
    public string? SupplierTaxCode { get; set; }
    public string? InvoiceSymbol { get; set; }
    public string? InvoiceNumber { get; set; }
    public DateOnly? InvoiceDate { get; set; }
    public DateOnly? PaymentDate { get; set; }
    public string? Note { get; set; }
    /// <summary>An advance (tạm ứng) is proposed and approved without its invoice: symbol, number and invoice date are filed later.</summary>
    public ExpenseKind Kind { get; set; } = ExpenseKind.Invoice;
    public List<ExpenseLineInput> Lines { get; set; } = [];
}

public sealed class ExpenseLineInput
{
    public int AllocationId { get; set; }
    public long? AmountVnd { get; set; }
    /// <summary>How many of the need's item the line's money bought, for a need for goods; empty otherwise. Error key "Lines[i].Quantity".</summary>
    public int? Quantity { get; set; }
}

/// <summary>What an approval came to: booked, refused by the four-eyes rule (403), or a problem to show.</summary>
public sealed record ExpenseDecision(Expense? Approved, string? Refusal, string? Problem)
{
    public bool Booked => Approved is not null;
}

/// <summary>The Vietnamese forms an expense's supplier and invoice are written in.</summary>
public static partial class ExpenseRules
{
    /// <summary>
    /// How late an advance's invoice is on <paramref name="today"/> (Vietnam's calendar), counting days from the payment date:
    /// flagged from the 15th day and again from the 29th, and from the 31st its proposer can make no new disbursement.
    /// </summary>
    public static InvoiceDelay Delay(DateOnly paymentDate, DateOnly today) => (today.DayNumber - paymentDate.DayNumber) switch
    {
        >= 31 => InvoiceDelay.Blocking,
        >= 29 => InvoiceDelay.Day29,
        >= 15 => InvoiceDelay.Day15,
        _ => InvoiceDelay.None,
    };

    /// <summary>
    /// A tax code (mã số thuế) in its one written form: 10 digits, or a branch's 10 digits, a dash and 3 digits; the 13 digits
    /// written without the dash are accepted and given it. Null when it is neither.
    /// </summary>
    public static string? NormalizeTaxCode(string? input)
    {
        var s = (input ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);
        if (TaxCode10().IsMatch(s) || TaxCode13().IsMatch(s)) return s;
        if (s.Length == 13 && s.All(char.IsAsciiDigit)) return s[..10] + "-" + s[10..];
        return null;
    }

    /// <summary>
    /// Ký hiệu of an e-invoice (Decree 123/2020, Circular 78/2021): the form digit (1–6), C or K (with or without the tax
    /// authority's code), the last two digits of the year it was issued, the invoice type letter, two letters the seller chose.
    /// </summary>
    public static bool IsInvoiceSymbol(string s) => InvoiceSymbolPattern().IsMatch(s);

    /// <summary>The year the symbol says the invoice was issued in (two digits).</summary>
    public static int SymbolYear(string symbol) => int.Parse(symbol.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Số hoá đơn: 1 to 8 digits.</summary>
    public static bool IsInvoiceNumber(string s) => InvoiceNumberPattern().IsMatch(s);

    [GeneratedRegex(@"^\d{10}$")]
    private static partial Regex TaxCode10();

    [GeneratedRegex(@"^\d{10}-\d{3}$")]
    private static partial Regex TaxCode13();

    [GeneratedRegex("^[1-6][CK][0-9]{2}[TDLMNBGHX][A-Z0-9]{2}$")]
    private static partial Regex InvoiceSymbolPattern();

    [GeneratedRegex("^[0-9]{1,8}$")]
    private static partial Regex InvoiceNumberPattern();
}

/// <summary>An advance's invoice as the filing form sends it (error keys are these names, and "File" for the file).</summary>
public sealed class InvoiceFiling
{
    public string? InvoiceSymbol { get; set; }
    public string? InvoiceNumber { get; set; }
    public DateOnly? InvoiceDate { get; set; }
}
