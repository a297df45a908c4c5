using System.Security.Cryptography;
using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Expenses;

/// <summary>
/// The originals of an expense: PDF, JPEG or PNG up to 10 MB, stored privately with their SHA-256, which every ledger entry
/// of the approval lists; the entries verify, a changed hash does not, the database keeps the files as they were.
/// </summary>
public abstract class ExpenseDocumentTests(DatabaseProvider provider) : ExpenseTest(provider)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task Approval_needs_the_invoice_and_lists_the_sha256_of_every_original_in_each_entry_which_verifies()
    {
        var meals = await AllocatedAsync(1_000_000);
        var jackets = await AllocatedAsync(900_000, W.Jackets);
        var proposed = Ok(await ProposeAsync(Input((meals.Id, 300_000), (jackets.Id, 200_000)), withInvoice: false));

        Assert.Equal(ExpenseService.NoInvoice, (await ApproveAsync(proposed.Id)).Problem);
        var invoice = InvoicePdf(proposed.Id);
        var stored = Ok(await SpendAsAsync(W.Proposer, s => s.AddDocumentAsync(proposed.Id, ExpenseDocumentKind.Invoice, @"C:\scan\hoá đơn <11>.PDF", invoice)));
        Assert.Equal("hoá đơn 11.pdf", stored.FileName);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(invoice)), stored.Sha256);
        Ok(await SpendAsAsync(W.Approver, s => s.AddDocumentAsync(proposed.Id, ExpenseDocumentKind.ProofOfPayment, "uy-nhiem-chi.png", Png)));

        Assert.True((await ApproveAsync(proposed.Id)).Booked);

        var ledger = await LedgerAsync();
        var expected = LedgerDocuments.Of([invoice, Png]);
        var entries = ledger.Where(e => e.Kind == LedgerEntryKind.Expense).ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(expected, e.Documents));
        var verification = await LedgerVerifier.VerifyAsync(ledger.ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Null(await SpendAsAsync(W.Approver, s => s.VerifyDocumentsAsync(proposed.Id)));

        // A changed hash in an entry breaks the chain.
        entries[0].Documents = LedgerDocuments.Of([Png]);
        Assert.False((await LedgerVerifier.VerifyAsync(ledger.ToAsyncEnumerable())).IsIntact);

        // The files stay as they were: no change, no deletion, nothing added after the approval.
        await using var db = Db.NewContext();
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE expense_documents SET sha256 = {0}", new string('0', 64))));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM expense_document_contents")));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM expense_documents")));
        var late = await SpendAsAsync(W.Approver, s => s.AddDocumentAsync(proposed.Id, ExpenseDocumentKind.Invoice, "x.pdf", invoice));
        Assert.Equal("Chỉ tải tệp lên khoản chi đang chờ duyệt.", late.Errors["File"]);
        Assert.Equal(2, await db.ExpenseDocuments.CountAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ExpenseDocumentContent)));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ExpenseDocument) && a.Action == "Added"));
    }

    [Fact]
    public async Task Only_pdf_jpeg_or_png_up_to_the_limit_and_only_staff_of_the_commune_read_them()
    {
        var meals = await AllocatedAsync(1_000_000);
        var proposed = Ok(await ProposeAsync(Input((meals.Id, 300_000))));

        var html = await SpendAsAsync(W.Proposer, s => s.AddDocumentAsync(proposed.Id, ExpenseDocumentKind.Invoice, "hoa-don.pdf", "<html>hoá đơn</html>"u8.ToArray()));
        Assert.Equal("Chỉ nhận tệp PDF, JPEG hoặc PNG.", html.Errors["File"]);
        var big = new byte[ExpenseService.MaxDocumentBytes + 1];
        "%PDF-"u8.CopyTo(big);
        Assert.Equal("Tệp tối đa 10 MB.", (await SpendAsAsync(W.Proposer, s => s.AddDocumentAsync(proposed.Id, ExpenseDocumentKind.Invoice, "to.pdf", big))).Errors["File"]);
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 };
        var photo = Ok(await SpendAsAsync(W.Proposer, s => s.AddDocumentAsync(proposed.Id, ExpenseDocumentKind.ProofOfPayment, "anh.png", jpeg)));
        Assert.Equal("image/jpeg", photo.ContentType);
        Assert.Equal("anh.jpg", photo.FileName);

        var read = await SpendAsAsync(W.Approver, s => s.ReadDocumentAsync(proposed.Id, photo.Id));
        Assert.Equal(jpeg, read!.Value.Bytes);
        Assert.Null(await SpendAsAsync(W.OtherCommune, s => s.ReadDocumentAsync(proposed.Id, photo.Id)));
        Assert.False((await SpendAsAsync(W.OtherCommune, s => s.AddDocumentAsync(proposed.Id, ExpenseDocumentKind.Invoice, "x.pdf", InvoicePdf(1)))).Succeeded);

        // The stored hash is checked against the bytes before anything is booked.
        await using var db = Db.NewContext();
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE expense_document_contents SET bytes = {0}", new byte[] { 1 })));
    }
}

public class ExpenseDocumentTestsOnSqlite() : ExpenseDocumentTests(DatabaseProvider.Sqlite);

public class ExpenseDocumentTestsOnPostgres() : ExpenseDocumentTests(DatabaseProvider.Postgres);
