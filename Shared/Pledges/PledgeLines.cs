using System.Text.Json;

namespace ChildAid.Shared.Pledges;

/// <summary>An instalment as the intake's JSON carries it: due date and amount.</summary>
public sealed record PledgeInstalment(DateOnly Due, long AmountVnd);

/// <summary>An instalment with what has been paid towards it (payments fill the oldest due first).</summary>
public sealed record InstalmentStanding(DateOnly Due, long AmountVnd, long PaidVnd)
{
    public long OutstandingVnd => AmountVnd - PaidVnd;
    public bool IsPaid => PaidVnd >= AmountVnd;
}

/// <summary>An in-kind line as the intake's JSON carries it (e.g. 300 áo khoác, cỡ 6–8, giao tại xã, by 15/12; lines stored before the date have none).</summary>
public sealed record PledgeInKindLine(string? Item, int? Quantity, string? Unit, string? SizeBand, string? Delivery, DateOnly? DeliverBy = null);

/// <summary>Reads the JSON columns the intake stores (see <see cref="PledgeIntake.InstalmentsJson"/>); bad JSON reads as no lines.</summary>
public static class PledgeLines
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<PledgeInstalment> Instalments(string? json) =>
        Read<PledgeInstalment>(json).Where(i => i.AmountVnd > 0).OrderBy(i => i.Due).ToList();

    public static IReadOnlyList<PledgeInKindLine> InKind(string? json) => Read<PledgeInKindLine>(json);

    /// <summary>What has been paid, spread over the instalments oldest due first; anything beyond the last stays on it.</summary>
    public static IReadOnlyList<InstalmentStanding> Standing(IEnumerable<PledgeInstalment> instalments, long paidVnd)
    {
        var left = Math.Max(0, paidVnd);
        var rows = new List<InstalmentStanding>();
        foreach (var i in instalments.OrderBy(i => i.Due))
        {
            var paid = Math.Min(left, i.AmountVnd);
            left -= paid;
            rows.Add(new InstalmentStanding(i.Due, i.AmountVnd, paid));
        }
        return rows;
    }

    private static List<T> Read<T>(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try { return JsonSerializer.Deserialize<List<T>>(json, Json) ?? []; }
        catch (JsonException) { return []; }
    }
}
