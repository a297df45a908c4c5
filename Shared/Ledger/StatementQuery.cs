using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Ledger;

/// <summary>What a reader asks of the public statement. <see cref="Campaign"/> is a campaign's slug or id.
/// <see cref="Kind"/>: only entries of that kind (receipts, allocations, expenses, reversals).
/// <see cref="Need"/>: only entries for needs whose public reference starts with it ("23535-2026" → every need of that
/// commune and year; the needs list links here for the records behind its figures).
/// <see cref="Commune"/>: only entries of that commune (its code: the need's commune of an allocation and of the expenses, stock
/// movements and deliveries that followed it; a gift received names no unit). <see cref="Category"/>: only entries for needs of that category.</summary>
public sealed record StatementFilter(string? Query = null, string? Campaign = null, DateOnly? From = null, DateOnly? To = null, int Page = 1,
    LedgerEntryKind? Kind = null, string? Need = null, string? Commune = null, Needs.NeedCategory? Category = null)
{
    /// <summary>The commune code when it has a code's characters (letters and digits, at most 20), else null: ignored.</summary>
    public string? CommuneCode => Commune is { Length: > 0 and <= 20 } c && c.All(char.IsAsciiLetterOrDigit) ? c : null;

    /// <summary>The category when it is one of the enum's named values, else null: ignored.</summary>
    public Needs.NeedCategory? KnownCategory => Category is { } c && Enum.IsDefined(c) ? c : null;

    /// <summary>The need prefix when it has a reference's characters (letters, digits, '-', at most 50), else null: ignored.</summary>
    public string? NeedPrefix => Need is { Length: > 0 and <= Allocations.NeedPlace.MaxReferenceLength } n
        && n.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? n : null;

    public const int PageSize = 20;
    public const int MaxPage = 100_000;

    public int SafePage => Math.Clamp(Page, 1, MaxPage);

    public bool IsEmpty => string.IsNullOrWhiteSpace(Query) && string.IsNullOrWhiteSpace(Campaign) && From is null && To is null && Kind is null && NeedPrefix is null
        && CommuneCode is null && KnownCategory is null;
}

/// <summary>One line of the statement as the public sees it; an empty <see cref="DonorDisplay"/> means anonymous.</summary>
public sealed record StatementLine(
    long Sequence, DateTime RecordedAt, DateOnly ValueDate, LedgerEntryKind Kind, long AmountVnd,
    string? Currency, decimal? OriginalAmount, decimal? ExchangeRate,
    int? CampaignId, string? CampaignSlug, string? CampaignTitle, string? CampaignTitleEn,
    string? ReceiptNumber, string Description, string DonorDisplay, long? ReversesSequence, string Hash, string PreviousHash = "",
    int FormatVersion = 1, string? DonorSalt = null, string? DonorCommitment = null)
{
    /// <summary>v2: the donor asked for their name to be erased; the entry keeps the commitment it was hashed with.</summary>
    public bool IsNameErased => DonorDisplay.Length == 0 && DonorCommitment is not null;

    public bool IsReversal => Kind == LedgerEntryKind.Reversal;

    // The canonical form v2's fields for allocations, expenses, stock and distributions, so the JSON and the workbook carry
    // every field an entry's hash covers, as the CSV does.
    public string? UnitCode { get; init; }
    public string? Item { get; init; }
    public decimal? Quantity { get; init; }
    public string? UnitOfMeasure { get; init; }
    public string? NeedReference { get; init; }
    public long? SourceSequence { get; init; }
    public string? Documents { get; init; }

    // Read from the public reference data, not hashed: where and what an entry is about, for people and for filters.
    /// <summary>The commune (or receiving unit) named by <see cref="UnitCode"/>.</summary>
    public string? UnitName { get; init; }
    /// <summary>The school a need reference names ("-T12"); never for a child's line, whose reference names none.</summary>
    public string? SchoolName { get; init; }
    /// <summary>The category of the need the entry answers (<see cref="PublicNeeds.PublicNeedReference.CategoryOf"/>).</summary>
    public Needs.NeedCategory? Category { get; init; }
}

