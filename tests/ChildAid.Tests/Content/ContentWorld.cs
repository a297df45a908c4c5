using ChildAid.Shared.Audit;
using ChildAid.Shared.Consent;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using ChildAid.Shared.Security;
using ChildAid.Shared.Validation;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Content;

/// <summary>
/// A media team on a fresh database: a writer, an editor, a programme officer, a commune for consent records, and
/// helpers to act as one of them through ContentService, as BackOffice does (the audit actor names the user).
/// </summary>
public abstract class ContentServiceTest(DatabaseProvider provider) : DatabaseTest(provider)
{
    protected PinnedClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero) };
    protected Person Writer { get; private set; } = null!;
    protected Person Editor { get; private set; } = null!;
    protected Person Programme { get; private set; } = null!;
    protected int CommuneId { get; private set; }
    private ServiceProvider _sp = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _sp = Db.Services(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.Configure<MediaOptions>(o => { o.Root = Path.Combine(MediaRoot, "private"); o.PublicRoot = Path.Combine(MediaRoot, "public"); });
        });
        await using var db = Db.NewContext();
        Writer = await NeedsWorld.PersonAsync(db, "phongvien", [Roles.MediaWriter]);
        Editor = await NeedsWorld.PersonAsync(db, "bientap", [Roles.MediaEditor]);
        Programme = await NeedsWorld.PersonAsync(db, "chuongtrinh", [Roles.ProgrammeOfficer]);
        CommuneId = (await TestData.UnitAsync(db)).Id;
    }

    /// <summary>This test's own media store folders.</summary>
    protected string MediaRoot { get; } = Path.Combine(Path.GetTempPath(), $"childaid-media-{Guid.NewGuid():N}");

    /// <summary>Whether the public area serves this item's files (what PublicSite would serve under /media/).</summary>
    protected bool IsServed(MediaItem media) => Directory.Exists(Path.Combine(MediaRoot, "public", media.FileKey));

    public override async Task DisposeAsync()
    {
        if (Directory.Exists(MediaRoot)) Directory.Delete(MediaRoot, recursive: true);
        await _sp.DisposeAsync();
        await base.DisposeAsync();
    }

    protected async Task<T> AsAsync<T>(Person? person, Func<ContentService, ChildAidDbContext, Task<T>> act)
    {
        await using var scope = _sp.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
        if (person is not null)
        {
            actor.UserId = person.Id;
            actor.Name = person.UserName;
        }
        return await act(scope.ServiceProvider.GetRequiredService<ContentService>(), scope.ServiceProvider.GetRequiredService<ChildAidDbContext>());
    }

    protected Task<T> AsAsync<T>(Person? person, Func<ContentService, Task<T>> act) => AsAsync(person, (s, _) => act(s));

    /// <summary>The scheduler's way in: no user, the publisher alone.</summary>
    /// <summary>One tick of the schedule BackOffice hosts, with the real publisher.</summary>
    protected Task<ScheduleTick> ScheduleTickAsync() =>
        new ContentScheduleRunner(_sp.GetRequiredService<IServiceScopeFactory>(), ContentScheduleSteps.Publisher, Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ContentScheduleRunner>.Instance).TickAsync();

    protected static ContentInput Story(string title, string body = "Nội dung.", string? slug = null) => new() { Title = title, Body = body, Slug = slug };

    protected async Task<ContentItem> CreateAsync(Person person, ContentType type, ContentInput input) =>
        Ok(await AsAsync(person, s => s.CreateAsync(type, input)));

    /// <summary>The form as it would be opened now, changed by <paramref name="change"/>.</summary>
    protected async Task<ContentInput> FormAsync(int id, Action<ContentInput>? change = null)
    {
        await using var db = Db.NewContext();
        var item = await db.ContentItems.SingleAsync(i => i.Id == id);
        var input = ContentInput.From(item, await db.ContentVersions.SingleAsync(v => v.ContentItemId == id && v.Number == item.LatestVersion));
        change?.Invoke(input);
        return input;
    }

    protected async Task<ContentItem> SaveAsync(Person person, int id, Action<ContentInput> change) =>
        Ok(await AsAsync(person, async s => await s.SaveAsync(id, await FormAsync(id, change))));

    protected async Task<ContentItem> PublishedAsync(int id) => Ok(await AsAsync(Editor, s => s.PublishAsync(id, null)));

    protected async Task<MediaItem> MediaAsync(string alt = "Áo ấm xếp trên bàn", bool showsChild = false, int? consentId = null)
    {
        await using var db = Db.NewContext();
        var media = new MediaItem
        {
            FileKey = MediaStore.NewFileKey(), OriginalFileName = "ao-am.jpg", Format = MediaFormat.Jpeg, Width = 2000, Height = 1500, ByteSize = 1000,
            Alt = alt, ShowsChild = showsChild, ConsentRecordId = consentId, UploadedBy = "bientap", UploadedAt = Clock.Now.UtcDateTime,
        };
        db.MediaItems.Add(media);
        await db.SaveChangesAsync();
        // Stand-in renditions in the private area, as an upload leaves them (the bytes do not matter here).
        await _sp.GetRequiredService<MediaStore>().SaveAsync(media.FileKey,
            MediaRenditions.PublicFiles(media.Width).Append(MediaRenditions.Master).Select(name => new RenditionFile(name, [1, 2, 3])));
        return media;
    }

    protected async Task<ConsentRecord> ConsentAsync(DateOnly? expires = null, bool withdrawn = false)
    {
        await using var db = Db.NewContext();
        var child = await TestData.ChildAsync(db, CommuneId, $"Lò Thị Mai {Guid.NewGuid():N}"[..20]);
        var consent = new ConsentRecord
        {
            AdminUnitId = CommuneId, ChildId = child.Id, GuardianName = "Lò Văn Páo", GuardianConsentOn = new DateOnly(2026, 11, 2),
            Scope = ConsentScope.Website, ExpiresOn = expires, WithdrawnAt = withdrawn ? Clock.Now.UtcDateTime : null,
            WithdrawnBy = withdrawn ? "xa" : null, RecordedBy = "xa", RecordedAt = Clock.Now.UtcDateTime,
        };
        db.ConsentRecords.Add(consent);
        await db.SaveChangesAsync();
        return consent;
    }

    protected static T Ok<T>(Outcome<T> outcome)
    {
        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return outcome.Value!;
    }
}
