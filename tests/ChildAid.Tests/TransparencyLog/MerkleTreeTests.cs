using ChildAid.Shared.TransparencyLog;

namespace ChildAid.Tests.TransparencyLog;

/// <summary>
/// RFC 6962's reference tree (the eight leaves of the Certificate Transparency test data and the root of every
/// prefix; published as test vectors by the certificate-transparency and transparency-dev projects), then every tree
/// of 1…64 leaves with every inclusion and consistency proof, against the RFC's recursive definition.
/// </summary>
public class MerkleTreeTests
{
    private static readonly byte[][] ReferenceLeaves =
        [[], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
         [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57], Convert.FromHexString("606162636465666768696a6b6c6d6e6f")];

    private static readonly string[] ReferenceRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static List<byte[]> ReferenceLeafHashes => [.. ReferenceLeaves.Select(l => MerkleTree.LeafHash(l))];

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    [Fact]
    public void The_reference_tree_has_the_RFC_6962_root_at_every_size_0_to_8()
    {
        var leaves = ReferenceLeafHashes;
        for (var size = 0; size <= 8; size++)
            Assert.Equal(ReferenceRoots[size], Hex(MerkleTree.Root(size, MerkleTree.Over(leaves))));
    }

    [Fact]
    public void The_reference_inclusion_proofs_of_leaves_0_and_5_in_the_tree_of_8_are_the_published_ones()
    {
        var hashes = MerkleTree.Over(ReferenceLeafHashes);

        Assert.Equal(
            ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
            MerkleTree.InclusionProof(0, 8, hashes).Select(Hex));
        Assert.Equal(
            ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
             "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
            MerkleTree.InclusionProof(5, 8, hashes).Select(Hex));
    }

    [Fact]
    public void The_reference_consistency_proofs_from_2_and_6_to_8_are_the_published_ones_and_verify()
    {
        var hashes = MerkleTree.Over(ReferenceLeafHashes);
        var from2 = MerkleTree.ConsistencyProof(2, 8, hashes);
        var from6 = MerkleTree.ConsistencyProof(6, 8, hashes);

        Assert.Equal(
            ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"], from2.Select(Hex));
        Assert.Equal(
            ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
             "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"], from6.Select(Hex));
        var root8 = Convert.FromHexString(ReferenceRoots[8]);
        Assert.True(MerkleTree.VerifyConsistency(2, 8, Convert.FromHexString(ReferenceRoots[2]), root8, from2));
        Assert.True(MerkleTree.VerifyConsistency(6, 8, Convert.FromHexString(ReferenceRoots[6]), root8, from6));
    }

    private static List<byte[]> Leaves(int count, string salt = "") =>
        [.. Enumerable.Range(0, count).Select(i => MerkleTree.LeafHash(System.Text.Encoding.UTF8.GetBytes($"entry {i}{salt}")))];

    [Fact]
    public void Every_inclusion_proof_of_every_tree_of_1_to_64_leaves_verifies_and_a_changed_one_does_not()
    {
        var leaves = Leaves(64);
        for (var size = 1; size <= 64; size++)
        {
            var hashes = MerkleTree.Over(leaves);
            var root = MerkleTree.Root(size, hashes);
            Assert.Equal(MerkleTree.Naive(leaves, 0, size), root);
            for (var i = 0; i < size; i++)
            {
                var proof = MerkleTree.InclusionProof(i, size, hashes);
                Assert.True(MerkleTree.VerifyInclusion(leaves[i], i, size, proof, root), $"leaf {i} of {size}");
                Assert.False(MerkleTree.VerifyInclusion(leaves[(i + 1) % 64], i, size, proof, root), $"other leaf at {i} of {size}");
                if (size > 1) Assert.False(MerkleTree.VerifyInclusion(leaves[i], (i + 1) % size, size, proof, root), $"leaf {i} at the wrong index");
                if (proof.Count > 0)
                {
                    Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, size, proof[..^1], root), $"shortened proof {i} of {size}");
                    var flipped = proof.Select(p => p.ToArray()).ToList();
                    flipped[^1][3] ^= 1;
                    Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, size, flipped, root), $"changed proof {i} of {size}");
                }
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_between_trees_of_0_to_64_leaves_verifies()
    {
        var leaves = Leaves(64);
        var hashes = MerkleTree.Over(leaves);
        for (var newSize = 1; newSize <= 64; newSize++)
        {
            var newRoot = MerkleTree.Root(newSize, hashes);
            for (var oldSize = 0; oldSize <= newSize; oldSize++)
            {
                var oldRoot = MerkleTree.Root(oldSize, hashes);
                var proof = MerkleTree.ConsistencyProof(oldSize, newSize, hashes);
                Assert.True(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof), $"{oldSize} → {newSize}");
                if (proof.Count > 0)
                {
                    var flipped = proof.Select(p => p.ToArray()).ToList();
                    flipped[0][0] ^= 0x80;
                    Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, flipped), $"changed proof {oldSize} → {newSize}");
                    Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof[..^1]), $"shortened proof {oldSize} → {newSize}");
                }
            }
        }
    }

    [Fact]
    public void A_rewritten_history_fails_consistency_with_every_earlier_tree_that_held_the_rewritten_leaf()
    {
        var honest = Leaves(40);
        var rewritten = honest.ToList();
        rewritten[17] = MerkleTree.LeafHash("entry 17 with another amount"u8);
        var forged = MerkleTree.Over(rewritten);
        for (var oldSize = 18; oldSize <= 40; oldSize++)
        {
            var oldRoot = MerkleTree.Root(oldSize, MerkleTree.Over(honest));
            for (var newSize = oldSize; newSize <= 40; newSize++)
            {
                // The forger builds the best proof their rewritten tree allows.
                var proof = MerkleTree.ConsistencyProof(oldSize, newSize, forged);
                Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, MerkleTree.Root(newSize, forged), proof), $"{oldSize} → {newSize}");
            }
        }
    }

    [Fact]
    public void A_shrunk_tree_is_not_consistent_with_a_bigger_earlier_one()
    {
        var hashes = MerkleTree.Over(Leaves(10));
        Assert.False(MerkleTree.VerifyConsistency(8, 6, MerkleTree.Root(8, hashes), MerkleTree.Root(6, hashes), []));
    }
}
