namespace ChildAid.Shared.Growth;

/// <summary>
/// One row of a WHO table: the Box-Cox power L, median M and coefficient of variation S (ALGORITHM.md §3).
/// No WHO table has L = 0, which the loader checks, so the L = 0 branch of the formula is never needed.
/// </summary>
public readonly record struct Lms(double L, double M, double S)
{
    /// <summary>z = ((y/M)^L − 1) / (L·S). L = 1 (length, height, head) needs no power: the same value, exactly.</summary>
    public double ZScore(double y) =>
        L == 1 ? (y / M - 1) / S : (Math.Pow(y / M, L) - 1) / (L * S);

    /// <summary>The measurement at a given z: M·(1 + L·S·z)^(1/L).</summary>
    public double ValueAt(double z) => M * Math.Pow(1 + L * S * z, 1 / L);

    /// <summary>
    /// WHO's restricted application beyond ±3 SD for the skewed (weight-based, soft-tissue) indicators (§4): past ±3 the
    /// distance is measured in units of the 2-to-3 SD gap at that side, so a weight on WHO's SD4 column is exactly 4.
    /// </summary>
    public double RestrictedZScore(double y)
    {
        var z = ZScore(y);
        if (z > 3)
        {
            var sd3 = ValueAt(3);
            return 3 + (y - sd3) / (sd3 - ValueAt(2));
        }
        if (z < -3)
        {
            var sd3 = ValueAt(-3);
            return -3 + (y - sd3) / (ValueAt(-2) - sd3);
        }
        return z;
    }

    /// <summary>Linear interpolation of each of L, M and S between two rows (f in [0, 1)).</summary>
    public static Lms Between(in Lms low, in Lms high, double f) =>
        new(low.L + f * (high.L - low.L), low.M + f * (high.M - low.M), low.S + f * (high.S - low.S));
}
