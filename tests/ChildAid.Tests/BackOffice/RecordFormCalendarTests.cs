using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.BackOffice;

/// <summary>The record form's default date is Vietnam's today on the application's clock, not the machine's.</summary>
public abstract class RecordFormCalendarTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    protected override TimeProvider Clock { get; } = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task At_half_past_eleven_UTC_on_New_Years_Eve_the_form_proposes_the_first_of_January()
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        await StaffAsync("canbo", [Roles.ProgrammeOfficer], unit.Id);
        var client = await LogInAsync("canbo");

        var form = await client.GetPageAsync("/Contributions/Record");

        Assert.Equal("01/01/2027", StaffClient.Hidden(form, "Input.ReceivedOn"));
    }
}

public class RecordFormCalendarTestsOnSqlite() : RecordFormCalendarTests(DatabaseProvider.Sqlite);

public class RecordFormCalendarTestsOnPostgres() : RecordFormCalendarTests(DatabaseProvider.Postgres);
