namespace ChildAid.Tests.Browser;

/// <summary>The accessibility helper itself must catch a real violation, or its passes mean nothing.</summary>
[Collection(BrowserCollection.Name)]
public class AxeTests(BrowserFixture site)
{
    [Fact]
    public async Task Axe_finds_an_image_without_alt_text_and_an_unlabelled_field()
    {
        var page = await site.NewPageAsync();
        await page.SetContentAsync("""
            <!doctype html><html lang="vi"><head><title>Thử</title></head><body><main>
            <h1>Quyên góp</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
            <input type="text" name="amount">
            </main></body></html>
            """);

        var violations = await Axe.CheckAsync(page);

        Assert.Contains(violations, v => v.Id == "image-alt");
        Assert.Contains(violations, v => v.Id == "label");
    }

    [Fact]
    public async Task Axe_passes_a_labelled_page_with_landmarks()
    {
        var page = await site.NewPageAsync();
        await page.SetContentAsync("""
            <!doctype html><html lang="vi"><head><title>Quyên góp</title></head><body><main>
            <h1>Quyên góp</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Áo ấm cho em">
            <label for="amount">Số tiền</label> <input id="amount" type="text" name="amount">
            </main></body></html>
            """);

        await Axe.AssertAccessibleAsync(page);
    }
}
