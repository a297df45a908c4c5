using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChildAid.Tests.PublicSite;

/// <summary>Base of content tests on PublicSite: items and images arranged as publishing leaves them, read through the site.</summary>
public abstract class ContentSiteTest(DatabaseProvider provider) : PublicSiteTest(provider)
{
    protected readonly string PrivateRoot = Path.Combine(Path.GetTempPath(), $"childaid-media-private-{Guid.NewGuid():N}");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(PrivateRoot)) Directory.Delete(PrivateRoot, recursive: true);
    }

    protected Task<ContentItem> PublishAsync(ContentSpec spec) => WithDbAsync(db => ContentTestData.ItemAsync(db, spec, publish: true));

    protected Task<ContentItem> DraftAsync(ContentSpec spec) => WithDbAsync(db => ContentTestData.ItemAsync(db, spec, publish: false));

    protected Task<Shared.Media.MediaItem> PublishedImageAsync() => WithDbAsync(db => ContentTestData.ImageAsync(db, PrivateRoot, Site.MediaPublicRoot));

    protected HttpClient NoRedirectClient() => Site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
