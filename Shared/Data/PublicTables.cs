using Microsoft.EntityFrameworkCore;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Content;
using ChildAid.Shared.Media;
using ChildAid.Shared.HonorRoll;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Needs;
using ChildAid.Shared.PublicNeeds;
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
        // Needs: aggregated cells of five children or more (PublicNeedsProjection), and the published criteria behind the levels.
        [typeof(PublicNeed)] = "public_needs",
        [typeof(PriorityCriterion)] = "priority_criteria",
        [typeof(PriorityScale)] = "priority_scales",
        // Content: only the published copy (never drafts or versions), the images it uses, and redirects.
        [typeof(PublishedContent)] = "published_content",
        [typeof(PublishedMedia)] = "published_media",
        [typeof(ContentRedirect)] = "content_redirects",
        // Verified-gift pages: a token's hash and the receipt's ledger sequence only; the page reads the ledger.
        [typeof(VerifiedGift)] = "verified_gifts",
        // Transparency log: hashes of the public ledger entries (tiles) and the signed checkpoints over them.
        [typeof(TransparencyLog.LogTile)] = "log_tiles",
        [typeof(TransparencyLog.LogCheckpoint)] = "log_checkpoints",
        // ... and the witnesses' cosignatures on them.
        [typeof(TransparencyLog.LogCosignature)] = "log_cosignatures",
        // Nutrition: aggregated cells of ten children or more (PublicNutritionProjection), never a child or a visit.
        [typeof(PublicNutrition.PublicNutritionRow)] = "public_nutrition",
        // The nightly run of the balance invariants over the public ledger: when and whether they held.
        [typeof(Balances.BalanceRun)] = "balance_runs",
        // Expenses: the SHA-256 of an advance's invoice filed after its entry was booked (never the file), for the trace of a gift.
        [typeof(Expenses.PublicExpenseInvoice)] = "public_expense_invoices",
        // Expenses: the image copy of an approved expense's original with personal data blacked out, keyed by the original's hash.
        [typeof(Expenses.PublicExpenseCopy)] = "public_expense_copies",
    };

    /// <summary>
    /// Name-only donors on the honor roll: the public reads them only through this view of <c>honor_roll_names</c>,
    /// grouped by name, so no date, amount, ledger key, gift order or row version ties a name to an amount.
    /// </summary>
    public const string NameOnlyView = "public_honor_roll_names";

    /// <summary>
    /// Whether writing this entity changes what the public sees: the tables above, and the tables behind the public views
    /// (honor-roll names; bank accounts behind <c>campaign_receiving_accounts</c>, which pledges pay into).
    /// </summary>
    public static bool IsPublic(Type entityType) =>
        Tables.ContainsKey(entityType) || entityType == typeof(HonorRollName) || entityType == typeof(BankStatements.BankAccount);

    /// <summary>Both contexts name these tables explicitly, so the public projection can never drift from the full model.</summary>
    public static void MapTableNames(ModelBuilder builder)
    {
        foreach (var (type, table) in Tables)
            builder.Entity(type).ToTable(table);
    }
}
