using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.TransparencyLog;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.TransparencyLog;

/// <summary>
/// Many chained ledger entries written straight into the table (the booking core is not what these tests are about,
/// and hundreds of bookings would be slow), and the tree's leaf hashes computed independently of the stored tiles.
/// </summary>
public static class LogTestLedger
{
    public static async Task AppendAsync(TestDatabase database, int count)
    {
        await using var db = database.NewContext();
        var last = await db.LedgerEntries.OrderByDescending(e => e.Sequence).FirstOrDefaultAsync();
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash.Trim() ?? LedgerCanonicalForm.GenesisHash;
        for (var i = 0; i < count; i++)
        {
            sequence++;
            var entry = new LedgerEntry
            {
                Sequence = sequence, FormatVersion = 2, RecordedAt = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc).AddSeconds(sequence),
                ValueDate = new DateOnly(2026, 12, 1), Kind = LedgerEntryKind.Receipt, AmountVnd = 10_000 * sequence,
                ReceiptNumber = $"2026-{sequence:000000}", Description = $"Ủng hộ số {sequence}", DonorDisplay = "",
                PreviousHash = previous,
            };
            entry.Hash = LedgerCanonicalForm.ComputeHash(entry);
            entry.SearchText = LedgerWriter.SearchTextOf(entry);
            db.LedgerEntries.Add(entry);
            previous = entry.Hash;
        }
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE ledger_heads SET last_sequence = {0}, last_hash = {1} WHERE id = 1", sequence, previous);
    }

    public static async Task<List<byte[]>> LeafHashesAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return [.. (await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync()).Select(LogEntryBytes.LeafHashOf)];
    }

    public static async Task<LogCatchUp> CatchUpAsync(TestDatabase database, int batchSize = LogAppender.DefaultBatch)
    {
        await using var db = database.NewContext();
        return await new LogAppender(db).CatchUpAsync(batchSize);
    }
}
