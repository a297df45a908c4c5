using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.BankStatements;

/// <summary>What a matching run did: lines booked against their pledge, and lines left in the queue with why.</summary>
public sealed record MatchSummary(int Matched, int Unmatched, IReadOnlyList<string> Problems);

/// <summary>A pledge offered for an unmatched line, and why.</summary>
public sealed record PledgeSuggestion(int PledgeId, string Reference, string DonorName, long AmountVnd, long OutstandingVnd, string Why);

/// <summary>
/// Turns credit lines into gifts through the one booking core (<see cref="ContributionService.RecordAsync"/>), channel
/// BankStatement, ExternalId <c>bank:&lt;account&gt;:&lt;line key&gt;</c> (UNIQUE: a line is booked once however often
/// matching runs or races), the pledge's donor and campaign, <c>PledgeId</c> set so the core records the payment on the
/// pledge. A line is matched automatically only when its description holds a valid reference
/// (<see cref="PledgeReference.FindIn"/>: spaces, case, diacritics and bank prefixes/suffixes ignored, check character
/// verified) AND that pledge exists and is not cancelled; every other credit waits in the queue for a person: a manual
/// match to a pledge (suggestions by amount and donor name), or an unsolicited gift (a donor, a new donor, or anonymous).
/// Each line is booked in its own transaction after the import committed; a crash between booking and marking the line
/// is repaired by the next run, which gets the same receipt back from the core.
/// </summary>
public class BankStatementMatcher(ChildAidDbContext db, ContributionService contributions, TimeProvider clock)
{
    public const string Anonymous = "Nhà tài trợ ẩn danh (chuyển khoản)";

