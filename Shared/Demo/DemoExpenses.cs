using ChildAid.Shared.Allocations;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace ChildAid.Shared.Demo;

/// <summary>
/// Expenses on the demo's approved allocations, through <see cref="ExpenseService"/> as the demo staff would make them: three
/// proposed by the province programme officer, each with a synthetic invoice (a generated PDF) and a proof of payment (a
/// generated PNG), approved by the commune officer (ledger entries of kind expense with the files' SHA-256), and one more
/// still waiting for approval. Synthetic suppliers and tax codes. Skipped when any expense exists.
/// </summary>
public static class DemoExpenses
{
    private static readonly (string Name, string TaxCode)[] Suppliers =
    [
        ("HTX Dịch vụ Nông nghiệp Ia Đal (DEMO)", "5900000001"),
        ("Cửa hàng Bách hoá Tây Nguyên (DEMO)", "5900000002-001"),
        ("Công ty TNHH Thực phẩm Sạch Gia Lai (DEMO)", "5900000003"),
        ("Nhà sách và Văn phòng phẩm Chư Prông (DEMO)", "5900000004"),
    ];

    public static async Task<int> SeedAsync(IServiceScopeFactory scopes, DateOnly today, CancellationToken ct)
    {
        List<int> allocations;
        string? proposer, approver;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            (db.UnitScope, db.OrganisationScope) = (null, null);
            if (await db.Expenses.IgnoreQueryFilters().AnyAsync(ct)) return 0;
            proposer = await db.Users.Where(u => u.Email == DemoAllocations.Proposer).Select(u => u.Id).FirstOrDefaultAsync(ct);
            approver = await db.Users.Where(u => u.Email == DemoAllocations.Approver).Select(u => u.Id).FirstOrDefaultAsync(ct);
            if (proposer is null || approver is null) return 0;
            allocations = await db.Allocations.IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.State == AllocationState.Approved && a.GoodsLineId == null).OrderBy(a => a.Id).Select(a => a.Id).Take(3).ToListAsync(ct);
        }
        var added = 0;
        // Three approved (an invoice and a proof of payment each), then one more on the first allocation left for approval.
        for (var i = 0; i < allocations.Count + 1 && allocations.Count > 0; i++)
        {
            var allocationId = allocations[i % allocations.Count];
            var invoiceDate = today.AddDays(i - 4);
            var supplier = Suppliers[i % Suppliers.Length];
            var proposed = await AsAsync(scopes, proposer, async s =>
            {
                var held = (await s.HeldAsync([allocationId], ct)).GetValueOrDefault(allocationId);
                var amount = held * (i < allocations.Count ? 2 : 1) / 3;
                amount -= amount % 1_000;
                if (amount <= 0) return null;
                var input = new ExpenseInput
                {
                    SupplierName = supplier.Name, SupplierTaxCode = supplier.TaxCode,
                    InvoiceSymbol = $"1C{invoiceDate.Year % 100:00}TDM", InvoiceNumber = (101 + i).ToString("00000000", System.Globalization.CultureInfo.InvariantCulture),
                    InvoiceDate = invoiceDate, PaymentDate = today, Note = "Dữ liệu demo",
                    Lines = [new ExpenseLineInput { AllocationId = allocationId, AmountVnd = amount }],
                };
                var outcome = await s.ProposeAsync(input, ct);
                if (!outcome.Succeeded) return null;
                var e = outcome.Value!;
                await s.AddDocumentAsync(e.Id, ExpenseDocumentKind.Invoice, $"hoa-don-{e.InvoiceNumber}.pdf", InvoicePdf(e), ct);
                await s.AddDocumentAsync(e.Id, ExpenseDocumentKind.ProofOfPayment, $"uy-nhiem-chi-{e.InvoiceNumber}.png", TransferSlipPng(e), ct);
                return e;
            });
            if (proposed is null) continue;
            added++;
            if (i < allocations.Count) await AsAsync(scopes, approver, s => s.ApproveAsync(proposed.Id, ct));
            // The first approved expense's transfer slip goes public with the account number blacked out.
            if (i == 0) await PublishSlipCopyAsync(scopes, approver, proposed, ct);
        }
        // An advance (tạm ứng) paid 16 days ago on the second allocation, approved without its invoice: flagged "thiếu hoá đơn từ 15 ngày".
        if (allocations.Count > 1)
        {
            var allocationId = allocations[1];
            var supplier = Suppliers[3];
            var advance = await AsAsync(scopes, proposer, async s =>
            {
                var held = (await s.HeldAsync([allocationId], ct)).GetValueOrDefault(allocationId);
                var amount = held / 2 - held / 2 % 1_000;
                if (amount <= 0) return null;
                var outcome = await s.ProposeAsync(new ExpenseInput
                {
                    Kind = ExpenseKind.Advance, SupplierName = supplier.Name, SupplierTaxCode = supplier.TaxCode, PaymentDate = today.AddDays(-16),
                    Note = "Dữ liệu demo: tạm ứng mua vở, hoá đơn nộp sau",
                    Lines = [new ExpenseLineInput { AllocationId = allocationId, AmountVnd = amount }],
                }, ct);
                if (!outcome.Succeeded) return null;
                await s.AddDocumentAsync(outcome.Value!.Id, ExpenseDocumentKind.ProofOfPayment, "uy-nhiem-chi-tam-ung.png", TransferSlipPng(outcome.Value), ct);
                return outcome.Value;
            });
            if (advance is not null)
            {
                added++;
                await AsAsync(scopes, approver, s => s.ApproveAsync(advance.Id, ct));
            }
        }
        return added;
    }

    /// <summary>A one-page synthetic e-invoice, drawn with SkiaSharp's PDF backend; marked DEMO.</summary>
    /// <summary>Proposes a demo expense with its synthetic invoice PDF and transfer slip attached; null when the service refuses it.</summary>
    public static async Task<Expense?> ProposeWithDocumentsAsync(ExpenseService s, ExpenseInput input, CancellationToken ct)
    {
        var outcome = await s.ProposeAsync(input, ct);
        if (!outcome.Succeeded) return null;
        var e = outcome.Value!;
        await s.AddDocumentAsync(e.Id, ExpenseDocumentKind.Invoice, $"hoa-don-{e.InvoiceNumber}.pdf", InvoicePdf(e), ct);
        await s.AddDocumentAsync(e.Id, ExpenseDocumentKind.ProofOfPayment, $"uy-nhiem-chi-{e.InvoiceNumber}.png", TransferSlipPng(e), ct);
        return e;
    }

    public static byte[] InvoicePdf(Expense e)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            var canvas = document.BeginPage(595, 842);
            using var title = new SKFont(SKTypeface.Default, 18);
            using var text = new SKFont(SKTypeface.Default, 12);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var frame = new SKPaint { Color = SKColors.DarkRed, IsStroke = true, StrokeWidth = 2 };
            canvas.DrawRect(30, 30, 535, 782, frame);
            canvas.DrawText("HOA DON GIA TRI GIA TANG - DU LIEU DEMO", 50, 80, title, ink);
            var lines = new[]
            {
                $"Ky hieu: {e.InvoiceSymbol}   So: {e.InvoiceNumber}   Ngay: {Text.VietnameseFormat.Date(e.InvoiceDate)}",
                $"Don vi ban hang: {Text.TextFolding.Fold(e.SupplierName)}",
                $"Ma so thue: {e.SupplierTaxCode}",
                $"Tong tien thanh toan: {e.AmountVnd} VND",
                "Hoa don tong hop, khong co gia tri phap ly.",
            };
            for (var i = 0; i < lines.Length; i++) canvas.DrawText(lines[i], 50, 130 + 24 * i, text, ink);
            document.EndPage();
            document.Close();
        }
        return stream.ToArray();
    }

    private static async Task PublishSlipCopyAsync(IServiceScopeFactory scopes, string approver, Expense expense, CancellationToken ct)
    {
        var documentId = await DemoAllocations.AsStaffAsync<ExpenseService, int?>(scopes, approver, async (_, db) =>
            await db.ExpenseDocuments.Where(d => d.ExpenseId == expense.Id && d.Kind == ExpenseDocumentKind.ProofOfPayment).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct));
        if (documentId is { } id)
            await DemoAllocations.AsStaffAsync<PublicExpenseCopies, bool>(scopes, approver, async (s, _) =>
                (await s.PublishAsync(expense.Id, id, TransferSlipPng(expense, blackedOut: true), ct)).Succeeded);
    }

    /// <summary>A synthetic bank transfer slip (ủy nhiệm chi) as a PNG; marked DEMO. <paramref name="blackedOut"/>: the public copy, the account number under a black bar.</summary>
    public static byte[] TransferSlipPng(Expense e, bool blackedOut = false)
    {
        using var surface = SKSurface.Create(new SKImageInfo(480, 240));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var frame = new SKPaint { Color = SKColors.Navy, IsStroke = true, StrokeWidth = 3 };
        using var band = new SKPaint { Color = SKColors.LightSteelBlue };
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var font = new SKFont(SKTypeface.Default, 16);
        canvas.DrawRect(0, 0, 480, 48, band);
        canvas.DrawRect(4, 4, 472, 232, frame);
        canvas.DrawText($"UY NHIEM CHI (DEMO) {e.InvoiceNumber}", 16, 32, font, ink);
        canvas.DrawText($"{e.AmountVnd} VND - {Text.VietnameseFormat.Date(e.PaymentDate)}", 16, 120, font, ink);
        canvas.DrawText("STK nguoi nhan: 0000 1111 2222 (DEMO)", 16, 170, font, ink);
        if (blackedOut)
        {
            using var black = new SKPaint { Color = SKColors.Black };
            canvas.DrawRect(140, 152, 320, 26, black);
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static Task<T> AsAsync<T>(IServiceScopeFactory scopes, string userId, Func<ExpenseService, Task<T>> act) =>
        DemoAllocations.AsStaffAsync<ExpenseService, T>(scopes, userId, (s, _) => act(s));
}
