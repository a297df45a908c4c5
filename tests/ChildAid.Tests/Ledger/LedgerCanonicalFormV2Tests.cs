using System.Security.Cryptography;
using System.Text;
using ChildAid.Shared.Ledger;

namespace ChildAid.Tests.Ledger;

/// <summary>Canonical form v2 as README.md documents it: one escaping rule, every declared kind, names as commitments.</summary>
public class LedgerCanonicalFormV2Tests
{
    private const string Salt = "00112233445566778899aabbccddeeff";

    private static LedgerEntry Entry() => new()
    {
        Sequence = 7,
        FormatVersion = 2,
        RecordedAt = new DateTime(2026, 12, 1, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567),
        ValueDate = new DateOnly(2026, 11, 30),
        Kind = LedgerEntryKind.Receipt,
        AmountVnd = 500_000,
        CampaignId = 2,
        ReceiptNumber = "2026-000007",
        Description = "Tiền mặt",
        DonorDisplay = "Nguyễn Văn An",
        DonorSalt = Salt,
        DonorCommitment = LedgerNameCommitment.Compute(Salt, "Nguyễn Văn An"),
        PreviousHash = new string('a', 64),
    };

    [Fact]
    public void Canonical_form_v2_is_the_documented_text_with_the_commitment_instead_of_the_name()
    {
        var e = Entry();

        Assert.Equal(
            "childaid-ledger-v2\n" +
            "sequence=7\n" +
            "recorded_at=2026-12-01T03:04:05.123456Z\n" +
            "value_date=2026-11-30\n" +
            "kind=receipt\n" +
            "amount_vnd=500000\n" +
            "currency=\n" +
            "original_amount=\n" +
            "exchange_rate=\n" +
            "campaign_id=2\n" +
            "receipt_number=2026-000007\n" +
            "description=Tiền mặt\n" +
            "donor_commitment=" + e.DonorCommitment + "\n" +
            "reverses_sequence=\n" +
            "unit_code=\n" +
            "item=\n" +
            "quantity=\n" +
            "unit_of_measure=\n" +
            "need_reference=\n" +
            "source_sequence=\n" +
            "previous_hash=" + new string('a', 64), LedgerCanonicalForm.Build(e));
        Assert.DoesNotContain("Nguyễn", LedgerCanonicalForm.Build(e));
    }

    [Fact]
    public void Every_control_character_is_escaped_by_one_rule_as_backslash_u_and_four_upper_case_hex_digits()
    {
        var e = Entry();
        e.Description = "a\tb\0c\u2028d\u2029e\nf\rg\u001Fh\u007Fi\u0085j\\k";

        var line = LedgerCanonicalForm.Build(e).Split('\n').Single(l => l.StartsWith("description=", StringComparison.Ordinal));

        Assert.Equal(@"description=a\u0009b\u0000c\u2028d\u2029e\u000Af\u000Dg\u001Fh\u007Fi\u0085j\\k", line);
    }

    [Fact]
    public void A_v2_entry_never_carries_a_raw_control_character_in_any_text_field()
    {
        var e = Entry();
        e.Description = e.Item = e.UnitOfMeasure = e.NeedReference = e.UnitCode = e.ReceiptNumber = "x\t\0\u2028\u2029\u0085";

        var text = LedgerCanonicalForm.Build(e);

        Assert.DoesNotContain(text, c => c != '\n' && (char.IsControl(c) || c is '\u2028' or '\u2029'));
        Assert.Equal(21, text.Split('\n').Length);
    }

    [Fact]
    public void A_v1_entry_keeps_its_v1_text_so_old_hashes_still_verify()
    {
        var e = Entry();
        e.FormatVersion = 1;

        var text = LedgerCanonicalForm.Build(e);

        Assert.StartsWith("childaid-ledger-v1\n", text, StringComparison.Ordinal);
        Assert.Contains("\ndonor_display=Nguyễn Văn An\n", text, StringComparison.Ordinal);
        Assert.Equal(15, text.Split('\n').Length);
    }

