using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Pledges;

public sealed record PledgeRow(int Id, string Reference, int DonorId, string DonorName, string? CampaignTitle, long AmountVnd, long PaidVnd,
    PledgeState Status, DateTime CreatedAt)
{
    public long OutstandingVnd => Status == PledgeState.Cancelled ? 0 : Math.Max(0, AmountVnd - PaidVnd);
}

public sealed record PledgePayment(int ContributionId, string ReceiptNumber, DateOnly ReceivedOn, long AmountVnd, ContributionChannel Channel, bool Reversed);

public sealed record PledgeDetails(
    Pledge Pledge, string DonorName, DonorKind DonorKind, DonorOrigin DonorOrigin, string? DonorEmail, string? DonorPhone, bool DonorInScope,
    string? CampaignTitle, string UnitName, string? Message, string? NeedReference, DateTime ReceivedAt,
    IReadOnlyList<InstalmentStanding> Instalments, IReadOnlyList<PledgeGoodsLine> Goods, IReadOnlyList<PledgePayment> Payments);

public sealed record CampaignChoice(int Id, string Title);

/// <summary>An intake row BackOffice could not turn into a pledge, with the reason: staff follow it up by hand.</summary>
public sealed record FailedIntake(Guid Id, string Reference, DateTime ReceivedAt, string? CampaignSlug, long AmountVnd, string DonorName,
    string? DonorEmail, string? DonorPhone, string? Failure);

/// <summary>
/// Pledges as staff see them, within their units (a pledge belongs to the receiving unit). The donor's name is shown
/// whoever registered the donor (the registry is shared by name); contacts only for donors of the user's units.
/// </summary>
public sealed class PledgeQueries(ChildAidDbContext db, IOptions<PledgeOptions> options)
{
    /// <summary>Search ignores case and diacritics on the donor's name and spacing on the reference ("ca 7k3m" finds CA7K3M9QX).</summary>
    public Task<Paged<PledgeRow>> SearchAsync(string? query, PledgeState? status, int? campaignId, int page, int pageSize = 20, CancellationToken ct = default)
    {
        var pledges = db.Pledges.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]).AsNoTracking();
        var folded = TextFolding.Fold(query);
        if (folded.Length > 0)
        {
            var code = new string(folded.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
            pledges = pledges.Where(p => p.Donor!.SearchText.Contains(folded) || (code.Length >= 3 && p.Reference.Contains(code)));
        }
        if (status is { } s) pledges = pledges.Where(p => p.Status == s);
        if (campaignId is { } c) pledges = pledges.Where(p => p.CampaignId == c);
        var rows = pledges.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Select(p => new PledgeRow(p.Id, p.Reference, p.DonorId, p.Donor!.Name, p.Campaign!.Title, p.AmountVnd, p.PaidVnd, p.Status, p.CreatedAt));
        return Paged<PledgeRow>.FromAsync(rows, page, pageSize, ct);
    }

    /// <summary>Null when the pledge does not exist or is outside the user's units.</summary>
    public async Task<PledgeDetails?> DetailsAsync(int id, CancellationToken ct = default)
    {
        var pledge = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (pledge is null) return null;
        var donor = await db.Donors.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]).AsNoTracking().SingleAsync(d => d.Id == pledge.DonorId, ct);
        var inScope = db.UnitScope is null || db.UnitScope.Contains(donor.AdminUnitId);
        var campaign = pledge.CampaignId is { } c ? await db.Campaigns.AsNoTracking().Where(x => x.Id == c).Select(x => x.Title).FirstOrDefaultAsync(ct) : null;
        var unit = await db.AdminUnits.AsNoTracking().Where(u => u.Id == pledge.AdminUnitId).Select(u => u.Name).SingleAsync(ct);
        var intake = await db.PledgeIntake.AsNoTracking().Where(i => i.Id == pledge.IntakeId)
            .Select(i => new { i.Message, i.NeedReference, i.ReceivedAt }).FirstOrDefaultAsync(ct);
        var payments = await db.Contributions.IgnoreQueryFilters().AsNoTracking().Where(x => x.PledgeId == pledge.Id)
            .OrderBy(x => x.ReceivedOn).ThenBy(x => x.Id)
            .Select(x => new PledgePayment(x.Id, x.ReceiptNumber, x.ReceivedOn, x.AmountVnd, x.Channel, db.ContributionReversals.Any(r => r.ContributionId == x.Id)))
            .ToListAsync(ct);
        return new PledgeDetails(pledge, donor.Name, donor.Kind, donor.Origin, inScope ? donor.Email : null, inScope ? donor.Phone : null, inScope,
            campaign, unit, intake?.Message, intake?.NeedReference, intake?.ReceivedAt ?? pledge.CreatedAt,
            PledgeLines.Standing(PledgeLines.Instalments(pledge.InstalmentsJson), pledge.PaidVnd), await PledgeGoods.OfAsync(db, pledge, ct: ct), payments);
    }

    /// <summary>Campaigns that have pledges the user can see, for the filter.</summary>
    public Task<List<CampaignChoice>> CampaignsAsync(CancellationToken ct = default) =>
        db.Campaigns.AsNoTracking().Where(c => db.Pledges.Any(p => p.CampaignId == c.Id)).OrderBy(c => c.Title)
            .Select(c => new CampaignChoice(c.Id, c.Title)).ToListAsync(ct);

    /// <summary>
    /// Intake rows that failed, newest first: shown to staff of the receiving unit (the unit the pledge would have had),
    /// never to others — they carry the donor's contacts.
    /// </summary>
    public async Task<IReadOnlyList<FailedIntake>> FailedAsync(CancellationToken ct = default)
    {
        var code = options.Value.ReceivingUnitCode?.Trim();
        if (db.UnitScope is not null)
        {
            if (string.IsNullOrEmpty(code)) return [];
            var units = await db.AdminUnits.AsNoTracking().Where(u => u.Code == code).Select(u => u.Id).ToListAsync(ct);
            if (!units.Any(db.UnitScope.Contains)) return [];
        }
        return await db.PledgeIntake.AsNoTracking().Where(i => i.Outcome == PledgeIntakeOutcome.Failed)
            .OrderByDescending(i => i.ReceivedAt).Take(100)
            .Select(i => new FailedIntake(i.Id, i.Reference, i.ReceivedAt, i.CampaignSlug, i.AmountVnd, i.DonorName, i.DonorEmail, i.DonorPhone, i.Failure))
            .ToListAsync(ct);
    }
}
