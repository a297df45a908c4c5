using ChildAid.Shared.TransparencyLog;

namespace ChildAid.Tests.TransparencyLog;

public class TileMathTests
{
    [Theory]
    [InlineData(0, "000")]
    [InlineData(5, "005")]
    [InlineData(1000, "x001/000")]
    [InlineData(1234067, "x001/x234/067")]
    public void A_tile_index_is_written_in_groups_of_three_digits_with_x_on_all_but_the_last(long index, string written)
    {
        Assert.Equal(written, TileMath.FormatIndex(index));
        Assert.Equal(new TileName(0, index, null), TileMath.Parse("0/" + written));
    }

    [Fact]
    public void Paths_of_partial_tiles_and_entry_bundles_round_trip()
    {
        Assert.Equal("tile/2/x001/067.p/23", TileMath.Path(new TileName(2, 1067, 23)));
        Assert.Equal(new TileName(2, 1067, 23), TileMath.Parse("2/x001/067.p/23"));
        Assert.Equal(new TileName(TileName.EntriesLevel, 4, null), TileMath.Parse("entries/004"));
        Assert.Equal(new TileName(TileName.EntriesLevel, 4, 7), TileMath.Parse("entries/004.p/7"));
    }

    [Theory]
    [InlineData("0/5")]
    [InlineData("00/005")]
    [InlineData("0/005.p/0")]
    [InlineData("0/005.p/256")]
    [InlineData("0/005.p/07")]
    [InlineData("0/001/005")]
    [InlineData("0/x000/005")]
    [InlineData("64/000")]
    [InlineData("x/000")]
    [InlineData("0")]
    public void Anything_not_spelled_exactly_as_tlog_tiles_writes_it_is_refused(string path) =>
        Assert.Null(TileMath.Parse(path));

    [Fact]
    public void A_tree_of_70000_has_the_tiles_the_specification_lists()
    {
        // tlog-tiles: 273 full level-0 tiles and one of width 112, one full level-1 tile and one of width 17, one level-2 tile of width 1.
        Assert.Equal(70_000, TileMath.HashesAtLevel(70_000, 0));
        Assert.Equal(273, 70_000 / 256);
        Assert.Equal(112, 70_000 % 256);
        Assert.Equal(273, TileMath.HashesAtLevel(70_000, 1));
        Assert.Equal(17, TileMath.HashesAtLevel(70_000, 1) % 256);
        Assert.Equal(1, TileMath.HashesAtLevel(70_000, 2));
    }
}
