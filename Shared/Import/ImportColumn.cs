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
        if (MatchesWhole(TextFolding.Fold(header))) return true;
        // Bilingual headers ("Ngày giao dịch / Transaction Date", or the English on a second line in the cell): either part.
        if (header.IndexOfAny(PartSeparators) < 0) return false;
        return header.Split(PartSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(part => MatchesWhole(TextFolding.Fold(part)));
    }

    private static readonly char[] PartSeparators = ['/', '\n', '\r'];

    private bool MatchesWhole(string folded) =>
        folded.Length > 0 && (folded == TextFolding.Fold(Header) || Aliases.Any(a => TextFolding.Fold(a) == folded));
}
