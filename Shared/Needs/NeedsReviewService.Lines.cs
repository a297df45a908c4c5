using ChildAid.Shared.Organisations;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Needs;

/// <summary>The lines of an editable review, one at a time (the form); the import writes many through the same rules.</summary>
public partial class NeedsReviewService
{
    public async Task<Outcome<NeedLine>> AddLineAsync(int reviewId, NeedLineInput input, CancellationToken ct = default)
    {
        var (review, refusal) = await EditableAsync(reviewId, ct);
        if (review is null) return Fail<NeedLine>("", refusal!);
        var line = new NeedLine { NeedsReviewId = review.Id, AdminUnitId = review.AdminUnitId };
        var checkedInput = await CheckAsync(review, input, line.Key, ct);
        if (checkedInput.Errors is { } errors) return Outcome<NeedLine>.Fail(errors);
        NeedLineRules.Apply(input, line, checkedInput.Item!);
        if (!checkedInput.Duplicate) line.DuplicateReason = null;
        await priority.AssessAsync([line], review.Year, ct);
        db.NeedLines.Add(line);
        return await SaveLineAsync(review, line, ct);
    }

    /// <param name="version">The line's version the person edited; a change saved by someone else since is a conflict.</param>
    public async Task<Outcome<NeedLine>> UpdateLineAsync(int lineId, NeedLineInput input, int version, CancellationToken ct = default)
    {
        var line = await db.NeedLines.FirstOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null) return Fail<NeedLine>("", "Không tìm thấy dòng nhu cầu trong phạm vi đơn vị của bạn.");
        var (review, refusal) = await EditableAsync(line.NeedsReviewId, ct);
        if (review is null) return Fail<NeedLine>("", refusal!);
        if (line.Version != version) return Fail<NeedLine>("", Conflict);
        var checkedInput = await CheckAsync(review, input, line.Key, ct);
        if (checkedInput.Errors is { } errors) return Outcome<NeedLine>.Fail(errors);
        Expect(line, version);
        NeedLineRules.Apply(input, line, checkedInput.Item!);
        if (!checkedInput.Duplicate) line.DuplicateReason = null;
        await priority.AssessAsync([line], review.Year, ct);
        return await SaveLineAsync(review, line, ct);
    }

    public async Task<Outcome<NeedLine>> RemoveLineAsync(int lineId, int version, CancellationToken ct = default)
    {
        var line = await db.NeedLines.FirstOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null) return Fail<NeedLine>("", "Không tìm thấy dòng nhu cầu trong phạm vi đơn vị của bạn.");
        var (review, refusal) = await EditableAsync(line.NeedsReviewId, ct);
        if (review is null) return Fail<NeedLine>("", refusal!);
        if (line.Version != version) return Fail<NeedLine>("", Conflict);
        Expect(line, version);
        db.NeedLines.Remove(line);
        return await SaveLineAsync(review, line, ct);
    }

    /// <summary>Sets a level other than the computed one, with a written reason (who and when are kept); null level: back to the computed one.</summary>
    public async Task<Outcome<NeedLine>> OverrideLevelAsync(int lineId, int? level, string? reason, int version, CancellationToken ct = default)
    {
        var line = await db.NeedLines.FirstOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null) return Fail<NeedLine>("", "Không tìm thấy dòng nhu cầu trong phạm vi đơn vị của bạn.");
        var (review, refusal) = await EditableAsync(line.NeedsReviewId, ct);
        if (review is null) return Fail<NeedLine>("", refusal!);
        if (level is not null and (< 1 or > PriorityScale.LowestLevel)) return Fail<NeedLine>("Level", "Cấp độ ưu tiên phải từ 1 đến 4.");
        if (level is not null && string.IsNullOrWhiteSpace(reason)) return Fail<NeedLine>("Reason", "Vui lòng ghi lý do điều chỉnh cấp độ ưu tiên.");
        if (reason?.Trim().Length > NeedLine.ReasonLength) return Fail<NeedLine>("Reason", $"Lý do tối đa {NeedLine.ReasonLength} ký tự.");
        if (line.Version != version) return Fail<NeedLine>("", Conflict);
        Expect(line, version);
        line.LevelOverride = level;
        line.OverrideReason = level is null ? null : reason!.Trim();
        line.OverriddenById = level is null ? null : (await ActorAsync(ct)).Id;
        line.OverriddenAt = level is null ? null : clock.GetUtcNow().UtcDateTime;
        return await SaveLineAsync(review, line, ct);
    }

    /// <summary>The duplicate check's findings for what the form holds (shown before saving).</summary>
    public async Task<IReadOnlyList<DuplicateFinding>> DuplicatesAsync(NeedsReview review, NeedLineInput input, Guid? key, CancellationToken ct = default)
    {
        if (input.Target == NeedTarget.Commune || input.PeriodStart is not { } start || input.PeriodEnd is not { } end) return [];
        var item = await db.NeedItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == input.NeedItemId, ct);
        if (item is null) return [];
        return await duplicates.FindAsync(new DuplicateCandidate(input.Target, input.ChildId, input.SchoolId, item.Category, start, end, review.Id, key), ct);
    }

    /// <summary>The message next to the reason box: what was found, and that saving anyway needs a reason.</summary>
    public static string DuplicateMessage(IEnumerable<DuplicateFinding> findings) =>
        "Đã có hỗ trợ cùng loại, cùng thời gian cho đối tượng này:\n" + string.Join("\n", findings.Select(f => "• " + f.Description)) +
        "\nNếu vẫn cần, hãy ghi lý do rồi lưu lại.";

    private sealed record CheckedInput(Dictionary<string, string>? Errors, NeedItem? Item, bool Duplicate);

    private async Task<CheckedInput> CheckAsync(NeedsReview review, NeedLineInput input, Guid key, CancellationToken ct)
    {
        var item = input.NeedItemId is { } itemId ? await db.NeedItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct) : null;
        var errors = NeedLineRules.Validate(input, review, item);
        var commune = (await TreeAsync(ct)).Covered([review.AdminUnitId]);
        if (input.Target == NeedTarget.Child && input.ChildId is { } childId && !errors.ContainsKey(nameof(input.ChildId)))
        {
            // Through the scope filter: a child outside the person's units does not exist for them.
            var childUnit = await db.Children.Where(c => c.Id == childId).Select(c => (int?)c.AdminUnitId).FirstOrDefaultAsync(ct);
            if (childUnit is null) errors[nameof(input.ChildId)] = "Không tìm thấy trẻ em này trong phạm vi đơn vị của bạn.";
            else if (!commune.Contains(childUnit.Value)) errors[nameof(input.ChildId)] = "Trẻ em này không sống ở xã của bản rà soát.";
        }
        if (input.Target != NeedTarget.Commune && input.SchoolId is { } schoolId && !errors.ContainsKey(nameof(input.SchoolId)))
        {
            var school = await db.Organisations.AsNoTracking().Where(o => o.Id == schoolId && o.Type == OrganisationType.School)
                .Select(o => new { o.AdminUnitId }).FirstOrDefaultAsync(ct);
            if (school is null) errors[nameof(input.SchoolId)] = "Không tìm thấy trường học này.";
            else if (!commune.Contains(school.AdminUnitId)) errors[nameof(input.SchoolId)] = "Trường học này không thuộc xã của bản rà soát.";
        }
        if (errors.Count > 0) return new(errors, item, false);

        var findings = await DuplicatesAsync(review, input, key, ct);
        if (findings.Count > 0 && string.IsNullOrWhiteSpace(input.DuplicateReason))
            return new(new() { [nameof(input.DuplicateReason)] = DuplicateMessage(findings) }, item, true);
        return new(null, item, findings.Count > 0);
    }

    /// <summary>The review, tracked (its version is the line change's guard), if the acting person may change its lines now.</summary>
    private async Task<(NeedsReview? Review, string? Refusal)> EditableAsync(int reviewId, CancellationToken ct)
    {
        var review = await db.NeedsReviews.FirstOrDefaultAsync(r => r.Id == reviewId, ct);
        if (review is null) return (null, NotFound);
        if (!(await ActorAsync(ct)).Edits) return (null, "Bạn không có quyền sửa bản rà soát nhu cầu.");
        return NotEditable(review) is { } refusal ? (null, refusal) : (review, null);
    }

    private static string? NotEditable(NeedsReview review) =>
        review.IsEditable ? null
        : review.IsFrozen ? "Bản rà soát đã được duyệt nên không sửa được nữa: hãy lập bản sửa đổi."
        : "Bản rà soát đã gửi, đang chờ duyệt: chỉ sửa được khi cấp trên trả lại.";

    /// <summary>
    /// Saves a line change together with a bump of its review's version, guarded by the version read with the review
    /// at the start of this change: a submit (or another change of the review) saved in between makes this save fail
    /// as a whole, so a line never slips into a review after it was sent, and a submit that read the review before this
    /// change fails on its version in turn. Nothing of the person's change is written; the page keeps what they typed.
    /// </summary>
    private async Task<Outcome<NeedLine>> SaveLineAsync(NeedsReview review, NeedLine line, CancellationToken ct)
    {
        db.Entry(review).Property(r => r.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<NeedLine>.Ok(line);
        }
        catch (DbUpdateConcurrencyException)
        {
            foreach (var entry in db.ChangeTracker.Entries().ToList()) entry.State = EntityState.Detached;
            var now = await db.NeedsReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == review.Id, ct);
            return now is not null && NotEditable(now) is { } refusal
                ? Fail<NeedLine>("", $"{refusal} Thay đổi của bạn chưa được lưu (vẫn còn trên màn hình).")
                : Fail<NeedLine>("", Conflict);
        }
    }
}