/// <summary>
/// One page, newest first. There is no total count: counting a filtered 200,000-row ledger on every page costs
/// more than the page itself, so the query reads one row past the page to know whether another page follows.
/// </summary>
public sealed record StatementPage(IReadOnlyList<StatementLine> Lines, int Page, bool HasNext, bool CampaignNotFound)
{
    public bool HasPrevious => Page > 1;
}

/// <summary>
/// Reads the public statement (sao kê công khai) from the public projection. Searches with words are answered by
/// the database's full-text index (<see cref="StatementSearch"/>), from the same snapshot as the rest of the data:
/// no copy of the ledger is kept in PublicSite, so a gift is searchable as soon as it is committed.
/// </summary>
public class StatementQuery(PublicDbContext db)
{
    public async Task<StatementPage> PageAsync(StatementFilter filter, CancellationToken ct = default)
    {
        var page = filter.SafePage;
        var skip = (page - 1) * StatementFilter.PageSize;
        const int take = StatementFilter.PageSize + 1;
        var words = StatementSearch.Words(filter.Query);
        List<LedgerEntry> rows;
        if (words.Count > 0)
        {
            int? campaignId = null;
            if (!string.IsNullOrWhiteSpace(filter.Campaign))
            {
                campaignId = await ResolveCampaignAsync(filter.Campaign, ct);
                if (campaignId is null) return new StatementPage([], page, false, true);
            }
            var categoryPatterns = filter.KnownCategory is { } category ? await CategoryPatternsAsync(category, ct) : null;
            rows = db.Database.IsNpgsql()
                ? await PostgresPageAsync(words, campaignId, filter, categoryPatterns, page, skip, take, ct)
                : await SqlitePageAsync(words, campaignId, filter, categoryPatterns, skip, take, ct);
        }
        else
        {
            var (query, campaignFound) = await FilteredAsync(filter, ct);
            if (!campaignFound) return new StatementPage([], page, false, true);
            rows = await query.OrderByDescending(e => e.Sequence).Skip(skip).Take(take).ToListAsync(ct);
        }
        var campaigns = await CampaignNamesAsync(rows.Where(r => r.CampaignId != null).Select(r => r.CampaignId!.Value).Distinct().ToList(), ct);
        var lines = await PlacedAsync(rows.Take(StatementFilter.PageSize).Select(e => ToLine(e, campaigns)).ToList(), ct);
        return new StatementPage(lines, page, rows.Count > StatementFilter.PageSize, false);
    }

    /// <summary>How many of the newest entries a PostgreSQL search walks for each page before it asks the GIN index.</summary>
    public const int RecentWindowPerPage = 50_000;

    /// <summary>The walk's bound for deep pages: beyond it, the GIN index answers.</summary>
    public const int MaxRecentWindow = 500_000;

