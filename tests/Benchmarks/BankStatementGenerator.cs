using System.Globalization;
using System.Text;

namespace ChildAid.Benchmarks;

/// <summary>
/// Writes a Vietcombank-style statement export (the preset's bilingual headers, title and opening-balance lines above
/// them, dd/MM/yyyy dates, comma thousands, quoted cells) of <c>lines</c> transactions, as a national appeal's account
/// would show them: every second line pays a pledge, its reference buried in the bank's transfer text the way banks
/// write it (prefixes, a space or a dash inside, lower case, the account holder's name after it); the others are gifts
/// nobody pledged ("ung ho tre em vung cao", a name), and one line in ten is a debit (fees, a transfer out).
/// Deterministic for a seed, so every run reads the same file.
/// </summary>
public static class BankStatementGenerator
{
    public const string Header = "Ngày giao dịch/Transaction Date,Số tham chiếu/Reference No,Số tiền ghi nợ/Debit,Số tiền ghi có/Credit,Số dư/Balance,Mô tả/Description";

    private static readonly string[] FamilyNames = ["NGUYEN", "TRAN", "LE", "PHAM", "HOANG", "HUYNH", "PHAN", "VU", "VO", "DANG", "BUI", "DO", "HO", "NGO", "DUONG", "LY"];
    private static readonly string[] MiddleNames = ["VAN", "THI", "HUU", "DUC", "MINH", "THANH", "NGOC", "QUANG", "KIM", "BAO"];
    private static readonly string[] GivenNames = ["AN", "BINH", "CHI", "DUNG", "HA", "HAI", "HANH", "HOA", "HUNG", "LAN", "LINH", "MAI", "NAM", "PHUONG", "QUAN", "TAM", "THAO", "TRANG", "TUAN", "YEN"];
    private static readonly string[] Noise = ["ung ho tre em vung cao", "ung ho quy bao tro tre em", "UNG HO AO AM CHO EM", "gop quy mua dong", "ung ho dong bao lu lut", "chuyen tien"];

    /// <param name="references">Pledge references and amounts; line 2k pays references[k % Count].</param>
    public static void Write(string path, int lines, IReadOnlyList<(string Reference, long AmountVnd)> references, int seed = 20261202)
    {
        var random = new Random(seed);
        using var file = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        file.WriteLine("NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM");
        file.WriteLine("SAO KÊ TÀI KHOẢN / STATEMENT OF ACCOUNT");
        file.WriteLine("Số tài khoản/Account Number:,0000000093");
        file.WriteLine("Loại tiền/Currency:,VND");
        file.WriteLine("Số dư đầu kỳ/Opening Balance:,\"1,000,000,000\"");
        file.WriteLine(Header);
        long balance = 1_000_000_000;
        var first = new DateOnly(2026, 11, 1);
        for (var i = 0; i < lines; i++)
        {
            var date = first.AddDays(i * 28 / Math.Max(1, lines));
            var name = $"{FamilyNames[random.Next(FamilyNames.Length)]} {MiddleNames[random.Next(MiddleNames.Length)]} {GivenNames[random.Next(GivenNames.Length)]}";
            long credit = 0, debit = 0;
            string description;
            if (i % 2 == 0 && references.Count > 0)
            {
                var (reference, amount) = references[i / 2 % references.Count];
                credit = amount;
                description = Transfer(random, Disguise(random, reference), name);
            }
            else if (i % 10 == 1)
            {
                debit = random.Next(2) == 0 ? 11_000 : 100_000L * random.Next(1, 50);
                description = debit == 11_000 ? "Phi dich vu SMS Banking" : $"Chuyen tien mua ao am dot {i % 7 + 1}";
            }
            else
            {
                credit = 10_000L * random.Next(5, 500);
                description = Transfer(random, Noise[random.Next(Noise.Length)], name);
            }
            balance += credit - debit;
            file.Write(date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            file.Write(',');
            file.Write(string.Create(CultureInfo.InvariantCulture, $"5243.{90000 + i}"));
            file.Write(',');
            file.Write(debit == 0 ? "" : Money(debit));
            file.Write(',');
            file.Write(credit == 0 ? "" : Money(credit));
            file.Write(',');
            file.Write(Money(balance));
            file.Write(',');
            file.Write('"');
            file.Write(description);
            file.WriteLine('"');
        }
    }

    /// <summary>How donors type a reference: as given, lower case, a space or dash after the fourth character.</summary>
    private static string Disguise(Random random, string reference) => random.Next(4) switch
    {
        0 => reference,
        1 => reference.ToLowerInvariant(),
        2 => reference[..4] + " " + reference[4..],
        _ => reference[..4] + "-" + reference[4..],
    };

    /// <summary>The text a bank wraps around the donor's message (Vietcombank's and NAPAS' shapes).</summary>
    private static string Transfer(Random random, string message, string name) => random.Next(3) switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"MBVCB.{random.Next(100_000_000, 999_999_999)}.{random.Next(100_000, 999_999)}.{message}.CT tu 0123456789 {name} toi 0000000093 QUY BAO TRO TRE EM tai VCB"),
        1 => string.Create(CultureInfo.InvariantCulture, $"IBFT {message} {name} FT26{random.Next(100_000, 999_999)}"),
        _ => $"{name} chuyen tien {message}",
    };

    private static string Money(long amount) => "\"" + amount.ToString("#,0", CultureInfo.InvariantCulture) + "\"";
}
