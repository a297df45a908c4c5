using Microsoft.EntityFrameworkCore;
using BenchmarkDotNet.Attributes;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Needs;

namespace ChildAid.Benchmarks;

/// <summary>
/// The suggestion rules (<see cref="AllocationSuggestions"/>) over 100,000 open need lines and 50,000 open gifts (issue 10:
/// under 5 s), generated with a fixed seed: 200 communes; lines of every catalogue item with its typical cost and size
/// bands, levels 1–4 (10 / 25 / 35 / 30 %), needs first approved over two years, a third already partly covered; 40,000
/// money gifts (60 % unrestricted, 40 % in one of 12 campaigns whose areas are 5–30 communes, half of them limited to one
/// category, one campaign without any area) and 10,000 goods lines (items counted in pieces, half recognised as a catalogue
/// item and size band). CHILDAID_BENCH_SUGGEST_NEEDS and CHILDAID_BENCH_SUGGEST_GIFTS change the sizes.
/// </summary>
[Config(typeof(BalanceBenchmarks.Config))]
public class AllocationSuggestionBenchmarks
{
    public static int Needs => int.TryParse(Environment.GetEnvironmentVariable("CHILDAID_BENCH_SUGGEST_NEEDS"), out var n) ? n : 100_000;
    public static int Gifts => int.TryParse(Environment.GetEnvironmentVariable("CHILDAID_BENCH_SUGGEST_GIFTS"), out var n) ? n : 50_000;

    private OpenNeed[] _needs = [];
    private OpenMoney[] _money = [];
    private OpenGoods[] _goods = [];
    private CampaignRestriction[] _campaigns = [];

    [GlobalSetup]
    public void Setup()
    {
        (_needs, _money, _goods, _campaigns) = Generate(Needs, Gifts, seed: 20261202);
        var s = Rules();
        var goods = s.Count(x => x.IsGoods);
        Console.WriteLine($"// {_needs.Length:N0} need lines, {_money.Length:N0} money gifts ({_money.Sum(m => m.LeftVnd):N0} VND), {_goods.Length:N0} goods lines; "
            + $"{s.Count:N0} suggestions ({goods:N0} goods), {s.Where(x => !x.IsGoods).Sum(x => x.AmountVnd):N0} VND, {s.Select(x => x.NeedLineId).Distinct().Count():N0} lines touched");
    }

    [Benchmark]
    public List<Suggestion> Rules() => AllocationSuggestions.Suggest(_needs, _money, _goods, _campaigns);

