using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.BankStatements;

/// <summary>
/// What a matching run did: lines booked against their pledge, lines left in the queue, problems, and lines that were
/// already recorded by hand (linked to that receipt, not booked again).
/// </summary>
public sealed record MatchSummary(int Matched, int Unmatched, IReadOnlyList<string> Problems)
{
    public IReadOnlyList<AlreadyRecordedLine> AlreadyRecorded { get; init; } = [];
}

/// <summary>A statement line whose money staff had recorded by hand before: the receipt it is now linked to.</summary>
public sealed record AlreadyRecordedLine(int RowNumber, long AmountVnd, string ReceiptNumber);

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
public class BankStatementMatcher(ChildAidDbContext db, ContributionService contributions, ContributionBatchBooking batchBooking, LedgerWriter ledger,
    TimeProvider clock)
{
    public const string Anonymous = "Nhà tài trợ ẩn danh (chuyển khoản)";

    /// <summary>Lines booked together: one query per kind of look-up and one bulk write per table for each batch.</summary>
    public const int MatchBatchSize = 2000;

    /// <summary>
    /// Matches the waiting credit lines of an account (of one import, when given) that name an existing pledge, in
    /// batches of <see cref="MatchBatchSize"/> inside ONE transaction: all of a run's bookings are committed together or
    /// none is (the lines then simply wait, and the next run books them). Per batch: the pledges by reference, the
    /// receipts already booked for these lines (a run that crashed before marking them), and the receipts staff recorded
    /// by hand, each in one query; the same checks as <see cref="ContributionService.RecordAsync"/>; then
    /// <see cref="ContributionBatchBooking"/> and one bulk update of the lines. The ledger head is locked first, so two
    /// runs (or a run and a booking elsewhere) take turns.
    /// </summary>
    /// <param name="progress">Told (lines looked at, lines to look at) after each batch: the import page's progress bar.</param>
    public async Task<MatchSummary> MatchAsync(int accountId, int? importId = null, CancellationToken ct = default, bool isDemo = false,
        Action<int, int>? progress = null)
    {
        var account = await db.BankAccounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        var waiting = db.BankStatementLines.Where(l => l.BankAccountId == accountId && l.Status == BankLineStatus.Unmatched);
        if (importId is { } id) waiting = waiting.Where(l => l.ImportId == id);
        var run = new MatchRun(account,
            await db.AdminUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == account.AdminUnitId, ct),
            await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, ct), clock.VietnamToday(), isDemo);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await ledger.LockAsync(ct);
            // The candidates' ids once (a few bytes per line), then each batch by primary key: a keyset query per batch
            // re-read the account's waiting lines each time, which grew with the statement (200,000 lines: most of the run).
            var candidates = await waiting.Where(l => l.FoundReference != null).OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(ct);
            var done = 0;
            progress?.Invoke(0, candidates.Count);
            foreach (var chunk in candidates.Chunk(MatchBatchSize))
            {
                var ids = chunk.ToList();
                var lines = await db.BankStatementLines.AsNoTracking().Where(l => ids.Contains(l.Id)).OrderBy(l => l.Id).ToListAsync(ct);
                await MatchBatchAsync(run, lines, ct);
                progress?.Invoke(done += chunk.Length, candidates.Count);
            }
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
        var unmatched = await waiting.CountAsync(ct);
        return new(run.Matched, unmatched, run.Problems) { AlreadyRecorded = run.Linked };
    }

    /// <summary>What a matching run knows for all its batches, and what it did.</summary>
    private sealed record MatchRun(BankAccount Account, AdminUnits.AdminUnit? Unit, Dictionary<int, Campaign> CampaignsById, DateOnly Today, bool IsDemo)
    {
        public int Matched { get; set; }
        public List<string> Problems { get; } = [];
        public List<AlreadyRecordedLine> Linked { get; } = [];
    }

    private async Task MatchBatchAsync(MatchRun run, List<BankStatementLine> lines, CancellationToken ct)
    {
        var references = lines.Select(l => l.FoundReference!).Distinct().ToList();
        var pledges = await db.Pledges.IgnoreQueryFilters().AsNoTracking().Where(p => references.Contains(p.Reference))
            .ToDictionaryAsync(p => p.Reference, StringComparer.Ordinal, ct);
        // A paid pledge is still looked at: the money may be the transfer staff already recorded by hand.
        var candidates = lines.Where(l => pledges.TryGetValue(l.FoundReference!, out var p) && p.Status != PledgeState.Cancelled).ToList();
        if (candidates.Count == 0) return;
        var marks = new List<LineMark>();

        // Booked by an earlier run that stopped before marking the line: mark it now (the receipt is the same).
        var externalIds = candidates.Select(l => ExternalId(run.Account, l)).ToList();
        var booked = await db.Contributions.IgnoreQueryFilters().AsNoTracking().Where(c => externalIds.Contains(c.ExternalId!))
            .Select(c => new { c.Id, c.ExternalId }).ToDictionaryAsync(c => c.ExternalId!, c => c.Id, StringComparer.Ordinal, ct);
        var open = new List<(BankStatementLine Line, Pledge Pledge)>();
        foreach (var line in candidates)
        {
            var pledge = pledges[line.FoundReference!];
            if (booked.TryGetValue(ExternalId(run.Account, line), out var contributionId))
            {
                marks.Add(new(line.Id, BankLineStatus.Matched, pledge.Id, contributionId));
                run.Matched++;
            }
            else open.Add((line, pledge));
        }

        // A receipt recorded by hand for a pledge recorded its payment on it: only pledges with something paid can have one.
        var byHand = await HandRecordedAsync(open.Where(o => o.Pledge.PaidVnd > 0).Select(o => o.Pledge.Id).Distinct().ToList(), ct);
        var donorIds = open.Select(o => o.Pledge.DonorId).Distinct().ToList();
        var donors = await db.Donors.IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]).AsNoTracking().Where(d => donorIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, ct);
        var gifts = new List<BatchGift>();
        var giftLines = new List<(BankStatementLine Line, Pledge Pledge)>();
        foreach (var (line, pledge) in open)
        {
            var receipt = byHand.FirstOrDefault(c => c.PledgeId == pledge.Id && c.AmountVnd == line.AmountVnd
                && Math.Abs(c.ReceivedOn.DayNumber - line.TransactionDate.DayNumber) <= HandRecordedDays);
            if (receipt is not null)
            {
                byHand.Remove(receipt);
                marks.Add(new(line.Id, BankLineStatus.AlreadyRecorded, pledge.Id, receipt.Id));
                run.Linked.Add(new(line.RowNumber, line.AmountVnd, receipt.ReceiptNumber));
                continue;
            }
            var input = Input(run.Account, line, pledge.DonorId, pledge.CampaignId, pledge.Id, ContributionChannel.BankStatement);
            ContributionRules.TakeFromPledge(input, pledge);
            var errors = ContributionRules.Validate(input, run.Today, out var amount);
            if (!donors.TryGetValue(pledge.DonorId, out var donor)) errors[nameof(input.DonorId)] = "Không tìm thấy nhà tài trợ này.";
            if (run.Unit is null) errors[nameof(input.AdminUnitId)] = "Đơn vị tiếp nhận không tồn tại.";
            else if (!run.Unit.IsValidOn(input.ReceivedOn))
                errors[nameof(input.AdminUnitId)] = $"{run.Unit.Name} không có hiệu lực vào ngày nhận {VietnameseFormat.Date(input.ReceivedOn)}; chọn đơn vị đang có hiệu lực ngày đó.";
            Campaign? campaign = null;
            if (pledge.CampaignId is { } campaignId)
            {
                if (!run.CampaignsById.TryGetValue(campaignId, out campaign)) errors[nameof(input.CampaignId)] = "Chiến dịch không tồn tại.";
                else if (campaign.Status != CampaignStatus.Active) errors[nameof(input.CampaignId)] = "Chiến dịch này không còn nhận ủng hộ.";
            }
            if (errors.Count > 0)
            {
                run.Problems.Add($"Dòng {line.RowNumber}: {string.Join(" ", errors.Values)}");
                continue;
            }
            gifts.Add(new BatchGift(input, donor!, campaign, amount));
            giftLines.Add((line, pledge));
        }
        var receipts = await batchBooking.BookAsync(gifts, run.IsDemo, ct);
        for (var i = 0; i < receipts.Count; i++)
            marks.Add(new(giftLines[i].Line.Id, BankLineStatus.Matched, giftLines[i].Pledge.Id, receipts[i].Id));
        run.Matched += receipts.Count;
        await MarkAsync(marks, ct);
    }

    /// <summary>Receipts of these pledges that staff recorded by hand and no statement line is linked to yet (see <see cref="LinkToHandRecordedAsync"/>).</summary>
    private async Task<List<HandRecorded>> HandRecordedAsync(List<int> pledgeIds, CancellationToken ct) =>
        pledgeIds.Count == 0 ? [] : await db.Contributions.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.PledgeId != null && pledgeIds.Contains(c.PledgeId.Value) && c.Reversal == null
                && (c.Channel == ContributionChannel.Transfer || (c.Channel == ContributionChannel.Staff && c.Method == ContributionMethod.BankTransfer))
                && !db.BankStatementLines.IgnoreQueryFilters().Any(l => l.ContributionId == c.Id))
            .OrderBy(c => c.ReceivedOn).ThenBy(c => c.Id)
            .Select(c => new HandRecorded(c.Id, c.ReceiptNumber, c.PledgeId!.Value, c.AmountVnd, c.ReceivedOn)).ToListAsync(ct);

    private sealed record HandRecorded(int Id, string ReceiptNumber, int PledgeId, long AmountVnd, DateOnly ReceivedOn);

    private sealed record LineMark(long LineId, BankLineStatus Status, int? PledgeId, int ContributionId);

    /// <summary>
    /// Marks many lines in one statement on PostgreSQL (arrays unnested), or with one prepared UPDATE run per line on
    /// SQLite (in-process, no round trip). The UNIQUE index on contribution_id still refuses two lines for one receipt.
    /// </summary>
    private async Task MarkAsync(List<LineMark> marks, CancellationToken ct)
    {
        if (marks.Count == 0) return;
        if (db.Database.IsNpgsql())
        {
            await using var update = db.Command(
                "UPDATE bank_statement_lines SET status = m.status, pledge_id = m.pledge_id, contribution_id = m.contribution_id " +
                "FROM unnest(@ids, @statuses, @pledges, @contributions) AS m(id, status, pledge_id, contribution_id) WHERE bank_statement_lines.id = m.id",
                ("@ids", marks.Select(m => m.LineId).ToArray()), ("@statuses", marks.Select(m => m.Status.ToString()).ToArray()),
                ("@pledges", marks.Select(m => m.PledgeId).ToArray()), ("@contributions", marks.Select(m => m.ContributionId).ToArray()));
            await update.ExecuteNonQueryAsync(ct);
            return;
        }
        await using var one = db.Command(
            "UPDATE bank_statement_lines SET status = @status, pledge_id = @pledge, contribution_id = @contribution WHERE id = @id",
            ("@status", ""), ("@pledge", 0), ("@contribution", 0), ("@id", 0L));
        await one.PrepareAsync(ct);
        foreach (var m in marks)
        {
            one.Parameters["@status"].Value = m.Status.ToString();
            one.Parameters["@pledge"].Value = (object?)m.PledgeId ?? DBNull.Value;
            one.Parameters["@contribution"].Value = m.ContributionId;
            one.Parameters["@id"].Value = m.LineId;
            await one.ExecuteNonQueryAsync(ct);
        }
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
        if (await LinkToHandRecordedAsync(line, pledge.DonorId, pledge.Id, ct) is not null)
            return Outcome<Contribution>.Ok((await db.Contributions.FindAsync([line.ContributionId!.Value], ct))!);
        var account = await db.BankAccounts.AsNoTracking().FirstAsync(a => a.Id == line.BankAccountId, ct);
        var problem = await BookAsync(account, line, pledge.DonorId, pledge.CampaignId, pledge.Id, ContributionChannel.BankStatement, ct);
        return problem is null ? Outcome<Contribution>.Ok((await db.Contributions.FindAsync([line.ContributionId!.Value], ct))!)
            : Outcome<Contribution>.Fail("PledgeReference", problem);
    }

    /// <summary>
    /// A gift nobody pledged: to a donor staff picked, to a new donor named here (in the account's unit, name shown as the
    /// donor chose — unknown, so amount only under the name), or anonymous. Campaign: the account's, if it has one.
    /// </summary>
    public const string BothDonors = "Chọn một nhà tài trợ có sẵn hoặc gõ tên nhà tài trợ mới, không cả hai.";

    public async Task<Outcome<Contribution>> RecordUnsolicitedAsync(long lineId, int? donorId, string? newDonorName, CancellationToken ct = default,
        bool isDemo = false)
    {
        var line = await WaitingLineAsync(lineId, ct);
        if (line is null) return Outcome<Contribution>.Fail("Line", NotWaiting);
        var account = await db.BankAccounts.AsNoTracking().FirstAsync(a => a.Id == line.BankAccountId, ct);
        int donor;
        if (donorId is not null && !string.IsNullOrWhiteSpace(newDonorName))
            return Outcome<Contribution>.Fail("NewDonorName", BothDonors);
        if (donorId is { } picked)
        {
            if (!await db.Donors.IgnoreQueryFilters([Security.ScopeFilters.Unit<Donor>()]).AnyAsync(d => d.Id == picked, ct))
                return Outcome<Contribution>.Fail("DonorId", "Không tìm thấy nhà tài trợ này: hãy tìm lại.");
            // The donor's transfer staff already recorded on the receipt form: link, never book twice.
            if (await LinkToHandRecordedAsync(line, picked, null, ct) is not null)
                return Outcome<Contribution>.Ok((await db.Contributions.FindAsync([line.ContributionId!.Value], ct))!);
            donor = picked;
        }
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
        var problem = await BookAsync(account, line, donor, account.CampaignId, null, ContributionChannel.Unsolicited, ct, isDemo);
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
        ContributionChannel channel, CancellationToken ct, bool isDemo = false)
    {
        var outcome = await contributions.RecordAsync(Input(account, line, donorId, campaignId, pledgeId, channel), ct, isDemo);
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

    private static ContributionInput Input(BankAccount account, BankStatementLine line, int donorId, int? campaignId, int? pledgeId, ContributionChannel channel) => new()
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
    };

    /// <summary>How far apart the bank's date and the date staff typed may be for the same transfer (weekends, late entry).</summary>
    public const int HandRecordedDays = 3;

    /// <summary>
    /// Staff record a transfer they see in the bank app before the statement comes (channel Transfer, or the receipt
    /// form with method bank transfer). When the statement line arrives, it is the same money: the same pledge (or, with
    /// no pledge, the same donor), the same amount, a date within <see cref="HandRecordedDays"/>, not reversed, and no
    /// statement line linked to it yet. Then the line is linked to that receipt (status AlreadyRecorded) instead of
    /// booked again. Returns the receipt number, or null when there is no such receipt (the caller books the line).
    /// </summary>
    private async Task<string?> LinkToHandRecordedAsync(BankStatementLine line, int donorId, int? pledgeId, CancellationToken ct)
    {
        var (from, to) = (line.TransactionDate.AddDays(-HandRecordedDays), line.TransactionDate.AddDays(HandRecordedDays));
        var byHand = db.Contributions.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.AmountVnd == line.AmountVnd && c.ReceivedOn >= from && c.ReceivedOn <= to && c.Reversal == null
                && (c.Channel == ContributionChannel.Transfer || (c.Channel == ContributionChannel.Staff && c.Method == ContributionMethod.BankTransfer))
                && !db.BankStatementLines.IgnoreQueryFilters().Any(l => l.ContributionId == c.Id));
        byHand = pledgeId is { } pledge ? byHand.Where(c => c.PledgeId == pledge) : byHand.Where(c => c.DonorId == donorId && c.PledgeId == null);
        var receipt = await byHand.OrderBy(c => c.ReceivedOn).ThenBy(c => c.Id).Select(c => new { c.Id, c.ReceiptNumber }).FirstOrDefaultAsync(ct);
        if (receipt is null) return null;
        var tracked = await db.BankStatementLines.FirstAsync(l => l.Id == line.Id, ct);
        tracked.Status = BankLineStatus.AlreadyRecorded;
        tracked.PledgeId = pledgeId;
        tracked.ContributionId = receipt.Id;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another line won that receipt (the UNIQUE index on contribution_id): this one is new money after all.
            db.ChangeTracker.Clear();
            return null;
        }
        line.ContributionId = receipt.Id;
        return receipt.ReceiptNumber;
    }

    /// <summary>bank:&lt;account code&gt;:&lt;the line's key&gt;, e.g. bank:VCB-QUY:id:5243.90051.</summary>
    public static string ExternalId(BankAccount account, BankStatementLine line) => $"bank:{account.Code}:{line.DedupeKey}";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
