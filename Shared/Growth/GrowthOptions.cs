namespace ChildAid.Shared.Growth;

/// <summary>Section "Growth": where the WHO reference tables are installed (they are not shipped: WHO's licence).</summary>
public class GrowthOptions
{
    public const string Section = "Growth";

    /// <summary>
    /// The folder holding the WHO tables as CSV (wfa_0_5.csv …, see <see cref="GrowthTableFiles"/>); relative paths are
    /// read from the working directory. Tests and CI point it at <c>../shared/who-growth</c>.
    /// </summary>
    public string ReferenceFolder { get; set; } = "data/who-growth";
}
