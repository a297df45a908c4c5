using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Children;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Privacy;

/// <summary>PublicSite's code cannot reach personal data: it references no such type, and its container holds no such context.</summary>
public class PublicSiteBoundaryTests : IAsyncLifetime
{
    private static readonly Type[] Forbidden =
    [
        typeof(ChildAidDbContext), typeof(SqliteChildAidDbContext), typeof(PostgresChildAidDbContext), typeof(Donor), typeof(Child),
        typeof(StaffUser), typeof(StaffUserUnit), typeof(Contribution), typeof(ContributionReversal), typeof(ContributionGoodsLine),
        typeof(AuditEntry),
    ];

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public void PublicSite_assembly_references_no_personal_data_type()
    {
        var path = typeof(ChildAid.PublicSite.Program).Assembly.Location;
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();

        var referenced = md.TypeReferences
            .Select(h => md.GetTypeReference(h))
            .Select(t => $"{md.GetString(t.Namespace)}.{md.GetString(t.Name)}")
            .ToHashSet();
        var memberParents = md.MemberReferences
            .Select(h => md.GetMemberReference(h).Parent)
            .Where(p => p.Kind == HandleKind.TypeReference)
            .Select(p => md.GetTypeReference((TypeReferenceHandle)p))
            .Select(t => $"{md.GetString(t.Namespace)}.{md.GetString(t.Name)}");

        var memberNames = md.MemberReferences.Select(h => md.GetString(md.GetMemberReference(h).Name)).ToHashSet();

        Assert.Contains(typeof(PublicDbContext).FullName!, referenced);
        Assert.Contains(nameof(DataServiceCollectionExtensions.AddPublicData), memberNames);
        Assert.DoesNotContain(nameof(DataServiceCollectionExtensions.AddChildAidData), memberNames);
        foreach (var type in Forbidden)
        {
            Assert.DoesNotContain(type.FullName!, referenced);
            Assert.DoesNotContain(type.FullName!, memberParents);
        }
    }

    [Fact]
    public async Task PublicSite_services_cannot_resolve_the_full_context()
    {
        await using var site = new PublicSiteFactory(_db);
        using var scope = site.Services.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetService<PublicDbContext>());
        Assert.Null(scope.ServiceProvider.GetService<ChildAidDbContext>());
        Assert.Null(scope.ServiceProvider.GetService<SqliteChildAidDbContext>());
        Assert.Null(scope.ServiceProvider.GetService<PostgresChildAidDbContext>());
        Assert.Null(scope.ServiceProvider.GetService<ContributionService>());
    }

    [Fact]
    public async Task Public_context_model_holds_exactly_the_public_tables()
    {
        await using var site = new PublicSiteFactory(_db);
        using var scope = site.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<PublicDbContext>().Model;

        var mapped = model.GetEntityTypes().Where(e => e.GetViewName() is null).ToDictionary(e => e.ClrType, e => e.GetTableName());
        var views = model.GetEntityTypes().Where(e => e.GetViewName() is not null).Select(e => e.GetViewName()).ToList();

        Assert.Equal(PublicTables.Tables.Keys.OrderBy(t => t.FullName), mapped.Keys.OrderBy(t => t.FullName));
        foreach (var (type, table) in PublicTables.Tables) Assert.Equal(table, mapped[type]);
        // The views: name-only donors, grouped by name (PublicTables.NameOnlyView); campaigns' receiving accounts, public fields only.
        Assert.Equal([PublicTables.NameOnlyView, ChildAid.Shared.Payments.CampaignReceivingAccount.View], views.Order().ToList()!);
    }
}
