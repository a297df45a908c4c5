using ChildAid.Shared.Text;

namespace ChildAid.Shared.Import;

/// <summary>
/// A column an import reads, found by its header (Vietnamese, compared without diacritics or case, so "so luong" finds
/// "Số lượng"); <see cref="Aliases"/> are other headers people write for it. A required column missing from the header
/// row stops the import before any row is read.
/// </summary>
public sealed record ImportColumn(string Header, bool Required = false, params string[] Aliases)
{
    public bool Matches(string header)
    {
        var folded = TextFolding.Fold(header);
        return folded == TextFolding.Fold(Header) || Aliases.Any(a => TextFolding.Fold(a) == folded);
    }
}
