namespace ChildAid.Shared.Time;

/// <summary>
/// Vietnam's calendar on a <see cref="TimeProvider"/>: the one place that knows Vietnam is UTC+7 (no daylight
/// saving since 1975). "Today" for a receipt, a default date or a filter is Vietnam's today, never the server's.
/// </summary>
public static class VietnamClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>Wall-clock time in Vietnam now (Kind Unspecified: it is not UTC).</summary>
    public static DateTime VietnamNow(this TimeProvider clock) => ToVietnamTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The calendar date in Vietnam now: at 23:30 UTC on 31/12 it is already 01/01 of the next year.</summary>
    public static DateOnly VietnamToday(this TimeProvider clock) => ToVietnamDate(clock.GetUtcNow().UtcDateTime);

    /// <summary>A UTC instant as Vietnam's wall-clock time.</summary>
    public static DateTime ToVietnamTime(DateTime utc) =>
        DateTime.SpecifyKind(AsUtc(utc) + Offset, DateTimeKind.Unspecified);

    /// <summary>The Vietnam calendar date of a UTC instant.</summary>
    public static DateOnly ToVietnamDate(DateTime utc) => DateOnly.FromDateTime(ToVietnamTime(utc));

    /// <summary>The UTC instant at which a Vietnam calendar day begins (00:00 in Vietnam = 17:00 UTC the day before).</summary>
    public static DateTime StartOfDayUtc(DateOnly vietnamDate) =>
        vietnamDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - Offset;

    // Values read back from a database may come with Kind Unspecified; they are UTC by convention in this product.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
