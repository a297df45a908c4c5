using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Children;

public enum Sex { Female = 1, Male = 2 }

/// <summary>Who the guardian is to the child.</summary>
public enum GuardianRelation { Mother = 1, Father = 2, Grandparent = 3, Sibling = 4, OtherRelative = 5, Other = 6 }

/// <summary>The relations' words for people (Vietnamese; BackOffice translates them through its resources).</summary>
public static class GuardianRelationNames
{
    public static readonly IReadOnlyDictionary<GuardianRelation, string> All = new Dictionary<GuardianRelation, string>
    {
        [GuardianRelation.Mother] = "Mẹ", [GuardianRelation.Father] = "Bố", [GuardianRelation.Grandparent] = "Ông/bà",
        [GuardianRelation.Sibling] = "Anh/chị", [GuardianRelation.OtherRelative] = "Họ hàng khác", [GuardianRelation.Other] = "Người giám hộ khác",
    };

    /// <summary>
    /// The relation a person typed (an import cell): a name of <see cref="All"/> or a common word for it ("cha", "bà nội",
    /// "chị", "dì"), case ignored; null when not recognised. Typed without diacritics, only words that stay unambiguous
    /// count: "ba" may be a father (southern) or "bà", a grandmother, so it is refused rather than guessed.
    /// </summary>
    public static GuardianRelation? Parse(string text)
    {
        var typed = text.Trim().Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant();
        foreach (var (relation, name) in All)
            if (name.ToLowerInvariant() == typed) return relation;
        return typed switch
        {
            "mẹ" or "má" or "me" => GuardianRelation.Mother,
            "bố" or "cha" or "bo" => GuardianRelation.Father,
            "ông" or "bà" or "ông nội" or "bà nội" or "ông ngoại" or "bà ngoại" or "ông bà"
                or "ong" or "ong noi" or "ba noi" or "ong ngoai" or "ba ngoai" or "ong ba" => GuardianRelation.Grandparent,
            "anh" or "chị" or "anh trai" or "chị gái" or "chi" or "chi gai" => GuardianRelation.Sibling,
            "cô" or "dì" or "chú" or "bác" or "cậu" or "thím" or "mợ" or "họ hàng" or "di" or "chu" or "bac" or "cau" or "thim" or "ho hang" => GuardianRelation.OtherRelative,
            "khác" or "khac" or "người giám hộ" => GuardianRelation.Other,
            _ => null,
        };
    }
}

/// <summary>A child of the programme: personal data, BackOffice only, scoped by unit.</summary>
public class Child : Security.IUnitOwned, Security.IOrganisationOwned
{
    public int Id { get; set; }
    public required string FullName { get; set; }
    public string SearchText { get; set; } = "";
    public DateOnly DateOfBirth { get; set; }
    /// <summary>The date of birth is an estimate (no papers; often only the year is known, entered as 01/07 of that year).</summary>
    public bool DateOfBirthEstimated { get; set; }
    public Sex Sex { get; set; }
    public string EthnicGroup { get; set; } = "";
    /// <summary>Groups of children in special circumstances and household policy groups (the priority criteria read them).</summary>
    public Needs.CircumstanceGroups Circumstances { get; set; }
    /// <summary>The village or commune the child lives in.</summary>
    public int AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
    public int? SchoolId { get; set; }
    public Organisation? School { get; set; }
    /// <summary>The class at school ("3A"), for the check-up class list.</summary>
    public string? ClassName { get; set; }
    /// <summary>The health station that looks after the child: its health workers read the child's record.</summary>
    public int? HealthStationId { get; set; }
    public Organisation? HealthStation { get; set; }
    public string? GuardianName { get; set; }
    public GuardianRelation? GuardianRelation { get; set; }
    /// <summary>The guardian's phone as digits from 0 ("0912345678"; a landline "02363822111").</summary>
    public string? GuardianPhone { get; set; }
    /// <summary>The day the child (7 years or older then) gave their own consent to publication; the consent record holds the details.</summary>
    public DateOnly? ChildConsentOn { get; set; }
    /// <summary>Recorded consent of the guardian (and of the child from age 7) to publish photo, name or story.</summary>
    public DateOnly? PublicationConsentOn { get; set; }
    public bool IsDemo { get; set; }
    /// <summary>
    /// Set when a person merged this record into another (a duplicate): it is kept, never deleted, and no longer shown;
    /// its history moved to that record. The database refuses a merge into a record that is itself merged.
    /// </summary>
    public int? MergedIntoId { get; set; }
    public DateTime? MergedAt { get; set; }
    /// <summary>Erased at the guardian's request: the personal fields are wiped in place and the record is no longer shown.</summary>
    public DateOnly? ErasedOn { get; set; }
    public string? ErasureReason { get; set; }

