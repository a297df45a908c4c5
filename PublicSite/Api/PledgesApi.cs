using ChildAid.Shared.Data;
using ChildAid.Shared.Payments;
using ChildAid.Shared.Pledges;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildAid.PublicSite.Api;

/// <summary>
/// Pledges from the public: POST makes one (once per Idempotency-Key), GET tells its status — never the donor's name or
/// contacts — and the VietQR image that pays it. Written through the intake login (<see cref="IntakeDbContext"/>).
/// </summary>
public static class PledgesApi
{
    public const int MaxIdempotencyKeyLength = 200;

    public static void MapPledgesApi(this RouteGroupBuilder api)
    {
        var pledges = api.MapGroup("/pledges").WithTags("Pledges").RequireRateLimiting(PublicRateLimits.Api);

        pledges.MapPost("", async Task<Results<Created<PledgeJson>, ValidationProblem, ProblemHttpResult>> (
                    [FromBody] PledgeRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                    PledgeIntakeService intake, PublicDbContext publicDb, PledgeCampaigns campaigns, IOptions<PublicSiteOptions> site, Giving.PledgeCheckout checkout,
                    TimeProvider clock, IOptions<PaymentOptions> payments, HttpContext http, CancellationToken ct) =>
                {
                    request.UseRates(payments.Value);
                    var errors = request.Validate(ChildAid.Shared.Time.VietnamClock.VietnamToday(clock));
                    if (idempotencyKey is { Length: > MaxIdempotencyKeyLength })
                        errors["Idempotency-Key"] = [$"Idempotency-Key tối đa {MaxIdempotencyKeyLength} ký tự."];
                    // The campaign and its own receiving account (read once per public data version): the answer's VietQR pays into it.
                    var campaign = errors.ContainsKey("campaign") ? null : await campaigns.FindAsync(publicDb, request.Campaign!.Trim(), ct);
                    if (!errors.ContainsKey("campaign") && campaign is null)
                        errors["campaign"] = ["Không có chiến dịch này; xem danh sách tại /api/v1/campaigns."];
                    if (request.Channel == "card" && !checkout.IsAvailable)
                        errors["channel"] = ["Hiện chưa nhận thanh toán thẻ; vui lòng chọn chuyển khoản."];
                    if (errors.Count > 0)
                        return TypedResults.ValidationProblem(errors, title: "Cam kết chưa hợp lệ / Invalid pledge");

                    var submission = await intake.SubmitAsync(request, idempotencyKey, ct);
                    if (submission.KeyUsedForAnotherPledge)
                        return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                            title: "Idempotency-Key đã dùng cho cam kết khác / Idempotency-Key reused",
                            detail: "Khóa này đã tạo một cam kết với số tiền hoặc chiến dịch khác; hãy dùng khóa mới cho cam kết mới.");
                    if (!submission.Created) http.Response.Headers["Idempotent-Replayed"] = "true";
                    // A card pledge (and its retry: Stripe's idempotency key is the reference) gets its Checkout session.
                    var checkoutUrl = request.Channel == "card" ? await checkout.StartAsync(submission.Status, request, http, ct) : null;
                    // A replayed key made its pledge for the same campaign (else 422 above).
                    var account = site.Value.Giving.For(campaign!.Account);
                    var json = PledgeJson.From(submission.Status, account.QrAccount, checkoutUrl);
                    return TypedResults.Created($"/api/v1/pledges/{json.Reference}", json);
                })
            .WithName("CreatePledge")
            .WithSummary("Pledge a gift (businesses may add inKind goods lines and instalments); answers with the reference to put in the transfer message and the VietQR code that pays it.")
            .WithDescription("Send an Idempotency-Key header (e.g. a UUID) and retry with the same key after a timeout: the retry returns " +
                "the same pledge (header Idempotent-Replayed: true), also when retries race. The same key with another amount or campaign: 422. " +
                "Invalid fields: 400 with a Vietnamese message per field (keys as the JSON paths, e.g. donor.email). " +
                "\"channel\": \"card\" (only when the site takes cards; else 400) answers with checkoutUrl, the Stripe Checkout page to send the donor to. " +
                "Businesses (donor.kind \"business\") may add \"inKind\": [{ \"item\": \"Áo ấm\", \"quantity\": 300, \"unit\": \"chiếc\", \"sizeBand\": \"6–8 tuổi\", " +
                "\"delivery\": \"giao tại xã trước 15/12\" }] (at most 10 lines) and \"instalments\": [{ \"due\": \"2027-01-15\", \"amount\": 1000000 }] " +
                "(2 to 12, due dates in order and not in the past, adding up to amount); each row's problems are keyed by its path, e.g. instalments[1].due. " +
                "A business may pledge goods alone: amount 0 with inKind lines (VND, no card, no instalments) answers without vietqr; its status " +
                "goes pledged → partly-delivered → delivered as staff record the goods received. " +
                "A donor abroad paying by card (\"abroad\": true, \"channel\": \"card\") may pledge in \"USD\" or \"EUR\" (amount with up to 2 decimals), " +
                "converted at the site's configured rate, which is recorded on the pledge; the answer's amount is in đồng.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        pledges.MapGet("/{reference}", async Task<Results<Ok<PledgeStatusJson>, NotFound>> (string reference, PledgeIntakeService intake, CancellationToken ct) =>
                await intake.StatusAsync(reference, ct) is { } status ? TypedResults.Ok(PledgeStatusJson.From(status)) : TypedResults.NotFound())
            .WithName("GetPledgeStatus")
            .WithSummary("A pledge's status (received, pledged, partly-paid, paid, cancelled, failed): amount in đồng, paid and outstanding, the original USD/EUR amount and rate, and campaign; nothing personal.");

