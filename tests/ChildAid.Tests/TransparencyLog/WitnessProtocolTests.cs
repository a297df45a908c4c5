using ChildAid.Shared.TransparencyLog;
using NSec.Cryptography;

namespace ChildAid.Tests.TransparencyLog;

/// <summary>The witness side of add-checkpoint answers each case of the C2SP tlog-witness spec with its status.</summary>
public class WitnessProtocolTests
{
    private static readonly NoteSigner Log = NoteSigner.Generate("minhbach.example.vn/log");
    private static readonly NoteSigner Other = NoteSigner.Generate("other.example/log");

    private static string Note(NoteSigner signer, long size, byte[] root) => SignedNote.Sign(new Checkpoint(signer.Name, size, root).Text, signer);

    private static Witness NewWitness() => new(Log.Verifier, "witness.example/w", Key.Create(SignatureAlgorithm.Ed25519), TimeProvider.System);

    [Fact]
    public void Each_broken_request_gets_the_status_the_spec_names_and_a_good_one_a_cosignature()
    {
        var leaves = Enumerable.Range(0, 5).Select(i => MerkleTree.LeafHash([(byte)i])).ToList();
        var root3 = MerkleTree.Naive(leaves, 0, 3);
        var root5 = MerkleTree.Naive(leaves, 0, 5);
        var witness = NewWitness();

        Assert.Equal(404, witness.AddCheckpoint("old 0\n\n" + Note(Other, 3, root3)).Status);
        Assert.Equal(403, witness.AddCheckpoint("old 0\n\n" + Note(Log, 3, root3).Replace("\n3\n", "\n4\n")).Status);
        Assert.Equal(400, witness.AddCheckpoint("old 4\n\n" + Note(Log, 3, root3)).Status);
        Assert.Equal(400, witness.AddCheckpoint("old 03\n\n" + Note(Log, 3, root3)).Status);
        var first = witness.AddCheckpoint("old 0\n\n" + Note(Log, 3, root3));
        Assert.Equal(200, first.Status);
        Assert.NotNull(Cosignature.Verify(first.Body.TrimEnd('\n'), new Checkpoint(Log.Name, 3, root3).Text, witness.CosignerKey));

        var stale = witness.AddCheckpoint("old 0\n\n" + Note(Log, 5, root5));
        Assert.Equal((409, "text/x.tlog.size", "3\n"), (stale.Status, stale.ContentType, stale.Body));
        var proof = MerkleTree.ConsistencyProof(3, 5, MerkleTree.Over(leaves));
        var wrongProof = string.Concat(proof.Select(p => Convert.ToBase64String(p.Reverse().ToArray()) + "\n"));
        Assert.Equal(422, witness.AddCheckpoint("old 3\n" + wrongProof + "\n" + Note(Log, 5, root5)).Status);
        Assert.Equal(422, witness.AddCheckpoint("old 3\n\n" + Note(Log, 3, root5)).Status); // same size, another root
        var good = witness.AddCheckpoint("old 3\n" + string.Concat(proof.Select(p => Convert.ToBase64String(p) + "\n")) + "\n" + Note(Log, 5, root5));
        Assert.Equal(200, good.Status);
        Assert.Equal(5, witness.State.Size);
    }
}
