using ChildAid.BackOffice.Localization;
using System.Globalization;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Content;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Options;

namespace ChildAid.BackOffice.Pages.Content;

/// <summary>Vietnam wall-clock date and time of a scheduled step, as typed ("dd/MM/yyyy" and "HH:mm").</summary>
public class ScheduleInput
{
    public DateOnly? PublishDate { get; set; }
    public string? PublishTime { get; set; }
    public DateOnly? UnpublishDate { get; set; }
    public string? UnpublishTime { get; set; }
}

/// <summary>
/// Write (no id) or edit a content item, and move it through the workflow: each button posts its own handler, which
/// ContentService checks against the person's roles (the buttons shown are only a courtesy). A save that conflicts
/// with someone else's keeps the person's text on the form.
/// </summary>
public class EditModel(ContentService content, ContentQueries queries, PreviewTokens previews, IOptions<PreviewOptions> previewOptions) : PageModel
{
    [BindProperty] public ContentInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public ContentType NewType { get; set; } = ContentType.Story;
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public ScheduleInput Schedule { get; set; } = new();
    [BindProperty] public int? ItemVersion { get; set; }

    public ContentItem? Item { get; private set; }
    public ContentActor Actor { get; private set; } = null!;
    public string? PreviewUrl { get; private set; }
    public IReadOnlyList<SelectListItem> Campaigns { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Parents { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Media { get; private set; } = [];
    public ContentType Type => Item?.Type ?? NewType;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } itemId)
        {
            if (!await LoadAsync(itemId, ct)) return NotFound();
            var latest = await queries.VersionAsync(itemId, Item!.LatestVersion, ct);
            Input = ContentInput.From(Item, latest!);
            Schedule = new ScheduleInput
            {
                PublishDate = Date(Item.ScheduledPublishAt), PublishTime = Time(Item.ScheduledPublishAt),
                UnpublishDate = Date(Item.ScheduledUnpublishAt), UnpublishTime = Time(Item.ScheduledUnpublishAt),
            };
        }
        else await ChoicesAsync(ct);
        Actor = await content.ActorAsync(ct);
        if (!Actor.Writes(Type) && Item is null) NewType = Enum.GetValues<ContentType>().First(Actor.Writes);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (id is { } itemId && !await LoadAsync(itemId, ct)) return NotFound();
        if (Item is null) await ChoicesAsync(ct);
        Actor = await content.ActorAsync(ct);
        if (!ModelState.IsValid) return Page();
        var outcome = Item is null ? await content.CreateAsync(NewType, Input, ct) : await content.SaveAsync(Item.Id, Input, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome.Errors);
            return Page();
        }
        TempData["Saved"] = StaffText.T("Đã lưu phiên bản {0}.", outcome.Value!.LatestVersion);
        return RedirectToPage("/Content/Edit", new { id = outcome.Value.Id });
    }

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) =>
        StepAsync(id, () => content.SubmitAsync(id, ItemVersion, ct), "Đã gửi bài cho biên tập viên duyệt.", ct);

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken ct) =>
        StepAsync(id, () => content.ReturnAsync(id, Comment, ItemVersion, ct), "Đã trả lại bài cho người viết.", ct);

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) =>
        StepAsync(id, () => content.PublishAsync(id, ItemVersion, ct), "Đã đăng lên trang công khai.", ct);

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken ct) =>
        StepAsync(id, () => content.UnpublishAsync(id, ItemVersion, ct), "Đã gỡ khỏi trang công khai.", ct);

    public Task<IActionResult> OnPostScheduleAsync(int id, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var publishAt = At(Schedule.PublishDate, Schedule.PublishTime, "PublishTime", errors);
        var unpublishAt = At(Schedule.UnpublishDate, Schedule.UnpublishTime, "UnpublishTime", errors);
        return StepAsync(id, () => errors.Count > 0
            ? Task.FromResult(Outcome<ContentItem>.Fail(errors))
            : content.ScheduleAsync(id, publishAt, unpublishAt, ItemVersion, ct), "Đã lưu lịch đăng.", ct);
    }

    private async Task<IActionResult> StepAsync(int id, Func<Task<Outcome<ContentItem>>> step, string done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var outcome = await step();
        if (outcome.Succeeded)
        {
            TempData["Saved"] = done;
            return RedirectToPage("/Content/Edit", new { id });
        }
        // Show the page as it is now, with the refusal; the schedule and comment the person typed stay on the form.
        await LoadAsync(id, ct);
        Input = ContentInput.From(Item!, (await queries.VersionAsync(id, Item!.LatestVersion, ct))!);
        ModelState.Clear();
        foreach (var (key, message) in outcome.Errors)
            ModelState.AddModelError(FieldOf(key), message);
        Actor = await content.ActorAsync(ct);
        return Page();
    }

    /// <summary>Where a step's message shows: the schedule's fields, the comment, or the form summary.</summary>
    private static string FieldOf(string key) => key switch
    {
        "PublishAt" => "Schedule.PublishDate",
        "UnpublishAt" => "Schedule.UnpublishDate",
        "PublishDate" or "PublishTime" or "UnpublishDate" or "UnpublishTime" => $"Schedule.{key}",
        "Comment" => "Comment",
        _ => "",
    };

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Item = await queries.ItemAsync(id, ct);
        if (Item is null) return false;
        await ChoicesAsync(ct);
        if (previews.Enabled && previewOptions.Value.PublicSiteUrl is { Length: > 0 } site)
            PreviewUrl = $"{site.TrimEnd('/')}/xem-truoc/{previews.Create(Item.Id, Item.LatestVersion)}";
        return true;
    }

    private async Task ChoicesAsync(CancellationToken ct)
    {
        Campaigns = [.. (await queries.CampaignChoicesAsync(ct)).Select(c => new SelectListItem(c.Title, Id(c.Id)))];
        Parents = [.. (await queries.ParentChoicesAsync(Item?.Id, ct)).Select(p => new SelectListItem(p.Path, Id(p.Id)))];
        Media = [.. (await queries.MediaChoicesAsync(null, ct: ct)).Select(m => new SelectListItem(StaffText.T("Ảnh số {0}: {1}", m.Id, m.Alt), Id(m.Id)))];
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static DateOnly? Date(DateTime? utc) => utc is { } u ? DateOnly.FromDateTime(VietnamClock.ToVietnamTime(u)) : null;

    private static string? Time(DateTime? utc) => utc is { } u ? VietnamClock.ToVietnamTime(u).ToString("HH:mm", CultureInfo.InvariantCulture) : null;

    private static DateTime? At(DateOnly? date, string? time, string field, Dictionary<string, string> errors)
    {
        if (date is null && string.IsNullOrWhiteSpace(time)) return null;
        if (date is null) { errors[field.Replace("Time", "Date", StringComparison.Ordinal)] = "Vui lòng nhập ngày (dd/mm/yyyy)."; return null; }
        if (string.IsNullOrWhiteSpace(time)) return date.Value.ToDateTime(TimeOnly.MinValue);
        if (!TimeOnly.TryParseExact(time.Trim(), ["H:mm", "HH:mm", "H'h'mm", "HH'h'mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            errors[field] = "Giờ không hợp lệ; nhập theo dạng HH:mm (ví dụ 08:30), giờ Việt Nam.";
            return null;
        }
        return date.Value.ToDateTime(t);
    }
}
