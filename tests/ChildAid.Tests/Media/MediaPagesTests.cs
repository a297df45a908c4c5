using System.Net;
using System.Text;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Media;

/// <summary>The media pages through real forms: upload, refusals next to the field, the served bytes, the focal point.</summary>
public abstract class MediaPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private async Task<StaffClient> EditorAsync()
    {
        await StaffAsync("bientap", [Roles.MediaEditor]);
        return await LogInAsync("bientap");
    }

    private static async Task<HttpResponseMessage> UploadAsync(StaffClient client, byte[] bytes, string fileName, string alt = "Áo ấm cho em")
    {
        var token = StaffClient.Token(await client.GetPageAsync("/Media/Upload"));
        return await client.PostFileAsync("/Media/Upload", token, new() { ["Input.Alt"] = alt }, "Upload", fileName, bytes, "image/jpeg");
    }

    [Fact]
    public async Task An_editor_uploads_a_camera_photo_and_staff_are_served_it_without_any_metadata()
    {
        var client = await EditorAsync();
        var response = await UploadAsync(client, TestImages.WithCameraMetadata(TestImages.Jpeg(1200, 900), 6), "IMG_0001.jpg");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var edit = await client.FollowAsync(response);
        Assert.Contains("Đã tải lên ảnh “IMG_0001.jpg”", edit);

        await using var db = Db.NewContext();
        var item = await db.MediaItems.SingleAsync();
        Assert.Equal("bientap", item.UploadedBy);
        foreach (var name in MediaRenditions.PublicFiles(item.Width))
        {
            var served = await client.Http.GetAsync($"/Media/File/{item.FileKey}/{name}");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(MediaRenditions.ContentType(name), served.Content.Headers.ContentType!.MediaType);
            Assert.Contains("private", served.Headers.CacheControl!.ToString());
            var text = Encoding.Latin1.GetString(await served.Content.ReadAsByteArrayAsync());
            foreach (var marker in new[] { "Exif\0\0", "GPSLatitude", "http://ns.adobe.com/xap", "SecretCameraOwnerComment" })
                Assert.DoesNotContain(marker, text);
        }

        var anonymous = App.NewClient();
        var refused = await anonymous.Http.GetAsync($"/Media/File/{item.FileKey}/w480.webp");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/Media/File/{item.FileKey}/..%2F..%2Fappsettings.json")).StatusCode);
    }

    [Theory]
    [InlineData("polyglot")]
    [InlineData("html named .jpg")]
    [InlineData("truncated")]
    public async Task A_hostile_file_is_refused_with_a_message_next_to_the_file_field(string kind)
    {
        var client = await EditorAsync();
        var jpeg = TestImages.Jpeg(400, 300);
        var (bytes, message) = kind switch
        {
            "polyglot" => ([.. jpeg, .. TestImages.Zip()], ImageContainer.Polyglot),
            "truncated" => (jpeg[..(jpeg.Length / 2)], ImageContainer.Truncated),
            _ => ("<html><script>alert(1)</script></html>"u8.ToArray(), ImageContainer.NotAnImage),
        };
        var response = await UploadAsync(client, bytes, "anh.jpg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var shown = System.Text.RegularExpressions.Regex.Match(html, "<span id=\"Input_File-error\" class=\"field-validation-error\">([^<]*)</span>");
        Assert.Equal(message, WebUtility.HtmlDecode(shown.Groups[1].Value));
        Assert.Contains("aria-invalid=\"true\"", html);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.MediaItems.CountAsync());
    }

    [Fact]
    public async Task The_focal_point_is_set_by_two_percent_inputs_without_javascript()
    {
        var client = await EditorAsync();
        var edit = await client.FollowAsync(await UploadAsync(client, TestImages.Jpeg(2000, 1000), "rong.jpg"));
        Assert.Contains("name=\"FocalXPercent\"", edit);
        await using (var db = Db.NewContext())
        {
            var id = (await db.MediaItems.SingleAsync()).Id;
            var saved = await client.PostFormAsync($"/Media/Edit/{id}", new()
            {
                ["Input.Alt"] = "Ảnh rộng", ["FocalXPercent"] = "10", ["FocalYPercent"] = "0", ["Input.ShowsChild"] = "false",
            });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        await using var check = Db.NewContext();
        var item = await check.MediaItems.SingleAsync();
        Assert.Equal((0.1m, 0m, "Ảnh rộng"), (item.FocalX, item.FocalY, item.Alt));
    }

    [Fact]
    public async Task A_writer_cannot_open_the_delete_page_and_an_editor_cannot_delete_an_image_in_use()
    {
        var editor = await EditorAsync();
        await editor.FollowAsync(await UploadAsync(editor, TestImages.Jpeg(600, 400), "a.jpg"));
        int id;
        await using (var db = Db.NewContext())
        {
            id = (await db.MediaItems.SingleAsync()).Id;
            var page = new Shared.Content.ContentItem
            {
                Type = Shared.Content.ContentType.Page, Slug = "lien-he", Path = "/trang/lien-he", CreatedBy = "bientap", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.ContentItems.Add(page);
            await db.SaveChangesAsync();
            db.ContentMediaUses.Add(new Shared.Content.ContentMediaUse { ContentItemId = page.Id, MediaItemId = id });
            await db.SaveChangesAsync();
        }
        await StaffAsync("phongvien", [Roles.MediaWriter]);
        var writer = await LogInAsync("phongvien");
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync($"/Media/Delete/{id}")).Response.StatusCode);

        var confirm = await editor.GetPageAsync($"/Media/Delete/{id}");
        Assert.Contains("Không xóa được: ảnh đang được dùng trong 1 nội dung (/trang/lien-he)", confirm);
        var token = StaffClient.Token(await editor.GetPageAsync("/Media/Upload"));
        var response = await editor.PostWithTokenAsync($"/Media/Delete/{id}", token, []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var check = Db.NewContext();
        Assert.Equal(1, await check.MediaItems.CountAsync());
    }
}

public class MediaPagesTestsOnSqlite() : MediaPagesTests(DatabaseProvider.Sqlite);

public class MediaPagesTestsOnPostgres() : MediaPagesTests(DatabaseProvider.Postgres);
