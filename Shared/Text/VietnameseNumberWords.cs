namespace ChildAid.Shared.Text;

/// <summary>
/// An amount in words as Vietnamese receipts write it ("Số tiền bằng chữ"): groups of three digits with
/// nghìn/triệu/tỷ, "không trăm" and "linh" inside non-leading groups, mốt/tư/lăm where they apply, then "đồng".
/// See ../shared/vn/conventions.md §1. Example: 1.005 → "Một nghìn không trăm linh năm đồng".
/// </summary>
public static class VietnameseNumberWords
{
    private static readonly string[] Digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
    private static readonly string[] Groups = ["", " nghìn", " triệu", " tỷ"];

    public static string Dong(long amount)
    {
        if (amount == 0) return "Không đồng";
        var words = amount < 0 ? "âm " + Read((ulong)-(amount + 1) + 1) : Read((ulong)amount);
        return char.ToUpperInvariant(words[0]) + words[1..] + " đồng";
    }

    public static string Read(ulong n)
    {
        if (n == 0) return Digits[0];
        // Split by thousands; above tỷ the groups repeat before "tỷ" (nghìn tỷ, triệu tỷ).
        var billions = n / 1_000_000_000;
        var rest = n % 1_000_000_000;
        var parts = new List<string>();
        if (billions > 0) parts.Add(Read(billions) + " tỷ");
        var groups = new[] { (int)(rest / 1_000_000), (int)(rest / 1000 % 1000), (int)(rest % 1000) };
        var leading = billions == 0;
        for (var i = 0; i < 3; i++)
        {
            if (groups[i] == 0) continue;
            parts.Add(Group(groups[i], full: !leading) + Groups[2 - i]);
            leading = false;
        }
        return string.Join(' ', parts);
    }

    private static string Group(int n, bool full)
    {
        int hundreds = n / 100, tens = n / 10 % 10, units = n % 10;
        var words = new List<string>();
        if (hundreds > 0 || full) words.Add(Digits[hundreds] + " trăm");
        if (tens == 0 && units > 0 && words.Count > 0) words.Add("linh");
        else if (tens == 1) words.Add("mười");
        else if (tens > 1) words.Add(Digits[tens] + " mươi");
        if (units > 0)
            words.Add(units switch
            {
                1 when tens > 1 => "mốt",
                4 when tens > 1 => "tư",
                5 when tens > 0 => "lăm",
                _ => Digits[units],
            });
        return string.Join(' ', words);
    }
}
