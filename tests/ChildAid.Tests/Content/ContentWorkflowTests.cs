using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Content;

/// <summary>Writing, reviewing, publishing and taking back content, and who may do which.</summary>
public abstract class ContentWorkflowTests(DatabaseProvider provider) : ContentServiceTest(provider)
{
    [Fact]
    public async Task Every_save_is_a_new_version_and_the_slug_is_suggested_from_the_Vietnamese_title()
    {
        var story = await CreateAsync(Writer, ContentType.Story, Story("Áo ấm đến Bản Phăng!"));
        await SaveAsync(Writer, story.Id, i => i.Body = "Bản thứ hai.");

        await using var db = Db.NewContext();
        var versions = await db.ContentVersions.Where(v => v.ContentItemId == story.Id).OrderBy(v => v.Number).ToListAsync();
        Assert.Equal("/tin-tuc/ao-am-den-ban-phang", story.Path);
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal(["Nội dung.", "Bản thứ hai."], versions.Select(v => v.Body));
        Assert.Equal(2, (await db.ContentItems.SingleAsync()).LatestVersion);
    }

    [Fact]
    public async Task A_writer_submits_but_cannot_publish_and_an_editor_publishes()
    {
        var story = await CreateAsync(Writer, ContentType.Story, Story("Áo ấm đến Bản Phăng"));

        var byWriter = await AsAsync(Writer, s => s.PublishAsync(story.Id, null));
        Ok(await AsAsync(Writer, s => s.SubmitAsync(story.Id, null)));
        await PublishedAsync(story.Id);

        Assert.Equal(ContentService.PublishRefusal, byWriter.Errors[""]);
        await using var db = Db.NewContext();
        var item = await db.ContentItems.SingleAsync();
        Assert.Equal((ContentState.Published, 1), (item.State, item.PublishedVersion));
        Assert.Equal(["vi"], await db.PublishedContent.Select(p => p.Language).ToListAsync());
    }

    [Fact]
    public async Task A_programme_officer_publishes_honor_roll_pages_and_nothing_else()
    {
        var honor = await CreateAsync(Programme, ContentType.HonorRollPage, Story("Vinh danh nhà hảo tâm tháng 11"));
        var story = await CreateAsync(Editor, ContentType.Story, Story("Tin mới"));

        Ok(await AsAsync(Programme, s => s.PublishAsync(honor.Id, null)));
        var refused = await AsAsync(Programme, s => s.PublishAsync(story.Id, null));
        var notWriting = await AsAsync(Programme, s => s.CreateAsync(ContentType.Story, Story("Tin khác")));

        Assert.Equal(ContentService.PublishRefusal, refused.Errors[""]);
        Assert.False(notWriting.Succeeded);
    }

    [Fact]
    public async Task An_editor_returns_a_submitted_story_with_a_comment_the_writer_then_reads()
    {
        var story = await CreateAsync(Writer, ContentType.Story, Story("Áo ấm"));
        Ok(await AsAsync(Writer, s => s.SubmitAsync(story.Id, null)));

        var noComment = await AsAsync(Editor, s => s.ReturnAsync(story.Id, " ", null));
        var byWriter = await AsAsync(Writer, s => s.ReturnAsync(story.Id, "Sửa", null));
        var returned = Ok(await AsAsync(Editor, s => s.ReturnAsync(story.Id, "Thêm số áo đã phát.", null)));

        Assert.Contains("ý kiến", noComment.Errors["Comment"]);
        Assert.False(byWriter.Succeeded);
        Assert.Equal((ContentState.Draft, "Thêm số áo đã phát."), (returned.State, returned.ReturnComment));
    }

