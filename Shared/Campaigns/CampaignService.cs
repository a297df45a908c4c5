using System.Text.RegularExpressions;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Campaigns;

/// <summary>What a person enters to create or change a campaign.</summary>
public class CampaignInput
{
    public string? Title { get; set; }
    public string? TitleEn { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string? SummaryEn { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public long? MoneyGoalVnd { get; set; }
    public CampaignStatus Status { get; set; } = CampaignStatus.Draft;

    public static CampaignInput From(Campaign c) => new()
    {
        Title = c.Title, TitleEn = c.TitleEn, Slug = c.Slug, Summary = c.Summary, SummaryEn = c.SummaryEn,
        StartDate = c.StartDate, EndDate = c.EndDate, MoneyGoalVnd = c.MoneyGoalVnd, Status = c.Status,
    };
}

public sealed record CampaignRow(int Id, string Slug, string Title, DateOnly StartDate, DateOnly? EndDate, long MoneyGoalVnd, CampaignStatus Status, long RaisedVnd);

/// <summary>Campaigns (public data): list with the amount raised from the ledger, create, edit.</summary>
public partial class CampaignService(ChildAidDbContext db, TimeProvider clock)
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public async Task<IReadOnlyList<CampaignRow>> ListAsync(CancellationToken ct = default)
    {
        var raised = await db.LedgerEntries.Where(Ledger.LedgerEntry.IsGiving).Where(e => e.CampaignId != null)
            .GroupBy(e => e.CampaignId!.Value).Select(g => new { Id = g.Key, Sum = g.Sum(e => e.AmountVnd) })
            .ToDictionaryAsync(x => x.Id, x => x.Sum, ct);
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.StartDate).ThenBy(c => c.Title).ToListAsync(ct);
        return campaigns.Select(c => new CampaignRow(c.Id, c.Slug, c.Title, c.StartDate, c.EndDate, c.MoneyGoalVnd, c.Status,
            raised.GetValueOrDefault(c.Id))).ToList();
    }

    public Task<Campaign?> FindAsync(int id, CancellationToken ct = default) =>
        db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<Outcome<Campaign>> CreateAsync(CampaignInput input, CancellationToken ct = default)
    {
        var errors = await ValidateAsync(input, null, ct);
        if (errors.Count > 0) return Outcome<Campaign>.Fail(errors);
        var campaign = new Campaign { Slug = "", Title = "" };
        Apply(campaign, input);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        return Outcome<Campaign>.Ok(campaign);
    }

    public async Task<Outcome<Campaign>> UpdateAsync(int id, CampaignInput input, CancellationToken ct = default)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return Outcome<Campaign>.Fail("", "Không tìm thấy chiến dịch.");
        var errors = await ValidateAsync(input, id, ct);
        if (errors.Count > 0) return Outcome<Campaign>.Fail(errors);
        Apply(campaign, input);
        await db.SaveChangesAsync(ct);
        return Outcome<Campaign>.Ok(campaign);
    }

    public async Task<Dictionary<string, string>> ValidateAsync(CampaignInput input, int? id, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors[nameof(input.Title)] = "Vui lòng nhập tên chiến dịch.";
        else if (title.Length > 200) errors[nameof(input.Title)] = "Tên chiến dịch tối đa 200 ký tự.";
        if (input.TitleEn?.Trim().Length > 200) errors[nameof(input.TitleEn)] = "Tên tiếng Anh tối đa 200 ký tự.";
        var slug = input.Slug?.Trim();
        if (string.IsNullOrEmpty(slug)) errors[nameof(input.Slug)] = "Vui lòng nhập đường dẫn (ví dụ ao-am-cho-em).";
        else if (slug.Length > 80 || !SlugPattern().IsMatch(slug)) errors[nameof(input.Slug)] = "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, tối đa 80 ký tự.";
        else if (await db.Campaigns.AnyAsync(c => c.Slug == slug && c.Id != (id ?? 0), ct)) errors[nameof(input.Slug)] = "Đường dẫn này đã được chiến dịch khác dùng.";
        if (input.Summary?.Trim().Length > 2000) errors[nameof(input.Summary)] = "Tóm tắt tối đa 2000 ký tự.";
        if (input.SummaryEn?.Trim().Length > 2000) errors[nameof(input.SummaryEn)] = "Tóm tắt tiếng Anh tối đa 2000 ký tự.";
        if (input.StartDate is null) errors[nameof(input.StartDate)] = "Vui lòng nhập ngày bắt đầu.";
        if (input.EndDate is { } end && input.StartDate is { } start && end < start) errors[nameof(input.EndDate)] = "Ngày kết thúc phải sau ngày bắt đầu.";
        if (input.MoneyGoalVnd is null) errors[nameof(input.MoneyGoalVnd)] = "Vui lòng nhập mục tiêu (đồng).";
        else if (input.MoneyGoalVnd <= 0) errors[nameof(input.MoneyGoalVnd)] = "Mục tiêu phải là số nguyên dương.";
        else if (input.MoneyGoalVnd > ContributionRules.MaxAmountVnd) errors[nameof(input.MoneyGoalVnd)] = "Mục tiêu vượt quá giới hạn 100.000.000.000 ₫.";
        if (!Enum.IsDefined(input.Status)) errors[nameof(input.Status)] = "Vui lòng chọn trạng thái.";
        return errors;
    }

    private void Apply(Campaign c, CampaignInput input)
    {
        c.Title = input.Title!.Trim();
        c.TitleEn = Blank(input.TitleEn);
        c.Slug = input.Slug!.Trim();
        c.Summary = input.Summary?.Trim() ?? "";
        c.SummaryEn = Blank(input.SummaryEn);
        c.StartDate = input.StartDate!.Value;
        c.EndDate = input.EndDate;
        c.MoneyGoalVnd = input.MoneyGoalVnd!.Value;
        c.Status = input.Status;
        c.UpdatedAt = clock.GetUtcNow().UtcDateTime;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
