using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Mail;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.Expenses;

/// <summary>
/// The proposer of an advance whose invoice is not filed gets a mail on the 15th, the 29th and the 31st day after its
/// payment date (a fake clock moves the days), once per step, with a link to file it; never after the invoice is filed,
/// for a reversed advance, or without an e-mail address.
/// </summary>
public abstract class AdvanceInvoiceReminderTests(DatabaseProvider provider) : ExpenseTest(provider)
{
    private static readonly DateOnly Paid = new(2026, 11, 25);
    private readonly FakeTimeProvider _clock = new();
    private ServiceProvider? _services;

    private ServiceProvider Services => _services ??= Db.Services(s =>
    {
        s.AddSingleton<TimeProvider>(_clock);
        s.AddAdvanceReminders(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BackOffice:StaffBaseUrl"] = "https://noibo.childaid.example",
        }).Build(), worker: false);
    }, asApp: true);

    public override async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Runs one pass on Vietnam's day <paramref name="days"/> after the payment (09:00 there).</summary>
    private Task<int> PassAsync(int days)
    {
        _clock.SetUtcNow(new DateTimeOffset(Paid.AddDays(days).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        return Services.GetRequiredService<AdvanceInvoiceReminders>().QueueDueAsync();
    }

    private async Task<Expense> ApprovedAdvanceAsync(long amount = 500_000, Person? by = null)
    {
        var allocation = await AllocatedAsync(amount);
        var advance = Ok(await SpendAsAsync(by ?? W.Proposer, s => s.ProposeAsync(new ExpenseInput
        {
            Kind = ExpenseKind.Advance, SupplierName = Supplier, SupplierTaxCode = "5901234567", PaymentDate = Paid,
            Lines = [new ExpenseLineInput { AllocationId = allocation.Id, AmountVnd = amount }],
        })));
        var approved = await ApproveAsync(advance.Id);
        Assert.True(approved.Booked, approved.Problem ?? approved.Refusal);
        return advance;
    }

    private async Task EmailAsync(Person person, string? email)
    {
        await using var db = Db.NewContext();
        await db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, email));
    }

    private async Task<List<MailOutboxMessage>> MailsAsync()
    {
        await using var db = Db.NewContext();
        return await db.MailOutbox.AsNoTracking().Where(m => m.Kind == MailMessageKind.AdvanceInvoiceReminder).OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task The_proposer_is_reminded_on_days_15_29_and_31_once_each_with_the_deadline_and_a_link_and_not_after_filing()
    {
        await EmailAsync(W.Proposer, "dexuat@xa-iadal.example");
        var advance = await ApprovedAdvanceAsync();

        Assert.Equal(0, await PassAsync(14));
        Assert.Equal(1, await PassAsync(15));
        Assert.Equal(0, await PassAsync(15));
        Assert.Equal(0, await PassAsync(20));
        Assert.Equal(1, await PassAsync(29));
        Assert.Equal(1, await PassAsync(31));
        Assert.Equal(0, await PassAsync(40));

        var mails = await MailsAsync();
        Assert.Equal(new[] { 15, 29, 31 }.Select(d => AdvanceInvoiceReminders.DedupeKey(advance.Id, (InvoiceDelay)d)), mails.Select(m => m.DedupeKey));
        Assert.All(mails, m => Assert.Equal(("dexuat@xa-iadal.example", "vi"), (m.ToAddress, m.Culture)));
        var first = mails[0];
        Assert.Equal($"Tạm ứng số {advance.Id}: 15 ngày chưa có hoá đơn", first.Subject);
        Assert.Contains($"Khoản tạm ứng số {advance.Id} cho {Supplier}, 500.000 ₫, chi ngày 25/11/2026, đã 15 ngày chưa có hoá đơn.", first.TextBody);
        Assert.Contains("Vui lòng nộp hoá đơn trước ngày 26/12/2026", first.TextBody);
        Assert.Contains($"Nộp hoá đơn: https://noibo.childaid.example/Expenses/{advance.Id}", first.TextBody);
        Assert.Contains("Bạn không tạo được khoản chi mới cho đến khi nộp hoá đơn của khoản này.", mails[2].TextBody);

        // Filed: never again; a second advance of the same proposer is reminded.
        Ok(await SpendAsAsync(W.Proposer, s => s.FileInvoiceAsync(advance.Id,
            new InvoiceFiling { InvoiceSymbol = "1C26TAA", InvoiceNumber = "00000456", InvoiceDate = new DateOnly(2026, 11, 26) }, "hd.pdf", InvoicePdf(advance.Id))));
        // Its first pass comes late (BackOffice was down): only the step reached is sent, not the ones missed.
        var second = await ApprovedAdvanceAsync(300_000);
        Assert.Equal(1, await PassAsync(41));
        Assert.Equal(AdvanceInvoiceReminders.DedupeKey(second.Id, InvoiceDelay.Blocking), (await MailsAsync()).Last().DedupeKey);
        Assert.Equal(4, (await MailsAsync()).Count);
    }

    [Fact]
    public async Task No_reminder_for_a_reversed_advance_or_a_proposer_without_email()
    {
        await EmailAsync(W.Proposer, "dexuat@xa-iadal.example");
        var reversed = await ApprovedAdvanceAsync();
        Ok(await SpendAsAsync(W.Approver, s => s.ReverseAsync(reversed.Id, "Nhà cung cấp không giao hàng, đã hoàn tiền")));
        Assert.Equal(0, await PassAsync(15));

        await EmailAsync(W.Proposer, null);
        await ApprovedAdvanceAsync(200_000);
        Assert.Equal(0, await PassAsync(29));
        Assert.Empty(await MailsAsync());
    }
}

public class AdvanceInvoiceReminderTestsOnSqlite() : AdvanceInvoiceReminderTests(DatabaseProvider.Sqlite);

public class AdvanceInvoiceReminderTestsOnPostgres() : AdvanceInvoiceReminderTests(DatabaseProvider.Postgres);
