namespace ChildAid.Shared.Security;

/// <summary>
/// A record that belongs to one administrative unit. <see cref="Data.ChildAidDbContext"/> puts the unit-scope filter on
/// every entity that implements it: staff read and change only records of the units they cover.
/// </summary>
public interface IUnitOwned
{
    int AdminUnitId { get; }
}

/// <summary>
/// A record that belongs to a unit, or to nobody in particular (null: global, e.g. a change to a campaign or a staff
/// account). Global records are visible only to unrestricted readers (admins, the CLI).
/// </summary>
public interface IUnitOwnedOrGlobal
{
    int? AdminUnitId { get; }
}

/// <summary>
/// A record that belongs to one or more organisations through its references to <see cref="Organisations.Organisation"/>
/// (a child: their school, later their health station). A staff member bound to an organisation (school staff, health
/// workers) reads only records that name their organisation in any of those references.
/// </summary>
public interface IOrganisationOwned;

/// <summary>
/// Names of the scope query filters, one per entity type, so a query can lift exactly one of them on purpose
/// (EF named filters): e.g. receipts of my commune show their donor's name even when another unit registered the donor.
/// </summary>
public static class ScopeFilters
{
    public static string Unit(Type entity) => "unit-scope:" + entity.Name;
    public static string Organisation(Type entity) => "organisation-scope:" + entity.Name;
    public static string Unit<T>() => Unit(typeof(T));
}
