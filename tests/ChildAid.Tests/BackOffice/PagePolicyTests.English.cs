using System.Net;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChildAid.Tests.BackOffice;

public abstract partial class PagePolicyTests
{
    /// <summary>
    /// Every role switches to English and opens every page it may open (the matrix's records); no page shows a
    /// Vietnamese word outside the data typed into it. A new page without English fails here.
    /// </summary>
    [Fact]
    public async Task Every_page_a_role_may_open_reads_in_english_after_the_switch()
    {
        var (urls, _, own) = await MatrixAsync();
        var pages = PagesOfTheApp().Keys.Where(p => p is not "/Account/Logout" and not "/Account/EnrolTwoFactor").Order(StringComparer.Ordinal).ToList();
        await using var db = Db.NewContext();

        var failures = new List<string>();
        var stillVietnamese = new HashSet<string>();
        var opened = 0;
        var anonymous = App.NewClient();
        await EnglishPages.SwitchToEnglishAsync(anonymous);
        var clients = new List<(string Who, StaffClient Client)> { ("anonymous", anonymous) };
        foreach (var role in Roles.All)
        {
            var client = role == Roles.Admin ? await LogInAsAdminAsync("e-admin") : await LogInWithUnitAsync($"e-{role}", role, own);
            await EnglishPages.SwitchToEnglishAsync(client);
            clients.Add((role, client));
        }
        // Users and their names are data too: read the values once everyone exists.
        // The organisation's own name and address on the printed receipt are typed into configuration: data too.
        var issuer = App.Services.GetRequiredService<IOptions<ChildAid.BackOffice.Receipts.ReceiptIssuerOptions>>().Value;
        var data = (await EnglishPages.DataValuesAsync(db)).Concat([issuer.Name.Trim(), issuer.Address.Trim(), issuer.Phone?.Trim() ?? ""])
            .Where(v => v.Length > 0).Distinct().OrderByDescending(v => v.Length).ToList();

        foreach (var (who, client) in clients)
        {
            foreach (var page in pages)
            {
                var (response, html) = await client.GetAsync(urls[page].Own);
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
                opened++;
                var words = EnglishPages.VietnameseWords(html, data);
                if (!html.Contains("<html lang=\"en\"", StringComparison.Ordinal)) words = [.. words, "<html lang> is not en"];
                if (words.Count == 0) continue;
                if (EnglishPages.NotTranslatedYet.Contains(page)) stillVietnamese.Add(page);
                else failures.Add($"{who} {urls[page].Own}: {EnglishPages.Describe(words)}");
            }
        }

        Assert.True(opened >= 100, $"only {opened} pages opened");
        Assert.True(failures.Count == 0, "Vietnamese after switching to English:\n" + string.Join("\n", failures.Distinct()));
        var translated = EnglishPages.NotTranslatedYet.Where(p => pages.Contains(p) && !stillVietnamese.Contains(p)).ToList();
        Assert.True(translated.Count == 0, "These pages read in English now: take them off EnglishPages.NotTranslatedYet: " + string.Join(", ", translated));
    }
}
