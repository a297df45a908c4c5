using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Donors;

/// <summary>Where BackOffice's donor pages answer from outside (section <c>BackOffice</c>), and how long a mailed link works.</summary>
public sealed class DonorLinkOptions
{
    public const string Section = "BackOffice";

    /// <summary>The address donors reach BackOffice's anonymous donor area at (not the staff address, if they differ).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5081";

    public int LinkDays { get; set; } = 365;
}

/// <summary>Issues and checks donors' private links (<see cref="DonorLink"/>).</summary>
public sealed class DonorLinks(ChildAidDbContext db, TimeProvider clock, IOptions<DonorLinkOptions> options)
{
    public const string PathPrefix = "/nha-tai-tro/";
    private const int TokenBytes = 32;

    /// <summary>A new link for the donor, added to the caller's unit of work (saved with it); the address to mail.</summary>
    public string Issue(int donorId) => Issue(new DonorLink { DonorId = donorId });

    /// <summary>The same for a donor that may not be saved yet (a pledge's new donor): the link follows it into the database.</summary>
    public string Issue(Donor donor) => Issue(new DonorLink { Donor = donor, DonorId = donor.Id });

    private string Issue(DonorLink link)
    {
        var url = Fill(link);
        db.Add(link);
        return url;
    }

    /// <summary>A new link for a saved donor, not added anywhere: a batch of bookings writes its links itself.</summary>
    public (DonorLink Link, string Url) Compose(int donorId)
    {
        var link = new DonorLink { DonorId = donorId };
        return (link, Fill(link));
    }

    private string Fill(DonorLink link)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var now = clock.GetUtcNow().UtcDateTime;
        (link.TokenHash, link.CreatedAt, link.ExpiresAt) = (Hash(token), now, now.AddDays(options.Value.LinkDays));
        return options.Value.PublicBaseUrl.TrimEnd('/') + PathPrefix + token;
    }

    /// <summary>The donor a token belongs to, or null when it is malformed, unknown or expired (the caller answers 404 alike).</summary>
    public async Task<int?> DonorIdAsync(string? token, CancellationToken ct = default)
    {
        if (token is null || token.Length != 43 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return null;
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        // The token is the capability: whichever unit the donor belongs to, the link opens their page.
        return await db.Set<DonorLink>().IgnoreQueryFilters([Security.ScopeFilters.Unit<DonorLink>()]).AsNoTracking().Where(l => l.TokenHash == hash && l.ExpiresAt > now)
            .Select(l => (int?)l.DonorId).FirstOrDefaultAsync(ct);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));
}
