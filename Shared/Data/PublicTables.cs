using Microsoft.EntityFrameworkCore;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.HonorRoll;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Organisations;

namespace ChildAid.Shared.Data;

/// <summary>
/// The whitelist of what the public may read. PublicDbContext maps exactly these tables, and on PostgreSQL the
/// PublicSite role is granted SELECT on exactly these (migration "PublicReaderRole"). Adding a table here is a
/// privacy decision: nothing about a child or a donor's contact details may ever be added.
/// </summary>
public static class PublicTables
{
    public const string ReaderRole = "childaid_public_reader";

    public static readonly IReadOnlyDictionary<Type, string> Tables = new Dictionary<Type, string>
    {
        [typeof(AdminUnit)] = "admin_units",
        [typeof(Organisation)] = "organisations",
        [typeof(Campaign)] = "campaigns",
        [typeof(LedgerEntry)] = "ledger_entries",
        [typeof(HonorRollEntry)] = "honor_roll_entries",
        [typeof(PublicDataVersion)] = "public_data_versions",
    };

    public static bool IsPublic(Type entityType) => Tables.ContainsKey(entityType);

    /// <summary>Both contexts name these tables explicitly, so the public projection can never drift from the full model.</summary>
    public static void MapTableNames(ModelBuilder builder)
    {
        foreach (var (type, table) in Tables)
            builder.Entity(type).ToTable(table);
    }
}
