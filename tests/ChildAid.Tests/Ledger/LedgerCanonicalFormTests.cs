using ChildAid.Shared.Ledger;

namespace ChildAid.Tests.Ledger;

public class LedgerCanonicalFormTests
{
    private static LedgerEntry Entry() => new()
    {
        Sequence = 42,
        RecordedAt = new DateTime(2026, 11, 29, 8, 30, 15, DateTimeKind.Utc).AddTicks(1234567),
        ValueDate = new DateOnly(2026, 11, 28),
        Kind = LedgerEntryKind.Receipt,
        AmountVnd = 2_540_000,
        Currency = "USD",
        OriginalAmount = 100.00m,
        ExchangeRate = 25400.000000m,
        CampaignId = 3,
        ReceiptNumber = "2026-000042",
        Description = "Chuyển khoản\nline two \\ back",
        DonorDisplay = "Nguyễn Văn An",
        PreviousHash = new string('a', 64),
    };

    [Fact]
    public void Canonical_form_is_the_documented_text()
    {
        var text = LedgerCanonicalForm.Build(Entry());

        Assert.Equal(
            "childaid-ledger-v1\n" +
            "sequence=42\n" +
            "recorded_at=2026-11-29T08:30:15.123456Z\n" +
            "value_date=2026-11-28\n" +
            "kind=receipt\n" +
            "amount_vnd=2540000\n" +
            "currency=USD\n" +
            "original_amount=100\n" +
            "exchange_rate=25400\n" +
            "campaign_id=3\n" +
            "receipt_number=2026-000042\n" +
            "description=Chuyển khoản\\nline two \\\\ back\n" +
            "donor_display=Nguyễn Văn An\n" +
            "reverses_sequence=\n" +
            "previous_hash=" + new string('a', 64), text);
    }

    [Fact]
    public void Hash_is_lowercase_hex_sha256_of_the_utf8_canonical_form()
    {
        var e = Entry();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(LedgerCanonicalForm.Build(e))));

        Assert.Equal(expected, LedgerCanonicalForm.ComputeHash(e));
        Assert.Matches("^[0-9a-f]{64}$", expected);
    }

    [Fact]
    public void Changing_any_hashed_field_changes_the_hash()
    {
        var original = LedgerCanonicalForm.ComputeHash(Entry());
        var variants = new Action<LedgerEntry>[]
        {
            e => e.AmountVnd++, e => e.DonorDisplay = "Nguyễn Văn Ân", e => e.Description += ".", e => e.CampaignId = null,
            e => e.PreviousHash = new string('b', 64), e => e.ValueDate = e.ValueDate.AddDays(1), e => e.Kind = LedgerEntryKind.Reversal,
            e => e.ExchangeRate = 25401m, e => e.ReceiptNumber = "2026-000043",
        };
        foreach (var change in variants)
        {
            var e = Entry();
            change(e);
            Assert.NotEqual(original, LedgerCanonicalForm.ComputeHash(e));
        }
    }

    [Fact]
    public void Composed_and_decomposed_vietnamese_hash_the_same()
    {
        var composed = Entry();
        var decomposed = Entry();
        decomposed.DonorDisplay = composed.DonorDisplay!.Normalize(System.Text.NormalizationForm.FormD);

        Assert.Equal(LedgerCanonicalForm.ComputeHash(composed), LedgerCanonicalForm.ComputeHash(decomposed));
    }

    [Fact]
    public async Task Verifier_reports_the_first_entry_whose_content_no_longer_matches()
    {
        var chain = BuildChain(5);
        chain[2].AmountVnd = 999;

        var result = await LedgerVerifier.VerifyAsync(chain.ToAsyncEnumerable());

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verifier_notices_a_removed_entry_and_a_truncated_tail()
    {
        var chain = BuildChain(5);
        var gap = chain.Where(e => e.Sequence != 3).ToList();
        var intact = await LedgerVerifier.VerifyAsync(chain.ToAsyncEnumerable(), chain[^1].Hash);
        var missing = await LedgerVerifier.VerifyAsync(gap.ToAsyncEnumerable());
        var truncated = await LedgerVerifier.VerifyAsync(chain.Take(4).ToAsyncEnumerable(), chain[^1].Hash);

        Assert.True(intact.IsIntact);
        Assert.Equal(4, missing.FirstBrokenSequence);
        Assert.False(truncated.IsIntact);
    }

    [Fact]
    public async Task Statement_csv_round_trips_and_still_verifies()
    {
        var chain = BuildChain(4);
        var writer = new StringWriter();
        await StatementCsv.WriteAsync(writer, chain.ToAsyncEnumerable());

        var read = new List<LedgerEntry>();
        await foreach (var e in StatementCsv.ReadAsync(new StringReader(writer.ToString()))) read.Add(e);

        Assert.Equal(chain.Select(e => e.Hash), read.Select(e => e.Hash));
        Assert.True((await LedgerVerifier.VerifyAsync(read.ToAsyncEnumerable())).IsIntact);
    }

    internal static List<LedgerEntry> BuildChain(int count)
    {
        var list = new List<LedgerEntry>();
        var previous = LedgerCanonicalForm.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var e = new LedgerEntry
            {
                Sequence = i, RecordedAt = new DateTime(2026, 1, 1, 0, 0, i, DateTimeKind.Utc), ValueDate = new DateOnly(2026, 1, 1),
                Kind = LedgerEntryKind.Receipt, AmountVnd = i * 100_000, ReceiptNumber = $"2026-{i:000000}",
                Description = "Tiền mặt, \"quà\", nhiều dòng\nthứ hai", DonorDisplay = i % 2 == 0 ? "" : "Trần Thị Bích", PreviousHash = previous,
            };
            e.Hash = LedgerCanonicalForm.ComputeHash(e);
            previous = e.Hash;
            list.Add(e);
        }
        return list;
    }
}