    [Fact]
    public async Task Rolling_back_writes_a_new_version_with_the_old_words()
    {
        var page = await CreateAsync(Editor, ContentType.Page, new ContentInput { Title = "Giới thiệu", Summary = "Tóm tắt 1", Body = "Bản một." });
        await SaveAsync(Editor, page.Id, i => { i.Title = "Về chúng tôi"; i.Body = "Bản hai."; });

        var rolled = Ok(await AsAsync(Editor, s => s.RollbackAsync(page.Id, 1, null)));

        await using var db = Db.NewContext();
        var third = await db.ContentVersions.SingleAsync(v => v.ContentItemId == page.Id && v.Number == 3);
        Assert.Equal(3, rolled.LatestVersion);
        Assert.Equal(("Giới thiệu", "Tóm tắt 1", "Bản một.", "Khôi phục từ phiên bản 1"), (third.Title, third.Summary, third.Body, third.Note));
        Assert.Equal("Bản hai.", (await db.ContentVersions.SingleAsync(v => v.ContentItemId == page.Id && v.Number == 2)).Body);
    }

    [Fact]
    public async Task A_stale_save_is_a_conflict_that_keeps_the_first_save_and_loses_nothing_of_the_second()
    {
        var story = await CreateAsync(Writer, ContentType.Story, Story("Áo ấm"));
        var mine = await FormAsync(story.Id, i => i.Body = "Bản của phóng viên.");
        var theirs = await FormAsync(story.Id, i => i.Body = "Bản của biên tập viên.");

        Ok(await AsAsync(Editor, s => s.SaveAsync(story.Id, theirs)));
        var stale = await AsAsync(Writer, s => s.SaveAsync(story.Id, mine));

        Assert.Equal(ContentService.Conflict, stale.Errors[""]);
        Assert.Equal("Bản của phóng viên.", mine.Body);
        await using var db = Db.NewContext();
        Assert.Equal(["Nội dung.", "Bản của biên tập viên."], await db.ContentVersions.OrderBy(v => v.Number).Select(v => v.Body).ToListAsync());
    }

    [Fact]
    public async Task Every_field_is_checked_in_Vietnamese()
    {
        var campaignPage = await AsAsync(Editor, s => s.CreateAsync(ContentType.CampaignPage, new ContentInput
        {
            Title = new string('a', 201), Slug = "Áo Ấm", SeoTitle = new string('s', 71), SummaryEn = "Warm coats",
            Body = "![bản đồ](https://maps.example/x.png)",
        }));
        var page = await CreateAsync(Editor, ContentType.Page, Story("Giới thiệu"));
        var taken = await AsAsync(Editor, s => s.CreateAsync(ContentType.Page, Story("Khác", slug: "gioi-thieu")));
        var story = await AsAsync(Editor, s => s.CreateAsync(ContentType.Story, new ContentInput { Title = "Tin", ParentId = page.Id, HeroMediaId = 999 }));

        var e = campaignPage.Errors;
        Assert.Equal("Tiêu đề tối đa 200 ký tự.", e["Title"]);
        Assert.StartsWith("Đường dẫn chỉ gồm chữ thường không dấu", e["Slug"]);
        Assert.Equal("Tiêu đề SEO tối đa 70 ký tự.", e["SeoTitle"]);
        Assert.StartsWith("Nhập tiêu đề tiếng Anh", e["TitleEn"]);
        Assert.Contains("![bản đồ](https://maps.example/x.png)", e["Body"]);
        Assert.Equal("Trang chiến dịch phải gắn với một chiến dịch.", e["CampaignId"]);
        Assert.Equal("Đường dẫn /trang/gioi-thieu đã được nội dung khác dùng.", taken.Errors["Slug"]);
        Assert.Equal("Chỉ trang thường mới nằm dưới một trang khác.", story.Errors["ParentId"]);
        Assert.Equal("Không có ảnh số 999 trong thư viện.", story.Errors["HeroMediaId"]);
    }

