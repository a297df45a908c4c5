using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace ChildAid.BackOffice.Security;

/// <summary>
/// Every page of BackOffice with the policy that guards it. Deny by default: a page missing here gets the fallback
/// policy, which refuses everyone (PagePolicyTests lists the pages and fails on a page without a policy).
/// </summary>
public static class PagePolicies
{
    /// <summary>Marks a page anyone may open, signed in or not.</summary>
    public const string Anonymous = "(anonymous)";

    public static readonly IReadOnlyDictionary<string, string> Table = new Dictionary<string, string>
    {
        ["/Account/Login"] = Anonymous,
        ["/Account/LoginWith2fa"] = Anonymous,
        ["/Account/AccessDenied"] = Anonymous,
        ["/StatusCode"] = Anonymous,
        // The donor's own page: no sign-in, the private token in its address decides (404 otherwise); rate-limited.
        ["/DonorPortal/Index"] = Anonymous,
        // A follower's confirm link and one-click unsubscribe (RFC 8058): the token in the address decides (404 otherwise).
        ["/DonorPortal/Follow"] = Anonymous,
        ["/DonorPortal/Unsubscribe"] = Anonymous,
        ["/Account/Logout"] = Policies.Staff,
        ["/Account/ChangePassword"] = Policies.Staff,
        ["/Account/EnrolTwoFactor"] = Policies.Staff,
        ["/Index"] = Policies.Staff,
        ["/Donors/Index"] = Policies.ManageDonors,
        ["/Donors/Edit"] = Policies.ManageDonors,
        ["/Donors/EraseName"] = Policies.EraseDonorNames,
        ["/Contributions/Index"] = Policies.ViewReceipts,
        ["/Contributions/Details"] = Policies.ViewReceipts,
        ["/Contributions/Receipt"] = Policies.ViewReceipts,
        ["/Contributions/Record"] = Policies.RecordReceipts,
        ["/Contributions/Reverse"] = Policies.RecordReceipts,
        ["/Contributions/Reversals"] = Policies.RecordReceipts,
        // Approve and reject are handlers of the list, refused inside to roles outside Roles.DecideAllocations.
        ["/Allocations/Index"] = Policies.ViewReceipts,
        ["/Allocations/Propose"] = Policies.ProposeAllocations,
        // The suggestion run proposes through AllocationService: those who may propose; the unit scope limits what it reads.
        ["/Allocations/Suggest"] = Policies.ProposeAllocations,
        ["/Programme/Index"] = Policies.ViewReceipts,
        // Approve, reject and upload are handlers of the expense's page, refused inside to roles outside Roles.DecideAllocations
        // (upload: or Roles.ProposeAllocations); its files are served to whoever sees the expense (the unit scope).
        ["/Expenses/Index"] = Policies.ViewReceipts,
        ["/Expenses/New"] = Policies.ProposeAllocations,
        ["/Expenses/Details"] = Policies.ViewReceipts,
        // Announce (the list), receive, inspect, stock, reject, write off and photos (the lot's page) are handlers, refused
        // inside to roles outside Roles.RecordReceipts; photos are served to whoever sees the lot (the unit scope).
        ["/Stock/Index"] = Policies.ViewReceipts,
        ["/Stock/Details"] = Policies.ViewReceipts,
        ["/Stock/Count"] = Policies.RecordReceipts,
        // Confirm, depart and arrive are handlers of the distribution's page, refused inside to roles outside Roles.DispatchGoods;
        // the delivery's confirmation to roles outside Roles.ConfirmDeliveries (and to its dispatcher: 403). A school's staff see
        // their school's distributions only (the organisation scope); the signed hand-over list is served to whoever sees it.
        ["/Distributions/Index"] = Policies.ViewDistributions,
        ["/Distributions/New"] = Policies.DispatchGoods,
        ["/Distributions/Details"] = Policies.ViewDistributions,
        ["/Distributions/Services"] = Policies.ViewDistributions,
        ["/Campaigns/Index"] = Policies.ManageCampaigns,
        ["/Campaigns/Edit"] = Policies.ManageCampaigns,
        ["/Campaigns/Followers"] = Policies.ManageCampaigns,
        ["/Campaigns/Areas"] = Policies.ManageCampaigns,
        ["/Users/Index"] = Policies.ManageUsers,
        ["/Users/Edit"] = Policies.ManageUsers,
        ["/Audit/Index"] = Policies.ViewAudit,
        ["/Mail/Index"] = Policies.ManageMailOutbox,
        ["/Pledges/Index"] = Policies.ViewReceipts,
        ["/Pledges/Details"] = Policies.ViewReceipts,
        ["/Pledges/Cancel"] = Policies.RecordReceipts,
        ["/Pledges/RecordTransfer"] = Policies.RecordReceipts,
        ["/Pledges/RecordGoods"] = Policies.RecordReceipts,
        ["/Needs/Index"] = Policies.ViewNeeds,
        ["/Needs/Review"] = Policies.ViewNeeds,
        ["/Needs/Line"] = Policies.EditNeeds,
        ["/Needs/Criteria"] = Policies.ManageCriteria,
        ["/Needs/DeclaredSupport"] = Policies.DeclareSupport,
        ["/Children/Index"] = Policies.KeepChildRecords,
        ["/Children/Edit"] = Policies.KeepChildRecords,
        ["/Children/Duplicates"] = Policies.ManageChildren,
        ["/Children/Erase"] = Policies.EraseChildren,
        ["/Children/Export"] = Policies.ManageChildren,
        ["/Children/Import"] = Policies.ManageChildren,
        ["/Checkups/Index"] = Policies.RecordCheckups,
        ["/Checkups/Session"] = Policies.RecordCheckups,
        ["/Checkups/Child"] = Policies.RecordCheckups,
        ["/Interventions/Index"] = Policies.RecordCheckups,
        ["/Interventions/Edit"] = Policies.RecordCheckups,
        ["/Interventions/Evaluation"] = Policies.RecordCheckups,
        ["/Interventions/Meals"] = Policies.RecordMeals,
        ["/Needs/Import"] = Policies.EditNeeds,
        ["/Needs/Template"] = Policies.ViewNeeds,
        ["/Needs/Export"] = Policies.ViewNeeds,
        ["/Media/Index"] = Policies.UseMediaLibrary,
        ["/Media/Upload"] = Policies.UseMediaLibrary,
        ["/Media/Edit"] = Policies.UseMediaLibrary,
        ["/Media/Delete"] = Policies.ManageMediaLibrary,
        ["/Media/Folders"] = Policies.ManageMediaLibrary,
        // Private renditions (drafts' images included) for any signed-in staff member, never anonymous.
        ["/Media/File"] = Policies.Staff,
        ["/Consent/Index"] = Policies.ManageConsent,
        ["/Consent/Record"] = Policies.ManageConsent,
        ["/Consent/Withdraw"] = Policies.ManageConsent,
        ["/Content/Index"] = Policies.WriteContent,
        ["/Content/Edit"] = Policies.WriteContent,
        ["/Content/History"] = Policies.WriteContent,
        ["/Content/Compare"] = Policies.WriteContent,
        ["/Content/Schedule"] = Policies.WriteContent,
        ["/Content/Redirects"] = Policies.PublishContent,
        ["/BankStatements/Index"] = Policies.ReconcileBankStatements,
        ["/BankStatements/Account"] = Policies.ReconcileBankStatements,
        ["/BankStatements/Import"] = Policies.ReconcileBankStatements,
        ["/BankStatements/Queue"] = Policies.ReconcileBankStatements,
        ["/Payments/Card"] = Policies.ReconcileBankStatements,
    };

    public static void Apply(PageConventionCollection conventions)
    {
        foreach (var (page, policy) in Table)
        {
            if (policy == Anonymous) conventions.AllowAnonymousToPage(page);
            else conventions.AuthorizePage(page, policy);
        }
    }
}
