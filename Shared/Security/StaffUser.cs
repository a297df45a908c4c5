using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Organisations;
using Microsoft.AspNetCore.Identity;

namespace ChildAid.Shared.Security;

public class StaffUser : IdentityUser
{
    [PersonalData]
    public string FullName { get; set; } = "";
    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public List<StaffUserUnit> Units { get; set; } = [];
}

/// <summary>One administrative unit a staff user may act on (with everything below it).</summary>
public class StaffUserUnit
{
    public required string UserId { get; set; }
    public int AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
}