        pledges.MapGet("/{reference}/qr.png", async Task<Results<FileContentHttpResult, NotFound>> (
                    string reference, PledgeIntakeService intake, PublicDbContext publicDb, IOptions<PublicSiteOptions> site, CancellationToken ct) =>
                await PayloadAsync(reference, intake, publicDb, site.Value, ct) is { } payload
                    ? TypedResults.File(VietQrImage.Png(payload), "image/png") : TypedResults.NotFound())
            .WithName("GetPledgeQrPng")
            .WithSummary("The VietQR code paying this pledge, as PNG.");

        pledges.MapGet("/{reference}/qr.svg", async Task<Results<ContentHttpResult, NotFound>> (
                    string reference, PledgeIntakeService intake, PublicDbContext publicDb, IOptions<PublicSiteOptions> site, CancellationToken ct) =>
                await PayloadAsync(reference, intake, publicDb, site.Value, ct) is { } payload
                    ? TypedResults.Text(VietQrImage.Svg(payload), "image/svg+xml") : TypedResults.NotFound())
            .WithName("GetPledgeQrSvg")
            .WithSummary("The VietQR code paying this pledge, as SVG.");
    }

    private static async Task<string?> PayloadAsync(string reference, PledgeIntakeService intake, PublicDbContext publicDb, PublicSiteOptions site, CancellationToken ct)
    {
        var status = await intake.StatusAsync(reference, ct);
        // The code asks for what is due now (the next instalment, or what is still owed); a pledge owing nothing has no code to pay it with.
        if (status is null || status.OutstandingVnd == 0 || status.Status is PledgeStatus.Failed or nameof(PledgeState.Cancelled)) return null;
        // The campaign's own account (Decree 93) when it has one: the same the pledge page prints beside the code.
        var account = site.Giving.For(await publicDb.ReceivingAccountAsync(status.CampaignSlug, ct)).QrAccount;
        return account.CanMakeQr ? VietQr.Payload(account, status.DueNowVnd, status.Reference) : null;
    }
}

public sealed record VietQrJson(string Payload, string ImagePngUrl, string ImageSvgUrl);

public sealed record PledgeJson(string Reference, long Amount, string Currency, string Status, VietQrJson? Vietqr, string? CheckoutUrl)
{
    public static PledgeJson From(PledgeStatus status, VietQrAccount account, string? checkoutUrl = null) => new(
        status.Reference, status.AmountVnd, status.Currency, PledgeStatusJson.StatusName(status.Status, status.AmountVnd == 0),
        // Goods alone are delivered, not transferred: no code to pay them with.
        account.CanMakeQr && status.AmountVnd > 0
            ? new VietQrJson(VietQr.Payload(account, status.DueNowVnd, status.Reference),
                $"/api/v1/pledges/{status.Reference}/qr.png", $"/api/v1/pledges/{status.Reference}/qr.svg")
            : null,
        checkoutUrl);
}

public sealed record PledgeStatusJson(string Reference, long Amount, string Currency, string Status, string? Campaign,
    long Paid, long Outstanding, decimal? OriginalAmount, decimal? ExchangeRate)
{
    public static PledgeStatusJson From(PledgeStatus s) => new(s.Reference, s.AmountVnd, s.Currency, StatusName(s.Status, s.AmountVnd == 0), s.CampaignSlug,
        s.PaidVnd, s.OutstandingVnd, s.OriginalAmount, s.ExchangeRate);

    /// <param name="goodsOnly">A business's goods and no money (amount 0): its goods are delivered, partly or wholly, rather than paid.</param>
    public static string StatusName(string status, bool goodsOnly = false) => status switch
    {
        nameof(PledgeState.PartlyPaid) when goodsOnly => "partly-delivered",
        nameof(PledgeState.Paid) when goodsOnly => "delivered",
        PledgeStatus.Received => "received",
        nameof(PledgeState.Pledged) => "pledged",
        nameof(PledgeState.PartlyPaid) => "partly-paid",
        nameof(PledgeState.Paid) => "paid",
        nameof(PledgeState.Cancelled) => "cancelled",
        PledgeStatus.Failed => "failed",
        _ => status.ToLowerInvariant(),
    };
}
