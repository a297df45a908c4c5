using MathNet.Numerics.Distributions;

namespace ChildAid.Shared.Interventions;

/// <summary>A mean paired change with its 95 % confidence interval (Student's t with n − 1 degrees of freedom).</summary>
public sealed record MeanChange(int N, double Mean, double Low, double High);

/// <summary>A proportion with its 95 % Wilson score interval.</summary>
public sealed record Proportion(int Count, int N, double Value, double Low, double High);

/// <summary>
/// McNemar's test of a paired yes/no change: <see cref="Recovered"/> had the condition before and not after,
/// <see cref="NewCases"/> the other way round. Exact binomial when the discordant pairs are fewer than 25, else the
/// χ² statistic with continuity correction.
/// </summary>
public sealed record McNemar(int Recovered, int NewCases, double PValue, bool Exact);

/// <summary>
/// The before/after statistics of an evaluation, each a plain formula (distributions from MathNet.Numerics):
/// paired t interval, Wilson interval, McNemar's test.
/// </summary>
public static class PairedStatistics
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>Below this many discordant pairs McNemar's test is the exact binomial one (the χ² approximation is poor).</summary>
    public const int ExactBelow = 25;

    /// <summary>Mean of the differences ± t(0.975, n − 1) · s / √n; null for fewer than two pairs (no spread to estimate).</summary>
    public static MeanChange? PairedMean(IReadOnlyList<double> differences)
    {
        var n = differences.Count;
        if (n < 2) return null;
        var mean = differences.Average();
        var sumSquares = 0.0;
        foreach (var d in differences) sumSquares += (d - mean) * (d - mean);
        var standardError = Math.Sqrt(sumSquares / (n - 1)) / Math.Sqrt(n);
        var half = StudentT.InvCDF(0, 1, n - 1, 0.975) * standardError;
        return new MeanChange(n, mean, mean - half, mean + half);
    }

    /// <summary>Wilson score interval: (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). Stays within 0…1, good for small counts.</summary>
    public static Proportion Wilson(int count, int n)
    {
        if (n == 0) return new Proportion(0, 0, double.NaN, double.NaN, double.NaN);
        var p = (double)count / n;
        var z2 = Z95 * Z95;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = Z95 / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Proportion(count, n, p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Two-sided p of McNemar's test. Exact: 2 · P(X ≤ min(b, c)) for X ~ Binomial(b + c, ½), at most 1.
    /// Else (|b − c| − 1)² / (b + c) against χ² with one degree of freedom.
    /// </summary>
    public static McNemar McNemarTest(int recovered, int newCases)
    {
        var discordant = recovered + newCases;
        if (discordant == 0) return new McNemar(recovered, newCases, 1, true);
        if (discordant < ExactBelow)
            return new McNemar(recovered, newCases, Math.Min(1, 2 * Binomial.CDF(0.5, discordant, Math.Min(recovered, newCases))), true);
        var statistic = Math.Pow(Math.Abs(recovered - newCases) - 1, 2) / discordant;
        return new McNemar(recovered, newCases, 1 - ChiSquared.CDF(1, statistic), false);
    }
}