    /// <summary>
    /// PostgreSQL, in two steps, because its planner multiplies the words' frequencies as if they were independent:
    /// for "nguyen le" (two common words that no donor has together) it expects thousands of matches and walks the
    /// primary key newest first, testing every entry of the ledger (3.4 s at 1M, ten times that at 10M).
    /// 1. The planner's own choice, bounded to the newest entries (<see cref="RecentWindowPerPage"/> per page): a
    ///    common name walks the primary key and finds its page within a few thousand entries; a rare word goes to the
    ///    GIN index, which is cheap for it. Either way the walk never costs more than the window.
    /// 2. If the window held less than the page, the matches are few: the GIN index collects them all (index scans
    ///    off, so no walk; no sequential scan, no parallel workers, whose start-up costs more than the query) and
    ///    only those are sorted. They are as few as the window's density says, unless they sit in older entries (a
    ///    campaign long closed), where the walk would have been slower still. The settings are SET LOCAL: they end
    ///    with this read-only transaction. Step 1 is one plain query: most searches are answered in one round trip.
    /// </summary>
    private async Task<List<LedgerEntry>> PostgresPageAsync(IReadOnlyList<string> words, int? campaignId, StatementFilter filter,
        IReadOnlyList<string>? categoryPatterns, int page, int skip, int take, CancellationToken ct)
    {
        var where = new System.Text.StringBuilder("e.search_words @@ CAST({0} AS tsquery)");
        var parameters = new List<object> { StatementSearch.PostgresQuery(words), skip, take };
        AppendConditions(where, parameters, campaignId, filter, categoryPatterns);
        var window = Math.Min((long)RecentWindowPerPage * page, MaxRecentWindow);
        var recentSql = new System.Text.StringBuilder("SELECT e.* FROM ledger_entries AS e WHERE ").Append(where)
            .Append(" AND e.sequence > (SELECT max(sequence) FROM ledger_entries) - ").Append(window).Append(" ORDER BY e.sequence DESC LIMIT {2} OFFSET {1}");
        var indexedSql = new System.Text.StringBuilder("SELECT e.* FROM ledger_entries AS e WHERE ").Append(where)
            .Append(" ORDER BY e.sequence DESC LIMIT {2} OFFSET {1}");

        var rows = await db.LedgerEntries.FromSqlRaw(recentSql.ToString(), parameters.ToArray()).ToListAsync(ct);
        if (rows.Count == take) return rows;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0", ct);
        rows = await db.LedgerEntries.FromSqlRaw(indexedSql.ToString(), parameters.ToArray()).ToListAsync(ct);
        await tx.CommitAsync(ct);
        return rows;
    }

    /// <summary>
    /// SQLite: the FTS5 table drives, newest first (its rowid order needs no sort), so a page of a common word stops
    /// after a page of matches; EF would wrap the match in a subquery and sort every match instead.
    /// </summary>
    private Task<List<LedgerEntry>> SqlitePageAsync(IReadOnlyList<string> words, int? campaignId, StatementFilter filter,
        IReadOnlyList<string>? categoryPatterns, int skip, int take, CancellationToken ct)
    {
        var sql = new System.Text.StringBuilder("""
            SELECT e.* FROM ledger_search AS s CROSS JOIN ledger_entries AS e ON e.sequence = s.rowid
            WHERE s.ledger_search MATCH {0}
            """);
        var parameters = new List<object> { StatementSearch.SqliteQuery(words), skip, take };
        AppendConditions(sql, parameters, campaignId, filter, categoryPatterns);
        sql.Append(" ORDER BY s.rowid DESC LIMIT {2} OFFSET {1}");
        return db.LedgerEntries.FromSqlRaw(sql.ToString(), parameters.ToArray()).ToListAsync(ct);
    }

    /// <summary>The communes a reader can filter by: those with published needs, by name.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> CommunesAsync(CancellationToken ct = default) =>
        [.. (await db.PublicNeeds.Select(n => new { n.CommuneCode, n.CommuneName }).Distinct().ToListAsync(ct))
            .GroupBy(n => n.CommuneCode).Select(g => (g.Key, g.First().CommuneName)).OrderBy(c => c.Item2, StringComparer.Create(Text.VietnameseFormat.Culture, false))];

    /// <summary>The lines with the names of their unit and school and their need's category, from the public reference data.</summary>
    private async Task<List<StatementLine>> PlacedAsync(List<StatementLine> lines, CancellationToken ct)
    {
        var codes = lines.Where(l => l.UnitCode != null).Select(l => l.UnitCode!).Distinct().ToList();
        var schools = lines.Select(l => PublicNeeds.PublicNeedReference.SchoolOf(l.NeedReference)).OfType<int>().Distinct().ToList();
        if (codes.Count == 0 && schools.Count == 0) return lines;
        // A code kept by a merged unit and its successor: the unit in force (no end date) names it.
        var units = (await db.AdminUnits.Where(u => codes.Contains(u.Code)).Select(u => new { u.Code, u.Name, u.ValidTo }).ToListAsync(ct))
            .GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.OrderBy(u => u.ValidTo ?? DateOnly.MaxValue).Last().Name, StringComparer.Ordinal);
        var schoolNames = await db.Organisations.Where(o => schools.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var itemCategories = await ItemCategoriesAsync(ct);
        return [.. lines.Select(l => l with
        {
            UnitName = l.UnitCode is { } code && units.TryGetValue(code, out var unit) ? unit : null,
            SchoolName = PublicNeeds.PublicNeedReference.SchoolOf(l.NeedReference) is { } school && schoolNames.TryGetValue(school, out var name) ? name : null,
            Category = PublicNeeds.PublicNeedReference.CategoryOf(l.NeedReference, itemCategories),
        })];
    }