    /// <summary>Shown in lists and pick lists: neither merged into another record nor erased.</summary>
    public bool InRegistry => MergedIntoId == null && ErasedOn == null;
}

public static class ChildQueries
{
    /// <summary>Children still in the registry: not merged into another record, not erased.</summary>
    public static IQueryable<Child> InRegistry(this IQueryable<Child> children) => children.Where(c => c.MergedIntoId == null && c.ErasedOn == null);
}

/// <summary>
/// A pair of records a person decided are not the same child: the duplicate check does not propose it again. The
/// lower id first (CHECK), one row per pair (unique). Belongs to the first child's unit.
/// </summary>
public class ChildDistinctPair : Security.IUnitOwned
{
    public int Id { get; set; }
    public int FirstChildId { get; set; }
    public int SecondChildId { get; set; }
    public int AdminUnitId { get; set; }
    public required string DecidedBy { get; set; }
    public DateTime DecidedAt { get; set; }
}

public class ChildDistinctPairConfiguration : IEntityTypeConfiguration<ChildDistinctPair>
{
    public void Configure(EntityTypeBuilder<ChildDistinctPair> b)
    {
        b.Property(p => p.DecidedBy).HasMaxLength(200);
        b.HasIndex(p => new { p.FirstChildId, p.SecondChildId }).IsUnique();
        b.HasIndex(p => p.SecondChildId);
        b.HasIndex(p => p.AdminUnitId);
        b.HasOne<Child>().WithMany().HasForeignKey(p => p.FirstChildId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Child>().WithMany().HasForeignKey(p => p.SecondChildId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AdminUnit>().WithMany().HasForeignKey(p => p.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_child_distinct_pairs_order", "first_child_id < second_child_id"));
    }
}

public class ChildConfiguration : IEntityTypeConfiguration<Child>
{
    public void Configure(EntityTypeBuilder<Child> b)
    {
        b.Property(c => c.FullName).HasMaxLength(200);
        b.Property(c => c.SearchText).HasMaxLength(200);
        b.Property(c => c.EthnicGroup).HasMaxLength(50);
        b.Property(c => c.GuardianName).HasMaxLength(200);
        b.Property(c => c.GuardianRelation).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.GuardianPhone).HasMaxLength(15);
        b.Property(c => c.Sex).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(c => c.AdminUnitId);
        b.Property(c => c.ErasureReason).HasMaxLength(500);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_children_circumstances", "circumstances >= 0 AND circumstances < 256");
            t.HasCheckConstraint("ck_children_not_merged_into_itself", "merged_into_id IS NULL OR merged_into_id <> id");
        });
        b.HasOne<Child>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.MergedIntoId);
        b.HasOne(c => c.AdminUnit).WithMany().HasForeignKey(c => c.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.School).WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.ClassName).HasMaxLength(20);
        b.HasOne(c => c.HealthStation).WithMany().HasForeignKey(c => c.HealthStationId).OnDelete(DeleteBehavior.Restrict);
    }
}
