using System.Net;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Security;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Expenses;

/// <summary>The expense pages through the real forms: propose from an allocation, upload the invoice, the proposer's approval answers 403, a colleague's books it; files only to the commune's staff.</summary>
public abstract class ExpensePagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task Propose_from_the_allocation_upload_the_invoice_and_a_colleague_approves_once_while_the_proposer_gets_403()
    {
        AllocationWorld w;
        await using (var db = Db.NewContext()) w = await AllocationWorld.CreateAsync(db);
        await StaffAsync("canbo-de-xuat", [Roles.ProgrammeOfficer], w.IaDal.Id);
        await StaffAsync("canbo-duyet", [Roles.CommuneOfficer], w.IaDal.Id);
        await StaffAsync("canbo-xa-khac", [Roles.CommuneOfficer], w.IaToi.Id);
        int allocationId;
        await using (var sp = Db.Services())
        {
            await using var scope = Scope(sp, "cli");
            var receipt = (await scope.ServiceProvider.GetRequiredService<Shared.Contributions.ContributionService>()
                .RecordAsync(TestData.Cash(w.DonorId, w.IaDal.Id, 3_000_000))).Value!;
            var allocations = scope.ServiceProvider.GetRequiredService<AllocationService>();
            allocationId = (await allocations.ProposeAsync(new AllocationInput { ContributionId = receipt.Id, NeedLineId = w.Meals.Id, AmountVnd = 1_500_000 })).Value!.Id;
        }
        var approver = await LogInAsync("canbo-duyet");
        var list = await approver.GetPageAsync("/Allocations?state=Proposed");
        Assert.Equal(HttpStatusCode.Redirect, (await approver.PostWithTokenAsync("/Allocations?handler=Approve", StaffClient.Token(list), new() { ["AllocationId"] = allocationId.ToString() })).StatusCode);

        var proposer = await LogInAsync("canbo-de-xuat");
        Assert.Contains($"/Expenses/New?allocation={allocationId}", await proposer.GetPageAsync("/Allocations?state=Approved"));
        var form = await proposer.GetPageAsync($"/Expenses/New?allocation={allocationId}");
        Assert.Contains("1.500.000 ₫", form);
        var fields = new Dictionary<string, string>
        {
            ["Input.SupplierName"] = "HTX Dịch vụ Nông nghiệp Ia Đal", ["Input.SupplierTaxCode"] = "5901234567", ["Input.InvoiceSymbol"] = "1C26TAA",
            ["Input.InvoiceNumber"] = "123", ["Input.InvoiceDate"] = "20/11/2026", ["Input.PaymentDate"] = "25/11/2026",
            ["Input.Lines[0].AllocationId"] = allocationId.ToString(), ["Input.Lines[0].AmountVnd"] = "1.600.000",
        };
        var tooMuch = await proposer.PostFormAsync($"/Expenses/New?allocation={allocationId}", fields);
        Assert.Equal(HttpStatusCode.OK, tooMuch.StatusCode);
        Assert.Contains("chỉ còn 1.500.000 ₫ chưa chi", await tooMuch.Content.ReadAsStringAsync());
        fields["Input.Lines[0].AmountVnd"] = "1.200.000";
        var sent = await proposer.PostFormAsync($"/Expenses/New?allocation={allocationId}", fields);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = sent.Headers.Location!.OriginalString;
        var id = int.Parse(page.Split('/')[^1]);

        var detail = await proposer.GetPageAsync(page);
        var notPdf = await proposer.PostFileAsync(page + "?handler=Upload", StaffClient.Token(detail), new() { ["Kind"] = "Invoice" }, "Upload", "hoa-don.pdf", "<html/>"u8.ToArray(), "application/pdf");
        Assert.Contains("Chỉ nhận tệp PDF, JPEG hoặc PNG.", await notPdf.Content.ReadAsStringAsync());
        var pdf = "%PDF-1.4\n% hoa don 123\n%%EOF\n"u8.ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await proposer.PostFileAsync(page + "?handler=Upload", StaffClient.Token(detail), new() { ["Kind"] = "Invoice" }, "Upload", "hoa-don.pdf", pdf, "application/pdf")).StatusCode);

        var own = await proposer.PostWithTokenAsync(page + "?handler=Approve", StaffClient.Token(await proposer.GetPageAsync(page)), []);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("người đề xuất", await own.Content.ReadAsStringAsync());

        var other = await LogInAsync("canbo-xa-khac");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(page)).Response.StatusCode);
        int documentId;
        await using (var db = Db.NewContext()) documentId = (await db.ExpenseDocuments.SingleAsync()).Id;
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{page}?handler=File&documentId={documentId}")).Response.StatusCode);
        var file = await approver.GetAsync($"{page}?handler=File&documentId={documentId}");
        Assert.Equal(HttpStatusCode.OK, file.Response.StatusCode);
        Assert.Equal(pdf, await file.Response.Content.ReadAsByteArrayAsync());

        var token = StaffClient.Token(await approver.GetPageAsync(page));
        var first = await approver.PostWithTokenAsync(page + "?handler=Approve", token, []);
        var again = await approver.PostWithTokenAsync(page + "?handler=Approve", token, []);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Đã duyệt", await approver.GetPageAsync(page));

        await using var check = Db.NewContext();
        var entry = await check.LedgerEntries.SingleAsync(e => e.Kind == LedgerEntryKind.Expense);
        Assert.Equal(1_200_000, entry.AmountVnd);
        Assert.Equal(LedgerDocuments.Of([pdf]), entry.Documents);
        Assert.Equal(ExpenseState.Approved, (await check.Expenses.SingleAsync(e => e.Id == id)).State);
        var workbook = await approver.GetAsync("/Expenses?handler=Export&state=Approved");
        Assert.Equal(HttpStatusCode.OK, workbook.Response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("HTX Dịch vụ Nông nghiệp Ia Đal", await approver.GetPageAsync("/Expenses?state=Approved"));
        Assert.DoesNotContain("HTX Dịch vụ Nông nghiệp Ia Đal", await other.GetPageAsync("/Expenses"));

        // The public copy of the invoice (personal data blacked out): an image only, by someone who decides, next to its original.
        var approved = await approver.GetPageAsync(page);
        Assert.Contains("Công khai bản che", approved);
        var copyUrl = $"{page}?handler=PublishCopy&documentId={documentId}";
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFileAsync(copyUrl, StaffClient.Token(await other.GetPageAsync("/Expenses")), [], "Copy", "ban-che.png",
            PublicExpenseCopyTests.Png(), "image/png")).StatusCode);
        var pdfCopy = await approver.PostFileAsync(copyUrl, StaffClient.Token(approved), [], "Copy", "ban-che.pdf", pdf, "application/pdf");
        Assert.Equal(HttpStatusCode.OK, pdfCopy.StatusCode);
        Assert.Contains($"id=\"copy-{documentId}-error\"", await pdfCopy.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await approver.PostFileAsync(copyUrl, StaffClient.Token(approved), [], "Copy", "ban-che.png", PublicExpenseCopyTests.Png(), "image/png")).StatusCode);
        Assert.Contains("Đã công khai bản che:", await approver.GetPageAsync(page));
        var shown = await approver.GetAsync($"{page}?handler=Copy&documentId={documentId}");
        Assert.Equal("image/jpeg", shown.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{page}?handler=Copy&documentId={documentId}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await approver.PostWithTokenAsync($"{page}?handler=WithdrawCopy&documentId={documentId}", StaffClient.Token(await approver.GetPageAsync(page)), [])).StatusCode);
        Assert.DoesNotContain("Đã công khai bản che:", await approver.GetPageAsync(page));
    }
}

public class ExpensePagesTestsOnSqlite() : ExpensePagesTests(DatabaseProvider.Sqlite);

public class ExpensePagesTestsOnPostgres() : ExpensePagesTests(DatabaseProvider.Postgres);