    [Fact]
    public async Task English_is_optional_and_published_only_when_its_title_is_given()
    {
        var story = await CreateAsync(Editor, ContentType.Story, new ContentInput { Title = "Áo ấm", Body = "## Phát áo\n\n<script>alert(1)</script>Xong." });
        await PublishedAsync(story.Id);
        await SaveAsync(Editor, story.Id, i => { i.TitleEn = "Warm coats"; i.BodyEn = "Done."; });
        await PublishedAsync(story.Id);

        await using var db = Db.NewContext();
        var rows = await db.PublishedContent.OrderBy(p => p.Language).ToListAsync();
        Assert.Equal(["en", "vi"], rows.Select(r => r.Language));
        Assert.Equal("<p>Done.</p>\n", rows[0].BodyHtml);
        Assert.Contains("<h2 id=\"phat-ao\">Phát áo</h2>", rows[1].BodyHtml);
        Assert.DoesNotContain("script", rows[1].BodyHtml);
    }

    [Fact]
    public async Task Unpublishing_removes_the_public_copy_and_images_no_published_content_shows()
    {
        var shared = await MediaAsync("Kho áo");
        var only = await MediaAsync("Bản Phăng");
        var a = await CreateAsync(Editor, ContentType.Story, new ContentInput { Title = "Tin A", Body = $"![](media:{shared.Id})", HeroMediaId = only.Id });
        var b = await CreateAsync(Editor, ContentType.Story, new ContentInput { Title = "Tin B", Body = $"![](media:{shared.Id})" });
        await PublishedAsync(a.Id);
        await PublishedAsync(b.Id);

        var unpublished = Ok(await AsAsync(Editor, s => s.UnpublishAsync(a.Id, null)));

        await using var db = Db.NewContext();
        Assert.Equal((ContentState.Unpublished, (int?)null), (unpublished.State, unpublished.PublishedVersion));
        Assert.Equal([b.Id], await db.PublishedContent.Select(p => p.ContentItemId).ToListAsync());
        Assert.Equal([shared.Id], await db.PublishedMedia.Select(m => m.MediaItemId).ToListAsync());
        Assert.True(IsServed(shared));
        Assert.False(IsServed(only));
        // The draft still uses its images: the library must not delete them.
        Assert.Equal(2, await db.ContentMediaUses.CountAsync(u => u.ContentItemId == a.Id));
    }

    [Fact]
    public async Task Publishing_copies_the_images_renditions_to_public_serving_and_refuses_an_image_without_files()
    {
        var photo = await MediaAsync("Kho áo");
        var lost = await MediaAsync("Ảnh mất tệp");
        Directory.Delete(Path.Combine(MediaRoot, "private", lost.FileKey), recursive: true);
        var story = await CreateAsync(Editor, ContentType.Story, new ContentInput { Title = "Kho áo", Body = $"![](media:{photo.Id})" });
        var broken = await CreateAsync(Editor, ContentType.Story, new ContentInput { Title = "Ảnh mất", HeroMediaId = lost.Id });

        await PublishedAsync(story.Id);
        var refused = await AsAsync(Editor, s => s.PublishAsync(broken.Id, null));

        Assert.True(File.Exists(Path.Combine(MediaRoot, "public", photo.FileKey, "w1600.webp")));
        Assert.False(File.Exists(Path.Combine(MediaRoot, "public", photo.FileKey, "master.jpg")));
        Assert.Contains($"Ảnh số {lost.Id}", refused.Errors[""]);
        await using var db = Db.NewContext();
        Assert.Contains($"/media/{photo.FileKey}/w960.jpg", (await db.PublishedContent.SingleAsync()).BodyHtml);
    }

