namespace ChildAid.Shared.Payments;

/// <summary>
/// Section "Payments". <see cref="ExchangeRates"/>: đồng per unit of each foreign currency a donor abroad may pledge in
/// by card ("USD": 25450, "EUR": 27600). A configured table for now, changed by hand; the rate in force is recorded on
/// each pledge (and carried to Stripe and the receipt), so a later change of the table changes no pledge.
/// </summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    public Dictionary<string, decimal> ExchangeRates { get; set; } = [];

    /// <summary>The rate for <paramref name="currency"/> (USD or EUR), or null when none (or a non-positive one) is configured.</summary>
    public decimal? RateOf(string currency) =>
        ExchangeRates.FirstOrDefault(r => string.Equals(r.Key, currency, StringComparison.OrdinalIgnoreCase)).Value is > 0 and var rate ? rate : null;
}
