using ChildAid.Shared.Pledges;

namespace ChildAid.Tests.Pledges;

/// <summary>The reference a donor types into a transfer: safe characters, one check character, found in a bank's text.</summary>
public class PledgeReferenceTests
{
    private const string Alphabet = PledgeReference.Alphabet;

    [Fact]
    public void A_new_reference_is_the_prefix_six_safe_characters_and_a_check_character()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = PledgeReference.New();
            Assert.Equal(9, code.Length);
            Assert.StartsWith("CA", code);
            Assert.All(code[2..], c => Assert.Contains(c, Alphabet));
            Assert.True(PledgeReference.IsValid(code));
        }
    }

    [Fact]
    public void The_alphabet_has_thirty_characters_and_none_that_look_alike()
    {
        Assert.Equal(30, Alphabet.Distinct().Count());
        Assert.All("01OILUo", c => Assert.DoesNotContain(c, Alphabet));
    }

    /// <summary>
    /// The check is linear (Σ weight·value mod 31), so whether a change is caught depends only on the position, the
    /// character there and the one that replaces it, never on the other characters: trying every position with every
    /// original and every replacement is the whole proof. The other characters are varied anyway.
    /// </summary>
    [Fact]
    public void Every_single_wrong_character_in_every_position_is_caught()
    {
        var tried = 0;
        foreach (var code in CodesWithEveryCharacterInEveryPosition())
        {
            for (var position = 2; position < code.Length; position++)
            {
                foreach (var wrong in Alphabet)
                {
                    if (wrong == code[position]) continue;
                    var typo = code[..position] + wrong + code[(position + 1)..];
                    Assert.False(PledgeReference.IsValid(typo), $"{code} → {typo}");
                    tried++;
                }
            }
        }
        Assert.True(tried >= 7 * 30 * 29);
    }

    [Fact]
    public void Every_swap_of_two_adjacent_different_characters_is_caught()
    {
        var pairs = new HashSet<(int Position, char First, char Second)>();
        foreach (var code in CodesWithEveryPairInEveryPosition())
        {
            for (var position = 2; position < code.Length - 1; position++)
            {
                if (code[position] == code[position + 1]) continue;
                var swapped = code[..position] + code[position + 1] + code[position] + code[(position + 2)..];
                Assert.False(PledgeReference.IsValid(swapped), $"{code} → {swapped}");
                pairs.Add((position, code[position], code[position + 1]));
            }
        }
        // Six adjacent pairs (five among the random characters, one with the check character), every ordered pair of
        // different characters at each — except the check character's own pairs, which only exist for 30 of 31 sums.
        Assert.Equal(5 * 30 * 29, pairs.Count(p => p.Position < 7));
        Assert.Equal(30 * 29, pairs.Count(p => p.Position == 7));
    }

    [Theory]
    [InlineData("MBVCB.123.{0}.CT tu NGUYEN VAN A")]
    [InlineData("{0}")]
    [InlineData("ung ho {1} ao am")]
    [InlineData("IBFT {2} Chuyển tiền ủng hộ")]
    [InlineData("FT24330xyzCA{3}")]
    public void A_reference_is_found_in_a_bank_description_whatever_the_spaces_dashes_case_and_bank_text(string template)
    {
        var code = PledgeReference.New();
        var description = string.Format(System.Globalization.CultureInfo.InvariantCulture, template,
            $"{code[..2]} {code[2..6]}-{code[6..]}", code.ToLowerInvariant(), $"{code[..5]} {code[5..]}", code[2..]);

        Assert.Equal(code, PledgeReference.FindIn(description));
    }

    [Theory]
    [InlineData("")]
    [InlineData("CK tien ung ho chuong trinh")]
    [InlineData("CAM ON CAC BAN")]
    public void A_description_without_a_reference_gives_none(string description) =>
        Assert.Null(PledgeReference.FindIn(description));

    [Fact]
    public void A_reference_with_a_typo_is_not_found_in_a_description()
    {
        var code = PledgeReference.New();
        var typo = code[..4] + (code[4] == '2' ? '3' : '2') + code[5..];
        Assert.Null(PledgeReference.FindIn("MBVCB.1." + typo + ".CT"));
    }

    [Fact]
    public void Normalize_gives_the_canonical_code()
    {
        var code = PledgeReference.New();
        Assert.Equal(code, PledgeReference.Normalize($" {code[..2].ToLowerInvariant()}-{code[2..]} "));
        Assert.Null(PledgeReference.Normalize("XX" + code[2..]));
        Assert.Null(PledgeReference.Normalize(code + "2"));
    }

    /// <summary>Valid codes in which every character of the alphabet appears at every random position and as the check.</summary>
    private static IEnumerable<string> CodesWithEveryCharacterInEveryPosition()
    {
        var rng = new Random(8);
        var seen = new HashSet<(int, char)>();
        while (seen.Count < 7 * 30)
        {
            var body = new string(Enumerable.Range(0, 6).Select(_ => Alphabet[rng.Next(30)]).ToArray());
            var code = PledgeReference.TryComplete(body);
            if (code is null) continue;
            var added = false;
            for (var i = 2; i < 9; i++) added |= seen.Add((i, code[i]));
            if (added) yield return code;
        }
    }

    /// <summary>Valid codes in which every ordered pair appears at every adjacent position (the last: with the check).</summary>
    private static IEnumerable<string> CodesWithEveryPairInEveryPosition()
    {
        // Among the random characters: set the pair, then try fillers until the check character exists.
        for (var position = 0; position < 5; position++)
            foreach (var first in Alphabet)
                foreach (var second in Alphabet)
                {
                    foreach (var filler in Alphabet)
                    {
                        var body = new char[6];
                        Array.Fill(body, filler);
                        body[position] = first;
                        body[position + 1] = second;
                        var code = PledgeReference.TryComplete(new string(body));
                        if (code is null) continue;
                        yield return code;
                        break;
                    }
                }
        // The last random character and the check: vary the fifth character until each check character appears.
        foreach (var last in Alphabet)
        {
            var checks = new HashSet<char>();
            foreach (var a in Alphabet)
                foreach (var b in Alphabet)
                {
                    var code = PledgeReference.TryComplete($"222{a}{b}{last}");
                    if (code is not null && checks.Add(code[8])) yield return code;
                }
        }
    }
}
