using System.Net;
using System.Text.Json;
using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Media;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace ChildAid.Tests.Expenses;

/// <summary>
/// The public copy of an expense's original with personal data blacked out: only of an approved expense, only an image,
/// re-drawn without metadata; PublicSite serves it by the original's hash and the trace of a gift links it; withdrawn, it
/// is gone; the database refuses a copy of anything else; the audit trail records its length, never its bytes.
/// </summary>
public abstract class PublicExpenseCopyTests(DatabaseProvider provider) : ExpenseTest(provider)
{
    /// <summary>A small PNG with a text chunk standing in for metadata a phone would add (the place it was taken).</summary>
    public static byte[] Png()
    {
        using var bitmap = new SKBitmap(120, 80);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = SKColors.Black };
            canvas.DrawRect(10, 10, 60, 20, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var png = data.ToArray();
        // tEXt chunk "Location\0Ia Dal 13.9N 108.1E" after IHDR (8-byte signature + 25-byte IHDR chunk).
        var text = System.Text.Encoding.Latin1.GetBytes("Location\0Ia Dal 13.9N 108.1E");
        var type = "tEXt"u8.ToArray();
        var chunk = new List<byte>();
        chunk.AddRange(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(text.Length)));
        chunk.AddRange(type);
        chunk.AddRange(text);
        chunk.AddRange(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(Crc32([.. type, .. text]))));
        return [.. png[..33], .. chunk, .. png[33..]];
    }

    /// <summary>PNG's CRC-32 (ISO 3309) of a chunk's type and data.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private Task<T> CopyAsAsync<T>(Needs.Person person, Func<PublicExpenseCopies, Task<T>> act) =>
        ActAsAsync<ExpenseService, T>(person, (_, db) => act(new PublicExpenseCopies(db,
            new ImageProcessor(Options.Create(new MediaOptions())), TimeProvider.System)));

    [Fact]
    public async Task A_copy_of_an_approved_expenses_original_is_served_by_the_originals_hash_linked_from_the_trace_and_can_be_withdrawn()
    {
        var allocation = await AllocatedAsync(1_000_000);
        var expense = Ok(await ProposeAsync(Input((allocation.Id, 400_000))));
        int documentId;
        await using (var db = Db.NewContext()) documentId = (await db.ExpenseDocuments.SingleAsync()).Id;
        var original = InvoicePdf(expense.Id);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(original));

        // Not before approval; never a PDF (black boxes over a PDF's text hide nothing).
        var early = await CopyAsAsync(W.Approver, c => c.PublishAsync(expense.Id, documentId, Png()));
        Assert.Equal(PublicExpenseCopies.OnlyApproved, early.Errors[PublicExpenseCopies.Field]);
        Assert.True((await ApproveAsync(expense.Id)).Booked);
        Assert.False((await CopyAsAsync(W.Approver, c => c.PublishAsync(expense.Id, documentId, original))).Succeeded);
        // Another commune's staff do not find the document.
        Assert.Equal(ExpenseService.NotFound, (await CopyAsAsync(W.OtherCommune, c => c.PublishAsync(expense.Id, documentId, Png()))).Errors[PublicExpenseCopies.Field]);

        var copy = Ok(await CopyAsAsync(W.Approver, c => c.PublishAsync(expense.Id, documentId, Png())));
        Assert.Equal(hash, copy.OriginalSha256);
        Assert.Equal((120, 80), (copy.Width, copy.Height));

        await using var site = new PublicSiteFactory(Db);
        var client = site.CreateClient();
        var image = await client.GetAsync($"/api/v1/documents/{hash}.jpg");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        var bytes = await image.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        Assert.DoesNotContain("Ia Dal 13.9N", System.Text.Encoding.Latin1.GetString(bytes));
        Assert.NotEqual(hash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/documents/{new string('a', 64)}.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/documents/..%2F..%2Fetc.jpg")).StatusCode);

        var receipt = await FirstReceiptNumberAsync();
        using (var trace = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/trace/{receipt}")))
        {
            var spent = trace.RootElement.GetProperty("allocations")[0].GetProperty("expenses")[0];
            var listed = Assert.Single(spent.GetProperty("publicCopies").EnumerateArray());
            Assert.Equal(hash, listed.GetProperty("originalSha256").GetString());
            Assert.Equal($"/api/v1/documents/{hash}.jpg", listed.GetProperty("url").GetString());
        }

        await using (var db = Db.NewContext())
        {
            // The trail says who published it and how large, never the image.
            var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(PublicExpenseCopy));
            Assert.Contains($"\"Bytes\":\"{copy.Bytes.Length} bytes\"", audit.After);
            // Whoever writes, the database takes a copy only of an approved expense's original.
            var (unknown, any, one) = (new string('b', 64), new string('c', 64), new byte[] { 0 });
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync(
                $"INSERT INTO public_expense_copies (original_sha256, kind, bytes, sha256, width, height, published_on) VALUES ({unknown}, 'Invoice', {one}, {any}, 1, 1, {new DateOnly(2026, 12, 1)})"));
            Assert.Contains("public_expense_copies", refused.Message, StringComparison.Ordinal);
        }

        Assert.True(await CopyAsAsync(W.Approver, c => c.WithdrawAsync(expense.Id, documentId)));
        await using var after = new PublicSiteFactory(Db);
        Assert.Equal(HttpStatusCode.NotFound, (await after.CreateClient().GetAsync($"/api/v1/documents/{hash}.jpg")).StatusCode);
    }

    private async Task<string> FirstReceiptNumberAsync()
    {
        await using var db = Db.NewContext();
        return await db.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.Receipt).Select(e => e.ReceiptNumber!).FirstAsync();
    }
}

public class PublicExpenseCopyTestsOnSqlite() : PublicExpenseCopyTests(DatabaseProvider.Sqlite);

public class PublicExpenseCopyTestsOnPostgres() : PublicExpenseCopyTests(DatabaseProvider.Postgres);
