using System.Globalization;
using ChildAid.Shared.Needs;

namespace ChildAid.Shared.Allocations;

/// <summary>
/// What the public may know of a need line an allocation answers: commune, school, category, and — for a school's or
/// the commune's line — the item and size band. A child's line shows its commune and the category only: no name, no
/// school, no item, no size band. The needs list merges a cell of fewer than five children into its commune before it
/// shows it, so naming the child's school here would reveal what the needs list hides (a school with one child in need).
/// </summary>
public sealed record NeedPlace(NeedTarget Target, NeedCategory Category, string ItemCode, string ItemName, SizeBand? SizeBand,
    NeedUnit Unit, int Year, string CommuneCode, string CommuneName, int? SchoolId, string? SchoolName)
{
    /// <summary>The ledger's need_reference column holds 50 characters.</summary>
    public const int MaxReferenceLength = 50;

    private bool ForChild => Target == NeedTarget.Child;

    /// <summary>
    /// The public reference, in the shape of <see cref="PublicNeeds.PublicNeedReference"/> ("23535-2026-winter-jacket-Age6To8-T12"),
    /// so it reads like the needs list's; a child's line gives its category and commune only ("23535-2026-WarmClothes").
    /// </summary>
    public string Reference
    {
        get
        {
            var school = !ForChild && SchoolId is { } s ? "-T" + s.ToString(CultureInfo.InvariantCulture) : "";
            var fine = $"{CommuneCode}-{Year.ToString(CultureInfo.InvariantCulture)}-{ItemCode}" + (SizeBand is { } band ? "-" + band : "") + school;
            var coarse = $"{CommuneCode}-{Year.ToString(CultureInfo.InvariantCulture)}-{Category}" + school;
            return ForChild || fine.Length > MaxReferenceLength ? coarse : fine;
        }
    }

    /// <summary>"Đồ ấm — Áo ấm mùa đông (6–8 tuổi), Trường TH-THCS Ia Đal, Xã Ia Đal" (a child's line: the category alone).</summary>
    public string Description
    {
        get
        {
            var what = NeedLabels.Categories[Category];
            if (!ForChild) what += " — " + NeedLabels.WithSizeBand(ItemName, SizeBand);
            var where = !ForChild && SchoolName is { Length: > 0 } school ? $"{school}, {CommuneName}" : CommuneName;
            return $"{what}, {where}";
        }
    }
}
