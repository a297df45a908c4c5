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

/// <summary>
/// The "Hoàn chi" form on an approved expense's page: the anti-forgery token is required, a reason is required (its message
/// next to the field), 403 for staff who do not decide expenses, 404 for another commune, and two clicks reverse once.
/// </summary>
public abstract class ExpenseReversalPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task A_decider_reverses_an_approved_expense_with_a_reason_from_its_page()
    {
        AllocationWorld w;
        await using (var db = Db.NewContext()) w = await AllocationWorld.CreateAsync(db);
        await StaffAsync("canbo-duyet", [Roles.CommuneOfficer], w.IaDal.Id);
        await StaffAsync("thanh-tra", [Roles.Inspector], w.IaDal.Id);
        await StaffAsync("canbo-xa-khac", [Roles.CommuneOfficer], w.IaToi.Id);
        int expenseId;
        await using (var sp = Db.Services())
        {
            int allocationId;
            await using (var scope = Scope(sp, "cli-de-xuat"))
            {
                var receipt = (await scope.ServiceProvider.GetRequiredService<Shared.Contributions.ContributionService>()
                    .RecordAsync(TestData.Cash(w.DonorId, w.IaDal.Id, 2_000_000))).Value!;
                allocationId = (await scope.ServiceProvider.GetRequiredService<AllocationService>()
                    .ProposeAsync(new AllocationInput { ContributionId = receipt.Id, NeedLineId = w.Meals.Id, AmountVnd = 1_500_000 })).Value!.Id;
            }
            await using (var scope = Scope(sp, "cli-duyet"))
                Assert.True((await scope.ServiceProvider.GetRequiredService<AllocationService>().ApproveAsync(allocationId)).Booked);
            await using (var scope = Scope(sp, "cli-de-xuat"))
            {
                var expenses = scope.ServiceProvider.GetRequiredService<ExpenseService>();
                var proposed = await expenses.ProposeAsync(new ExpenseInput
                {
                    SupplierName = "HTX Dịch vụ Nông nghiệp Ia Đal", SupplierTaxCode = "5901234567", InvoiceSymbol = "1C26TAA", InvoiceNumber = "123",
                    InvoiceDate = new DateOnly(2026, 11, 20), PaymentDate = new DateOnly(2026, 11, 25),
                    Lines = [new ExpenseLineInput { AllocationId = allocationId, AmountVnd = 1_200_000 }],
                });
                expenseId = proposed.Value!.Id;
                Assert.True((await expenses.AddDocumentAsync(expenseId, ExpenseDocumentKind.Invoice, "hoa-don.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray())).Succeeded);
            }
            await using (var scope = Scope(sp, "cli-duyet"))
                Assert.True((await scope.ServiceProvider.GetRequiredService<ExpenseService>().ApproveAsync(expenseId)).Booked);
        }
        var page = $"/Expenses/{expenseId}";

        var inspector = await LogInAsync("thanh-tra");
        var seen = await inspector.GetPageAsync(page);
        Assert.DoesNotContain("ReversalReason", seen);
        var forbidden = await inspector.PostWithTokenAsync(page + "?handler=Reverse", StaffClient.Token(seen), new() { ["ReversalReason"] = "Sai" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var other = await LogInAsync("canbo-xa-khac");
        var otherToken = StaffClient.Token(await other.GetPageAsync("/Expenses"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostWithTokenAsync(page + "?handler=Reverse", otherToken, new() { ["ReversalReason"] = "Sai" })).StatusCode);

        var decider = await LogInAsync("canbo-duyet");
        var html = await decider.GetPageAsync(page);
        Assert.Contains("id=\"ReversalReason\"", html);
        var noToken = await decider.Http.PostAsync(page + "?handler=Reverse", new FormUrlEncodedContent(new Dictionary<string, string> { ["ReversalReason"] = "Sai" }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        var token = StaffClient.Token(html);
        var blank = await decider.PostWithTokenAsync(page + "?handler=Reverse", token, new() { ["ReversalReason"] = " " });
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("Nhập lý do hoàn chi.", WebUtility.HtmlDecode(await blank.Content.ReadAsStringAsync()));

        await using (var db = Db.NewContext()) Assert.Equal(0, await db.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.Reversal));
        var first = await decider.PostWithTokenAsync(page + "?handler=Reverse", token, new() { ["ReversalReason"] = "Hoá đơn ghi sai số tiền" });
        var again = await decider.PostWithTokenAsync(page + "?handler=Reverse", token, new() { ["ReversalReason"] = "Hoá đơn ghi sai số tiền" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var after = WebUtility.HtmlDecode(await decider.GetPageAsync(page));
        Assert.Contains("Đã hoàn chi: Hoá đơn ghi sai số tiền", after);
        Assert.DoesNotContain("id=\"ReversalReason\"", after);
        Assert.Contains("Đã hoàn chi", WebUtility.HtmlDecode(await decider.GetPageAsync("/Expenses")));
        var workbook = await decider.GetAsync("/Expenses?handler=Export");
        Assert.Equal(HttpStatusCode.OK, workbook.Response.StatusCode);

        await using var check = Db.NewContext();
        var reversal = await check.LedgerEntries.SingleAsync(e => e.Kind == LedgerEntryKind.Reversal);
        Assert.Equal(-1_200_000, reversal.AmountVnd);
        Assert.Equal("Hoàn chi: HTX Dịch vụ Nông nghiệp Ia Đal, hoá đơn 123", reversal.Description);
        Assert.True((await check.Expenses.AsNoTracking().SingleAsync()).IsReversed);
    }
}

public class ExpenseReversalPagesTestsOnSqlite() : ExpenseReversalPagesTests(DatabaseProvider.Sqlite);

public class ExpenseReversalPagesTestsOnPostgres() : ExpenseReversalPagesTests(DatabaseProvider.Postgres);

/// <summary>
/// An advance through the real forms: proposed as "Tạm ứng" without invoice fields, approved without an invoice, flagged on
/// /Expenses with the "thiếu hoá đơn" filter (and its Excel), its invoice filed on its page (a bad symbol stays next to its field).
/// </summary>
public abstract class ExpenseAdvancePagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    /// <summary>An approved lunch allocation of Ia Đal; an advance paid <paramref name="daysAgo"/> days ago proposed from it on the page and approved by a colleague.</summary>
    private async Task<(StaffClient Proposer, StaffClient Decider, string Page, int AllocationId)> ApprovedAdvanceAsync(int daysAgo)
    {
        AllocationWorld w;
        await using (var db = Db.NewContext()) w = await AllocationWorld.CreateAsync(db);
        await StaffAsync("canbo-de-xuat", [Roles.ProgrammeOfficer], w.IaDal.Id);
        await StaffAsync("canbo-duyet", [Roles.CommuneOfficer], w.IaDal.Id);
        int allocationId;
        await using (var sp = Db.Services())
        {
            await using (var scope = Scope(sp, "cli-de-xuat"))
            {
                var receipt = (await scope.ServiceProvider.GetRequiredService<Shared.Contributions.ContributionService>()
                    .RecordAsync(TestData.Cash(w.DonorId, w.IaDal.Id, 2_000_000))).Value!;
                allocationId = (await scope.ServiceProvider.GetRequiredService<AllocationService>()
                    .ProposeAsync(new AllocationInput { ContributionId = receipt.Id, NeedLineId = w.Meals.Id, AmountVnd = 1_500_000 })).Value!.Id;
            }
            await using (var scope = Scope(sp, "cli-duyet"))
                Assert.True((await scope.ServiceProvider.GetRequiredService<AllocationService>().ApproveAsync(allocationId)).Booked);
        }

        var proposer = await LogInAsync("canbo-de-xuat");
        var sent = await proposer.PostFormAsync($"/Expenses/New?allocation={allocationId}", new()
        {
            ["Input.Kind"] = "Advance", ["Input.SupplierName"] = "Nhà sách Chư Prông", ["Input.SupplierTaxCode"] = "5901234568",
            ["Input.InvoiceSymbol"] = "", ["Input.InvoiceNumber"] = "", ["Input.InvoiceDate"] = "", ["Input.PaymentDate"] = Vn(Today.AddDays(-daysAgo)),
            ["Input.Lines[0].AllocationId"] = allocationId.ToString(), ["Input.Lines[0].AmountVnd"] = "400.000",
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = sent.Headers.Location!.OriginalString;

        var decider = await LogInAsync("canbo-duyet");
        Assert.Equal(HttpStatusCode.Redirect, (await decider.PostWithTokenAsync(page + "?handler=Approve", StaffClient.Token(await decider.GetPageAsync(page)), [])).StatusCode);
        return (proposer, decider, page, allocationId);
    }

    [Fact]
    public async Task A_proposer_whose_advance_waits_31_days_for_its_invoice_is_told_on_the_new_expense_page_and_cannot_propose()
    {
        var (proposer, _, page, allocationId) = await ApprovedAdvanceAsync(daysAgo: 31);
        var id = page.Split('/').Last();

        var form = WebUtility.HtmlDecode(await proposer.GetPageAsync($"/Expenses/New?allocation={allocationId}"));
        Assert.Contains($"Khoản tạm ứng số {id} (chi ngày {Vn(Today.AddDays(-31))}) đã quá 30 ngày chưa có hoá đơn: bạn chưa đề xuất được khoản chi mới", form);
        Assert.Contains($"<a href=\"/Expenses/{id}#file-invoice\">Nộp hoá đơn của khoản tạm ứng số {id}</a>", form);

        var refused = await proposer.PostFormAsync($"/Expenses/New?allocation={allocationId}", new()
        {
            ["Input.Kind"] = "Invoice", ["Input.SupplierName"] = "HTX Dịch vụ Nông nghiệp Ia Đal", ["Input.SupplierTaxCode"] = "5901234567",
            ["Input.InvoiceSymbol"] = $"1C{Today.Year % 100:00}TAA", ["Input.InvoiceNumber"] = "789", ["Input.InvoiceDate"] = Vn(Today), ["Input.PaymentDate"] = Vn(Today),
            ["Input.Lines[0].AllocationId"] = allocationId.ToString(), ["Input.Lines[0].AmountVnd"] = "100.000",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("id=\"overdue-advance\"", html);
        Assert.DoesNotContain("hãy nộp hoá đơn cho khoản đó trước khi đề xuất khoản chi mới", html); // said once, at the top
        await using var db = Db.NewContext();
        Assert.Equal(1, await db.Expenses.CountAsync());
    }

    [Fact]
    public async Task An_advance_is_proposed_approved_flagged_and_its_invoice_filed_from_the_pages()
    {
        var (proposer, decider, page, _) = await ApprovedAdvanceAsync(daysAgo: 16);
        await using (var db = Db.NewContext())
            Assert.Equal("Tạm ứng: Nhà sách Chư Prông (hoá đơn nộp sau)", (await db.LedgerEntries.SingleAsync(e => e.Kind == LedgerEntryKind.Expense)).Description);

        var list = WebUtility.HtmlDecode(await decider.GetPageAsync("/Expenses?missingInvoice=true"));
        Assert.Contains("Nhà sách Chư Prông", list);
        Assert.Contains("Thiếu hoá đơn từ 15 ngày", list);
        Assert.Equal(HttpStatusCode.OK, (await decider.GetAsync("/Expenses?handler=Export&missingInvoice=true")).Response.StatusCode);

        var detail = await proposer.GetPageAsync(page);
        Assert.Contains("id=\"file-invoice\"", detail);
        var pdf = "%PDF-1.4\n% hoa don tam ung\n%%EOF\n"u8.ToArray();
        var fields = new Dictionary<string, string>
        {
            ["Filing.InvoiceSymbol"] = "AB", ["Filing.InvoiceNumber"] = "456", ["Filing.InvoiceDate"] = Vn(Today),
        };
        var bad = await proposer.PostFileAsync(page + "?handler=FileInvoice", StaffClient.Token(detail), fields, "Upload", "hoa-don.pdf", pdf, "application/pdf");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Ký hiệu hoá đơn điện tử gồm 7 ký tự", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        fields["Filing.InvoiceSymbol"] = $"1C{Today.Year % 100:00}TAA";
        var filed = await proposer.PostFileAsync(page + "?handler=FileInvoice", StaffClient.Token(detail), fields, "Upload", "hoa-don.pdf", pdf, "application/pdf");
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        Assert.DoesNotContain("id=\"file-invoice\"", await proposer.GetPageAsync(page));
        Assert.DoesNotContain("Nhà sách Chư Prông", WebUtility.HtmlDecode(await decider.GetPageAsync("/Expenses?missingInvoice=true")));
        await using var check = Db.NewContext();
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), (await check.PublicExpenseInvoices.SingleAsync()).Sha256);
        Assert.Equal(1, await check.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.Expense));
    }
}

public class ExpenseAdvancePagesTestsOnSqlite() : ExpenseAdvancePagesTests(DatabaseProvider.Sqlite);

public class ExpenseAdvancePagesTestsOnPostgres() : ExpenseAdvancePagesTests(DatabaseProvider.Postgres);