    [Theory]
    [InlineData(LedgerEntryKind.Receipt, "receipt")]
    [InlineData(LedgerEntryKind.Reversal, "reversal")]
    [InlineData(LedgerEntryKind.Allocation, "allocation")]
    [InlineData(LedgerEntryKind.Expense, "expense")]
    [InlineData(LedgerEntryKind.StockMovement, "stock_movement")]
    [InlineData(LedgerEntryKind.Distribution, "distribution")]
    public void Every_declared_kind_has_a_canonical_name_that_reads_back(LedgerEntryKind kind, string name)
    {
        Assert.Equal(name, LedgerCanonicalForm.KindName(kind));
        Assert.Equal(kind, LedgerCanonicalForm.ParseKind(name));
        Assert.True(LedgerCanonicalForm.IsKnownKind(2, kind));
    }

    [Fact]
    public void A_stock_movement_hashes_its_unit_item_quantity_unit_of_measure_need_and_source()
    {
        var e = Entry();
        e.Kind = LedgerEntryKind.StockMovement;
        e.DonorDisplay = ""; e.DonorSalt = null; e.DonorCommitment = null; e.ReceiptNumber = null;
        e.UnitCode = "23545"; e.Item = "Áo ấm"; e.Quantity = -12.500m; e.UnitOfMeasure = "chiếc"; e.NeedReference = "N-2026-0004"; e.SourceSequence = 3;

        var text = LedgerCanonicalForm.Build(e);

        Assert.Contains("\nkind=stock_movement\n", text, StringComparison.Ordinal);
        Assert.Contains("\nunit_code=23545\nitem=Áo ấm\nquantity=-12.5\nunit_of_measure=chiếc\nneed_reference=N-2026-0004\nsource_sequence=3\n", text, StringComparison.Ordinal);
        var hash = LedgerCanonicalForm.ComputeHash(e);
        foreach (var change in new Action<LedgerEntry>[] { x => x.UnitCode = "23546", x => x.Item = "Áo", x => x.Quantity = -12m,
                     x => x.UnitOfMeasure = "bộ", x => x.NeedReference = "N-2026-0005", x => x.SourceSequence = 4 })
        {
            var changed = Entry();
            changed.Kind = e.Kind; changed.DonorDisplay = ""; changed.DonorSalt = null; changed.DonorCommitment = null; changed.ReceiptNumber = null;
            changed.UnitCode = e.UnitCode; changed.Item = e.Item; changed.Quantity = e.Quantity; changed.UnitOfMeasure = e.UnitOfMeasure;
            changed.NeedReference = e.NeedReference; changed.SourceSequence = e.SourceSequence;
            change(changed);
            Assert.NotEqual(hash, LedgerCanonicalForm.ComputeHash(changed));
        }
    }

    [Fact]
    public void The_name_commitment_is_sha256_of_the_salt_bytes_then_the_utf8_nfc_name()
    {
        var decomposed = "Nguyễn Văn An".Normalize(NormalizationForm.FormD);
        var expected = Convert.ToHexStringLower(SHA256.HashData(
            [.. Convert.FromHexString(Salt), .. Encoding.UTF8.GetBytes("Nguyễn Văn An".Normalize(NormalizationForm.FormC))]));

        Assert.Equal(expected, LedgerNameCommitment.Compute(Salt, decomposed));
        Assert.Matches("^[0-9a-f]{32}$", LedgerNameCommitment.NewSalt());
        Assert.NotEqual(LedgerNameCommitment.NewSalt(), LedgerNameCommitment.NewSalt());
    }

    [Fact]
    public async Task A_chain_of_v1_entries_followed_by_v2_entries_verifies_and_counts_each_version()
    {
        var chain = Chain(v1: 2, v2: 3);

        var result = await LedgerVerifier.VerifyAsync(chain.ToAsyncEnumerable(), chain[^1].Hash);

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal((2, 3, 0), (result.V1Entries, result.V2Entries, result.ErasedNames));
    }

    [Fact]
    public async Task An_erased_name_still_verifies_because_the_hash_covers_only_its_commitment()
    {
        var chain = Chain(v1: 1, v2: 3);
        chain[2].DonorDisplay = null;
        chain[2].DonorSalt = null;

        var result = await LedgerVerifier.VerifyAsync(chain.ToAsyncEnumerable());

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(1, result.ErasedNames);
    }

