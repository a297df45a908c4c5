using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Children;
using ChildAid.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Interventions;

public enum InterventionKind
{
    SchoolMeals = 1,
    CheckupAndTreatment = 2,
    Micronutrient = 3,
    Other = 4,
}

/// <summary>
/// A nutrition or health programme for children at some schools or stations over a period, with its budget and the
/// campaigns that fund it. Its baseline and endline check-up sessions are what the evaluation compares. Scoped like a
/// session: the unit of its first site, and its organising health station (a health worker sees their station's).
/// </summary>
public class Intervention : Security.IUnitOwned, Security.IOrganisationOwned
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public InterventionKind Kind { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// <summary>Planned budget in đồng (whole VND).</summary>
    public long BudgetVnd { get; set; }
    public int AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
    /// <summary>The health station that runs it, if any.</summary>
    public int? HealthStationId { get; set; }
    public Organisation? HealthStation { get; set; }
    public int? BaselineSessionId { get; set; }
    public CheckupSession? BaselineSession { get; set; }
    public int? EndlineSessionId { get; set; }
    public CheckupSession? EndlineSession { get; set; }
    public string? Notes { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public bool IsDemo { get; set; }
    public List<InterventionSite> Sites { get; set; } = [];
    public List<InterventionChild> Children { get; set; } = [];
    public List<InterventionCampaign> Campaigns { get; set; } = [];

    /// <summary>The rules every intervention keeps, whoever writes it; messages by field.</summary>
    public Dictionary<string, string> Problems()
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Name)) errors[nameof(Name)] = "Vui lòng nhập tên chương trình.";
        else if (Name.Length > 200) errors[nameof(Name)] = "Tên chương trình tối đa 200 ký tự.";
        if (!Enum.IsDefined(Kind)) errors[nameof(Kind)] = "Vui lòng chọn loại chương trình.";
        if (EndsOn < StartsOn) errors[nameof(EndsOn)] = "Ngày kết thúc không được trước ngày bắt đầu.";
        if (BudgetVnd < 0) errors[nameof(BudgetVnd)] = "Kinh phí không được âm.";
        if (BaselineSessionId is not null && BaselineSessionId == EndlineSessionId)
            errors["EndlineSessionId"] = "Buổi khám cuối kỳ phải khác buổi khám đầu kỳ.";
        if (Notes?.Length > 2000) errors[nameof(Notes)] = "Ghi chú tối đa 2000 ký tự.";
        return errors;
    }
}

/// <summary>A school or health station the intervention reaches. Carries its intervention's scope (DbContext).</summary>
public class InterventionSite : Security.IOrganisationOwned
{
    public int InterventionId { get; set; }
    public Intervention? Intervention { get; set; }
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
}

/// <summary>A child enrolled in the intervention: the evaluation counts enrolled children measured at both sessions.</summary>
public class InterventionChild
{
    public int InterventionId { get; set; }
    public Intervention? Intervention { get; set; }
    public int ChildId { get; set; }
    public Child? Child { get; set; }
}

/// <summary>A campaign whose money funds the intervention.</summary>
public class InterventionCampaign
{
    public int InterventionId { get; set; }
    public Intervention? Intervention { get; set; }
    public int CampaignId { get; set; }
    public Campaign? Campaign { get; set; }
}

public class InterventionConfiguration : IEntityTypeConfiguration<Intervention>
{
    public void Configure(EntityTypeBuilder<Intervention> b)
    {
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(i => i.Notes).HasMaxLength(2000);
        b.Property(i => i.CreatedBy).HasMaxLength(256);
        b.HasIndex(i => i.AdminUnitId);
        b.HasOne(i => i.AdminUnit).WithMany().HasForeignKey(i => i.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.HealthStation).WithMany().HasForeignKey(i => i.HealthStationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.BaselineSession).WithMany().HasForeignKey(i => i.BaselineSessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.EndlineSession).WithMany().HasForeignKey(i => i.EndlineSessionId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_interventions_period", "ends_on >= starts_on");
            t.HasCheckConstraint("ck_interventions_budget", "budget_vnd >= 0");
        });
    }
}

public class InterventionSiteConfiguration : IEntityTypeConfiguration<InterventionSite>
{
    public void Configure(EntityTypeBuilder<InterventionSite> b)
    {
        b.HasKey(s => new { s.InterventionId, s.OrganisationId });
        b.HasOne(s => s.Intervention).WithMany(i => i.Sites).HasForeignKey(s => s.InterventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class InterventionChildConfiguration : IEntityTypeConfiguration<InterventionChild>
{
    public void Configure(EntityTypeBuilder<InterventionChild> b)
    {
        b.HasKey(c => new { c.InterventionId, c.ChildId });
        b.HasIndex(c => c.ChildId);
        b.HasOne(c => c.Intervention).WithMany(i => i.Children).HasForeignKey(c => c.InterventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Child).WithMany().HasForeignKey(c => c.ChildId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class InterventionCampaignConfiguration : IEntityTypeConfiguration<InterventionCampaign>
{
    public void Configure(EntityTypeBuilder<InterventionCampaign> b)
    {
        b.HasKey(c => new { c.InterventionId, c.CampaignId });
        b.HasOne(c => c.Intervention).WithMany(i => i.Campaigns).HasForeignKey(c => c.InterventionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Campaign).WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}
