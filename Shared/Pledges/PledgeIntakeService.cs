using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Pledges;

/// <summary>The answer to a submitted pledge: its public status, and whether this request made it or found it.</summary>
public sealed record PledgeSubmission(PledgeStatus Status, bool Created, bool KeyUsedForAnotherPledge);

/// <summary>
/// Takes a validated pledge into pledge_intake exactly once per Idempotency-Key. There is no "does it exist?" read first
/// (the intake login could not read the table anyway): the row is inserted, and when the database refuses it because
/// the key's hash is already there, the pledge that key made is read back through the status view. Two retries racing
/// each other therefore get the same pledge: the UNIQUE index decides which insert won.
/// </summary>
public sealed class PledgeIntakeService(IntakeDbContext db, TimeProvider clock)
{
    private const int ReferenceAttempts = 5;

    public async Task<PledgeSubmission> SubmitAsync(PledgeRequest request, string? idempotencyKey, CancellationToken ct = default)
    {
        var keyHash = string.IsNullOrEmpty(idempotencyKey) ? null : PledgeIntake.HashIdempotencyKey(idempotencyKey);
        for (var attempt = 1; ; attempt++)
        {
            var intake = request.ToIntake(idempotencyKey, clock.GetUtcNow().UtcDateTime);
            db.PledgeIntake.Add(intake);
            try
            {
                await db.SaveChangesAsync(ct);
                return new PledgeSubmission(StatusOf(intake), Created: true, KeyUsedForAnotherPledge: false);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (keyHash is not null)
                {
                    var earlier = await db.PledgeStatus.AsNoTracking().FirstOrDefaultAsync(s => s.IdempotencyKeyHash == keyHash, ct);
                    if (earlier is not null)
                        return new PledgeSubmission(earlier, Created: false,
                            KeyUsedForAnotherPledge: earlier.AmountVnd != request.AmountVnd || earlier.CampaignSlug != request.Campaign?.Trim());
                }
                // Not the key: a reference drawn twice (1 in 700 million) — draw again; anything else is a real failure.
                if (attempt >= ReferenceAttempts) throw;
            }
        }
    }

    public Task<PledgeStatus?> StatusAsync(string reference, CancellationToken ct = default)
    {
        var code = PledgeReference.Normalize(reference);
        return code is null ? Task.FromResult<PledgeStatus?>(null) : db.PledgeStatus.AsNoTracking().FirstOrDefaultAsync(s => s.Reference == code, ct);
    }

    private static PledgeStatus StatusOf(PledgeIntake intake) => new()
    {
        Reference = intake.Reference, AmountVnd = intake.AmountVnd, Currency = intake.Currency, Status = PledgeStatus.Received,
        CampaignSlug = intake.CampaignSlug, IdempotencyKeyHash = intake.IdempotencyKeyHash,
        OriginalAmount = intake.OriginalAmount, ExchangeRate = intake.ExchangeRate, InstalmentsJson = intake.InstalmentsJson,
    };
}
