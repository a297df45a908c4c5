using System.Text.RegularExpressions;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Text;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Npgsql;

namespace ChildAid.Tests.Privacy;

/// <summary>
/// A donor who shows only their name must not be tied to an amount: not through a date, an order, a campaign page
/// or a key, not on any public page or API, and on PostgreSQL not by any join the public login can make.
/// The attacker knows the name (it is on the honor roll) and looks for the amount (1.234.000 ₫, unique here).
/// </summary>
public abstract class NameOnlyDonorLeakTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    protected const string Name = "Trần Thị Bình";
    protected const long Amount = 1_234_000;

    protected Campaign Warm { get; private set; } = null!;
    protected Campaign Lunch { get; private set; } = null!;

    /// <summary>Her gift is the fifth entry, between gifts of others to the same campaign on other days.</summary>
    protected async Task ArrangeAsync()
    {
        var unit = await UnitAsync();
        Warm = await CampaignAsync("Áo ấm cho em");
        Lunch = await CampaignAsync("Bữa trưa có thịt");
        var an = await DonorAsync(unit, "Nguyễn Văn An", DisplayChoice.NameAmountMessage);
        var kin = await DonorAsync(unit, "Lê Văn Kín", DisplayChoice.Anonymous);
        var ha = await DonorAsync(unit, "Đỗ Thu Hà", DisplayChoice.Anonymous);
        var binh = await DonorAsync(unit, Name, DisplayChoice.NameOnly);
        await GiveAsync(an, unit, 1_000_000, Warm.Id, new DateOnly(2026, 11, 18), "Chúc các em ấm áp");
        await GiveAsync(kin, unit, 300_000, Warm.Id, new DateOnly(2026, 11, 18));
        await GiveAsync(an, unit, 500_000, Lunch.Id, new DateOnly(2026, 11, 19));
        await GiveAsync(ha, unit, 450_000, Warm.Id, new DateOnly(2026, 11, 19));
        await GiveAsync(binh, unit, Amount, Warm.Id, new DateOnly(2026, 11, 20));
        await GiveAsync(kin, unit, 777_000, Warm.Id, new DateOnly(2026, 11, 21));
    }

    [Fact]
    public async Task No_public_page_or_api_shows_a_name_only_donor_beside_an_amount_a_date_or_a_receipt_number()
    {
        await ArrangeAsync();
        var client = Client();
        string[] urls =
        [
            "/", $"/chien-dich/{Warm.Slug}", $"/chien-dich/{Lunch.Slug}", "/bang-vang", $"/bang-vang/{Warm.Slug}", $"/bang-vang/{Lunch.Slug}",
            "/sao-ke", $"/sao-ke?campaign={Warm.Slug}", "/sao-ke?from=2026-11-20&to=2026-11-20", $"/sao-ke?q={Uri.EscapeDataString(Name)}",
            "/api/v1/campaigns", "/api/v1/statement", $"/api/v1/statement?campaign={Warm.Slug}", "/api/v1/statement.csv",
        ];
        var named = 0;
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}");
            if (!body.Contains(Name, StringComparison.Ordinal) && !body.Contains(TextFolding.Fold(Name), StringComparison.Ordinal)) continue;
            named++;
            Assert.DoesNotContain(VietnameseFormat.Vnd(Amount), body);
            Assert.DoesNotContain(Amount.ToString(System.Globalization.CultureInfo.InvariantCulture), body);
            Assert.False(Regex.IsMatch(body, @"\b\d{2}/\d{2}/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b"), $"{url} shows {Name} beside a date");
            Assert.False(Regex.IsMatch(body, @"\b2026-\d{6}\b"), $"{url} shows {Name} beside a receipt number");
        }
        Assert.True(named >= 2, "the name-only donor should still be thanked on the honor roll");
    }
}

public class NameOnlyDonorLeakTestsOnSqlite() : NameOnlyDonorLeakTests(DatabaseProvider.Sqlite);

public class NameOnlyDonorLeakTestsOnPostgres() : NameOnlyDonorLeakTests(DatabaseProvider.Postgres)
{
    /// <summary>Ledger columns an attacker would join on: keys, dates, order, and the row version of the writing transaction.</summary>
    private static readonly string[] LedgerKeys =
        ["sequence", "value_date", "recorded_at", "receipt_number", "hash", "previous_hash", "reverses_sequence", "xmin"];

    [Fact]
    public async Task The_public_login_cannot_join_a_name_only_donor_to_their_amount_through_any_column_of_any_table_it_reads()
    {
        await ArrangeAsync();
        await using var conn = new NpgsqlConnection(Db.PublicConnectionString);
        await conn.OpenAsync();

        var relations = await ListAsync(conn, """
            SELECT c.relname::text || ':' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm') AND has_table_privilege(c.oid, 'SELECT') AND c.relname <> 'ledger_entries'
            """);
        Assert.Contains(relations, r => r.StartsWith("honor_roll", StringComparison.Ordinal) || r.StartsWith("public_honor_roll", StringComparison.Ordinal));
        var namedIn = new List<string>();
        var ties = new List<string>();
        foreach (var (relation, kind) in relations.Select(r => (r.Split(':')[0], r.Split(':')[1])))
        {
            var columns = await ListAsync(conn, $"""
                SELECT attname::text FROM pg_attribute WHERE attrelid = '"{relation}"'::regclass AND attnum > 0 AND NOT attisdropped
                """);
            if (kind == "r") columns.Add("xmin");
            var textColumns = await ListAsync(conn, $"""
                SELECT attname::text FROM pg_attribute WHERE attrelid = '"{relation}"'::regclass AND attnum > 0 AND NOT attisdropped
                  AND atttypid IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype)
                """);
            foreach (var nameColumn in textColumns)
            {
                if (await CountAsync(conn, $"SELECT count(*) FROM \"{relation}\" WHERE \"{nameColumn}\" = @name") == 0) continue;
                namedIn.Add($"{relation}.{nameColumn}");
                foreach (var column in columns)
                foreach (var key in LedgerKeys)
                {
                    // The amounts a join on this pair gives for the name: a tie if it narrows them to hers alone.
                    var amounts = await ListAsync(conn, $"""
                        SELECT DISTINCT le.amount_vnd::text FROM "{relation}" r JOIN ledger_entries le ON r.{Quote(column)}::text = le.{Quote(key)}::text
                        WHERE r."{nameColumn}" = @name
                        """);
                    if (amounts.Count > 0 && amounts.All(a => a == Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                        ties.Add($"{relation}.{column} = ledger_entries.{key}");
                }
            }
        }

        Assert.NotEmpty(namedIn);
        Assert.Empty(ties);
        // A campaign's name list joins to that campaign's whole statement, never to her gift alone.
        var campaignAmounts = await ListAsync(conn, $"SELECT amount_vnd::text FROM ledger_entries WHERE campaign_id = {Warm.Id}");
        Assert.True(campaignAmounts.Count >= 4);
    }

    private static string Quote(string column) => column == "xmin" ? "xmin" : $"\"{column}\"";

    private static async Task<List<string>> ListAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("name", Name);
        var list = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        return list;
    }

    private static async Task<long> CountAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("name", Name);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
