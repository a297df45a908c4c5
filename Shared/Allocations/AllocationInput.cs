namespace ChildAid.Shared.Allocations;

/// <summary>
/// A proposal as the form sends it: money (<see cref="AmountVnd"/>) or, with <see cref="GoodsLineId"/>, a quantity of
/// that goods line. Error keys are these property names.
/// </summary>
public sealed class AllocationInput
{
    public int ContributionId { get; set; }
    public int? GoodsLineId { get; set; }
    public int NeedLineId { get; set; }
    public long? AmountVnd { get; set; }
    public int? Quantity { get; set; }
    public string? Note { get; set; }
    /// <summary>Why the allocation is still needed when the child or school already received the same help (a programme manager only).</summary>
    public string? DoubleSupportReason { get; set; }
    /// <summary>The suggestion form's key for this row (<see cref="Allocation.SuggestionKey"/>): a second proposal with it returns the first.</summary>
    public string? SuggestionKey { get; set; }
}

/// <summary>What is still free on a receipt: money (0 for goods receipts) and each goods line's quantity.</summary>
public sealed record ReceiptRemainder(long MoneyLeftVnd, IReadOnlyDictionary<int, int> GoodsLeft);

/// <summary>What a need line still lacks: its quantity and its value at the line's estimated unit cost.</summary>
public sealed record NeedRemainder(int QuantityLeft, long ValueLeftVnd);

/// <summary>What an approval came to: booked, refused by the four-eyes rule (403), or a problem to show.</summary>
public sealed record AllocationDecision(Allocation? Approved, string? Refusal, string? Problem)
{
    public bool Booked => Approved is not null;
}
