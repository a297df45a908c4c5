using ChildAid.Shared.Growth;

namespace ChildAid.Tests.Growth;

/// <summary>The CSV reader of `growth score` keeps each record's raw text and its starting line, quotes and all.</summary>
public class CsvRecordsTests
{
    [Fact]
    public void Quoted_cells_with_commas_doubled_quotes_and_line_breaks_stay_one_record_and_later_lines_keep_their_numbers()
    {
        using var records = new CsvRecords(new StringReader("id,note,sex\r\n1,\"a, \"\"b\"\"\nsecond line\",2\r\n\r\n2,plain,1\n3,\"\",\n"));
        Assert.True(records.Read());
        Assert.Equal(1, records.LineNumber);
        Assert.Equal(3, records.FieldCount);

        Assert.True(records.Read());
        Assert.Equal(2, records.LineNumber);
        Assert.Equal("1,\"a, \"\"b\"\"\nsecond line\",2", records.Record);
        Assert.Equal(3, records.FieldCount);
        Assert.Equal("a, \"b\"\nsecond line", records[1].ToString());
        Assert.Equal("2", records[2].ToString());

        Assert.True(records.Read());
        Assert.Equal(5, records.LineNumber); // line 4 is empty
        Assert.Equal("plain", records[1].ToString());

        Assert.True(records.Read());
        Assert.Equal(6, records.LineNumber);
        Assert.Equal(3, records.FieldCount);
        Assert.Equal("", records[1].ToString());
        Assert.Equal("", records[2].ToString());

        Assert.False(records.Read());
    }
}
