namespace ChildAid.Shared.Text;

/// <summary>
/// An amount in English words for donors abroad, as a cheque writes it: short scale (thousand, million, billion,
/// trillion, quadrillion), tens joined by a hyphen, no "and". Example: 1.200.000 → "One million two hundred thousand dong".
/// </summary>
public static class EnglishNumberWords
{
    private static readonly string[] Small =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];
    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    private static readonly string[] Scales = ["", " thousand", " million", " billion", " trillion", " quadrillion", " quintillion"];

    public static string Dong(long amount)
    {
        var words = amount < 0 ? "minus " + Read((ulong)-(amount + 1) + 1) : Read((ulong)amount);
        return char.ToUpperInvariant(words[0]) + words[1..] + " dong";
    }

    public static string Read(ulong n)
    {
        if (n == 0) return Small[0];
        var parts = new List<string>();
        for (var scale = Scales.Length - 1; scale >= 0; scale--)
        {
            var divisor = Pow1000(scale);
            var group = (int)(n / divisor % 1000);
            if (group > 0) parts.Add(Group(group) + Scales[scale]);
        }
        return string.Join(' ', parts);
    }

    private static ulong Pow1000(int scale)
    {
        ulong result = 1;
        for (var i = 0; i < scale; i++) result *= 1000;
        return result;
    }

    private static string Group(int n)
    {
        int hundreds = n / 100, rest = n % 100;
        var words = new List<string>();
        if (hundreds > 0) words.Add(Small[hundreds] + " hundred");
        if (rest >= 20) words.Add(Tens[rest / 10] + (rest % 10 > 0 ? "-" + Small[rest % 10] : ""));
        else if (rest > 0) words.Add(Small[rest]);
        return string.Join(' ', words);
    }
}
