using System.Net;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChildAid.Tests.PublicSite;

/// <summary>What a browser is told to refuse on the public site, and where the language link may send a reader.</summary>
public abstract class SecurityHeadersTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task Pages_api_and_static_files_carry_the_content_security_policy_and_the_other_security_headers()
    {
        var client = Client();

        foreach (var url in new[] { "/", "/sao-ke", "/api/v1/campaigns", "/site.css", "/khong-co-trang-nay" })
        {
            var response = await client.GetAsync(url);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("base-uri 'self'", csp);
            Assert.Contains("form-action 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS over plain HTTP");
        }
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("http://x")]
    [InlineData("https://evil.example/sao-ke")]
    [InlineData("/\u0001\u0002garbage")]
    [InlineData("/sao-ke\r\nSet-Cookie: a=b")]
    [InlineData("javascript:alert(1)")]
    [InlineData("%%%")]
    [InlineData("")]
    public async Task The_language_link_with_a_return_address_off_the_site_goes_home(string returnUrl)
    {
        var client = Site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/ngon-ngu/en?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_language_link_with_a_very_long_return_address_goes_home()
    {
        var client = Site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/ngon-ngu/en?returnUrl=%2Fsao-ke%3Fq%3D" + new string('a', 5_000));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}

public class SecurityHeadersTestsOnSqlite() : SecurityHeadersTests(DatabaseProvider.Sqlite);

public class SecurityHeadersTestsOnPostgres() : SecurityHeadersTests(DatabaseProvider.Postgres);
