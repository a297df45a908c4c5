using ChildAid.BackOffice.Web;

namespace ChildAid.Tests.BackOffice;

/// <summary>On a phone each table cell shows its column's header: the tag helper copies it into data-label.</summary>
public class StackedTableTests
{
    [Fact]
    public void Body_cells_get_their_column_header_as_label()
    {
        const string table = """
            <thead><tr><th scope="col">Số phiếu</th><th scope="col" class="money">Giá trị</th><th scope="col"><span class="visually-hidden">Thao tác</span></th></tr></thead>
            <tbody><tr><th scope="row"><a href="/x">2026-000001</a></th><td class="money">1.000 ₫</td><td><a href="/y">Sửa</a></td></tr>
            <tr><td>2026-000002</td><td data-label="Riêng">2.000 ₫</td><td></td></tr></tbody>
            """;

        var labelled = StackedTable.Label(table);

        Assert.Contains("<th data-label=\"Số phiếu\" scope=\"row\">", labelled);
        Assert.Contains("<td data-label=\"Giá trị\" class=\"money\">1.000 ₫", labelled);
        Assert.Contains("<td data-label=\"Thao tác\"><a", labelled);
        Assert.Contains("<td data-label=\"Số phiếu\">2026-000002", labelled);
        Assert.Contains("<td data-label=\"Riêng\">2.000 ₫", labelled);
        Assert.StartsWith("<thead><tr><th scope=\"col\">Số phiếu</th>", labelled);
    }

    [Fact]
    public void Header_text_is_escaped_in_the_attribute_and_tables_without_head_are_left_alone()
    {
        Assert.Contains("data-label=\"A &amp; &quot;B&quot;\"", StackedTable.Label("<thead><tr><th>A &amp; \"B\"</th></tr></thead><tbody><tr><td>1</td></tr></tbody>"));
        Assert.Equal("<tr><td>1</td></tr>", StackedTable.Label("<tr><td>1</td></tr>"));
    }
}
