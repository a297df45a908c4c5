using System.Globalization;
using ChildAid.Shared.Payments;
using SkiaSharp;
using ZXing;
using ZXing.Common;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// VietQR payloads against ones written out by hand from the EMVCo merchant-presented QR specification and NAPAS's
/// VietQR profile: each field is tag, two-digit length, value; the CRC is CRC-16/CCITT-FALSE over everything up to and
/// including "6304".
/// </summary>
public class VietQrTests
{
    private static readonly VietQrAccount Account = new("970422", "0000 1234 5678", "QUY CHILDAID", "MB Bank");

    [Fact]
    public void The_checksum_is_CRC16_CCITT_FALSE() => Assert.Equal(0x29B1, VietQr.Crc16("123456789"));

    [Fact]
    public void A_one_off_payment_carries_initiation_12_the_amount_and_the_reference_exactly_as_written_by_hand()
    {
        const string byHand =
            "00" + "02" + "01" +                                   // payload format indicator
            "01" + "02" + "12" +                                   // point of initiation: one-off (dynamic)
            "38" + "56" +                                          // merchant account information, NAPAS
                "00" + "10" + "A000000727" +
                "01" + "26" + "00" + "06" + "970422" + "01" + "12" + "000012345678" +
                "02" + "08" + "QRIBFTTA" +
            "53" + "03" + "704" +                                  // VND
            "54" + "06" + "200000" +                               // amount
            "58" + "02" + "VN" +
            "62" + "13" + "08" + "09" + "CA7K3M9QX" +              // additional data: purpose = the reference
            "63" + "04";
        var payload = VietQr.Payload(Account, 200_000, "CA7K3M9QX");

        Assert.Equal(byHand, payload[..^4]);
        Assert.Equal(VietQr.Crc16(byHand).ToString("X4", CultureInfo.InvariantCulture), payload[^4..]);
    }

    [Fact]
    public void A_known_payload_has_the_checksum_computed_by_hand()
    {
        // CRC of this exact text computed independently (Python: binascii.crc_hqx(text.encode(), 0xFFFF)).
        var payload = VietQr.Payload(new VietQrAccount("970436", "1234567890", "X", "VCB"), 50_000, "UNG HO");
        Assert.Equal("00020101021238540010A00000072701240006970436011012345678900208QRIBFTTA53037045405500005802VN62100806UNG HO6304", payload[..^4]);
        Assert.Equal(ExpectedCrcOfKnownPayload, payload[^4..]);
    }

    private const string ExpectedCrcOfKnownPayload = "3A5B";

    [Fact]
    public void Without_an_amount_the_code_is_static_with_initiation_11_and_no_amount_field()
    {
        var payload = VietQr.Payload(Account, null, "UNG HO AO AM CHO EM");

        Assert.StartsWith("000201" + "010211" + "3856", payload);
        Assert.Contains("5303704" + "5802VN" + "6223" + "0819UNG HO AO AM CHO EM" + "6304", payload);
        Assert.DoesNotContain("5406", payload);
    }

    [Fact]
    public void Every_field_parses_back_as_tag_length_value_down_to_the_checksum()
    {
        var payload = VietQr.Payload(Account, 1_234_567, "CA7K3M9QX");
        var fields = Tlv(payload);

        Assert.Equal(["00", "01", "38", "53", "54", "58", "62", "63"], fields.Select(f => f.Tag));
        Assert.Equal("1234567", fields.Single(f => f.Tag == "54").Value);
        var napas = Tlv(fields.Single(f => f.Tag == "38").Value);
        Assert.Equal(("00", "A000000727"), (napas[0].Tag, napas[0].Value));
        Assert.Equal([("00", "970422"), ("01", "000012345678")], Tlv(napas[1].Value).Select(f => (f.Tag, f.Value)));
        Assert.Equal(("02", "QRIBFTTA"), (napas[2].Tag, napas[2].Value));
        Assert.Equal([("08", "CA7K3M9QX")], Tlv(fields.Single(f => f.Tag == "62").Value).Select(f => (f.Tag, f.Value)));
    }

    [Fact]
    public void A_Vietnamese_message_goes_into_the_code_without_diacritics()
    {
        var payload = VietQr.Payload(Account, null, "Ủng hộ áo ấm Đắk Lắk");
        Assert.Contains("0820Ung ho ao am Dak Lak", payload);
    }

    [Theory]
    [InlineData("970422", true)]
    [InlineData("97042", false)]
    [InlineData("MBBANK", false)]
    [InlineData("", false)]
    public void A_bank_BIN_is_six_digits(string bin, bool valid) => Assert.Equal(valid, VietQr.IsBankBin(bin));

    [Fact]
    public void The_PNG_decodes_back_to_the_payload()
    {
        var payload = VietQr.Payload(Account, 200_000, "CA7K3M9QX");

        Assert.Equal(payload, DecodePng(VietQrImage.Png(payload)));
    }

    /// <summary>Reads a QR code PNG back with ZXing (null when it holds none).</summary>
    public static string? DecodePng(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var grey = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
                grey[y * bitmap.Width + x] = bitmap.GetPixel(x, y).Red;
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE] } };
        return reader.Decode(new RGBLuminanceSource(grey, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
    }

    [Fact]
    public void The_SVG_is_an_svg_document()
    {
        var svg = VietQrImage.Svg(VietQr.Payload(Account, 200_000, "CA7K3M9QX"));
        Assert.Contains("<svg", svg);
        Assert.Contains("</svg>", svg);
    }

    private static List<(string Tag, string Value)> Tlv(string text)
    {
        var fields = new List<(string, string)>();
        for (var at = 0; at < text.Length;)
        {
            var length = int.Parse(text.AsSpan(at + 2, 2), CultureInfo.InvariantCulture);
            fields.Add((text.Substring(at, 2), text.Substring(at + 4, length)));
            at += 4 + length;
        }
        return fields;
    }
}
