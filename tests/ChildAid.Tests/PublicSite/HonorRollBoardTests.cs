using ChildAid.Shared.HonorRoll;

namespace ChildAid.Tests.PublicSite;

/// <summary>The honor roll's display rules on their own, without a database.</summary>
public class HonorRollBoardTests
{
    private static HonorRollDonor Donor(string name, int net, int withAmount, long amount) => new(Guid.NewGuid(), name, net, withAmount, amount);

    [Fact]
    public void Donors_who_show_amounts_are_ranked_by_total_name_only_donors_listed_and_anonymous_counted()
    {
        var board = HonorRollBoard.From(
        [
            Donor("Nguyễn Văn An", 2, 2, 3_000_000),
            Donor("Công ty Ánh Dương", 1, 1, 5_000_000),
            Donor("Trần Thị Bình", 1, 0, 0),
            Donor("Ánh Hồng", 3, 0, 0),
            Donor("", 1, 0, 0),
            Donor("  ", 4, 0, 0),
        ]);

        Assert.Equal([(1, "Công ty Ánh Dương", 5_000_000L), (2, "Nguyễn Văn An", 3_000_000L)],
            board.Ranked.Select(r => (r.Rank, r.DisplayName, r.TotalVnd)));
        Assert.Equal(["Ánh Hồng", "Trần Thị Bình"], board.NameOnly);
        Assert.Equal(2, board.AnonymousCount);
        Assert.Equal(6, board.DonorCount);
    }

    [Fact]
    public void Donors_whose_every_gift_was_reversed_are_not_on_the_roll()
    {
        var board = HonorRollBoard.From([Donor("Phạm Văn Rút", 0, 2, 0), Donor("Lê Văn Kín", 0, 0, 0), Donor("", 0, 0, 0)]);

        Assert.Empty(board.Ranked);
        Assert.Empty(board.NameOnly);
        Assert.Equal(0, board.AnonymousCount);
    }
}
