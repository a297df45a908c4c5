using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Authorization;

namespace ChildAid.BackOffice.Security;

/// <summary>Authorization policy names. Each page names one in <see cref="PagePolicies"/>.</summary>
public static class Policies
{
    /// <summary>Any signed-in staff member (their own account pages, the dashboard within their units).</summary>
    public const string Staff = "staff";
    /// <summary>Record receipts and reversals: <see cref="Roles.RecordReceipts"/>.</summary>
    public const string RecordReceipts = "record-receipts";
    /// <summary>Read receipts: those who record them, and inspectors.</summary>
    public const string ViewReceipts = "view-receipts";
    /// <summary>Propose allocations of received gifts to need lines: <see cref="Roles.ProposeAllocations"/>.</summary>
    public const string ProposeAllocations = "propose-allocations";
    /// <summary>Read distributions: dispatchers, receivers (a school's staff: their school's only), accountants and inspectors.</summary>
    public const string ViewDistributions = "view-distributions";
    /// <summary>Plan a distribution: <see cref="Roles.DispatchGoods"/>.</summary>
    public const string DispatchGoods = "dispatch-goods";
    public const string ManageDonors = "manage-donors";
    public const string ManageCampaigns = "manage-campaigns";
    public const string ManageUsers = "manage-users";
    public const string ViewAudit = "view-audit";

    /// <summary>The mail outbox: see every mail and retry a failed one (admin, accountant).</summary>
    public const string ManageMailOutbox = "manage-mail-outbox";
    /// <summary>Bank statements: receiving accounts, imports and the queue of unmatched lines (admin, accountant).</summary>
    public const string ReconcileBankStatements = "reconcile-bank-statements";
    /// <summary>Read needs reviews of one's units: <see cref="Roles.ViewNeeds"/>.</summary>
    public const string ViewNeeds = "view-needs";
    /// <summary>Enter and change need lines: <see cref="Roles.EditNeeds"/>.</summary>
    public const string EditNeeds = "edit-needs";
    /// <summary>Edit the published priority criteria and scale: admins.</summary>
    public const string ManageCriteria = "manage-criteria";
    /// <summary>Enter support declared by an agency: <see cref="Roles.DeclareSupport"/>.</summary>
    public const string DeclareSupport = "declare-support";
    /// <summary>The children's register as a whole (duplicates, import, export): <see cref="Roles.ManageChildren"/>.</summary>
    public const string ManageChildren = "manage-children";
    /// <summary>Read and keep single child records within one's scope: <see cref="Roles.KeepChildRecords"/>.</summary>
    public const string KeepChildRecords = "keep-child-records";
    /// <summary>Check-up sessions, the class entry grid and a child's growth record: <see cref="Roles.RecordCheckups"/>.</summary>
    public const string RecordCheckups = "record-checkups";
    /// <summary>Meals served per school and day of a school meal programme: <see cref="Roles.RecordMeals"/>.</summary>
    public const string RecordMeals = "record-meals";
    /// <summary>Erase a donor's shown name from the public ledger (right to erasure): admins only.</summary>
    public const string EraseDonorNames = "erase-donor-names";
    /// <summary>Erase a child's personal data at the guardian's request (Personal Data Protection Law): admins only.</summary>
    public const string EraseChildren = "erase-children";
    /// <summary>Media library: browse, upload, edit alt texts: <see cref="Roles.UseMediaLibrary"/>.</summary>
    public const string UseMediaLibrary = "use-media-library";
    /// <summary>Media library: focal point, folders, consent link, delete: admins and media editors.</summary>
    public const string ManageMediaLibrary = "manage-media-library";
    /// <summary>Record and withdraw consent to publish a child's image or story: <see cref="Roles.ManageConsent"/>.</summary>
    public const string ManageConsent = "manage-consent";
    /// <summary>Content pages (list, edit, history, compare, schedule): writers, editors, admins, and programme officers
    /// for honor-roll pages. What each may do to an item is decided by ContentService.</summary>
    public const string WriteContent = "write-content";
    /// <summary>The redirect list: <see cref="Roles.PublishContent"/>.</summary>
    public const string PublishContent = "publish-content";
    /// <summary>Data-dependent: the resource is an administrative unit id the user's scope must cover.</summary>
    public const string CoversUnit = "covers-unit";
}

public sealed class CoversUnitRequirement : IAuthorizationRequirement;

/// <summary>
/// "This user's units cover unit X": checked against the request's unit scope, which StaffRequestMiddleware
/// worked out from the signed-in user's units (null = admin, every unit).
/// </summary>
public sealed class CoversUnitHandler(StaffScope scope) : AuthorizationHandler<CoversUnitRequirement, int>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CoversUnitRequirement requirement, int unitId)
    {
        if (context.User.Identity?.IsAuthenticated == true && scope.Covers(unitId)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
