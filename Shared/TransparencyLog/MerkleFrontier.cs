namespace ChildAid.Shared.TransparencyLog;

/// <summary>
/// The right edge of a tree being built leaf by leaf (a "compact range"): one hash per complete subtree, at most 64, so
/// a verifier recomputes the root of any number of entries in constant memory.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<(byte[] Hash, long Size)> _subtrees = [];

    public long Size { get; private set; }

    public void Append(byte[] leafHash)
    {
        var hash = leafHash;
        long size = 1;
        while (_subtrees.Count > 0 && _subtrees[^1].Size == size)
        {
            hash = MerkleTree.NodeHash(_subtrees[^1].Hash, hash);
            size *= 2;
            _subtrees.RemoveAt(_subtrees.Count - 1);
        }
        _subtrees.Add((hash, size));
        Size++;
    }

    public byte[] Root()
    {
        if (_subtrees.Count == 0) return MerkleTree.EmptyRoot();
        var root = _subtrees[^1].Hash;
        for (var i = _subtrees.Count - 2; i >= 0; i--) root = MerkleTree.NodeHash(_subtrees[i].Hash, root);
        return root;
    }
}
