using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Checkups;

/// <summary>
/// Recomputes the stored z-scores of every measurement whose reference version is not the installed tables' (after
/// the tables change, or for rows saved while they were missing), in batches by id so memory stays flat and a run
/// that stops can simply be started again.
/// </summary>
public class GrowthRecompute(ChildAidDbContext db, GrowthReference growth)
{
    public const int BatchSize = 1000;

    /// <summary>Rows still to do for the installed tables.</summary>
    public Task<int> PendingAsync(CancellationToken ct = default)
    {
        var version = growth.Calculator.ReferenceVersion;
        return db.Measurements.IgnoreQueryFilters().CountAsync(m => m.ReferenceVersion == null || m.ReferenceVersion != version, ct);
    }

    /// <summary>Returns how many rows were recomputed; <paramref name="progress"/> hears (done, total) after each batch.</summary>
    /// <exception cref="GrowthReferenceException">The tables are missing or damaged; the message says how to install them.</exception>
    public async Task<int> RunAsync(Action<int, int>? progress = null, CancellationToken ct = default)
    {
        var calculator = growth.Calculator;
        var version = calculator.ReferenceVersion;
        var total = await PendingAsync(ct);
        var done = 0;
        long after = 0;
        while (true)
        {
            var batch = await db.Measurements.IgnoreQueryFilters()
                .Where(m => m.Id > after && (m.ReferenceVersion == null || m.ReferenceVersion != version))
                .OrderBy(m => m.Id).Take(BatchSize)
                .Select(m => new { Measurement = m, m.Child!.Sex, m.Child.DateOfBirth, m.Child.ErasedOn, m.Session!.HeldOn })
                .ToListAsync(ct);
            if (batch.Count == 0) break;
            // An erased child has no date of birth any more: the age stored with the measurement stands for it.
            foreach (var row in batch)
                MeasurementScores.Apply(row.Measurement, row.Sex,
                    row.ErasedOn is not null && row.Measurement.AgeDays is { } age ? row.HeldOn.AddDays(-age) : row.DateOfBirth, row.HeldOn, calculator);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            after = batch[^1].Measurement.Id;
            done += batch.Count;
            progress?.Invoke(done, total);
        }
        return done;
    }
}
