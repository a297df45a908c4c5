using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ChildAid.BackOffice.Web;

/// <summary>
/// Every table of BackOffice turns into stacked rows on a phone (CSS under 40em): each cell then shows its column's
/// header as a label. This copies the header texts into each body cell's <c>data-label</c>, so no page repeats them
/// and a table added later stacks by itself.
/// </summary>
[HtmlTargetElement("table")]
public sealed class StackedTableTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = await output.GetChildContentAsync();
        output.Content.SetHtmlContent(StackedTable.Label(content.GetContent()));
        output.AddClass("stack", HtmlEncoder.Default);
    }
}

/// <summary>Adds <c>data-label="column header"</c> to the body cells of a table's inner HTML (our own markup: no colspan, no nested tables).</summary>
public static partial class StackedTable
{
    public static string Label(string tableHtml)
    {
        var head = Head().Match(tableHtml);
        if (!head.Success) return tableHtml;
        var labels = HeaderCell().Matches(head.Value).Select(m => Text(m.Groups[1].Value)).ToList();
        var end = head.Index + head.Length;
        var body = Row().Replace(tableHtml[end..], row =>
        {
            var column = 0;
            return UnlabelledCell().Replace(row.Value, cell =>
                column < labels.Count ? $"{cell.Value} data-label=\"{Attribute(labels[column++])}\"" : cell.Value);
        });
        return tableHtml[..end] + body;
    }

    /// <summary>Escapes only what an attribute needs, so Vietnamese letters stay readable in the HTML.</summary>
    private static string Attribute(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Text(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim();

    [GeneratedRegex(@"<thead\b[\s\S]*?</thead>", RegexOptions.IgnoreCase)]
    private static partial Regex Head();

    [GeneratedRegex(@"<th\b[^>]*>([\s\S]*?)</th>", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderCell();

    [GeneratedRegex(@"<tr\b[\s\S]*?</tr>", RegexOptions.IgnoreCase)]
    private static partial Regex Row();

    /// <summary>The start of a td or th tag ("&lt;thead" does not match: \b needs the name to end there).</summary>
    [GeneratedRegex(@"<t[dh]\b(?![^>]*\bdata-label=)", RegexOptions.IgnoreCase)]
    private static partial Regex UnlabelledCell();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
