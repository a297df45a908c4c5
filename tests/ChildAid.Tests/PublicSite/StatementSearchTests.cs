using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.PublicSite;

/// <summary>The in-memory search index gives exactly what the SQL search gives, and keeps up with new entries.</summary>
public abstract class StatementSearchTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task Index_search_and_sql_search_agree_on_terms_filters_and_pages()
    {
        var unit = await UnitAsync();
        var warm = await CampaignAsync("Áo ấm cho em");
        var names = new[] { "Nguyễn Văn An", "Nguyễn Thị Anh", "Trần Văn An", "Lê Thị Bình", "Công ty Ánh Dương" };
        var donors = new List<int>();
        foreach (var name in names) donors.Add(await DonorAsync(unit, name));
        var hidden = await DonorAsync(unit, "Ẩn Danh Thật", DisplayChoice.Anonymous);
        for (var i = 0; i < 30; i++)
            await GiveAsync(donors[i % donors.Count], unit, 10_000 + i, i % 2 == 0 ? warm.Id : null, new DateOnly(2026, 10, 1).AddDays(i));
        var mistake = await GiveAsync(hidden, unit, 99_000, warm.Id);
        await ReverseAsync(mistake.Id, "Ghi trùng");

        await using var sp = PublicServices();
        var filters = new StatementFilter[]
        {
            new("nguyen"), new("nguyen", Page: 2), new("AN"), new("van an"), new("an van"), new("anh"), new("2026-000007"),
            new("nguyen", warm.Slug), new("nguyen", warm.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("an", From: new DateOnly(2026, 10, 5), To: new DateOnly(2026, 10, 20)), new("tien mat", Page: 2), new("ghi trung"),
            new("khong co ai"), new("nguyen", "khong-co"),
        };
        foreach (var filter in filters)
        {
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PublicDbContext>();
            var viaIndex = await new StatementQuery(db, sp.GetRequiredService<StatementSearchIndex>()).PageAsync(filter);
            var viaSql = await new StatementQuery(db).PageAsync(filter);

            Assert.Equal(viaSql.Lines.Select(l => l.Sequence), viaIndex.Lines.Select(l => l.Sequence));
            Assert.Equal(viaSql.HasNext, viaIndex.HasNext);
            Assert.Equal(viaSql.CampaignNotFound, viaIndex.CampaignNotFound);
        }
        await using var check = sp.CreateAsyncScope();
        var query = new StatementQuery(check.ServiceProvider.GetRequiredService<PublicDbContext>(), sp.GetRequiredService<StatementSearchIndex>());
        var nguyen = await query.PageAsync(new StatementFilter("nguyen"));
        Assert.Equal(12, nguyen.Lines.Count);
        Assert.False(nguyen.HasNext);
        Assert.All(nguyen.Lines, l => Assert.StartsWith("Nguyễn", l.DonorDisplay, StringComparison.Ordinal));
        Assert.Equal([32L], (await query.PageAsync(new StatementFilter("ghi trung"))).Lines.Select(l => l.Sequence));
    }

    [Fact]
    public async Task Index_picks_up_entries_recorded_after_it_was_loaded()
    {
        var unit = await UnitAsync();
        await GiveAsync(await DonorAsync(unit, "Nguyễn Văn An"), unit, 10_000);
        await using var sp = PublicServices();
        var index = sp.GetRequiredService<StatementSearchIndex>();
        await index.WarmUpAsync();
        Assert.Equal(1, index.Count);

        await GiveAsync(await DonorAsync(unit, "Đặng Thu Hà"), unit, 20_000);
        var found = await index.SearchAsync(StatementQuery.Terms("dang thu ha"), null, null, null, 0, 21);

        Assert.Equal([2L], found);
        Assert.Equal(2, index.Count);
    }

    private ServiceProvider PublicServices()
    {
        var services = new ServiceCollection();
        services.AddPublicData(Db.PublicOptions);
        services.AddSingleton<StatementSearchIndex>();
        return services.BuildServiceProvider();
    }
}

public class StatementSearchTestsOnSqlite() : StatementSearchTests(DatabaseProvider.Sqlite);

public class StatementSearchTestsOnPostgres() : StatementSearchTests(DatabaseProvider.Postgres);
