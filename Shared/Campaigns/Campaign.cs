namespace ChildAid.Shared.Campaigns;

public enum CampaignStatus { Draft = 1, Active = 2, Closed = 3 }

/// <summary>An appeal (chiến dịch vận động) with a money goal. Public data.</summary>
public class Campaign
{
    public int Id { get; set; }
    /// <summary>The URL name, e.g. "ao-am-cho-em".</summary>
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    public string Summary { get; set; } = "";
    public string? SummaryEn { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public long MoneyGoalVnd { get; set; }
    public CampaignStatus Status { get; set; }
    public DateTime UpdatedAt { get; set; }
}
