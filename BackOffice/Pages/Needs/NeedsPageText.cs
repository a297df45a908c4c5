using ChildAid.Shared.Needs;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>The words of the needs pages (Vietnamese keys; the pages show them through the localizer).</summary>
public static class NeedsPageText
{
    public static readonly IReadOnlyDictionary<int, string> Levels = new Dictionary<int, string>
    {
        [1] = "Cấp 1 (khẩn cấp nhất)", [2] = "Cấp 2", [3] = "Cấp 3", [4] = "Cấp 4",
    };
}
