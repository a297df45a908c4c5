using ChildAid.Shared.AdminUnits;

namespace ChildAid.Shared.Organisations;

/// <summary>The agencies of the programme (DESIGN.md §1). A school is an organisation too.</summary>
public enum OrganisationType
{
    LabourInvalidsSocialAffairs = 1,
    Education = 2,
    HealthCentre = 3,
    CultureSportsCommunication = 4,
    FinancePlanning = 5,
    FatherlandFront = 6,
    RedCross = 7,
    WomensUnion = 8,
    YouthUnion = 9,
    School = 10,
    CommunePeoplesCommittee = 11,
    Other = 99,
}

public enum SchoolLevel { Preschool = 1, Primary = 2, LowerSecondary = 3 }

public class Organisation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public OrganisationType Type { get; set; }
    public SchoolLevel? SchoolLevel { get; set; }
    public int AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
    public bool IsDemo { get; set; }
}
