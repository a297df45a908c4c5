using System.Net;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.BackOffice;

/// <summary>The content pages, used as the media team would: real forms, anti-forgery tokens, cookies.</summary>
public abstract class ContentPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private static Dictionary<string, string> Form(string html, params (string Key, string Value)[] changes)
    {
        var fields = new Dictionary<string, string> { ["Input.Version"] = StaffClient.Hidden(html, "Input.Version") };
        foreach (var (k, v) in changes) fields[k] = v;
        return fields;
    }

    private async Task<int> WriteStoryAsync(StaffClient client, string title, string body)
    {
        var created = await client.PostFormAsync("/Content/Edit", new() { ["NewType"] = "Story", ["Input.Title"] = title, ["Input.Body"] = body });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_writer_writes_and_submits_a_story_the_publish_handler_refuses_them_and_an_editor_publishes_it()
    {
        await StaffAsync("phongvien", [Roles.MediaWriter]);
        await StaffAsync("bientap", [Roles.MediaEditor]);
        var writer = await LogInAsync("phongvien");
        var id = await WriteStoryAsync(writer, "Áo ấm đến Bản Phăng", "## Chuyến đi\n\nĐoàn trao 150 áo.");

        var page = await writer.GetPageAsync($"/Content/Edit/{id}");
        Assert.Contains("Gửi duyệt", page);
        Assert.DoesNotContain("Đăng ngay", page);
        var forced = await writer.PostWithTokenAsync($"/Content/Edit/{id}?handler=Publish", StaffClient.Token(page), []);
        var submitted = await writer.PostWithTokenAsync($"/Content/Edit/{id}?handler=Submit", StaffClient.Token(page), []);

        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains("Bạn không có quyền đăng nội dung này", System.Net.WebUtility.HtmlDecode(await forced.Content.ReadAsStringAsync()));
        Assert.Contains("Đã gửi bài", await writer.FollowAsync(submitted));

        var editor = await LogInAsync("bientap");
        var review = await editor.GetPageAsync($"/Content/Edit/{id}");
        Assert.Contains("Chờ duyệt", review);
        var published = await editor.PostWithTokenAsync($"/Content/Edit/{id}?handler=Publish", StaffClient.Token(review), []);
        Assert.Contains("Đã đăng lên trang công khai", await editor.FollowAsync(published));

        await using var db = Db.NewContext();
        var row = await db.PublishedContent.SingleAsync();
        Assert.Equal(("/tin-tuc/ao-am-den-ban-phang", "Áo ấm đến Bản Phăng"), (row.Path, row.Title));
        Assert.Contains("<h2 id=\"chuyen-di\">", row.BodyHtml);
    }

    [Fact]
    public async Task A_stale_save_shows_a_conflict_and_keeps_the_text_the_person_typed()
    {
        await StaffAsync("bientap", [Roles.MediaEditor]);
        var first = await LogInAsync("bientap");
        var second = await LogInAsync("bientap");
        var id = await WriteStoryAsync(first, "Áo ấm", "Bản đầu.");
        var pageA = await first.GetPageAsync($"/Content/Edit/{id}");
        var pageB = await second.GetPageAsync($"/Content/Edit/{id}");

        var saved = await first.PostWithTokenAsync($"/Content/Edit/{id}", StaffClient.Token(pageA),
            Form(pageA, ("Input.Title", "Áo ấm"), ("Input.Slug", "ao-am"), ("Input.Body", "Bản của người thứ nhất.")));
        var stale = await second.PostWithTokenAsync($"/Content/Edit/{id}", StaffClient.Token(pageB),
            Form(pageB, ("Input.Title", "Áo ấm"), ("Input.Slug", "ao-am"), ("Input.Body", "Bản của người thứ hai, viết rất lâu.")));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains(ContentService.Conflict, html);
        Assert.Contains("Bản của người thứ hai, viết rất lâu.", html);
        await using var db = Db.NewContext();
        Assert.Equal(2, await db.ContentVersions.CountAsync());
    }

    [Fact]
    public async Task History_compare_and_rollback_work_from_the_pages()
    {
        await StaffAsync("bientap", [Roles.MediaEditor]);
        var editor = await LogInAsync("bientap");
        var id = await WriteStoryAsync(editor, "Áo ấm", "Đoàn trao 150 áo.");
        var edit = await editor.GetPageAsync($"/Content/Edit/{id}");
        await editor.PostWithTokenAsync($"/Content/Edit/{id}", StaffClient.Token(edit),
            Form(edit, ("Input.Title", "Áo ấm"), ("Input.Slug", "ao-am"), ("Input.Body", "Đoàn trao 200 áo.")));

        var compare = await editor.GetPageAsync($"/Content/Compare/{id}?from=1&to=2");
        var history = await editor.GetPageAsync($"/Content/History/{id}");
        var rolled = await editor.PostWithTokenAsync($"/Content/History/{id}?handler=Rollback&number=1", StaffClient.Token(history), []);

        Assert.Contains("<h2>Nội dung</h2>", compare);
        Assert.Contains("<del>150</del>", compare);
        Assert.Contains("<ins>200</ins>", compare);
        Assert.Contains("Đã khôi phục phiên bản 1 thành phiên bản 3", await editor.FollowAsync(rolled));
        await using var db = Db.NewContext();
        Assert.Equal("Đoàn trao 150 áo.", (await db.ContentVersions.SingleAsync(v => v.Number == 3)).Body);
    }

    [Fact]
    public async Task An_editor_adds_a_redirect_and_a_bad_one_is_explained_next_to_its_field()
    {
        await StaffAsync("bientap", [Roles.MediaEditor]);
        var editor = await LogInAsync("bientap");

        var added = await editor.PostFormAsync("/Content/Redirects", new() { ["Input.FromPath"] = "/ao-am", ["Input.ToPath"] = "/tin-tuc/ao-am" });
        var bad = await editor.PostFormAsync("/Content/Redirects", new() { ["Input.FromPath"] = "ao am", ["Input.ToPath"] = "/tin-tuc/ao-am" });

        var list = System.Net.WebUtility.HtmlDecode(await editor.FollowAsync(added));
        Assert.Contains("<td data-label=\"Từ\">/ao-am</td>", list);
        var html = System.Net.WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Đường dẫn phải bắt đầu bằng /", html);
        Assert.Contains("aria-invalid=\"true\"", html);
    }

    [Fact]
    public async Task A_schedule_is_entered_in_Vietnam_time_and_listed_in_Vietnam_time()
    {
        await StaffAsync("bientap", [Roles.MediaEditor]);
        var editor = await LogInAsync("bientap");
        var id = await WriteStoryAsync(editor, "Áo ấm", "Chữ.");
        var day = Vn(Today.AddDays(2));

        var scheduled = await editor.PostFormAsync($"/Content/Edit/{id}", new() { ["Schedule.PublishDate"] = day, ["Schedule.PublishTime"] = "08:30" },
            postUrl: $"/Content/Edit/{id}?handler=Schedule");
        await editor.FollowAsync(scheduled);
        var list = await editor.GetPageAsync("/Content/Schedule");

        Assert.Contains($"{day} 08:30", list);
        await using var db = Db.NewContext();
        Assert.Equal(Today.AddDays(2).ToDateTime(new TimeOnly(1, 30)), (await db.ContentItems.SingleAsync()).ScheduledPublishAt);
    }
}

public class ContentPagesTestsOnSqlite() : ContentPagesTests(DatabaseProvider.Sqlite);

public class ContentPagesTestsOnPostgres() : ContentPagesTests(DatabaseProvider.Postgres);