    [Fact]
    public async Task Publishing_is_refused_while_the_child_shown_has_no_valid_consent_for_the_website()
    {
        var expired = await ConsentAsync(expires: new DateOnly(2026, 11, 30));
        var withdrawn = await ConsentAsync(withdrawn: true);
        var valid = await ConsentAsync(expires: new DateOnly(2027, 11, 30));
        var photo = await MediaAsync("Em Mai nhận áo", showsChild: true, consentId: withdrawn.Id);
        var story = await CreateAsync(Editor, ContentType.Story, new ContentInput { Title = "Em Mai", ShowsChild = true });

        var noConsent = await AsAsync(Editor, s => s.PublishAsync(story.Id, null));
        await SaveAsync(Editor, story.Id, i => i.ConsentRecordId = expired.Id);
        var expiredConsent = await AsAsync(Editor, s => s.PublishAsync(story.Id, null));
        await SaveAsync(Editor, story.Id, i => { i.ConsentRecordId = valid.Id; i.Body = $"![](media:{photo.Id})"; });
        var photoWithdrawn = await AsAsync(Editor, s => s.PublishAsync(story.Id, null));

        Assert.Contains("giấy đồng ý còn hiệu lực", noConsent.Errors[""]);
        Assert.Contains("giấy đồng ý còn hiệu lực", expiredConsent.Errors[""]);
        Assert.Contains($"Ảnh số {photo.Id}", photoWithdrawn.Errors[""]);
        await using var db = Db.NewContext();
        Assert.False(await db.PublishedContent.AnyAsync());
        Assert.False(await db.PublishedMedia.AnyAsync());
        Assert.False(IsServed(photo));

        await SaveAsync(Editor, story.Id, i => i.Body = "Không ảnh.");
        await PublishedAsync(story.Id);
        Assert.True(await db.PublishedContent.AnyAsync());
    }

    [Fact]
    public async Task The_scheduler_publishes_what_is_due_and_records_why_a_step_failed()
    {
        var due = await CreateAsync(Editor, ContentType.Story, Story("Đến giờ đăng"));
        var blocked = await CreateAsync(Editor, ContentType.Story, new ContentInput { Title = "Có trẻ em", ShowsChild = true });
        var later = await CreateAsync(Editor, ContentType.Story, Story("Chưa đến giờ"));
        // 10:30 in Vietnam is 03:30 UTC.
        foreach (var id in new[] { due.Id, blocked.Id })
            Ok(await AsAsync(Editor, s => s.ScheduleAsync(id, new DateTime(2026, 12, 1, 10, 30, 0), null, null)));
        Ok(await AsAsync(Editor, s => s.ScheduleAsync(later.Id, new DateTime(2026, 12, 2, 8, 0, 0), null, null)));
        var past = await AsAsync(Editor, s => s.ScheduleAsync(later.Id, new DateTime(2026, 12, 1, 9, 0, 0), null, null));

        Clock.Now = new DateTimeOffset(2026, 12, 1, 3, 30, 0, TimeSpan.Zero);
        var run = await ScheduleTickAsync();

        Assert.Equal("Giờ đăng phải sau bây giờ.", past.Errors["PublishAt"]);
        Assert.Equal(new ScheduleTick(1, 0, 1, 0, 0), run);
        await using var db = Db.NewContext();
        var items = await db.ContentItems.ToDictionaryAsync(i => i.Id);
        Assert.Equal((ContentState.Published, (DateTime?)null), (items[due.Id].State, items[due.Id].ScheduledPublishAt));
        Assert.Contains("01/12/2026 10:30", items[blocked.Id].ScheduleError);
        Assert.Contains("Nội dung này có hình ảnh", items[blocked.Id].ScheduleError);
        Assert.NotNull(items[blocked.Id].ScheduledPublishAt);
        Assert.Equal(new DateTime(2026, 12, 2, 1, 0, 0), items[later.Id].ScheduledPublishAt);
    }