    [Fact]
    public async Task A_published_name_that_does_not_match_its_commitment_is_reported()
    {
        var chain = Chain(v1: 0, v2: 3);
        chain[1].DonorDisplay = "Trần Văn Giả";

        var result = await LedgerVerifier.VerifyAsync(chain.ToAsyncEnumerable());

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("does not match its commitment", result.Problem);
    }

    [Fact]
    public async Task An_unknown_kind_is_reported_as_unknown_for_that_entry_not_thrown()
    {
        var csv = await CsvOfAsync(Chain(v1: 0, v2: 3));
        var rows = csv.Split('\n');
        rows[2] = rows[2].Replace(",receipt,", ",grant,", StringComparison.Ordinal);

        var entries = new List<LedgerEntry>();
        await foreach (var e in StatementCsv.ReadAsync(new StringReader(string.Join('\n', rows)))) entries.Add(e);
        var result = await LedgerVerifier.VerifyAsync(entries.ToAsyncEnumerable());

        Assert.True(result.IsUnknown);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("unknown kind", result.Problem);
        Assert.Equal(1, result.EntriesChecked);
    }

    [Fact]
    public async Task An_unknown_format_version_is_reported_as_unknown_for_that_entry()
    {
        var chain = Chain(v1: 1, v2: 2);
        chain[2].FormatVersion = 3;

        var result = await LedgerVerifier.VerifyAsync(chain.ToAsyncEnumerable());

        Assert.True(result.IsUnknown);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Contains("unknown format version 3", result.Problem);
    }

    [Fact]
    public async Task The_statement_csv_publishes_name_salt_and_commitment_and_an_erased_entry_reads_back_as_erased()
    {
        var chain = Chain(v1: 1, v2: 3);
        chain[3].DonorDisplay = null;
        chain[3].DonorSalt = null;

        var csv = await CsvOfAsync(chain);
        var read = new List<LedgerEntry>();
        await foreach (var e in StatementCsv.ReadAsync(new StringReader(csv))) read.Add(e);

        Assert.Contains("format_version,donor_salt,donor_commitment", csv.Split('\n')[0], StringComparison.Ordinal);
        Assert.Equal(chain[2].DonorSalt, read[2].DonorSalt);
        Assert.Equal(chain[2].DonorCommitment, read[2].DonorCommitment);
        Assert.True(read[3].IsNameErased);
        var result = await LedgerVerifier.VerifyAsync(read.ToAsyncEnumerable());
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(1, result.ErasedNames);
    }

    private static async Task<string> CsvOfAsync(IEnumerable<LedgerEntry> chain)
    {
        var writer = new StringWriter();
        await StatementCsv.WriteAsync(writer, chain.ToAsyncEnumerable());
        return writer.ToString();
    }

    /// <summary>A valid chain: <paramref name="v1"/> entries in format v1, then <paramref name="v2"/> in v2, every v2 one named.</summary>
    internal static List<LedgerEntry> Chain(int v1, int v2)
    {
        var list = new List<LedgerEntry>();
        var previous = LedgerCanonicalForm.GenesisHash;
        for (var i = 1; i <= v1 + v2; i++)
        {
            var name = $"Nhà hảo tâm {i}\tthứ {i}";
            var salt = i > v1 ? LedgerNameCommitment.NewSalt() : null;
            var e = new LedgerEntry
            {
                Sequence = i, FormatVersion = i > v1 ? 2 : 1, RecordedAt = new DateTime(2026, 1, 1, 0, 0, i, DateTimeKind.Utc),
                ValueDate = new DateOnly(2026, 1, 1), Kind = LedgerEntryKind.Receipt, AmountVnd = i * 100_000, ReceiptNumber = $"2026-{i:000000}",
                Description = "Tiền mặt\u2028dòng hai", DonorDisplay = name, DonorSalt = salt,
                DonorCommitment = salt is null ? null : LedgerNameCommitment.Compute(salt, name), PreviousHash = previous,
            };
            e.Hash = LedgerCanonicalForm.ComputeHash(e);
            previous = e.Hash;
            list.Add(e);
        }
        return list;
    }
}
