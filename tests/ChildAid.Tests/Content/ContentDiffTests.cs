using ChildAid.Shared.Content;
using DiffPlex.DiffBuilder.Model;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.Content;

/// <summary>Two versions side by side, field by field, word by word, with Vietnamese field names.</summary>
public class ContentDiffTests
{
    private static ContentVersion Version(string title, string body, int? hero = null) =>
        new() { Title = title, Slug = "ao-am", Body = body, HeroMediaId = hero, CreatedBy = "bientap" };

    [Fact]
    public void Each_field_is_named_in_Vietnamese_and_only_changed_fields_are_marked()
    {
        var diff = ContentDiff.Compare(Version("Áo ấm cho em", "Một.", 3), Version("Áo ấm cho em", "Hai.", 4));

        Assert.Equal(["Tiêu đề", "Tiêu đề (tiếng Anh)", "Đường dẫn", "Tóm tắt", "Tóm tắt (tiếng Anh)", "Nội dung", "Nội dung (tiếng Anh)", "Tiêu đề SEO",
            "Tiêu đề SEO (tiếng Anh)", "Mô tả SEO", "Mô tả SEO (tiếng Anh)", "Ảnh đại diện"], diff.Select(f => f.Label));
        Assert.Equal(["Nội dung", "Ảnh đại diện"], diff.Where(f => f.Changed).Select(f => f.Label));
        Assert.Equal("Ảnh số 4", diff.Single(f => f.Label == "Ảnh đại diện").Lines.NewText.Lines.Single().Text);
    }

    [Fact]
    public void A_changed_line_shows_the_words_that_changed_on_each_side()
    {
        var body = ContentDiff.Compare(Version("T", "Đoàn trao 150 áo ấm ở Bản Phăng.\nDòng giữ nguyên."), Version("T", "Đoàn trao 200 áo ấm ở Bản Phăng.\nDòng giữ nguyên."))
            .Single(f => f.Label == "Nội dung").Lines;

        Assert.Equal([ChangeType.Modified, ChangeType.Unchanged], body.OldText.Lines.Select(l => l.Type));
        Assert.Contains(body.OldText.Lines[0].SubPieces, p => p.Type == ChangeType.Deleted && p.Text == "150");
        Assert.Contains(body.NewText.Lines[0].SubPieces, p => p.Type == ChangeType.Inserted && p.Text == "200");
        Assert.Contains(body.NewText.Lines[0].SubPieces, p => p.Type == ChangeType.Unchanged && p.Text.Contains("Phăng", StringComparison.Ordinal));
    }
}

