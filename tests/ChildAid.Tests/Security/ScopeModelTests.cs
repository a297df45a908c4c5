using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Data;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ChildAid.Tests.Security;

/// <summary>
/// Scope is one mechanism: every entity that belongs to an administrative unit or an organisation carries the marker
/// and the filter that comes with it. A new entity with a unit and no filter fails here, not in production.
/// </summary>
public class ScopeModelTests
{
    /// <summary>Entities that point at a unit or organisation without being owned by it. Each says why.</summary>
    private static readonly Dictionary<Type, string> NotScoped = new()
    {
        // The administrative map itself: reference data every staff member needs to read (pick lists, dashboards).
        [typeof(AdminUnit)] = "reference data",
        // Agencies and schools: reference data, no personal data.
        [typeof(Organisation)] = "reference data",
        // Which units a staff member covers: read to work out the scope itself, before any scope exists.
        [typeof(StaffUserUnit)] = "defines the scope",
        // Staff accounts: managed by admins only (page policy), and read by Identity before a scope exists.
        [typeof(StaffUser)] = "defines the scope",
    };

    private static IModel Model()
    {
        var options = new DbContextOptionsBuilder<SqliteChildAidDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=:memory:");
        using var db = new SqliteChildAidDbContext(options.Options);
        return db.Model;
    }

    private static bool PointsAt<T>(IEntityType e) =>
        e.GetForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(T)) || e.FindProperty("AdminUnitId") is not null && typeof(T) == typeof(AdminUnit);

    [Fact]
    public void Every_entity_with_an_administrative_unit_is_unit_owned_and_filtered()
    {
        var missing = Model().GetEntityTypes()
            .Where(e => !e.IsOwned() && PointsAt<AdminUnit>(e) && !NotScoped.ContainsKey(e.ClrType))
            .Where(e => !typeof(IUnitOwned).IsAssignableFrom(e.ClrType) && !typeof(IUnitOwnedOrGlobal).IsAssignableFrom(e.ClrType)
                        || e.FindDeclaredQueryFilter(ScopeFilters.Unit(e.ClrType)) is null)
            .Select(e => e.ClrType.Name).ToList();
        Assert.True(missing.Count == 0, "Unit without a scope filter: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_entity_with_an_organisation_is_organisation_owned_and_filtered()
    {
        var missing = Model().GetEntityTypes()
            .Where(e => !e.IsOwned() && PointsAt<Organisation>(e) && !NotScoped.ContainsKey(e.ClrType))
            .Where(e => !typeof(IOrganisationOwned).IsAssignableFrom(e.ClrType) || e.FindDeclaredQueryFilter(ScopeFilters.Organisation(e.ClrType)) is null)
            .Select(e => e.ClrType.Name).ToList();
        Assert.True(missing.Count == 0, "Organisation without a scope filter: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_allow_list_names_only_entities_that_exist()
    {
        var types = Model().GetEntityTypes().Select(e => e.ClrType).ToHashSet();
        Assert.All(NotScoped.Keys, t => Assert.Contains(t, types));
    }
}