    [Fact]
    public async Task A_publish_that_rolls_back_leaves_no_public_file()
    {
        var media = await MediaAsync();
        var story = await CreateAsync(Editor, ContentType.Story, Story("Ảnh áo ấm", body: $"![Áo ấm](media:{media.Id})"));
        var other = await CreateAsync(Editor, ContentType.Story, Story("Tin khác"));
        await using (var db = Db.NewContext())
        {
            // Another public row already holds the path: the publish's save breaks the unique index and rolls back.
            db.PublishedContent.Add(new PublishedContent
            {
                ContentItemId = other.Id, Language = "vi", Type = ContentType.Story, Path = story.Path, Title = "Tin khác",
                PublishedAt = Clock.Now.UtcDateTime, UpdatedAt = Clock.Now.UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => AsAsync(Editor, s => s.PublishAsync(story.Id, null)));

        Assert.False(IsServed(media));
        await using var check = Db.NewContext();
        Assert.False(await check.PublishedMedia.AnyAsync());
        Assert.Null((await check.ContentItems.SingleAsync(i => i.Id == story.Id)).PublishedVersion);
    }

    [Fact]
    public async Task Public_files_a_publish_committed_but_did_not_copy_are_copied_on_the_next_schedule_tick()
    {
        var media = await MediaAsync();
        var story = await CreateAsync(Editor, ContentType.Story, Story("Ảnh áo ấm", body: $"![Áo ấm](media:{media.Id})"));
        await PublishedAsync(story.Id);
        Assert.True(IsServed(media));
        // As if the node stopped between the commit and the copy: the row says public, the files are not there.
        var folder = Path.Combine(MediaRoot, "public", media.FileKey);
        Directory.Delete(folder, recursive: true);
        Assert.False(IsServed(media));

        await ScheduleTickAsync();

        Assert.Equal(MediaRenditions.PublicFiles(media.Width).Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        File.Delete(Path.Combine(folder, "w960.webp"));
        await ScheduleTickAsync();
        Assert.True(File.Exists(Path.Combine(folder, "w960.webp")));
    }

    [Fact]
    public async Task A_versions_audit_row_keeps_a_summary_and_the_size_of_the_change_not_the_body()
    {
        var longBody = string.Join("\n", Enumerable.Range(1, 200).Select(i => $"Dòng thứ {i} của bài viết rất dài về áo ấm."));
        var story = await CreateAsync(Writer, ContentType.Story, Story("Áo ấm", longBody));
        await SaveAsync(Writer, story.Id, i => i.Body = longBody.Replace("Dòng thứ 7 ", "Dòng bảy đã sửa ", StringComparison.Ordinal) + "\nDòng mới.");

        await using var db = Db.NewContext();
        var rows = await db.AuditEntries.Where(a => a.EntityType == "ContentVersion").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.DoesNotContain("của bài viết rất dài", r.After));
        Assert.All(rows, r => Assert.True(r.After!.Length < 1000, r.After));
        using var first = System.Text.Json.JsonDocument.Parse(rows[0].After!);
        using var second = System.Text.Json.JsonDocument.Parse(rows[1].After!);
        Assert.Equal(1, first.RootElement.GetProperty("Number").GetInt32());
        Assert.Equal("Áo ấm", first.RootElement.GetProperty("Title").GetString());
        Assert.Equal(longBody.Length, first.RootElement.GetProperty("BodyLength").GetInt32());
        Assert.False(first.RootElement.TryGetProperty("Body", out _));
        Assert.Equal(2, second.RootElement.GetProperty("Number").GetInt32());
        Assert.Equal(1, second.RootElement.GetProperty("ComparedWith").GetInt32());
        Assert.Equal(["Nội dung"], second.RootElement.GetProperty("ChangedFields").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, second.RootElement.GetProperty("BodyLinesAdded").GetInt32());
        Assert.Equal(1, second.RootElement.GetProperty("BodyLinesRemoved").GetInt32());
    }

    [Fact]
    public async Task Each_step_leaves_an_audit_row_naming_who_did_it()
    {
        var story = await CreateAsync(Writer, ContentType.Story, Story("Áo ấm"));
        Ok(await AsAsync(Writer, s => s.SubmitAsync(story.Id, null)));
        await PublishedAsync(story.Id);

        await using var db = Db.NewContext();
        var rows = await db.AuditEntries.Where(a => a.EntityType == "ContentItem").OrderBy(a => a.Id).Select(a => new { a.Actor, a.Action }).ToListAsync();
        Assert.Equal([("phongvien", "Added"), ("phongvien", "Modified"), ("bientap", "Modified")], rows.Select(r => (r.Actor, r.Action)));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "ContentVersion" && a.Actor == "phongvien"));
    }
}

public class ContentWorkflowTestsOnSqlite() : ContentWorkflowTests(DatabaseProvider.Sqlite);

public class ContentWorkflowTestsOnPostgres() : ContentWorkflowTests(DatabaseProvider.Postgres);
