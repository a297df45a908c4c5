using System.Collections.Frozen;
using System.Globalization;
using ChildAid.Shared.Text;

namespace ChildAid.Shared.Contributions;

/// <summary>
/// The foreign currencies a gift may arrive in, with their ISO 4217 minor units (decimal places). An amount
/// with more decimals than its currency has is refused at input: the database keeps two decimals
/// (numeric(18,2)) and would otherwise round what the ledger hashed. Rates keep at most six decimals.
/// </summary>
public static class Currencies
{
    public const int RateDecimals = 6;

    private static readonly FrozenDictionary<string, int> MinorUnits = new Dictionary<string, int>
    {
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["CHF"] = 2, ["AUD"] = 2, ["CAD"] = 2, ["NZD"] = 2, ["SGD"] = 2, ["HKD"] = 2,
        ["CNY"] = 2, ["TWD"] = 2, ["THB"] = 2, ["MYR"] = 2, ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2, ["LAK"] = 2, ["KHR"] = 2,
        ["JPY"] = 0, ["KRW"] = 0,
    }.ToFrozenDictionary();

    /// <summary>The accepted codes, for the field's hint and message.</summary>
    public static string AcceptedList { get; } = string.Join(", ", MinorUnits.Keys.Order(StringComparer.Ordinal));

    public static bool IsAccepted(string code) => MinorUnits.ContainsKey(code);

    /// <summary>Decimal places of an accepted currency (2 for USD, 0 for JPY).</summary>
    public static int DecimalsOf(string code) => MinorUnits[code];

    /// <summary>An amount as staff and donors read it, with the currency's decimals: 100,50 (USD), 5.000 (JPY).</summary>
    public static string FormatAmount(decimal amount, string code)
    {
        var decimals = MinorUnits.GetValueOrDefault(code, 2);
        return amount.ToString(decimals == 0 ? "#,0" : "#,0." + new string('0', decimals), VietnameseFormat.Culture);
    }

    /// <summary>A rate without trailing zeros: 25.450,5.</summary>
    public static string FormatRate(decimal rate) => rate.ToString("#,0.######", VietnameseFormat.Culture);

    /// <summary>Whole numbers in VND (the currency of the ledger) have no decimals.</summary>
    public static string Describe(string code) => DecimalsOf(code) == 0
        ? $"{code} không có phần thập phân"
        : string.Create(CultureInfo.InvariantCulture, $"{code} có nhiều nhất {DecimalsOf(code)} chữ số thập phân");
}
