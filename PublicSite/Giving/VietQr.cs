using System.Globalization;
using System.Text;

namespace ChildAid.PublicSite.Giving;

/// <summary>
/// The text of a static VietQR code (NAPAS 247 on EMVCo's merchant-presented QR): the bank's BIN, the account number and
/// a transfer note, which every Vietnamese banking app reads and fills in. No amount: the donor types it.
/// </summary>
public static class VietQr
{
    public static string Payload(string bankBin, string accountNumber, string note)
    {
        var account = new string(accountNumber.Where(char.IsAsciiDigit).ToArray());
        var beneficiary = Field("00", bankBin) + Field("01", account);
        var napas = Field("00", "A000000727") + Field("01", beneficiary) + Field("02", "QRIBFTTA");
        var text = new StringBuilder()
            .Append(Field("00", "01"))            // payload format
            .Append(Field("01", "11"))            // static: the same code for every donor
            .Append(Field("38", napas))
            .Append(Field("53", "704"))           // VND
            .Append(Field("58", "VN"))
            .Append(Field("62", Field("08", note)))
            .Append("6304");
        return text.Append(Crc16(text.ToString()).ToString("X4", CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>A 6-digit NAPAS bank BIN (e.g. 970422).</summary>
    public static bool IsBankBin(string? bin) => bin is { Length: 6 } && bin.All(char.IsAsciiDigit);

    private static string Field(string id, string value) => id + value.Length.ToString("00", CultureInfo.InvariantCulture) + value;

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
