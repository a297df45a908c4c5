using System.Security.Cryptography;
using System.Text;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Payments;
using ChildAid.Shared.Pledges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Demo;

/// <summary>
/// Synthetic online pledges in every state, made the way real ones are: an intake row as PublicSite writes it, turned
/// into donor and pledge by <see cref="PledgeIntakeProcessor"/>, paid through the booking core with the pledge named.
/// One stays waiting, so the running BackOffice shows its worker picking it up. Donors give a phone only: no mail.
/// Idempotent: each pledge has a fixed intake id and reference.
/// </summary>
public static class DemoPledges
{
    /// <summary>The district that receives the demo's online pledges (as `run` configures it).</summary>
    public const string ReceivingUnitCode = "23535";

    private sealed record Plan(string Body, string Campaign, string Name, DonorKind Kind, long AmountVnd, DisplayChoice Display,
        long PaidVnd = 0, bool Cancel = false, bool Process = true, string? Instalments = null, string? InKind = null, string? Message = null,
        bool PaidByStatement = false, int GoodsReceived = 0, string TaxCode = "0109999999", string? Email = null);

    private static readonly Plan[] Plans =
    [
        new("DEM2AA", "ao-am-cho-em", "Đỗ Minh Khang (demo)", DonorKind.Person, 500_000, DisplayChoice.NameAmount, Message: "Mong các em đủ ấm mùa đông."),
        new("DEM3BB", "bua-trua-co-thit", "Vũ Thị Lan (demo)", DonorKind.Person, 1_200_000, DisplayChoice.NameAmountMessage, PaidVnd: 600_000),
        // Paid by a line of the demo statement (DemoBankStatement, content/demo/bank-statement-demo.csv), matched by reference.
        new("DEM4CC", "ao-am-cho-em", "Hoàng Gia Bảo (demo)", DonorKind.Person, 300_000, DisplayChoice.Anonymous, PaidVnd: 300_000, PaidByStatement: true),
        new("DEM5DD", "bua-trua-co-thit", "Ngô Thanh Tùng (demo)", DonorKind.Person, 200_000, DisplayChoice.NameOnly, Cancel: true),
        new("DEM6EE", "ao-am-cho-em", "Công ty TNHH May Mặc Ánh Dương (demo)", DonorKind.Business, 90_000_000, DisplayChoice.NameAmount,
            PaidVnd: 30_000_000, PaidByStatement: true,
            Instalments: """[{"due":"2026-11-15","amountVnd":30000000},{"due":"2026-12-15","amountVnd":30000000},{"due":"2027-01-15","amountVnd":30000000}]""",
            InKind: """[{"item":"Áo khoác trẻ em","quantity":300,"unit":"chiếc","sizeBand":"6–8 tuổi","delivery":"Giao tại UBND xã Ia Đal trước 15/12"}]"""),
        new("DEM7FF", "bua-trua-co-thit", "Phan Thu Hà (demo)", DonorKind.Person, 100_000, DisplayChoice.NameAmount, Process: false),
        // Goods alone: 300 jackets pledged, the first 120 delivered and receipted (an in-kind receipt on the pledge).
        new("DEM8GG", "ao-am-cho-em", "Công ty CP Dệt May Tây Nguyên (demo)", DonorKind.Business, 0, DisplayChoice.NameOnly, GoodsReceived: 120, TaxCode: "5900123456",
            Email: "detmay.taynguyen@example.com", // its confirmation and, due in 5 days, its delivery reminder land in the mail pickup folder
            InKind: """[{"item":"Áo ấm","quantity":300,"unit":"chiếc","sizeBand":"6–8 tuổi","delivery":"Giao hai đợt tại UBND xã Ia Đal","deliverBy":"DELIVER_BY"}]"""),
    ];