    /// <summary>Every item code the public can meet with its category: the seeded catalogue's and the published needs'.</summary>
    private async Task<Dictionary<string, Needs.NeedCategory>> ItemCategoriesAsync(CancellationToken ct)
    {
        var map = Needs.NeedItemConfiguration.Catalogue.ToDictionary(i => i.Code, i => i.Category, StringComparer.Ordinal);
        foreach (var n in await db.PublicNeeds.Where(n => n.ItemCode != null && n.Category != null).Select(n => new { n.ItemCode, n.Category }).Distinct().ToListAsync(ct))
            map.TryAdd(n.ItemCode!, n.Category!.Value);
        return map;
    }

    /// <summary>The filter's conditions besides the words, as SQL on <c>ledger_entries AS e</c>, for the two raw searches.</summary>
    private static void AppendConditions(System.Text.StringBuilder sql, List<object> parameters, int? campaignId, StatementFilter filter,
        IReadOnlyList<string>? categoryPatterns)
    {
        void And(string condition, object value)
        {
            sql.Append(" AND ").Append(condition.Replace("{p}", $"{{{parameters.Count}}}", StringComparison.Ordinal));
            parameters.Add(value);
        }
        if (campaignId is { } c) And("e.campaign_id = {p}", c);
        if (filter.From is { } f) And("e.value_date >= {p}", f);
        if (filter.To is { } t) And("e.value_date <= {p}", t);
        if (filter.Kind is { } k) And("e.kind = {p}", k.ToString());
        // The prefix holds letters, digits and '-' only (StatementFilter.NeedPrefix): no LIKE wildcard to escape.
        if (filter.NeedPrefix is { } n) And("e.need_reference LIKE {p}", n + "%");
        if (filter.CommuneCode is { } commune) And("e.unit_code = {p}", commune);
        if (categoryPatterns is not null)
        {
            var any = string.Join(" OR ", categoryPatterns.Select((_, i) => $"e.need_reference LIKE {{{parameters.Count + i}}}"));
            sql.Append(" AND (").Append(any.Length > 0 ? any : "1 = 0").Append(')');
            parameters.AddRange(categoryPatterns);
        }
    }

    /// <summary>
    /// The LIKE patterns of the need references of one category (<see cref="PublicNeeds.PublicNeedReference.CategoryPatterns"/>), over
    /// the item codes of <see cref="ItemCategoriesAsync"/> (an admin's later items reach the public through the published needs).
    /// </summary>
    private async Task<IReadOnlyList<string>> CategoryPatternsAsync(Needs.NeedCategory category, CancellationToken ct)
    {
        var codes = (await ItemCategoriesAsync(ct)).Where(i => i.Value == category).Select(i => i.Key);
        return PublicNeeds.PublicNeedReference.CategoryPatterns(category, codes);
    }

    /// <summary>The stored prefix vector (<see cref="StatementSearch"/>): GIN-indexed, and cheap to test row by row.</summary>
    private const string PostgresMatchSql = "SELECT * FROM ledger_entries WHERE search_words @@ CAST({0} AS tsquery)";

