using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Content;

/// <summary>Redirect rules on their own: path shape, no chains, no loops.</summary>
public class ContentRedirectRulesTests
{
    [Theory]
    [InlineData("/tin-tuc/ao-am", true)]
    [InlineData("/cu/trang_1.html", true)]
    [InlineData("tin-tuc/ao-am", false)]
    [InlineData("/tin tuc", false)]
    [InlineData("//evil.example/x", false)]
    [InlineData("/a/../admin", false)]
    [InlineData("/tin-tuc?x=1", false)]
    [InlineData("/tin-tức", false)]
    [InlineData("", false)]
    public void A_redirect_path_is_a_plain_site_path(string path, bool valid) => Assert.Equal(valid, ContentRedirectRules.PathProblem(path) is null);

    [Fact]
    public void A_new_redirect_points_to_the_end_of_a_chain_and_those_that_led_to_its_start_follow()
    {
        var existing = new Dictionary<string, string> { ["/b"] = "/c", ["/z"] = "/a" };

        var plan = ContentRedirectRules.Plan(existing, "/a", "/b");

        Assert.Null(plan.Refusal);
        Assert.Equal("/c", plan.Target);
        Assert.Equal(new Dictionary<string, string> { ["/z"] = "/c" }, plan.Repoint);
    }

    [Theory]
    [InlineData("/a", "/a")]
    [InlineData("/a", "/b")]
    [InlineData("/a", "/c")]
    public void A_redirect_that_would_loop_is_refused(string from, string to)
    {
        var existing = new Dictionary<string, string> { ["/b"] = "/a", ["/c"] = "/b" };
        Assert.NotNull(ContentRedirectRules.Plan(existing, from, to).Refusal);
    }
}

/// <summary>Renaming or moving published content leaves redirects behind, without chains; staff keep their own list.</summary>
public abstract class ContentRedirectTests(DatabaseProvider provider) : ContentServiceTest(provider)
{
    [Fact]
    public async Task Renaming_a_published_story_redirects_the_old_path_and_renaming_again_leaves_no_chain()
    {
        var story = await CreateAsync(Editor, ContentType.Story, Story("Áo ấm", slug: "ao-am"));
        await PublishedAsync(story.Id);
        await SaveAsync(Editor, story.Id, i => i.Slug = "ao-am-2026");
        await PublishedAsync(story.Id);
        await SaveAsync(Editor, story.Id, i => i.Slug = "ao-am-cho-em");
        await PublishedAsync(story.Id);

        Assert.Equal([("/tin-tuc/ao-am", "/tin-tuc/ao-am-cho-em"), ("/tin-tuc/ao-am-2026", "/tin-tuc/ao-am-cho-em")], await RedirectsAsync());

        // Back to the first name: the path is live again, so its redirect goes and nothing loops.
        await SaveAsync(Editor, story.Id, i => i.Slug = "ao-am");
        await PublishedAsync(story.Id);
        Assert.Equal([("/tin-tuc/ao-am-2026", "/tin-tuc/ao-am"), ("/tin-tuc/ao-am-cho-em", "/tin-tuc/ao-am")], await RedirectsAsync());
    }

    [Fact]
    public async Task A_rename_that_is_not_yet_published_changes_no_public_path()
    {
        var story = await CreateAsync(Editor, ContentType.Story, Story("Áo ấm", slug: "ao-am"));
        await PublishedAsync(story.Id);
        await SaveAsync(Editor, story.Id, i => i.Slug = "ao-am-moi");

        await using var db = Db.NewContext();
        Assert.Empty(await RedirectsAsync());
        Assert.Equal("/tin-tuc/ao-am", await db.PublishedContent.Select(p => p.Path).SingleAsync());
        // Nor may another item take the path that is still public.
        var taken = await AsAsync(Editor, s => s.CreateAsync(ContentType.Story, Story("Khác", slug: "ao-am")));
        Assert.Equal("Đường dẫn /tin-tuc/ao-am đã được nội dung khác dùng.", taken.Errors["Slug"]);
    }

    [Fact]
    public async Task Moving_a_published_page_moves_its_published_children_with_redirects()
    {
        var about = await CreateAsync(Editor, ContentType.Page, Story("Giới thiệu", slug: "gioi-thieu"));
        var how = await CreateAsync(Editor, ContentType.Page, new ContentInput { Title = "Cách làm việc", Slug = "cach-lam-viec", ParentId = about.Id });
        await PublishedAsync(about.Id);
        await PublishedAsync(how.Id);

        await SaveAsync(Editor, about.Id, i => i.Slug = "ve-chung-toi");
        await PublishedAsync(about.Id);

        await using var db = Db.NewContext();
        Assert.Equal(["/trang/ve-chung-toi", "/trang/ve-chung-toi/cach-lam-viec"], await db.PublishedContent.OrderBy(p => p.Path).Select(p => p.Path).ToListAsync());
        Assert.Equal([("/trang/gioi-thieu", "/trang/ve-chung-toi"), ("/trang/gioi-thieu/cach-lam-viec", "/trang/ve-chung-toi/cach-lam-viec")], await RedirectsAsync());
    }

    [Fact]
    public async Task Staff_add_and_remove_redirects_and_a_writer_may_not()
    {
        var story = await CreateAsync(Editor, ContentType.Story, Story("Áo ấm", slug: "ao-am"));
        await PublishedAsync(story.Id);

        var added = Ok(await AsAsync(Editor, s => s.AddRedirectAsync("/ao-am", "/tin-tuc/ao-am")));
        var byWriter = await AsAsync(Writer, s => s.AddRedirectAsync("/aoam", "/tin-tuc/ao-am"));
        var overLive = await AsAsync(Editor, s => s.AddRedirectAsync("/tin-tuc/ao-am", "/"));
        Ok(await AsAsync(Editor, s => s.AddRedirectAsync("/mot", "/hai")));
        var loop = await AsAsync(Editor, s => s.AddRedirectAsync("/hai", "/mot"));
        var twice = await AsAsync(Editor, s => s.AddRedirectAsync("/ao-am", "/khac"));
        var bad = await AsAsync(Editor, s => s.AddRedirectAsync("ao am", "javascript:alert(1)"));

        Assert.False(byWriter.Succeeded);
        Assert.Contains("đang là một trang đã đăng", overLive.Errors["FromPath"]);
        Assert.Equal("/tin-tuc/ao-am", (await AsAsync(Editor, s => s.AddRedirectAsync("/cu", "/ao-am"))).Value!.ToPath);
        Assert.StartsWith("Tạo vòng lặp", loop.Errors["ToPath"]);
        Assert.Contains("Đã có chuyển hướng", twice.Errors["FromPath"]);
        Assert.True(bad.Errors.ContainsKey("FromPath") && bad.Errors.ContainsKey("ToPath"));

        Ok(await AsAsync(Editor, s => s.RemoveRedirectAsync(added.Id)));
        Assert.DoesNotContain(("/ao-am", "/tin-tuc/ao-am"), await RedirectsAsync());
    }

    private async Task<List<(string, string)>> RedirectsAsync()
    {
        await using var db = Db.NewContext();
        return (await db.ContentRedirects.OrderBy(r => r.FromPath).ToListAsync()).Select(r => (r.FromPath, r.ToPath)).ToList();
    }
}

public class ContentRedirectTestsOnSqlite() : ContentRedirectTests(DatabaseProvider.Sqlite);

public class ContentRedirectTestsOnPostgres() : ContentRedirectTests(DatabaseProvider.Postgres);