    /// <summary>The goods pledge's delivery date: five days on, inside the reminder window, so its reminder is due.</summary>
    private static string DeliverBy(DateOnly today) => today.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<int> SeedAsync(IServiceScopeFactory appScopes, DateOnly today, CancellationToken ct = default)
    {
        // A bulk load of synthetic data is not a change anyone made: no audit rows, here or in the processor's scopes.
        var scopes = new UnauditedScopes(appScopes);
        using var root = scopes.CreateScope();
        var processor = ActivatorUtilities.CreateInstance<PledgeIntakeProcessor>(root.ServiceProvider, (IServiceScopeFactory)scopes,
            Options.Create(new PledgeOptions { ReceivingUnitCode = ReceivingUnitCode }),
            Options.Create(new GivingAccountOptions()), NullLogger<PledgeIntakeProcessor>.Instance);
        var added = 0;
        for (var i = 0; i < Plans.Length; i++)
        {
            var plan = Plans[i];
            var id = IdOf(plan.Body);
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
                if (await db.PledgeIntake.AnyAsync(x => x.Id == id, ct)) continue;
                db.PledgeIntake.Add(new PledgeIntake
                {
                    Id = id, Reference = ReferenceOf(plan.Body), CampaignSlug = plan.Campaign, AmountVnd = plan.AmountVnd, Display = plan.Display,
                    Message = plan.Message, DonorKind = plan.Kind, DonorName = plan.Name, DonorPhone = $"09{12_345_600 + i:D8}", DonorEmail = plan.Email,
                    DonorTaxCode = plan.Kind == DonorKind.Business ? plan.TaxCode : null,
                    DonorAddress = plan.Kind == DonorKind.Business ? "Khu công nghiệp Trà Đa, Pleiku, Gia Lai (demo)" : null,
                    Origin = DonorOrigin.Domestic, Channel = PaymentChannel.Transfer, InstalmentsJson = plan.Instalments, InKindLinesJson = plan.InKind?.Replace("DELIVER_BY", DeliverBy(today), StringComparison.Ordinal),
                    ReceivedAt = today.AddDays(-20 + i).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc),
                });
                await db.SaveChangesAsync(ct);
            }
            added++;
            if (!plan.Process) continue;
            await processor.ProcessAsync(id, ct);
            await PayOrCancelAsync(scopes, plan, id, today, ct);
        }
        return added;
    }

    private static async Task PayOrCancelAsync(IServiceScopeFactory scopes, Plan plan, Guid intakeId, DateOnly today, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var pledge = await db.Pledges.IgnoreQueryFilters().SingleAsync(p => p.IntakeId == intakeId, ct);
        if (plan.Cancel)
        {
            pledge.Cancel();
            await db.SaveChangesAsync(ct);
            return;
        }
        if (plan.GoodsReceived > 0)
        {
            var line = PledgeGoods.Standing(PledgeLines.InKind(pledge.InKindLinesJson), [])[0];
            var goods = await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(new ContributionInput
            {
                DonorId = pledge.DonorId, CampaignId = pledge.CampaignId, AdminUnitId = pledge.AdminUnitId, PledgeId = pledge.Id,
                Method = ContributionMethod.InKind, Channel = ContributionChannel.Staff,
                GoodsLines = [new GoodsLineInput { Item = line.ReceiptItem, Unit = line.Unit, Quantity = plan.GoodsReceived, UnitValueVnd = 150_000 }],
                ReceivedOn = today.AddDays(-3), Note = "Dữ liệu demo (tổng hợp)", IdempotencyKey = IdOf(plan.Body + "-goods"),
            }, ct, isDemo: true);
            if (!goods.Succeeded) throw new InvalidOperationException($"Demo pledge {pledge.Reference}: {string.Join("; ", goods.Errors.Values)}");
        }
        if (plan.PaidVnd == 0 || plan.PaidByStatement) return;
        var outcome = await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(new ContributionInput
        {
            DonorId = pledge.DonorId, CampaignId = pledge.CampaignId, AdminUnitId = pledge.AdminUnitId, PledgeId = pledge.Id,
            Method = ContributionMethod.BankTransfer, Channel = ContributionChannel.Transfer, AmountVnd = plan.PaidVnd,
            ReceivedOn = today.AddDays(-5), Note = "Dữ liệu demo (tổng hợp)", IdempotencyKey = IdOf(plan.Body + "-paid"),
        }, ct, isDemo: true);
        if (!outcome.Succeeded) throw new InvalidOperationException($"Demo pledge {pledge.Reference}: {string.Join("; ", outcome.Errors.Values)}");
    }

    /// <summary>The fixed code of a demo pledge: the body completed with its check character (bodies are chosen to have one).</summary>
    public static string ReferenceOf(string body) =>
        PledgeReference.TryComplete(body) ?? throw new InvalidOperationException($"Demo pledge body {body} has no check character; choose another.");

    public static IReadOnlyList<string> References => [.. Plans.Select(p => ReferenceOf(p.Body))];

    private sealed class UnauditedScopes(IServiceScopeFactory inner) : IServiceScopeFactory
    {
        public IServiceScope CreateScope()
        {
            var scope = inner.CreateScope();
            var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
            actor.Name = DemoSeeder.ActorName;
            actor.Suppressed = true;
            return scope;
        }
    }

    private static Guid IdOf(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes("childaid-demo-pledge:" + name)).AsSpan(0, 16));
}