    public static (OpenNeed[], OpenMoney[], OpenGoods[], CampaignRestriction[]) Generate(int needCount, int giftCount, int seed)
    {
        var r = new Random(seed);
        var catalogue = NeedItemConfiguration.Catalogue;
        var pieces = catalogue.Where(i => i.Unit == NeedUnit.Items).ToArray();
        var bands = Enum.GetValues<SizeBand>();
        const int communes = 200;
        var start = new DateTime(2025, 1, 1, 3, 0, 0, DateTimeKind.Utc);

        var needs = new OpenNeed[needCount];
        for (var i = 0; i < needCount; i++)
        {
            var item = catalogue[r.Next(catalogue.Length)];
            var quantity = item.Unit switch { NeedUnit.Meals => 100 + r.Next(1900), NeedUnit.Sessions => 1 + r.Next(30), _ => 1 + r.Next(50) };
            var roll = r.Next(100);
            var level = roll < 10 ? 1 : roll < 35 ? 2 : roll < 70 ? 3 : 4;
            var value = quantity * item.TypicalUnitCostVnd;
            var left = r.Next(3) == 0 ? value * r.Next(1, 10) / 10 : value;
            var quantityLeft = item.TypicalUnitCostVnd > 0 ? (int)(left / item.TypicalUnitCostVnd) : quantity;
            needs[i] = new OpenNeed(i + 1, 1 + r.Next(communes), item.Category, item.Id, item.HasSizeBand ? bands[r.Next(bands.Length)] : null, item.Unit, level,
                start.AddHours(r.Next(2 * 365 * 24)), item.TypicalUnitCostVnd, quantityLeft, left);
        }

        var campaigns = new CampaignRestriction[12];
        for (var c = 0; c < campaigns.Length; c++)
        {
            var areas = c == campaigns.Length - 1 ? [] : Enumerable.Range(0, 5 + r.Next(26)).Select(_ => 1 + r.Next(communes)).Distinct()
                .Select(commune => new CampaignAreaRule(commune, r.Next(2) == 0 ? null : catalogue[r.Next(catalogue.Length)].Category, $"Xã {commune}")).ToList();
            campaigns[c] = new CampaignRestriction(c + 1, $"Chiến dịch {c + 1}", areas);
        }

        var moneyCount = giftCount * 4 / 5;
        var money = new OpenMoney[moneyCount];
        var received = new DateOnly(2025, 1, 1);
        for (var i = 0; i < moneyCount; i++)
        {
            var date = received.AddDays(r.Next(700));
            int? campaign = r.Next(100) < 60 ? null : 1 + r.Next(campaigns.Length);
            var amount = r.Next(100) < 80 ? (2 + r.Next(39)) * 50_000L : (1 + r.Next(50)) * 1_000_000L;
            money[i] = new OpenMoney(i + 1, $"{date.Year}-{i + 1:000000}", date, date.Year, i + 1, campaign, r.Next(4) == 0 ? amount / 2 : amount);
        }
        var goods = new OpenGoods[giftCount - moneyCount];
        for (var i = 0; i < goods.Length; i++)
        {
            var date = received.AddDays(r.Next(700));
            var item = pieces[r.Next(pieces.Length)];
            int? campaign = r.Next(100) < 50 ? null : 1 + r.Next(campaigns.Length);
            var recognised = r.Next(2) == 0;
            SizeBand? band = item.HasSizeBand ? bands[r.Next(bands.Length)] : null;
            goods[i] = new OpenGoods(moneyCount + i + 1, i + 1, $"{date.Year}-{moneyCount + i + 1:000000}", date, date.Year, moneyCount + i + 1, campaign,
                item.NameVi, "chiếc", item.TypicalUnitCostVnd, 10 + r.Next(300), recognised ? item.Id : null, recognised ? band : null);
        }
        return (needs, money, goods, campaigns);
    }
}

/// <summary>
/// The whole suggestion run as /Allocations/Suggest does it (<see cref="SuggestionRun.RunAsync"/>: load the open gifts and
/// need lines from the database on a fresh context, count what live allocations took, recognise goods, run the rules,
/// label the rows), over the needs list benchmark's generator (<see cref="NeedsBenchDatabase"/>: 100,000 approved child
/// lines in 200 communes) plus <see cref="AllocationSuggestionBenchmarks.Gifts"/> receipts (four in five money, 40 % of them
/// in one of 12 campaigns with areas; one in five an in-kind gift of one goods line, half named as a catalogue item).
/// Read by an admin (no unit scope): the largest run there is. CHILDAID_BENCH_PROVIDERS limits the databases.
/// </summary>
[Config(typeof(BalanceBenchmarks.Config))]
public class SuggestionRunBenchmarks
{
    public static IEnumerable<Shared.Data.DatabaseProvider> Providers() => StatementQueryBenchmarks.Providers();

    [ParamsSource(nameof(Providers))]
    public Shared.Data.DatabaseProvider Provider { get; set; }

    private string _cs = "";

    [GlobalSetup]
    public void Setup()
    {
        _cs = PrepareAsync(Provider, AllocationSuggestionBenchmarks.Needs, AllocationSuggestionBenchmarks.Gifts).GetAwaiter().GetResult();
        var result = FullRun().GetAwaiter().GetResult();
        Console.WriteLine($"// {Provider}: {result.OpenNeeds:N0} open lines, {result.OpenGifts:N0} open gifts, {result.Rows.Count:N0} suggestions");
    }

    [Benchmark]
    public async Task<SuggestionResult> FullRun()
    {
        await using var db = BenchDatabase.Context(Provider, _cs);
        var doubleSupport = new DoubleSupportCheck(db, new Shared.Needs.DuplicateCheck(db));
        var allocations = new AllocationService(db, new Shared.Ledger.LedgerWriter(db, TimeProvider.System), new Shared.Audit.AuditActor(), TimeProvider.System,
            doubleSupport, new Shared.Needs.NeedFulfilment(db, new Shared.PublicNeeds.PublicNeedsProjection(db, TimeProvider.System)));
        return await new SuggestionRun(db, allocations, doubleSupport, TimeProvider.System).RunAsync();
    }

