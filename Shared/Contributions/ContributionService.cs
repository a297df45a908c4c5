using System.Globalization;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.HonorRoll;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Text;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Contributions;

/// <summary>
/// Records gifts and their reversals. Each one is a single transaction that takes the ledger head lock first,
/// then the fiscal year's receipt counter, so receipt numbers are gapless and the hash chain has no forks,
/// however many people record at once.
/// </summary>
public class ContributionService(ChildAidDbContext db, LedgerWriter ledger, AuditActor actor, TimeProvider clock)
{
    /// <param name="isDemo">Only the demo loader says so; a receipt is never edited afterwards to mark it.</param>
    public async Task<Outcome<Contribution>> RecordAsync(ContributionInput input, CancellationToken ct = default, bool isDemo = false)
    {
        var errors = ContributionRules.Validate(input, Today(), out var amountVnd);
        // The donor query goes through the unit scope filter: a donor outside the user's units does not exist for them.
        var donor = input.DonorId > 0 ? await db.Donors.FirstOrDefaultAsync(d => d.Id == input.DonorId, ct) : null;
        if (input.DonorId > 0 && donor is null) errors[nameof(input.DonorId)] = "Không tìm thấy nhà tài trợ trong phạm vi đơn vị của bạn.";
        if (input.AdminUnitId > 0 && !InScope(input.AdminUnitId)) errors[nameof(input.AdminUnitId)] = "Bạn không được ghi nhận cho đơn vị này.";
        else if (input.AdminUnitId > 0 && !await db.AdminUnits.AnyAsync(u => u.Id == input.AdminUnitId, ct)) errors[nameof(input.AdminUnitId)] = "Đơn vị tiếp nhận không tồn tại.";
        Campaign? campaign = null;
        if (input.CampaignId is { } campaignId)
        {
            campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, ct);
            if (campaign is null) errors[nameof(input.CampaignId)] = "Chiến dịch không tồn tại.";
            else if (campaign.Status != CampaignStatus.Active) errors[nameof(input.CampaignId)] = "Chiến dịch này không còn nhận ủng hộ.";
        }
        if (errors.Count > 0) return Outcome<Contribution>.Fail(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var slot = await ledger.ReserveSlotAsync(ct);

        // Checked under the lock, so two identical posts racing each other still book once.
        if (input.IdempotencyKey is { } key &&
            await db.Contributions.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.IdempotencyKey == key, ct) is { } existing)
        {
            await tx.RollbackAsync(ct);
            return Outcome<Contribution>.Ok(existing);
        }

        var (year, number) = await NextReceiptNumberAsync(input.ReceivedOn.Year, ct);
        var currency = input.Method == ContributionMethod.InKind ? null : input.OriginalCurrency?.Trim().ToUpperInvariant().NullIfEmpty();
        var contribution = new Contribution
        {
            ReceiptNumber = FormatReceiptNumber(year, number),
            FiscalYear = year,
            ReceiptSequence = number,
            DonorId = donor!.Id,
            CampaignId = campaign?.Id,
            Method = input.Method,
            AmountVnd = amountVnd,
            OriginalCurrency = currency,
            OriginalAmount = currency is null ? null : input.OriginalAmount,
            ExchangeRate = currency is null ? null : input.ExchangeRate,
            ReceivedOn = input.ReceivedOn,
            AdminUnitId = input.AdminUnitId,
            Message = input.Message?.Trim().NullIfEmpty(),
            Note = input.Note?.Trim().NullIfEmpty(),
            GoodsLines = input.Method == ContributionMethod.InKind
                ? input.GoodsLines.Where(l => !string.IsNullOrWhiteSpace(l.Item)).Select(l => new ContributionGoodsLine
                {
                    Item = l.Item!.Trim(), Quantity = l.Quantity!.Value, Unit = l.Unit!.Trim(), UnitValueVnd = l.UnitValueVnd!.Value,
                }).ToList()
                : [],
            RecordedById = actor.UserId ?? actor.Name,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            LedgerSequence = slot.Sequence,
            IdempotencyKey = input.IdempotencyKey,
            IsDemo = isDemo,
        };
        var entry = await ledger.WriteAsync(slot, new LedgerEntry
        {
            ValueDate = contribution.ReceivedOn,
            Kind = LedgerEntryKind.Receipt,
            AmountVnd = contribution.AmountVnd,
            Currency = contribution.OriginalCurrency,
            OriginalAmount = contribution.OriginalAmount,
            ExchangeRate = contribution.ExchangeRate,
            CampaignId = contribution.CampaignId,
            ReceiptNumber = contribution.ReceiptNumber,
            Description = PublicDescription(contribution),
            DonorDisplay = DonorDisplay.StatementName(donor.DisplayChoice, donor.Name),
        }, ct);
        db.Contributions.Add(contribution);
        await HonorRollProjection.AddAsync(db, donor, contribution.CampaignId, contribution.Message, entry, +1, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<Contribution>.Ok(contribution);
    }

