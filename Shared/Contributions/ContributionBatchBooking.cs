using System.Globalization;
using System.Text.Json;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.HonorRoll;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Mail;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Contributions;

/// <summary>A gift of a batch, checked by the caller as <see cref="ContributionService.RecordAsync"/> checks one.</summary>
public sealed record BatchGift(ContributionInput Input, Donor Donor, Campaign? Campaign, long AmountVnd);

/// <summary>
/// Books many gifts at once inside the caller's transaction, for a bank statement of tens of thousands of lines: the
/// same rows as <see cref="ContributionBooking"/> writes for each gift (receipt number, contribution, ledger entry,
/// verified-gift key, honor roll, payment on the pledge, receipt and thank-you mails, one audit row per receipt), but
/// the ledger places and receipt numbers are taken with one UPDATE each for the whole batch, the hash chain is computed
/// in memory, and the rows are written with <see cref="BulkInsert"/> instead of one SaveChanges per gift. The ledger
/// head is locked first, as in the one-gift path, and stays locked until the caller commits: other bookings wait, so
/// the chain has no fork and receipt numbers no gap. Only for bank transfers in đồng without goods lines.
/// </summary>
public class ContributionBatchBooking(ChildAidDbContext db, LedgerWriter ledger, AuditActor actor, TimeProvider clock, ReceiptMails mails)
{
    /// <returns>The booked contributions in the order given, with their database ids.</returns>
    public async Task<IReadOnlyList<Contribution>> BookAsync(IReadOnlyList<BatchGift> gifts, bool isDemo, CancellationToken ct)
    {
        if (gifts.Count == 0) return [];
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A batch books inside the caller's transaction.");
        if (gifts.Any(g => g.Input.Method != ContributionMethod.BankTransfer || g.Input.OriginalCurrency is not null))
            throw new ArgumentException("The batch path books bank transfers in đồng only.", nameof(gifts));

        var slot = await ledger.ReserveSlotsAsync(gifts.Count, ct);
        var numbers = await ReceiptNumbersAsync(gifts, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var contributions = new List<Contribution>(gifts.Count);
        var entries = new List<LedgerEntry>(gifts.Count);
        var keys = new List<VerifiedGift>(gifts.Count);
        var honor = new List<HonorRollEntry>();
        var names = new List<(Donor Donor, int? CampaignId)>();
        for (var i = 0; i < gifts.Count; i++)
        {
            var (input, donor, campaign, amount) = gifts[i];
            var contribution = ContributionBooking.NewContribution(input, donor, campaign, amount, numbers[i], slot.Sequence, actor.UserId ?? actor.Name, now, isDemo);
            var entry = ledger.Seal(slot, ContributionBooking.ReceiptEntry(contribution, donor));
            slot = new LedgerSlot(entry.Sequence + 1, entry.Hash);
            contributions.Add(contribution);
            entries.Add(entry);
            keys.Add(new VerifiedGift { TokenHash = VerifiedGift.HashOf(contribution.VerifyToken)!, LedgerSequence = entry.Sequence });
            if (donor.DisplayChoice == DisplayChoice.NameOnly) names.Add((donor, contribution.CampaignId));
            else honor.Add(HonorRollProjection.EntryOf(donor, contribution.CampaignId, contribution.Message, entry, +1));
        }

        await BulkInsert.InsertAsync(db, entries, ct: ct);
        await ledger.MoveHeadAsync(entries[^1].Hash, ct);
        await BulkInsert.InsertAsync(db, contributions, ct: ct);
        await ReadIdsAsync(contributions, ct);
        await BulkInsert.InsertAsync(db, keys, ct: ct);
        await BulkInsert.InsertAsync(db, honor, ct: ct);
        await PaymentsAndNamesAsync(contributions, names, now, ct);
        // The demo data set is not mailed (synthetic donors), as in the one-gift path.
        if (!isDemo) await QueueMailsAsync(gifts, contributions, ct);
        await AuditAsync(contributions, now, ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE public_data_versions SET version = version + 1 WHERE id = 1", ct);
        return contributions;
    }

    /// <summary>One UPDATE per fiscal year in the batch: the counter moves by that year's count; numbers follow the batch's order.</summary>
    private async Task<(int Year, int Number)[]> ReceiptNumbersAsync(IReadOnlyList<BatchGift> gifts, CancellationToken ct)
    {
        var result = new (int Year, int Number)[gifts.Count];
        foreach (var year in gifts.Select(g => g.Input.ReceivedOn.Year).Distinct().Order())
        {
            var count = gifts.Count(g => g.Input.ReceivedOn.Year == year);
            await using (var insert = db.Command(
                "INSERT INTO receipt_counters (fiscal_year, last_number) VALUES (@year, 0) ON CONFLICT (fiscal_year) DO NOTHING", ("@year", year)))
                await insert.ExecuteNonQueryAsync(ct);
            await using var next = db.Command(
                "UPDATE receipt_counters SET last_number = last_number + @count WHERE fiscal_year = @year RETURNING last_number", ("@year", year), ("@count", count));
            var number = Convert.ToInt32(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) - count;
            for (var i = 0; i < gifts.Count; i++)
                if (gifts[i].Input.ReceivedOn.Year == year) result[i] = (year, ++number);
        }
        return result;
    }

    /// <summary>Bulk inserts do not read keys back: the receipt numbers (UNIQUE) find them, in one query.</summary>
    private async Task ReadIdsAsync(List<Contribution> contributions, CancellationToken ct)
    {
        var numbers = contributions.Select(c => c.ReceiptNumber).ToList();
        var ids = await db.Contributions.IgnoreQueryFilters().AsNoTracking().Where(c => numbers.Contains(c.ReceiptNumber))
            .Select(c => new { c.Id, c.ReceiptNumber }).ToDictionaryAsync(c => c.ReceiptNumber, c => c.Id, StringComparer.Ordinal, ct);
        foreach (var c in contributions) c.Id = ids[c.ReceiptNumber];
    }

    /// <summary>
    /// Payments on the pledges: the entity's own rule (<see cref="Pledges.Pledge.RecordPayment"/>) on the rows read once,
    /// written back with one statement (PostgreSQL) or one prepared UPDATE per pledge (SQLite), audited like an EF change.
    /// The name-only honor roll rows are few (one per donor and campaign) and go through EF.
    /// </summary>
    private async Task PaymentsAndNamesAsync(List<Contribution> contributions, List<(Donor Donor, int? CampaignId)> names, DateTime now, CancellationToken ct)
    {
        var pledgeIds = contributions.Where(c => c.PledgeId is not null).Select(c => c.PledgeId!.Value).Distinct().ToList();
        var pledges = await db.Pledges.IgnoreQueryFilters().AsNoTracking().Where(p => pledgeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var before = pledges.Values.ToDictionary(p => p.Id, p => new { p.PaidVnd, Status = p.Status.ToString() });
        foreach (var c in contributions)
            if (c.PledgeId is { } id) pledges[id].RecordPayment(c.AmountVnd); // bank lines are money, never goods
        await UpdatePledgesAsync(pledges.Values.ToList(), ct);
        if (!actor.Suppressed)
            await BulkInsert.InsertAsync(db, pledges.Values.Select(p => new AuditEntry
            {
                At = now, UserId = actor.UserId, Actor = actor.Name, EntityType = nameof(Pledges.Pledge),
                EntityKey = p.Id.ToString(CultureInfo.InvariantCulture), Action = "Modified", AdminUnitId = p.AdminUnitId, Label = p.Reference,
                Before = JsonSerializer.Serialize(before[p.Id]), After = JsonSerializer.Serialize(new { p.PaidVnd, Status = p.Status.ToString() }),
            }).ToList(), ct: ct);

        if (names.Count == 0) return;
        var donorKeys = names.Select(n => n.Donor.PublicKey).Distinct().ToList();
        var rows = await db.HonorRollNames.Where(n => donorKeys.Contains(n.DonorKey)).ToListAsync(ct);
        foreach (var (donor, campaignId) in names)
        {
            var row = rows.FirstOrDefault(n => n.DonorKey == donor.PublicKey && n.CampaignId == campaignId);
            if (row is null)
            {
                rows.Add(row = new HonorRollName { DonorKey = donor.PublicKey, CampaignId = campaignId, DisplayName = donor.Name.Trim() });
                db.HonorRollNames.Add(row);
            }
            row.NetGifts++;
            row.DisplayName = donor.Name.Trim();
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task UpdatePledgesAsync(List<Pledges.Pledge> pledges, CancellationToken ct)
    {
        if (pledges.Count == 0) return;
        if (db.Database.IsNpgsql())
        {
            await using var update = db.Command(
                "UPDATE pledges SET paid_vnd = m.paid_vnd, status = m.status FROM unnest(@ids, @paid, @statuses) AS m(id, paid_vnd, status) WHERE pledges.id = m.id",
                ("@ids", pledges.Select(p => p.Id).ToArray()), ("@paid", pledges.Select(p => p.PaidVnd).ToArray()),
                ("@statuses", pledges.Select(p => p.Status.ToString()).ToArray()));
            await update.ExecuteNonQueryAsync(ct);
            return;
        }
        await using var one = db.Command("UPDATE pledges SET paid_vnd = @paid, status = @status WHERE id = @id", ("@paid", 0L), ("@status", ""), ("@id", 0));
        await one.PrepareAsync(ct);
        foreach (var p in pledges)
        {
            one.Parameters["@paid"].Value = p.PaidVnd;
            one.Parameters["@status"].Value = p.Status.ToString();
            one.Parameters["@id"].Value = p.Id;
            await one.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task QueueMailsAsync(IReadOnlyList<BatchGift> gifts, List<Contribution> contributions, CancellationToken ct)
    {
        var messages = new List<MailOutboxMessage>();
        var links = new List<DonorLink>();
        for (var i = 0; i < gifts.Count; i++)
        {
            var (composed, link) = mails.Compose(contributions[i], gifts[i].Donor, gifts[i].Campaign);
            messages.AddRange(composed);
            if (link is not null) links.Add(link);
        }
        if (messages.Count == 0) return;
        await BulkInsert.InsertAsync(db, links, ct: ct);
        await BulkInsert.InsertAsync(db, messages, ct: ct);
        var withFiles = messages.Where(m => m.Attachments.Count > 0).ToList();
        if (withFiles.Count == 0) return;
        var dedupe = withFiles.Select(m => m.DedupeKey).ToList();
        var ids = await db.Set<MailOutboxMessage>().AsNoTracking().Where(m => dedupe.Contains(m.DedupeKey))
            .Select(m => new { m.Id, m.DedupeKey }).ToDictionaryAsync(m => m.DedupeKey, m => m.Id, StringComparer.Ordinal, ct);
        var files = withFiles.SelectMany(m => m.Attachments.Select(a => { a.MailOutboxMessageId = ids[m.DedupeKey]; return a; })).ToList();
        await BulkInsert.InsertAsync(db, files, ct: ct);
    }

    /// <summary>One audit row per receipt, as the interceptor writes for a contribution added through EF.</summary>
    private async Task AuditAsync(List<Contribution> contributions, DateTime now, CancellationToken ct)
    {
        if (actor.Suppressed) return;
        var rows = contributions.Select(c => new AuditEntry
        {
            At = now, UserId = actor.UserId, Actor = actor.Name,
            EntityType = nameof(Contribution), EntityKey = c.Id.ToString(CultureInfo.InvariantCulture), Action = "Added",
            AdminUnitId = c.AdminUnitId, Label = c.ReceiptNumber,
            After = JsonSerializer.Serialize(new
            {
                c.ReceiptNumber, c.DonorId, c.CampaignId, Method = c.Method.ToString(), c.AmountVnd, c.ReceivedOn, c.AdminUnitId,
                Channel = c.Channel.ToString(), c.ExternalId, c.PledgeId, c.LedgerSequence, c.Note,
            }),
        }).ToList();
        await BulkInsert.InsertAsync(db, rows, ct: ct);
    }
}
