using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChildAid.Tests.PublicSite;

/// <summary>
/// The real PublicSite over a test database. On PostgreSQL it logs in as the public reader role, exactly as in
/// production, so every PublicSite test also proves the site needs nothing that role cannot read.
/// The data version is read on every request (poll 0) so a test sees its own writes at once.
/// </summary>
public sealed class PublicSiteFactory(TestDatabase db, double pollSeconds = 0) : WebApplicationFactory<ChildAid.PublicSite.Program>
{
    /// <summary>The media store's public area this site serves under /media/ (a throwaway folder per site).</summary>
    public string MediaPublicRoot { get; } = Path.Combine(Path.GetTempPath(), $"childaid-media-public-{Guid.NewGuid():N}");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MediaPublicRoot)) Directory.Delete(MediaPublicRoot, recursive: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Media:PublicRoot", MediaPublicRoot);
        builder.UseSetting("Database:Provider", db.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", db.PublicConnectionString);
        builder.UseSetting("Database:IntakeConnectionString", db.IntakeConnectionString);
        builder.UseSetting("PublicSite:DataVersionPollSeconds", pollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseEnvironment("Production");
    }
}