    /// <summary>Matches the waiting credit lines of an account (of one import, when given) that name an existing pledge.</summary>
    public async Task<MatchSummary> MatchAsync(int accountId, int? importId = null, CancellationToken ct = default)
    {
        var account = await db.BankAccounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        var waiting = db.BankStatementLines.Where(l => l.BankAccountId == accountId && l.Status == BankLineStatus.Unmatched);
        if (importId is { } id) waiting = waiting.Where(l => l.ImportId == id);
        var candidates = await waiting.Where(l => l.FoundReference != null).OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(ct);
        var problems = new List<string>();
        var matched = 0;
        foreach (var lineId in candidates)
        {
            var line = await db.BankStatementLines.FirstAsync(l => l.Id == lineId, ct);
            var pledge = await db.Pledges.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Reference == line.FoundReference, ct);
            if (pledge is null || pledge.Status == PledgeState.Cancelled) continue;
            var outcome = await BookAsync(account, line, pledge.DonorId, pledge.CampaignId, pledge.Id, ContributionChannel.BankStatement, ct);
            if (outcome is null) matched++;
            else problems.Add($"Dòng {line.RowNumber}: {outcome}");
        }
        var unmatched = await waiting.CountAsync(ct);
        return new(matched, unmatched, problems);
    }

    /// <summary>A person matched a waiting line to a pledge (one their units cover, or found by its reference).</summary>
    public async Task<Outcome<Contribution>> MatchToPledgeAsync(long lineId, string pledgeReference, CancellationToken ct = default)
    {
        var line = await WaitingLineAsync(lineId, ct);
        if (line is null) return Outcome<Contribution>.Fail("Line", NotWaiting);
        var reference = PledgeReference.Normalize(pledgeReference);
        var pledge = reference is null ? null : await db.Pledges.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Reference == reference, ct);
        if (pledge is null) return Outcome<Contribution>.Fail("PledgeReference", "Không tìm thấy cam kết có mã này (kiểm tra lại mã, ví dụ CA7K3M9Q7).");
        if (pledge.Status == PledgeState.Cancelled) return Outcome<Contribution>.Fail("PledgeReference", $"Cam kết {pledge.Reference} đã hủy.");
        var account = await db.BankAccounts.AsNoTracking().FirstAsync(a => a.Id == line.BankAccountId, ct);
        var problem = await BookAsync(account, line, pledge.DonorId, pledge.CampaignId, pledge.Id, ContributionChannel.BankStatement, ct);
        return problem is null ? Outcome<Contribution>.Ok((await db.Contributions.FindAsync([line.ContributionId!.Value], ct))!)
            : Outcome<Contribution>.Fail("PledgeReference", problem);
    }

    /// <summary>
    /// A gift nobody pledged: to a donor staff picked, to a new donor named here (in the account's unit, name shown as the
    /// donor chose — unknown, so amount only under the name), or anonymous. Campaign: the account's, if it has one.
    /// </summary>
    public async Task<Outcome<Contribution>> RecordUnsolicitedAsync(long lineId, int? donorId, string? newDonorName, CancellationToken ct = default)
    {
        var line = await WaitingLineAsync(lineId, ct);
        if (line is null) return Outcome<Contribution>.Fail("Line", NotWaiting);
        var account = await db.BankAccounts.AsNoTracking().FirstAsync(a => a.Id == line.BankAccountId, ct);
        int donor;
        if (donorId is { } picked) donor = picked;
        else
        {
            var anonymous = string.IsNullOrWhiteSpace(newDonorName);
            var created = await new DonorService(db, clock).CreateAsync(new DonorInput
            {
                Name = anonymous ? Anonymous : newDonorName!.Trim(),
                DisplayChoice = anonymous ? DisplayChoice.Anonymous : DisplayChoice.NameOnly,
                AdminUnitId = account.AdminUnitId,
            }, ct);
            if (!created.Succeeded) return Outcome<Contribution>.Fail(created.Errors.ToDictionary(e => e.Key == "Name" ? "NewDonorName" : e.Key, e => e.Value));
            donor = created.Value!.Id;
        }
        var problem = await BookAsync(account, line, donor, account.CampaignId, null, ContributionChannel.Unsolicited, ct);
        return problem is null ? Outcome<Contribution>.Ok((await db.Contributions.FindAsync([line.ContributionId!.Value], ct))!)
            : Outcome<Contribution>.Fail("DonorId", problem);
    }

    /// <summary>Pledges that may be what a waiting line pays: the same amount (owed in full or outstanding), or the donor's name in the text.</summary>
    public async Task<IReadOnlyList<PledgeSuggestion>> SuggestAsync(long lineId, int max = 5, CancellationToken ct = default)
    {
        var line = await db.BankStatementLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null || line.AmountVnd <= 0) return [];
        var open = db.Pledges.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.Status == PledgeState.Pledged || p.Status == PledgeState.PartlyPaid);
        var byAmount = await open.Where(p => p.AmountVnd == line.AmountVnd || p.AmountVnd - p.PaidVnd == line.AmountVnd)
            .OrderByDescending(p => p.CreatedAt).Take(max)
            .Select(p => new { p.Id, p.Reference, p.Donor!.Name, p.AmountVnd, p.PaidVnd }).ToListAsync(ct);
        var text = TextFolding.Fold($"{line.Description} {line.Counterparty}");
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 2).Distinct().ToList();
        var byName = words.Count == 0 ? [] : (await open.OrderByDescending(p => p.CreatedAt).Take(500)
                .Select(p => new { p.Id, p.Reference, p.Donor!.Name, p.AmountVnd, p.PaidVnd }).ToListAsync(ct))
            .Where(p => TextFolding.Fold(p.Name).Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 2 } parts
                && parts.All(words.Contains))
            .ToList();
        return byName.Select(p => new PledgeSuggestion(p.Id, p.Reference, p.Name, p.AmountVnd, p.AmountVnd - p.PaidVnd, "Tên nhà tài trợ có trong nội dung"))
            .Concat(byAmount.Select(p => new PledgeSuggestion(p.Id, p.Reference, p.Name, p.AmountVnd, p.AmountVnd - p.PaidVnd, "Cùng số tiền")))
            .DistinctBy(s => s.PledgeId).Take(max).ToList();
    }

    public const string NotWaiting = "Dòng sao kê này không còn chờ đối chiếu (đã ghi nhận, hoặc không phải khoản tiền vào).";

    private Task<BankStatementLine?> WaitingLineAsync(long lineId, CancellationToken ct) =>
        db.BankStatementLines.FirstOrDefaultAsync(l => l.Id == lineId && l.Status == BankLineStatus.Unmatched, ct);

    /// <summary>Books the line through the core and marks it; null when done, else the reason in Vietnamese.</summary>
    private async Task<string?> BookAsync(BankAccount account, BankStatementLine line, int donorId, int? campaignId, int? pledgeId,
        ContributionChannel channel, CancellationToken ct)
    {
        var outcome = await contributions.RecordAsync(new ContributionInput
        {
            DonorId = donorId,
            CampaignId = campaignId,
            Method = ContributionMethod.BankTransfer,
            AmountVnd = line.AmountVnd,
            ReceivedOn = line.TransactionDate,
            AdminUnitId = account.AdminUnitId,
            Channel = channel,
            ExternalId = ExternalId(account, line),
            PledgeId = pledgeId,
            Note = Truncate($"Sao kê {account.Code}, {VietnameseFormat.Date(line.TransactionDate)}: {line.Description}", 1000),
        }, ct);
        if (!outcome.Succeeded) return string.Join(" ", outcome.Errors.Values);
        // The core's transaction is committed: mark the line (a re-run finds the same receipt by ExternalId if this is lost).
        var tracked = await db.BankStatementLines.FirstAsync(l => l.Id == line.Id, ct);
        tracked.Status = channel == ContributionChannel.Unsolicited ? BankLineStatus.Unsolicited : BankLineStatus.Matched;
        tracked.PledgeId = pledgeId;
        tracked.ContributionId = outcome.Value!.Id;
        await db.SaveChangesAsync(ct);
        line.ContributionId = tracked.ContributionId;
        return null;
    }

    /// <summary>bank:&lt;account code&gt;:&lt;the line's key&gt;, e.g. bank:VCB-QUY:id:5243.90051.</summary>
    public static string ExternalId(BankAccount account, BankStatementLine line) => $"bank:{account.Code}:{line.DedupeKey}";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
