using System.Net;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Hosting;

namespace ChildAid.Tests.BackOffice;

/// <summary>What operators and browsers see of BackOffice: health that reads the database, and security headers.</summary>
public abstract class OperationsTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task Health_reads_the_database_and_says_503_when_it_cannot()
    {
        await using var broken = App.WithWebHostBuilder(b => b.UseSetting("Database:ConnectionString", Db.Provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnectionStringBuilder(Db.ConnectionString) { Database = "childaid_no_such_database", Timeout = 3 }.ConnectionString
            : $"Data Source={Path.Combine(Path.GetTempPath(), "childaid-no-such-dir", "missing.db")};Mode=ReadOnly"));

        var healthy = await App.CreateClient().GetAsync("/health");
        var unhealthy = await broken.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_the_content_security_policy_and_the_other_security_headers()
    {
        var response = await App.CreateClient().GetAsync("/Account/Login");

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Over_https_the_site_sends_hsts_and_marks_its_cookies_secure()
    {
        var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://childaid.example/"), AllowAutoRedirect = false,
        });

        var response = await client.GetAsync("/Account/Login");

        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }
}

public class OperationsTestsOnSqlite() : OperationsTests(DatabaseProvider.Sqlite);

public class OperationsTestsOnPostgres() : OperationsTests(DatabaseProvider.Postgres);