    /// <summary>Entries whose search text holds every word as a word prefix, as a query EF can compose with filters and order.</summary>
    private IQueryable<LedgerEntry> Matching(IReadOnlyList<string> words) => db.Database.IsNpgsql()
        ? db.LedgerEntries.FromSqlRaw(PostgresMatchSql, StatementSearch.PostgresQuery(words))
        : db.LedgerEntries.FromSqlRaw("SELECT * FROM ledger_entries WHERE sequence IN (SELECT rowid FROM ledger_search WHERE ledger_search MATCH {0})",
            StatementSearch.SqliteQuery(words));

    /// <summary>
    /// Every matching entry in chain order, for streaming as CSV. An unfiltered export is the whole chain and
    /// re-verifies with <see cref="LedgerVerifier"/>; a filtered one carries the hashes but not every link.
    /// </summary>
    public async Task<IAsyncEnumerable<LedgerEntry>> ExportAsync(StatementFilter filter, CancellationToken ct = default)
    {
        var (query, campaignFound) = await FilteredAsync(filter, ct);
        if (!campaignFound) query = query.Where(_ => false);
        return query.OrderBy(e => e.Sequence).AsAsyncEnumerable();
    }

    private async Task<(IQueryable<LedgerEntry> Query, bool CampaignFound)> FilteredAsync(StatementFilter filter, CancellationToken ct)
    {
        var words = StatementSearch.Words(filter.Query);
        var query = words.Count > 0 ? Matching(words) : db.LedgerEntries;
        if (!string.IsNullOrWhiteSpace(filter.Campaign))
        {
            var campaignId = await ResolveCampaignAsync(filter.Campaign, ct);
            if (campaignId is null) return (query, false);
            query = query.Where(e => e.CampaignId == campaignId);
        }
        if (filter.From is { } from) query = query.Where(e => e.ValueDate >= from);
        if (filter.To is { } to) query = query.Where(e => e.ValueDate <= to);
        if (filter.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        if (filter.NeedPrefix is { } need) query = query.Where(e => e.NeedReference != null && e.NeedReference.StartsWith(need));
        if (filter.CommuneCode is { } commune) query = query.Where(e => e.UnitCode == commune);
        if (filter.KnownCategory is { } category)
        {
            var patterns = await CategoryPatternsAsync(category, ct);
            query = query.Where(e => e.NeedReference != null && patterns.Any(p => EF.Functions.Like(e.NeedReference, p)));
        }
        return (query, true);
    }

    private async Task<int?> ResolveCampaignAsync(string campaign, CancellationToken ct)
    {
        var key = campaign.Trim();
        if (int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return await db.Campaigns.AnyAsync(c => c.Id == id, ct) ? id : null;
        return await db.Campaigns.Where(c => c.Slug == key).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
    }

    private async Task<Dictionary<int, CampaignName>> CampaignNamesAsync(List<int> ids, CancellationToken ct) =>
        ids.Count == 0
            ? []
            : await db.Campaigns.Where(c => ids.Contains(c.Id))
                .Select(c => new CampaignName(c.Id, c.Slug, c.Title, c.TitleEn))
                .ToDictionaryAsync(c => c.Id, ct);

    internal static StatementLine ToLine(LedgerEntry e, Dictionary<int, CampaignName> campaigns)
    {
        var c = e.CampaignId is { } id && campaigns.TryGetValue(id, out var found) ? found : null;
        return new StatementLine(e.Sequence, e.RecordedAt, e.ValueDate, e.Kind, e.AmountVnd, e.Currency, e.OriginalAmount, e.ExchangeRate,
            e.CampaignId, c?.Slug, c?.Title, c?.TitleEn, e.ReceiptNumber, e.Description, e.DonorDisplay ?? "", e.ReversesSequence, e.Hash.Trim(),
            e.PreviousHash.Trim(), e.FormatVersion, e.DonorSalt, e.DonorCommitment?.Trim())
        {
            UnitCode = e.UnitCode, Item = e.Item, Quantity = e.Quantity, UnitOfMeasure = e.UnitOfMeasure, NeedReference = e.NeedReference,
            SourceSequence = e.SourceSequence, Documents = e.Documents,
        };
    }
}
