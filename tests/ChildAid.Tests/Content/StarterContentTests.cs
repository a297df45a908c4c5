using ChildAid.Tests.Infrastructure;
using ChildAid.Shared.Content;

namespace ChildAid.Tests.Content;

/// <summary>The starter content files in content/ are read as content/README.md says, and mistakes are refused with the file named.</summary>
public class StarterContentTests
{
    private const string Story = """
        ---
        type: Story
        slug: lo-ao-am-dau-tien
        campaign: ao-am-cho-em
        title: Lô áo ấm đầu tiên: đã về
        title_en: The first batch
        summary: 420 áo ấm đã về.
        hero: ao-am-960.jpg
        hero_alt: Tranh minh họa: áo ấm
        hero_alt_en: Illustration: a jacket
        publish: 2026-11-20 09:00
        shows_child: false
        ---
        *Bài mẫu.*

        ![Tranh minh họa: đôi ủng](images/ung-am-960.jpg)
        """;

    [Fact]
    public void A_story_file_gives_its_fields_with_the_publish_time_read_as_vietnam_time()
    {
        var item = StarterContent.Parse("stories/lo-ao-am-dau-tien.md", Story, "*A sample.*\n\n![Illustration: boots](images/ung-am-960.jpg)\n");

        Assert.Equal(ContentType.Story, item.Type);
        Assert.Equal("lo-ao-am-dau-tien", item.Slug);
        Assert.Equal("ao-am-cho-em", item.Campaign);
        Assert.Equal("Lô áo ấm đầu tiên: đã về", item.Title);
        Assert.Equal("The first batch", item.TitleEn);
        Assert.Equal(new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc), item.PublishAt);
        Assert.Equal(new StarterImage("ao-am-960.jpg", "Tranh minh họa: áo ấm", "Illustration: a jacket"), item.Hero);
        Assert.Equal([new StarterImage("ung-am-960.jpg", "Tranh minh họa: đôi ủng", "Illustration: boots")], item.BodyImages);
        Assert.StartsWith("*Bài mẫu.*", item.Body);
        Assert.StartsWith("*A sample.*", item.BodyEn);
        Assert.Equal("![Tranh minh họa: đôi ủng](media:7)", StarterContent.RewriteImages("![Tranh minh họa: đôi ủng](images/ung-am-960.jpg)", _ => "media:7"));
    }

    [Theory]
    [InlineData("type: Story", "type: Tin", "«type»")]
    [InlineData("slug: lo-ao-am-dau-tien", "slug: Lô-áo", "«slug» không hợp lệ")]
    [InlineData("shows_child: false", "shows_child: true", "giấy đồng ý")]
    [InlineData("shows_child: false", "", "thiếu «shows_child»")]
    [InlineData("hero_alt: Tranh minh họa: áo ấm", "", "hero_alt")]
    [InlineData("hero: ao-am-960.jpg", "hero: ../../etc/passwd", "tên ảnh không hợp lệ")]
    [InlineData("publish: 2026-11-20 09:00", "publish: 20/11/2026", "«publish»")]
    [InlineData("title_en: The first batch", "titel_en: The first batch", "«titel_en»")]
    [InlineData("![Tranh minh họa: đôi ủng](images/ung-am-960.jpg)", "![x](https://evil.example/a.jpg)", "chỉ được lấy từ images/")]
    public void A_mistake_is_refused_naming_the_file_and_what_is_wrong(string line, string replacement, string message)
    {
        var error = Assert.Throws<StarterContentException>(() => StarterContent.Parse("stories/x.md", Story.Replace(line, replacement, StringComparison.Ordinal), null));

        Assert.StartsWith("stories/x.md: ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_campaign_page_needs_its_campaign()
    {
        var text = Story.Replace("type: Story", "type: CampaignPage", StringComparison.Ordinal).Replace("campaign: ao-am-cho-em\n", "", StringComparison.Ordinal);

        Assert.Contains("cần «campaign»", Assert.Throws<StarterContentException>(() => StarterContent.Parse("c.md", text, null)).Message);
    }

    [Fact]
    public void Every_starter_file_in_the_repository_reads_and_its_images_exist()
    {
        var items = StarterContent.Load(Path.Combine(RepositoryFolder.Root, "content"));

        Assert.Contains(items, i => i is { Type: ContentType.Page, Slug: "gioi-thieu" });
        Assert.Contains(items, i => i is { Type: ContentType.HonorRollPage });
        Assert.Contains(items, i => i is { Type: ContentType.NeedsListPage });
        Assert.Equal(2, items.Count(i => i.Type == ContentType.CampaignPage));
        Assert.All(items.Where(i => i.Type == ContentType.Story), s => Assert.NotNull(s.PublishAt));
        Assert.All(items.Where(i => i.Hero is not null), i => Assert.False(string.IsNullOrWhiteSpace(i.Hero!.Alt)));
    }

}