    public async Task<Outcome<ContributionReversal>> ReverseAsync(int contributionId, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<ContributionReversal>.Fail("Reason", "Vui lòng nhập lý do hủy phiếu thu.");
        if (reason.Length > 500) return Outcome<ContributionReversal>.Fail("Reason", "Lý do tối đa 500 ký tự.");
        var contribution = await db.Contributions.Include(c => c.Donor).FirstOrDefaultAsync(c => c.Id == contributionId, ct);
        if (contribution is null) return Outcome<ContributionReversal>.Fail("Reason", "Không tìm thấy phiếu thu trong phạm vi đơn vị của bạn.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var slot = await ledger.ReserveSlotAsync(ct);
        if (await db.ContributionReversals.AnyAsync(r => r.ContributionId == contributionId, ct))
        {
            await tx.RollbackAsync(ct);
            return Outcome<ContributionReversal>.Fail("Reason", $"Phiếu thu {contribution.ReceiptNumber} đã được hủy trước đó.");
        }

        var reversal = new ContributionReversal
        {
            ContributionId = contribution.Id,
            Reason = reason.Trim(),
            ReversedById = actor.UserId ?? actor.Name,
            ReversedAt = clock.GetUtcNow().UtcDateTime,
            LedgerSequence = slot.Sequence,
        };
        var donor = contribution.Donor!;
        var entry = await ledger.WriteAsync(slot, new LedgerEntry
        {
            ValueDate = DateOnly.FromDateTime(reversal.ReversedAt.AddHours(7)),
            Kind = LedgerEntryKind.Reversal,
            AmountVnd = -contribution.AmountVnd,
            Currency = contribution.OriginalCurrency,
            OriginalAmount = -contribution.OriginalAmount,
            ExchangeRate = contribution.ExchangeRate,
            CampaignId = contribution.CampaignId,
            ReceiptNumber = contribution.ReceiptNumber,
            Description = $"Hủy phiếu thu {contribution.ReceiptNumber}: {reversal.Reason}",
            DonorDisplay = DonorDisplay.StatementName(donor.DisplayChoice, donor.Name),
            ReversesSequence = contribution.LedgerSequence,
        }, ct);
        db.ContributionReversals.Add(reversal);
        await HonorRollProjection.AddAsync(db, donor, contribution.CampaignId, contribution.Message, entry, -1, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<ContributionReversal>.Ok(reversal);
    }

    public static string FormatReceiptNumber(int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{year}-{number:000000}");

    /// <summary>The public line of the statement: how it came, and what, never who recorded it or private notes.</summary>
    public static string PublicDescription(Contribution c) => c.Method switch
    {
        ContributionMethod.Cash when c.OriginalCurrency is not null => $"Tiền mặt ({ForeignText(c)})",
        ContributionMethod.Cash => "Tiền mặt",
        ContributionMethod.BankTransfer when c.OriginalCurrency is not null => $"Chuyển khoản ({ForeignText(c)})",
        ContributionMethod.BankTransfer => "Chuyển khoản",
        ContributionMethod.InKind => "Hiện vật: " + string.Join(", ", c.GoodsLines.Select(l =>
            $"{l.Quantity.ToString("#,0", VietnameseFormat.Culture)} {l.Unit} {l.Item}")),
        _ => c.Method.ToString(),
    };

    private static string ForeignText(Contribution c) =>
        $"{c.OriginalAmount!.Value.ToString("#,0.##", VietnameseFormat.Culture)} {c.OriginalCurrency} × {c.ExchangeRate!.Value.ToString("#,0.######", VietnameseFormat.Culture)}";

    private async Task<(int Year, int Number)> NextReceiptNumberAsync(int year, CancellationToken ct)
    {
        await using (var insert = db.Command(
            "INSERT INTO receipt_counters (fiscal_year, last_number) VALUES (@year, 0) ON CONFLICT (fiscal_year) DO NOTHING", ("@year", year)))
            await insert.ExecuteNonQueryAsync(ct);
        await using var next = db.Command(
            "UPDATE receipt_counters SET last_number = last_number + 1 WHERE fiscal_year = @year RETURNING last_number", ("@year", year));
        return (year, Convert.ToInt32(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
    }

    private bool InScope(int unitId) => db.UnitScope is null || db.UnitScope.Contains(unitId);

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(7));
}

internal static class StringExtensions
{
    public static string? NullIfEmpty(this string? s) => string.IsNullOrEmpty(s) ? null : s;
}