/// <summary>Preview links are signed and expire: anything else reads as nothing.</summary>
public class PreviewTokenTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));

    private PreviewTokens Tokens(string key = "khoa-xem-truoc-dung-chung-cua-hai-ung-dung") =>
        new(Options.Create(new PreviewOptions { Key = key, LifetimeMinutes = 60 }), _clock);

    [Fact]
    public void A_token_names_its_item_and_version_until_it_expires()
    {
        var token = Tokens().Create(12, 3);

        Assert.Equal(new PreviewTicket(12, 3, new DateTime(2026, 12, 1, 4, 0, 0, DateTimeKind.Utc)), Tokens().Read(token));
        _clock.Advance(TimeSpan.FromMinutes(60));
        Assert.Null(Tokens().Read(token));
    }

    [Fact]
    public void A_changed_token_or_another_key_reads_as_nothing()
    {
        var token = Tokens().Create(12, 3);
        var parts = token.Split('-');

        Assert.Null(Tokens().Read($"13-{parts[1]}-{parts[2]}-{parts[3]}"));
        Assert.Null(Tokens().Read($"12-4-{parts[2]}-{parts[3]}"));
        Assert.Null(Tokens().Read($"12-3-{long.Parse(parts[2]) + 3600}-{parts[3]}"));
        Assert.Null(Tokens().Read($"012-{parts[1]}-{parts[2]}-{parts[3]}"));
        Assert.Null(Tokens().Read(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(Tokens("mot-khoa-khac-hoan-toan-du-ba-muoi-hai-ky-tu").Read(token));
        Assert.Null(Tokens("ngan").Read(token));
        Assert.Null(Tokens().Read("x"));
    }
}

/// <summary>Content steps read as Vietnamese sentences in the audit trail.</summary>
public class ContentAuditSentenceTests
{
    private static readonly Shared.Audit.AuditNames NoNames = new(
        new Dictionary<string, string>(), new Dictionary<int, string>(), new Dictionary<int, string>(), new Dictionary<int, string>(), new Dictionary<string, string>());

    [Fact]
    public void Publishing_reads_as_who_published_what_and_what_changed()
    {
        var entry = new Shared.Audit.AuditEntry
        {
            Actor = "bientap", EntityType = "ContentItem", EntityKey = "5", Action = "Modified", Label = "/tin-tuc/ao-am",
            Before = """{"Id":5,"State":2,"PublishedVersion":null}""", After = """{"Id":5,"State":3,"PublishedVersion":2}""",
        };

        var line = ChildAid.BackOffice.Web.AuditSentences.Describe(entry, NoNames);

        Assert.Equal("bientap đã sửa nội dung «/tin-tuc/ao-am»: Trạng thái nội dung Chờ duyệt → Đã đăng; Phiên bản đang đăng (trống) → 2", line.Sentence);
    }

    [Fact]
    public void A_new_version_reads_with_its_title_and_number()
    {
        var entry = new Shared.Audit.AuditEntry
        {
            Actor = "phongvien", EntityType = "ContentVersion", EntityKey = "9", Action = "Added", Label = "Áo ấm (phiên bản 3)",
            After = """{"Id":9,"Number":3,"Title":"Áo ấm","Note":"Khôi phục từ phiên bản 1"}""",
        };

        var line = ChildAid.BackOffice.Web.AuditSentences.Describe(entry, NoNames);

        Assert.Equal("phongvien đã thêm phiên bản nội dung «Áo ấm (phiên bản 3)»", line.Sentence);
        Assert.Contains(("Tiêu đề", null, "Áo ấm"), line.Changes);
        Assert.Contains(("Ghi chú phiên bản", null, "Khôi phục từ phiên bản 1"), line.Changes);
    }

    [Fact]
    public void A_saved_version_shows_its_summary_in_words_never_raw_keys()
    {
        var entry = new Shared.Audit.AuditEntry
        {
            Actor = "phongvien", EntityType = "ContentVersion", EntityKey = "10", Action = "Added", Label = "Áo ấm (phiên bản 4)",
            After = """{"Id":10,"ContentItemId":5,"Number":4,"Title":"Áo ấm","CreatedBy":"phongvien","CreatedAt":"2026-12-01T03:15:00Z","SummaryLength":120,"BodyLength":2450,"BodyEnLength":null,"ComparedWith":3,"ChangedFields":["Tiêu đề","Nội dung"],"BodyLinesAdded":4,"BodyLinesRemoved":1}""",
        };

        var line = ChildAid.BackOffice.Web.AuditSentences.Describe(entry, NoNames);

        Assert.Contains(("Trường đã đổi", null, "Tiêu đề, Nội dung"), line.Changes);
        Assert.Contains(("So với phiên bản", null, "3"), line.Changes);
        Assert.Contains(("Độ dài bài viết (ký tự)", null, "2.450"), line.Changes);
        Assert.Contains(("Số dòng thêm vào bài viết", null, "4"), line.Changes);
        Assert.Contains(("Số dòng bỏ khỏi bài viết", null, "1"), line.Changes);
        Assert.Contains(("Người lưu", null, "phongvien"), line.Changes);
        Assert.Contains(("Lưu lúc", null, "01/12/2026 10:15"), line.Changes);
    }
}