    private static async Task<string> PrepareAsync(Shared.Data.DatabaseProvider provider, int lines, int gifts)
    {
        var cs = await NeedsBenchDatabase.ConnectionStringAsync(provider, lines, $"suggest{gifts}");
        await using var db = BenchDatabase.Context(provider, cs);
        if (await db.Contributions.CountAsync() == gifts) return cs;
        if (await db.Contributions.AnyAsync()) throw new InvalidOperationException($"The bench database holds another number of gifts: delete it ({cs}).");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var r = new Random(20261202);
        var communes = await db.AdminUnits.Where(u => u.Level == Shared.AdminUnits.AdminUnitLevel.Commune).Select(u => u.Id).ToListAsync();
        var province = await db.AdminUnits.Where(u => u.Level == Shared.AdminUnits.AdminUnitLevel.Province).Select(u => u.Id).FirstAsync();
        var donor = new Shared.Donors.Donor { Name = "Nhà tài trợ thử", AdminUnitId = province, CreatedAt = DateTime.UtcNow };
        db.Donors.Add(donor);
        var campaigns = Enumerable.Range(1, 12).Select(i => new Shared.Campaigns.Campaign
        {
            Slug = $"thu-{i}", Title = $"Chiến dịch thử {i}", StartDate = new DateOnly(2025, 1, 1), Status = Shared.Campaigns.CampaignStatus.Active, UpdatedAt = DateTime.UtcNow,
        }).ToList();
        db.Campaigns.AddRange(campaigns);
        await db.SaveChangesAsync();
        var catalogue = NeedItemConfiguration.Catalogue;
        foreach (var c in campaigns.Take(11))
            foreach (var commune in Enumerable.Range(0, 5 + r.Next(26)).Select(_ => communes[r.Next(communes.Count)]).Distinct())
                db.CampaignAreas.Add(new Shared.Campaigns.CampaignArea { CampaignId = c.Id, AdminUnitId = commune, Category = r.Next(2) == 0 ? null : catalogue[r.Next(catalogue.Length)].Category });
        await db.SaveChangesAsync();

        var pieces = catalogue.Where(i => i.Unit == NeedUnit.Items).ToArray();
        for (var i = 0; i < gifts; i++)
        {
            var date = new DateOnly(2025, 1, 1).AddDays(r.Next(700));
            var goods = i % 5 == 4;
            var c = new Shared.Contributions.Contribution
            {
                ReceiptNumber = $"B-{i + 1:0000000}", FiscalYear = 2099, ReceiptSequence = i + 1, DonorId = donor.Id, ReceivedOn = date,
                CampaignId = r.Next(100) < 40 ? campaigns[r.Next(campaigns.Count)].Id : null, AdminUnitId = province, RecordedAt = DateTime.UtcNow,
                LedgerSequence = i + 1, Method = goods ? Shared.Contributions.ContributionMethod.InKind : Shared.Contributions.ContributionMethod.BankTransfer,
                AmountVnd = r.Next(100) < 80 ? (2 + r.Next(39)) * 50_000L : (1 + r.Next(50)) * 1_000_000L,
            };
            if (goods)
            {
                var item = pieces[r.Next(pieces.Length)];
                var name = r.Next(2) == 0 ? item.NameVi + (item.HasSizeBand ? " " + NeedLabels.SizeBands[(SizeBand)r.Next(1, 5)] : "") : "Quà tặng " + (i + 1);
                var quantity = 10 + r.Next(300);
                c.GoodsLines.Add(new Shared.Contributions.ContributionGoodsLine { Item = name, Unit = "chiếc", Quantity = quantity, UnitValueVnd = item.TypicalUnitCostVnd });
                c.AmountVnd = quantity * item.TypicalUnitCostVnd;
            }
            db.Contributions.Add(c);
            if (i % 2_000 == 1_999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        Console.WriteLine($"// {provider}: {gifts:N0} gifts added in {watch.Elapsed.TotalSeconds:F0} s");
        return cs;
    }
}
