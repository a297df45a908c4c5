using System.Text;
using ChildAid.Shared.Ledger;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>
/// What the log's leaves are: each ledger entry's canonical bytes (<see cref="LedgerCanonicalForm.Build"/> in UTF-8),
/// the very bytes whose SHA-256 is the entry's <c>hash</c> on the statement. Leaf i is the entry of sequence i + 1.
/// </summary>
public static class LogEntryBytes
{
    public static byte[] Of(LedgerEntry entry) => Encoding.UTF8.GetBytes(LedgerCanonicalForm.Build(entry));

    public static byte[] LeafHashOf(LedgerEntry entry) => MerkleTree.LeafHash(Of(entry));

    public static long IndexOf(long sequence) => sequence - 1;
}
