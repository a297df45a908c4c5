using ChildAid.Shared.Children;

namespace ChildAid.Shared.Growth;

/// <summary>
/// One WHO table in memory: the rows of both sexes in one array, indexed by key (day, tenth of a cm or month), so a
/// look-up is a subtraction and a bounds check.
/// </summary>
public sealed class GrowthTable
{
    private readonly Lms[] _rows;
    private readonly int _perSex;

    public GrowthTable(GrowthTableFile file, int first, int last, Lms[] male, Lms[] female)
    {
        File = file;
        First = first;
        Last = last;
        _perSex = last - first + 1;
        if (male.Length != _perSex || female.Length != _perSex) throw new ArgumentException("Both sexes need one row per key.");
        _rows = [.. male, .. female];
    }

    public GrowthTableFile File { get; }
    public int First { get; }
    public int Last { get; }

    /// <summary>The row for <paramref name="key"/>, or false outside the table.</summary>
    public bool TryGet(Sex sex, int key, out Lms row)
    {
        var i = key - First;
        if ((uint)i >= (uint)_perSex)
        {
            row = default;
            return false;
        }
        row = _rows[(sex == Sex.Male ? 0 : _perSex) + i];
        return true;
    }

    /// <summary>
    /// L, M, S at a fractional key: the row at trunc(key) and, when there is a fraction, linearly towards the next row
    /// (2007 months, and lengths between two 0.1 cm rows). False when a needed row is outside the table.
    /// </summary>
    public bool TryInterpolate(Sex sex, int low, double fraction, out Lms row)
    {
        if (!TryGet(sex, low, out row)) return false;
        if (fraction <= 0) return true;
        if (!TryGet(sex, low + 1, out var high)) return false;
        row = Lms.Between(row, high, fraction);
        return true;
    }
}
