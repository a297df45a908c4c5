using System.Globalization;

namespace ChildAid.Shared.Text;

/// <summary>How people in Vietnam read money and dates: 1.234.567 ₫ and dd/MM/yyyy, whatever the UI language.</summary>
public static class VietnameseFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    public static string Vnd(long amount) =>
        amount.ToString("#,0", Culture) + " ₫";

    /// <summary>1.234.567 (a count or a quantity).</summary>
    public static string Number(long value) => value.ToString("#,0", Culture);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateTime date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Shows a UTC instant in Vietnam's time zone (UTC+7, no daylight saving).</summary>
    public static string DateTime(DateTime utc) =>
        Time.VietnamClock.ToVietnamTime(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
