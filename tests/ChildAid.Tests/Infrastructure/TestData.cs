using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;

namespace ChildAid.Tests.Infrastructure;

/// <summary>Small builders: each test makes the rows it needs and nothing else.</summary>
public static class TestData
{
    public static async Task<AdminUnit> UnitAsync(ChildAidDbContext db, string name = "Xã Ia Đal", string? code = null, int? parentId = null,
        AdminUnitLevel level = AdminUnitLevel.Commune)
    {
        var unit = new AdminUnit { Code = code ?? Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture), Name = name, Level = level, ParentId = parentId };
        db.AdminUnits.Add(unit);
        await db.SaveChangesAsync();
        return unit;
    }

    public static async Task<Donor> DonorAsync(ChildAidDbContext db, int unitId, string name = "Nguyễn Văn An",
        DisplayChoice choice = DisplayChoice.NameAmountMessage, DonorKind kind = DonorKind.Person)
    {
        var donor = new Donor { Name = name, Kind = kind, Origin = DonorOrigin.Domestic, DisplayChoice = choice, AdminUnitId = unitId, CreatedAt = DateTime.UtcNow };
        donor.RefreshSearchText();
        db.Donors.Add(donor);
        await db.SaveChangesAsync();
        return donor;
    }

    public static async Task<Campaign> CampaignAsync(ChildAidDbContext db, string title = "Áo ấm cho em", string? slug = null, long goal = 500_000_000)
    {
        var campaign = new Campaign
        {
            Slug = slug ?? $"c-{Guid.NewGuid():N}"[..12], Title = title, Summary = "Áo ấm cho trẻ em vùng cao", StartDate = new DateOnly(2026, 10, 1),
            MoneyGoalVnd = goal, Status = CampaignStatus.Active, UpdatedAt = DateTime.UtcNow,
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign;
    }

    /// <summary>A draft needs review of a commune for the school year 2026–2027.</summary>
    public static async Task<Shared.Needs.NeedsReview> NeedsReviewAsync(ChildAidDbContext db, int communeId, int year = 2026)
    {
        var review = Shared.Needs.NeedsReview.Open(communeId, year, "test", DateTime.UtcNow);
        db.NeedsReviews.Add(review);
        await db.SaveChangesAsync();
        return review;
    }

    public static async Task<Shared.Children.Child> ChildAsync(ChildAidDbContext db, int unitId, string name, DateOnly? born = null,
        Shared.Needs.CircumstanceGroups groups = Shared.Needs.CircumstanceGroups.None)
    {
        var child = new Shared.Children.Child
        {
            FullName = name, SearchText = Shared.Text.TextFolding.Fold(name), DateOfBirth = born ?? new DateOnly(2018, 4, 2),
            Sex = Shared.Children.Sex.Female, AdminUnitId = unitId, Circumstances = groups,
        };
        db.Children.Add(child);
        await db.SaveChangesAsync();
        return child;
    }

    public static ContributionInput Cash(int donorId, int unitId, long amount, int? campaignId = null) => new()
    {
        DonorId = donorId, AdminUnitId = unitId, AmountVnd = amount, CampaignId = campaignId, Method = ContributionMethod.Cash,
        ReceivedOn = new DateOnly(2026, 11, 20),
    };
}
