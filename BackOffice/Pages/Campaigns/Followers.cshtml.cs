using ChildAid.Shared.CampaignUpdates;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.Campaigns;

/// <summary>Who follows a campaign's news: how many by state, and the latest followers (address, name, dates), searchable by address.</summary>
public class FollowersModel(ChildAidDbContext db) : PageModel
{
    public const int Shown = 200;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public string CampaignTitle { get; private set; } = "";
    public int CampaignId { get; private set; }
    public IReadOnlyDictionary<FollowerState, int> Counts { get; private set; } = new Dictionary<FollowerState, int>();
    public IReadOnlyList<FollowerRow> Rows { get; private set; } = [];
    public int Matching { get; private set; }

    public sealed record FollowerRow(string Email, string? Name, FollowerState State, DateTime CreatedAt, DateTime? ConfirmedAt, DateTime? UnsubscribedAt, bool IsDonor);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Id, c.Title }).FirstOrDefaultAsync(ct);
        if (campaign is null) return NotFound();
        (CampaignId, CampaignTitle) = (campaign.Id, campaign.Title);
        var followers = db.CampaignFollowers.AsNoTracking().Where(f => f.CampaignId == id);
        Counts = await followers.GroupBy(f => f.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        // Addresses are stored lower-cased (one follower per campaign and address), so a lower-cased search finds them on both databases.
        if (!string.IsNullOrWhiteSpace(Q)) followers = followers.Where(f => f.Email.Contains(Q.Trim().ToLowerInvariant()));
        Matching = await followers.CountAsync(ct);
        Rows = await followers.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).Take(Shown)
            .Select(f => new FollowerRow(f.Email, f.Name, f.State, f.CreatedAt, f.ConfirmedAt, f.UnsubscribedAt, f.DonorId != null)).ToListAsync(ct);
        return Page();
    }
}
