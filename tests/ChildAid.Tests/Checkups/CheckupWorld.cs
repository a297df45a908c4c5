using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Organisations;

namespace ChildAid.Tests.Checkups;

/// <summary>
/// Two communes, each with a primary school and a health station; class 3A of each school has two children (a girl
/// and a boy, 8 years old) looked after by their commune's station, and each commune has one check-up session.
/// </summary>
public sealed class CheckupWorld
{
    public static readonly DateOnly SessionDay = new(2026, 11, 20);
    public int Own, Other, OwnSchool, OtherSchool, OwnStation, OtherStation, OwnGirl, OwnBoy, OtherChild, OwnSession, OtherSession;

    /// <summary>The class grid's form fields as a health worker fills them: weight and length per child, standing.</summary>
    public static Dictionary<string, string> Grid(params (int Child, string Weight, string Length)[] rows)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < rows.Length; i++)
        {
            fields[$"Rows[{i}].ChildId"] = rows[i].Child.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[$"Rows[{i}].WeightKg"] = rows[i].Weight;
            fields[$"Rows[{i}].LengthCm"] = rows[i].Length;
            fields[$"Rows[{i}].Position"] = "Standing";
        }
        return fields;
    }

    public static async Task<CheckupWorld> CreateAsync(ChildAidDbContext db)
    {
        var w = new CheckupWorld();
        var own = new AdminUnit { Level = AdminUnitLevel.Commune, Code = "23535", Name = "Xã Ia Đal" };
        var other = new AdminUnit { Level = AdminUnitLevel.Commune, Code = "23538", Name = "Xã Ia Tơi" };
        db.AdminUnits.AddRange(own, other);
        await db.SaveChangesAsync();
        Organisation Org(string name, OrganisationType type, int unit) => new() { Name = name, Type = type, AdminUnitId = unit, SchoolLevel = type == OrganisationType.School ? SchoolLevel.Primary : null };
        var ownSchool = Org("Trường TH Ia Đal", OrganisationType.School, own.Id);
        var otherSchool = Org("Trường TH Ia Tơi", OrganisationType.School, other.Id);
        var ownStation = Org("Trạm y tế xã Ia Đal", OrganisationType.HealthCentre, own.Id);
        var otherStation = Org("Trạm y tế xã Ia Tơi", OrganisationType.HealthCentre, other.Id);
        db.Organisations.AddRange(ownSchool, otherSchool, ownStation, otherStation);
        await db.SaveChangesAsync();
        Child Kid(string name, Sex sex, int unit, int school, int station) => new()
        {
            FullName = name, SearchText = Shared.Text.TextFolding.Fold(name), DateOfBirth = new DateOnly(2018, 5, 10), Sex = sex,
            AdminUnitId = unit, SchoolId = school, ClassName = "3A", HealthStationId = station,
        };
        var girl = Kid("Rơ Châm H'Nhi", Sex.Female, own.Id, ownSchool.Id, ownStation.Id);
        var boy = Kid("A Dũng", Sex.Male, own.Id, ownSchool.Id, ownStation.Id);
        var otherChild = Kid("Siu Thị Hoa", Sex.Female, other.Id, otherSchool.Id, otherStation.Id);
        db.Children.AddRange(girl, boy, otherChild);
        CheckupSession Session(int school, int station, int unit) => new()
        {
            HeldOn = SessionDay, SiteId = school, HealthStationId = station, AdminUnitId = unit, Team = "Y sĩ Hoa", CreatedBy = "test", CreatedAt = DateTime.UtcNow,
        };
        var ownSession = Session(ownSchool.Id, ownStation.Id, own.Id);
        var otherSession = Session(otherSchool.Id, otherStation.Id, other.Id);
        db.CheckupSessions.AddRange(ownSession, otherSession);
        await db.SaveChangesAsync();
        (w.Own, w.Other, w.OwnSchool, w.OtherSchool, w.OwnStation, w.OtherStation) = (own.Id, other.Id, ownSchool.Id, otherSchool.Id, ownStation.Id, otherStation.Id);
        (w.OwnGirl, w.OwnBoy, w.OtherChild, w.OwnSession, w.OtherSession) = (girl.Id, boy.Id, otherChild.Id, ownSession.Id, otherSession.Id);
        return w;
    }
}
