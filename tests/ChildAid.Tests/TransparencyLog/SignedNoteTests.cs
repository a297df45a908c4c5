using System.Text;
using ChildAid.Shared.TransparencyLog;

namespace ChildAid.Tests.TransparencyLog;

public class SignedNoteTests
{
    [Fact]
    public void The_example_of_the_signed_note_specification_verifies_with_its_verifier_key()
    {
        var key = NoteVerifier.Parse("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
        const string note = "This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

        var opened = SignedNote.Open(note, key);

        Assert.Equal("This is an example message.\n", opened.Text);
        Assert.False(SignedNote.Open(note.Replace("example message", "exemplary message", StringComparison.Ordinal), key).Verified);
    }

    [Fact]
    public void A_generated_key_signs_a_checkpoint_that_its_verifier_key_and_its_private_key_text_reproduce()
    {
        using var signer = NoteSigner.Generate("minhbach.example.vn/log");
        var checkpoint = new Checkpoint("minhbach.example.vn/log", 20852163, new byte[32]);
        var note = SignedNote.Sign(checkpoint.Text, signer);

        using var reloaded = NoteSigner.Parse(signer.PrivateKeyText);
        var key = NoteVerifier.Parse(reloaded.Verifier.VerifierKey);
        var opened = SignedNote.Open(note, key);

        Assert.True(opened.Verified, opened.Problem);
        Assert.Equal(checkpoint.Text, opened.Text);
        Assert.Equal(20852163, Checkpoint.Parse(opened.Text!)!.TreeSize);
        Assert.StartsWith("minhbach.example.vn/log\n20852163\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— minhbach.example.vn/log ", note);
        // key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], big-endian
        var digest = System.Security.Cryptography.SHA256.HashData([.. Encoding.UTF8.GetBytes("minhbach.example.vn/log"), 0x0A, 0x01, .. key.PublicKey]);
        Assert.Equal(Convert.ToHexStringLower(digest[..4]), key.VerifierKey.Split('+')[1]);
    }

    [Fact]
    public void A_forged_signature_or_another_key_of_the_same_name_is_refused_and_a_witness_cosignature_is_ignored()
    {
        using var log = NoteSigner.Generate("minhbach.example.vn/log");
        using var impostor = NoteSigner.Generate("minhbach.example.vn/log");
        using var witness = NoteSigner.Generate("witness.example.org");
        var text = new Checkpoint("minhbach.example.vn/log", 5, new byte[32]).Text;
        var note = SignedNote.Sign(text, log);

        var forged = note[..^10] + (note[^10] == 'A' ? 'B' : 'A') + note[^9..];
        Assert.Contains("does not verify", SignedNote.Open(forged, log.Verifier).Problem);
        Assert.Contains("no signature by the trusted key", SignedNote.Open(SignedNote.Sign(text, impostor), log.Verifier).Problem);
        var cosigned = note + SignedNote.Sign(text, witness)[(text.Length + 1)..];
        Assert.True(SignedNote.Open(cosigned, log.Verifier).Verified);
        Assert.Contains("does not verify", SignedNote.Open(SignedNote.Sign(text.Replace("\n5\n", "\n6\n", StringComparison.Ordinal), log)[..(text.Length + 1)] + note[(text.Length + 1)..], log.Verifier).Problem);
    }

    [Theory]
    [InlineData("example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")]
    [InlineData("example.com/foo+530d903a+AkyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")]
    [InlineData("example.com/foo+530d903a")]
    [InlineData("example com+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")]
    public void A_verifier_key_with_a_wrong_id_type_or_shape_is_refused(string vkey) =>
        Assert.Throws<FormatException>(() => NoteVerifier.Parse(vkey));

    [Fact]
    public void A_checkpoint_text_needs_an_origin_a_plain_size_and_a_32_byte_root()
    {
        var root = Convert.ToBase64String(new byte[32]);
        Assert.NotNull(Checkpoint.Parse($"o/log\n0\n{root}\n"));
        Assert.NotNull(Checkpoint.Parse($"o/log\n12\n{root}\next\n"));
        Assert.Null(Checkpoint.Parse($"o/log\n012\n{root}\n"));
        Assert.Null(Checkpoint.Parse($"o/log\n12\n{Convert.ToBase64String(new byte[31])}\n"));
        Assert.Null(Checkpoint.Parse($"o/log\n12\n{root}"));
        Assert.Null(Checkpoint.Parse($"\n12\n{root}\n"));
    }
}
