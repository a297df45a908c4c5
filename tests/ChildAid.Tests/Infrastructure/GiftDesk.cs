using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Infrastructure;

/// <summary>
/// Where most gift tests start: the full services as the CLI has them (no unit restriction), one commune and one
/// donor in it. Dispose it at the end of the test.
/// </summary>
public sealed class GiftDesk : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private GiftDesk(ServiceProvider services)
    {
        _services = services;
        _scope = services.CreateAsyncScope();
        _scope.ServiceProvider.GetRequiredService<ChildAid.Shared.Audit.AuditActor>().Name = "test";
    }

    public ServiceProvider Services => _services;
    public ChildAidDbContext Db => _scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
    public ContributionService Gifts => _scope.ServiceProvider.GetRequiredService<ContributionService>();
    public AdminUnit Unit { get; private set; } = null!;
    public Donor Donor { get; private set; } = null!;

    public static async Task<GiftDesk> OpenAsync(TestDatabase database, string donorName = "Nguyễn Văn An",
        DisplayChoice choice = DisplayChoice.NameAmountMessage, DonorKind kind = DonorKind.Person, TimeProvider? clock = null)
    {
        var desk = new GiftDesk(database.Services(s => { if (clock is not null) s.AddSingleton(clock); }));
        desk.Unit = await TestData.UnitAsync(desk.Db);
        desk.Donor = await TestData.DonorAsync(desk.Db, desk.Unit.Id, donorName, choice, kind);
        return desk;
    }

    /// <summary>A cash gift in đồng from the desk's donor to the desk's commune.</summary>
    public Task<Outcome<Contribution>> GiveAsync(long amountVnd, int? campaignId = null) =>
        Gifts.RecordAsync(Cash(amountVnd, campaignId));

    public ContributionInput Cash(long amountVnd, int? campaignId = null) => TestData.Cash(Donor.Id, Unit.Id, amountVnd, campaignId);

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }
}
