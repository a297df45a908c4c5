namespace ChildAid.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class BrowserSmokeTests(BrowserFixture site)
{
    [Fact]
    public async Task Both_sites_answer_health_in_Chromium_and_the_page_can_be_photographed()
    {
        var page = await site.NewPageAsync();

        foreach (var url in new[] { site.PublicUrl, site.BackOfficeUrl })
        {
            var response = await page.GotoAsync(url + "/health");
            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            Assert.Equal("Healthy", (await page.InnerTextAsync("body")).Trim());
        }

        var screenshot = await BrowserFixture.ScreenshotAsync(page, "health");
        var bytes = await File.ReadAllBytesAsync(screenshot);
        Assert.True(bytes.Length > 100, $"screenshot {screenshot} is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        File.Delete(screenshot);
    }

    [Fact]
    public void Sites_listen_on_different_random_loopback_ports()
    {
        Assert.StartsWith("http://127.0.0.1:", site.PublicUrl, StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", site.BackOfficeUrl, StringComparison.Ordinal);
        Assert.NotEqual(site.PublicUrl, site.BackOfficeUrl);
    }
}
