using ChildAid.Shared.Data;
using ChildAid.Tests.PublicSite;

namespace ChildAid.Tests.Payments;

/// <summary>The pages Stripe Checkout returns the donor to, in Vietnamese, linking back to a campaign only when the slug is one.</summary>
public abstract class CardReturnPagesTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task The_success_page_thanks_the_donor_and_links_back_to_the_campaign()
    {
        var html = await GetHtmlAsync(Client(), "/ung-ho/the/thanh-cong?chien-dich=ao-am-2026");

        Assert.Contains("Cảm ơn bạn đã ủng hộ", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/chien-dich/ao-am-2026\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cancel_page_says_nothing_was_charged_and_ignores_a_query_that_is_not_a_slug()
    {
        var html = await GetHtmlAsync(Client(), "/ung-ho/the/da-huy?chien-dich=%22%3E%3Cscript%3E");

        Assert.Contains("không có khoản tiền nào bị trừ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/chien-dich/", html, StringComparison.Ordinal);
    }
}

public class CardReturnPagesTestsOnSqlite() : CardReturnPagesTests(DatabaseProvider.Sqlite);

public class CardReturnPagesTestsOnPostgres() : CardReturnPagesTests(DatabaseProvider.Postgres);
