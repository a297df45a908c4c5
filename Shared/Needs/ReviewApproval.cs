using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Security;

namespace ChildAid.Shared.Needs;

/// <summary>Who is acting on a review: their id, roles and the units they are assigned to (not the units below them).</summary>
/// <param name="IsSystem">The CLI or a background job: no account, no roles.</param>
public sealed record ReviewActor(string Id, IReadOnlySet<string> Roles, IReadOnlySet<int> AssignedUnits, bool IsSystem)
{
    /// <summary>Enters and changes reviews: commune officers, programme officers, and the CLI's import.</summary>
    public bool Edits => IsSystem || Roles.Contains(Security.Roles.CommuneOfficer) || Roles.Contains(Security.Roles.ProgrammeOfficer);

    /// <summary>Sends a review up: the commune officer, or programme staff whose scope covers the commune.</summary>
    public bool Submits => !IsSystem && (Roles.Contains(Security.Roles.CommuneOfficer) || Roles.Contains(Security.Roles.ProgrammeOfficer));
}

/// <summary>
/// The level above a commune, from the administrative map (data, not code): the commune's parent in the map in force on
/// the day of submission — the district before 1 July 2025, the province after the district level was abolished.
/// </summary>
public static class ReviewApproval
{
    /// <summary>The unit whose programme officers decide on a review of <paramref name="communeId"/> submitted on <paramref name="on"/>.</summary>
    public static AdminUnit? ApprovingUnit(AdminUnitTree tree, int communeId, DateOnly on)
    {
        var commune = tree.InForceOn(communeId, on);
        return commune.ParentId is { } parent ? tree.InForceOn(parent, on) : null;
    }

    /// <summary>
    /// The units whose programme officers may decide: the approving unit itself, and — if it has been abolished since
    /// it was fixed — the unit that carries it on today (a province that was merged into another).
    /// </summary>
    public static HashSet<int> DecidingUnits(AdminUnitTree tree, int approvingUnitId, DateOnly today) =>
        [approvingUnitId, tree.InForceOn(approvingUnitId, today).Id];

    /// <summary>Why <paramref name="actor"/> may not approve or return <paramref name="review"/> (Vietnamese), or null.</summary>
    public static string? Refusal(NeedsReview review, ReviewActor actor, AdminUnitTree tree, DateOnly today)
    {
        if (review.Status != NeedsReviewStatus.Submitted || review.ApprovingUnitId is not { } approving)
            return "Chỉ duyệt hoặc trả lại được bản rà soát đã gửi, đang chờ duyệt.";
        if (actor.IsSystem || actor.Roles.Contains(Roles.Admin) || !actor.Roles.Contains(Roles.ProgrammeOfficer))
            return "Chỉ cán bộ chương trình của cấp duyệt mới được duyệt hoặc trả lại bản rà soát.";
        if (actor.Roles.Contains(Roles.CommuneOfficer))
            return "Cán bộ xã không duyệt bản rà soát nhu cầu.";
        if (review.SubmittedById == actor.Id)
            return "Người gửi bản rà soát không tự duyệt hoặc trả lại bản của mình.";
        if (!DecidingUnits(tree, approving, today).Overlaps(actor.AssignedUnits))
            return $"Bản rà soát này do cán bộ chương trình của {tree[approving].Name} duyệt.";
        return null;
    }
}
