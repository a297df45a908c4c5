using ChildAid.Shared.Needs;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>The Vietnamese words of the needs pages.</summary>
public static class NeedsPageText
{
    public static readonly IReadOnlyDictionary<int, string> Levels = new Dictionary<int, string>
    {
        [1] = "Cấp 1 (khẩn cấp nhất)", [2] = "Cấp 2", [3] = "Cấp 3", [4] = "Cấp 4",
    };
}
