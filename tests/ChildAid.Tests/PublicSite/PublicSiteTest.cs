using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.PublicSite;

/// <summary>Base of PublicSite tests: data is arranged through BackOffice's own service, then read through the public site.</summary>
public abstract class PublicSiteTest(DatabaseProvider provider) : DatabaseTest(provider)
{
    private ServiceProvider? _backOffice;
    private PublicSiteFactory? _site;

    protected ServiceProvider BackOffice => _backOffice ??= Db.Services();

    protected PublicSiteFactory Site => _site ??= new PublicSiteFactory(Db);

    protected HttpClient Client() => Site.CreateClient();

    public override async Task DisposeAsync()
    {
        if (_site is not null) await _site.DisposeAsync();
        if (_backOffice is not null) await _backOffice.DisposeAsync();
        await base.DisposeAsync();
    }

    protected async Task<T> WithDbAsync<T>(Func<ChildAidDbContext, Task<T>> work)
    {
        await using var scope = Scope(BackOffice);
        return await work(scope.ServiceProvider.GetRequiredService<ChildAidDbContext>());
    }

    protected Task<int> UnitAsync() => WithDbAsync(async db => (await TestData.UnitAsync(db)).Id);

    protected Task<Campaign> CampaignAsync(string title = "Áo ấm cho em", string? slug = null, long goal = 500_000_000) =>
        WithDbAsync(db => TestData.CampaignAsync(db, title, slug, goal));

    protected Task<int> DonorAsync(int unitId, string name, DisplayChoice choice = DisplayChoice.NameAmountMessage) =>
        WithDbAsync(async db => (await TestData.DonorAsync(db, unitId, name, choice)).Id);

    protected async Task<Contribution> GiveAsync(int donorId, int unitId, long amount, int? campaignId = null, DateOnly? on = null, string? message = null)
    {
        var input = TestData.Cash(donorId, unitId, amount, campaignId);
        if (on is { } date) input.ReceivedOn = date;
        input.Message = message;
        await using var scope = Scope(BackOffice);
        var outcome = await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(input);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        return outcome.Value!;
    }

    protected async Task ReverseAsync(int contributionId, string reason = "Nhập sai số tiền")
    {
        await using var scope = Scope(BackOffice);
        var outcome = await scope.ServiceProvider.GetRequiredService<ContributionService>().ReverseAsync(contributionId, reason);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
    }

    protected async Task<string> GetHtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}: {body}");
        return body;
    }
}
