using System.Globalization;
using System.Text;

namespace ChildAid.Shared.Payments;

/// <summary>The account a VietQR code pays into (one per campaign allowed, as Decree 93 expects).</summary>
public sealed record VietQrAccount(string BankBin, string AccountNumber, string AccountName, string BankName)
{
    /// <summary>Digits only: banks print account numbers in groups ("0000 1234 5678").</summary>
    public string AccountDigits => new(AccountNumber.Where(char.IsAsciiDigit).ToArray());

    public bool CanMakeQr => VietQr.IsBankBin(BankBin) && AccountDigits.Length is > 0 and <= 19;

    /// <summary>
    /// The account `run` shows when none is configured, so the whole pledge flow works on a laptop with no setup. It is
    /// plainly a demo: the bank name and account holder say so, and the number is all zeros.
    /// </summary>
    public static VietQrAccount Demo { get; } = new("970422", "0000000000", "CHILDAID DEMO - KHONG CHUYEN TIEN THAT", "Ngân hàng DEMO (không chuyển tiền thật)");
}

/// <summary>
/// The text of a VietQR code (NAPAS 247 on EMVCo's merchant-presented QR), which every Vietnamese banking app reads:
/// fields as tag, two-digit length, value. Without an amount the code is static (point of initiation 11, one code for
/// every donor, who types the amount); with one it is dynamic (12, a one-off payment with the amount filled in).
/// </summary>
public static class VietQr
{
    /// <summary>NAPAS's application identifier in the merchant account information (tag 38).</summary>
    public const string NapasGuid = "A000000727";
    /// <summary>Transfer to an account (as opposed to QRIBFTTC, to a card).</summary>
    public const string ServiceToAccount = "QRIBFTTA";

    public static string Payload(VietQrAccount account, long? amountVnd, string message)
    {
        if (!IsBankBin(account.BankBin)) throw new ArgumentException("The bank BIN must be six digits.", nameof(account));
        if (amountVnd is <= 0) throw new ArgumentOutOfRangeException(nameof(amountVnd), "An amount must be positive.");
        var beneficiary = Field("00", account.BankBin) + Field("01", account.AccountDigits);
        var napas = Field("00", NapasGuid) + Field("01", beneficiary) + Field("02", ServiceToAccount);
        var text = new StringBuilder()
            .Append(Field("00", "01"))                                   // payload format indicator
            .Append(Field("01", amountVnd is null ? "11" : "12"))        // point of initiation: static / one-off
            .Append(Field("38", napas))
            .Append(Field("53", "704"));                                 // currency: VND (ISO 4217 numeric)
        if (amountVnd is { } amount) text.Append(Field("54", amount.ToString(CultureInfo.InvariantCulture)));
        text.Append(Field("58", "VN"))
            .Append(Field("62", Field("08", AsciiMessage(message))))    // additional data: purpose of transaction
            .Append("6304");
        return text.Append(Crc16(text.ToString()).ToString("X4", CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>A 6-digit NAPAS bank BIN (e.g. 970422).</summary>
    public static bool IsBankBin(string? bin) => bin is { Length: 6 } && bin.All(char.IsAsciiDigit);

    /// <summary>
    /// EMVCo fields carry ASCII: diacritics are dropped (đ → d) and anything else outside printable ASCII becomes a space,
    /// as banks do with transfer messages anyway. At most 50 characters, so the whole tag 62 stays well under 99.
    /// </summary>
    public static string AsciiMessage(string message)
    {
        var sb = new StringBuilder(message.Length);
        foreach (var c in message.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { 'đ' => 'd', 'Đ' => 'D', >= ' ' and <= '~' => c, _ => ' ' });
        }
        var text = sb.ToString().Trim();
        return text.Length <= 50 ? text : text[..50].TrimEnd();
    }

    private static string Field(string id, string value)
    {
        if (value.Length > 99) throw new ArgumentException($"Field {id} is longer than 99 characters.", nameof(value));
        return id + value.Length.ToString("00", CultureInfo.InvariantCulture) + value;
    }

    /// <summary>CRC-16/CCITT-FALSE (polynomial 0x1021, start 0xFFFF) over the ASCII text, as EMVCo requires.</summary>
    public static ushort Crc16(string text)
    {
        ushort crc = 0xFFFF;
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            crc ^= (ushort)(b << 8);
            for (var i = 0; i < 8; i++)
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
        }
        return crc;
    }
}
