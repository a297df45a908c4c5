using ChildAid.Shared.Time;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.Time;

public class VietnamClockTests
{
    private static FakeTimeProvider At(int year, int month, int day, int hour, int minute) =>
        new(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero));

    [Fact]
    public void At_half_past_eleven_UTC_on_New_Years_Eve_it_is_already_New_Years_Day_in_Vietnam()
    {
        var clock = At(2026, 12, 31, 23, 30);

        Assert.Equal(new DateOnly(2027, 1, 1), clock.VietnamToday());
        Assert.Equal(new DateTime(2027, 1, 1, 6, 30, 0), clock.VietnamNow());
    }

    [Fact]
    public void Until_five_in_the_afternoon_UTC_Vietnam_is_still_on_the_same_day()
    {
        Assert.Equal(new DateOnly(2026, 12, 31), At(2026, 12, 31, 16, 59).VietnamToday());
        Assert.Equal(new DateOnly(2027, 1, 1), At(2026, 12, 31, 17, 0).VietnamToday());
    }

    [Fact]
    public void A_Vietnam_day_starts_at_five_in_the_afternoon_UTC_the_day_before()
    {
        var start = VietnamClock.StartOfDayUtc(new DateOnly(2027, 1, 1));

        Assert.Equal(new DateTime(2026, 12, 31, 17, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }

    [Fact]
    public void An_instant_read_back_without_a_kind_is_taken_as_UTC()
    {
        var unspecified = new DateTime(2026, 12, 31, 23, 30, 0, DateTimeKind.Unspecified);

        Assert.Equal(new DateOnly(2027, 1, 1), VietnamClock.ToVietnamDate(unspecified));
        Assert.Equal("01/01/2027 06:30", ChildAid.Shared.Text.VietnameseFormat.DateTime(unspecified));
    }
}
