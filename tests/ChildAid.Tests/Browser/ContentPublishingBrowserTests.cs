using System.Text.RegularExpressions;
using ChildAid.Shared.Security;
using ChildAid.Tests.Media;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>
/// Issue 7 as the media team does it: an editor uploads a photo, writes a story with it, previews the draft on the
/// public layout, publishes; the public page shows the story and the picture, carries share tags whose card image
/// answers, and axe finds no serious or critical violation on it.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class ContentPublishingBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task An_editor_writes_a_story_with_a_picture_previews_and_publishes_and_the_public_page_shows_it_with_share_tags()
    {
        var editorName = $"bt{Guid.NewGuid():N}"[..20];
        await site.CreateStaffAsync(editorName, [Roles.MediaEditor]);
        var editor = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await site.LogInAsync(editor, editorName);

        // The photo: uploaded to the library with its description.
        await editor.GotoAsync($"{site.BackOfficeUrl}/Media/Upload");
        await editor.SetInputFilesAsync("#Input_File", new FilePayload
        {
            Name = "ao-am-ban-phang.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(1800, 1200),
        });
        await editor.FillAsync("#Input_Alt", "Chồng áo ấm mới xếp trên bàn ở điểm trường Bản Phăng");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await editor.WaitForURLAsync(new Regex(@"/Media/Edit/\d+"));
        var mediaId = Regex.Match(editor.Url, @"/Media/Edit/(\d+)").Groups[1].Value;

        // The story, with the photo as hero and in the body.
        var slug = $"ao-am-den-ban-phang-{Guid.NewGuid():N}"[..32];
        await editor.GotoAsync($"{site.BackOfficeUrl}/Content/Edit?NewType=Story");
        await editor.FillAsync("#Input_Title", "Áo ấm đã đến Bản Phăng");
        await editor.FillAsync("#Input_Slug", slug);
        await editor.FillAsync("#Input_Summary", "Một trăm hai mươi áo ấm cho học sinh bán trú trước đợt rét đầu mùa.");
        await editor.FillAsync("#Input_Body", $"## Chuyến đi\n\nĐoàn mang áo lên điểm trường.\n\n![Chồng áo ấm trên bàn](media:{mediaId})\n\n<script>alert(1)</script>");
        await editor.SelectOptionAsync("#Input_HeroMediaId", mediaId);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Tạo bản nháp" }).ClickAsync();
        await editor.WaitForURLAsync(new Regex(@"/Content/Edit/\d+$"));

        // Not public yet; the preview link shows the draft on the public layout, not for search engines.
        var publicPath = $"/tin-tuc/{slug}";
        var before = await editor.Context.APIRequest.GetAsync(site.PublicUrl + publicPath);
        Assert.Equal(404, before.Status);
        var previewUrl = await editor.GetByRole(AriaRole.Link, new() { Name = "Xem trước trên trang công khai" }).GetAttributeAsync("href");
        Assert.StartsWith(site.PublicUrl + "/xem-truoc/", previewUrl, StringComparison.Ordinal);
        var preview = await site.NewPageAsync();
        var previewResponse = await preview.GotoAsync(previewUrl!);
        Assert.Equal("Áo ấm đã đến Bản Phăng", await preview.InnerTextAsync("h1"));
        Assert.Contains("noindex", previewResponse!.Headers["x-robots-tag"], StringComparison.Ordinal);
        // The hero and the picture in the body, both at the preview's signed addresses (neither is public yet).
        Assert.Equal(2, await preview.Locator("main img[srcset]").CountAsync());
        Assert.Equal(1, await preview.Locator("main picture.content-hero img").CountAsync());

        await editor.GetByRole(AriaRole.Button, new() { Name = "Đăng ngay" }).ClickAsync();
        Assert.Contains("Đã đăng", await editor.InnerTextAsync("main"), StringComparison.Ordinal);

        // The public page, as a donor opens it from a shared link on a phone.
        var donor = await site.NewPageAsync();
        var response = await donor.GotoAsync(site.PublicUrl + publicPath);
        Assert.Equal(200, response!.Status);
        Assert.Equal("Áo ấm đã đến Bản Phăng", await donor.InnerTextAsync("h1"));
        Assert.Contains("Áo ấm đã đến Bản Phăng", await donor.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await donor.Locator("main script").CountAsync());

        var pictures = donor.Locator("main img[srcset]");
        Assert.True(await pictures.CountAsync() >= 1);
        await donor.WaitForFunctionAsync("() => [...document.querySelectorAll('main img')].every(i => i.complete && i.naturalWidth > 0)");

        var ogImage = await donor.Locator("meta[property='og:image']").GetAttributeAsync("content");
        Assert.StartsWith("http", ogImage, StringComparison.Ordinal);
        Assert.Equal("Áo ấm đã đến Bản Phăng", await donor.Locator("meta[property='og:title']").GetAttributeAsync("content"));
        Assert.Equal(site.PublicUrl + publicPath, await donor.Locator("meta[property='og:url']").GetAttributeAsync("content"));
        Assert.Equal("summary_large_image", await donor.Locator("meta[name='twitter:card']").GetAttributeAsync("content"));
        var card = await donor.Context.APIRequest.GetAsync(ogImage!);
        Assert.Equal(200, card.Status);
        Assert.Equal("image/jpeg", card.Headers["content-type"]);

        await Axe.AssertAccessibleAsync(donor);
    }
}
