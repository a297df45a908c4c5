using ChildAid.Shared.Data;
using ChildAid.Shared.Pledges;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Pledges;

/// <summary>A pledge goes in once per Idempotency-Key, even when the retries race each other; the database decides.</summary>
public abstract class PledgeIntakeServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static PledgeRequest Request(long amount = 200_000) => new()
    {
        Campaign = "ao-am-2026", Amount = amount, Display = "name-amount",
        Donor = new PledgeDonor { Kind = "individual", Name = "Lê Văn Cường", Phone = "0912 345 678" },
    };

    private PledgeIntakeService Service(IntakeDbContext db) => new(db, TimeProvider.System);

    [Fact]
    public async Task A_retry_with_the_same_key_returns_the_same_pledge_and_writes_nothing_new()
    {
        await using var first = IntakeDbContext.Create(Db.IntakeOptions);
        var made = await Service(first).SubmitAsync(Request(), "retry-key-1");
        await using var second = IntakeDbContext.Create(Db.IntakeOptions);
        var again = await Service(second).SubmitAsync(Request(), "retry-key-1");

        Assert.True(made.Created);
        Assert.False(again.Created);
        Assert.False(again.KeyUsedForAnotherPledge);
        Assert.Equal(made.Status.Reference, again.Status.Reference);
        Assert.Equal(1, await CountIntakeRowsAsync());
    }

    [Fact]
    public async Task Ten_concurrent_retries_with_the_same_key_make_one_pledge()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            await using var db = IntakeDbContext.Create(Db.IntakeOptions);
            return await Service(db).SubmitAsync(Request(), "concurrent-key");
        }));

        Assert.Single(results.Select(r => r.Status.Reference).Distinct());
        Assert.Single(results, r => r.Created);
        Assert.Equal(1, await CountIntakeRowsAsync());
    }

    [Fact]
    public async Task The_same_key_for_a_different_amount_is_reported_not_booked()
    {
        await using var db = IntakeDbContext.Create(Db.IntakeOptions);
        var made = await Service(db).SubmitAsync(Request(200_000), "reused-key");
        var other = await Service(db).SubmitAsync(Request(500_000), "reused-key");

        Assert.True(other.KeyUsedForAnotherPledge);
        Assert.Equal(made.Status.Reference, other.Status.Reference);
        Assert.Equal(1, await CountIntakeRowsAsync());
    }

    [Fact]
    public async Task Without_a_key_every_submission_is_a_new_pledge_with_its_own_reference()
    {
        await using var db = IntakeDbContext.Create(Db.IntakeOptions);
        var a = await Service(db).SubmitAsync(Request(), null);
        var b = await Service(db).SubmitAsync(Request(), null);

        Assert.NotEqual(a.Status.Reference, b.Status.Reference);
        Assert.Equal(2, await CountIntakeRowsAsync());
    }

    [Fact]
    public async Task The_status_is_found_by_reference_however_it_is_typed()
    {
        await using var db = IntakeDbContext.Create(Db.IntakeOptions);
        var made = await Service(db).SubmitAsync(Request(), null);
        var typed = made.Status.Reference.ToLowerInvariant().Insert(2, " ");

        var status = await Service(db).StatusAsync(typed);

        Assert.Equal((made.Status.Reference, 200_000L, PledgeStatus.Received), (status!.Reference, status.AmountVnd, status.Status));
        Assert.Null(await Service(db).StatusAsync("CA2222222"));
    }

    private async Task<int> CountIntakeRowsAsync()
    {
        await using var owner = Db.NewContext();
        return await owner.PledgeIntake.CountAsync();
    }
}

public class PledgeIntakeServiceTestsOnSqlite() : PledgeIntakeServiceTests(DatabaseProvider.Sqlite);

public class PledgeIntakeServiceTestsOnPostgres() : PledgeIntakeServiceTests(DatabaseProvider.Postgres);

/// <summary>Field messages in Vietnamese, keyed as the JSON fields are.</summary>
public class PledgeRequestValidationTests
{
    [Fact]
    public void A_complete_pledge_has_no_errors() => Assert.Empty(new PledgeRequest
    {
        Campaign = "ao-am", Amount = 100_000, Donor = new PledgeDonor { Name = "An", Email = "an@example.com" },
    }.Validate());

    [Fact]
    public void Each_wrong_field_gets_its_own_Vietnamese_message()
    {
        var errors = new PledgeRequest
        {
            Campaign = "", Amount = 0, Display = "loud", Donor = new PledgeDonor { Kind = "robot", Name = "", Email = "not-an-email", Phone = "12" },
        }.Validate();

        Assert.Equal(["amount", "campaign", "display", "donor.email", "donor.kind", "donor.name", "donor.phone"], errors.Keys.Order());
        Assert.Equal("Vui lòng nhập số tiền lớn hơn 0 ₫.", errors["amount"].Single());
    }

    [Fact]
    public void An_anonymous_pledge_needs_no_name_but_a_contact_for_the_receipt()
    {
        var errors = new PledgeRequest { Campaign = "ao-am", Amount = 50_000, Display = "anonymous", Donor = new PledgeDonor() }.Validate();
        Assert.Equal(["donor.email"], errors.Keys);
    }

    [Fact]
    public void A_business_tax_code_is_ten_digits_or_ten_dash_three()
    {
        PledgeRequest Business(string tax) => new()
        {
            Campaign = "ao-am", Amount = 5_000_000, Donor = new PledgeDonor { Kind = "business", Name = "Công ty TNHH Ánh Dương", Email = "kt@anhduong.vn", TaxCode = tax },
        };
        Assert.Empty(Business("0312345678").Validate());
        Assert.Empty(Business("0312345678-001").Validate());
        Assert.Equal(["donor.taxCode"], Business("03123").Validate().Keys);
    }
}
