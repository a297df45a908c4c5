using System.Globalization;
using System.Text;
using ChildAid.Shared.Text;

namespace ChildAid.Shared.Ledger;

/// <summary>
/// Word-prefix search of the public statement, answered by the database's full-text index over the folded
/// <see cref="LedgerEntry.SearchText"/>: every word of the query must begin a word of the entry, in any order
/// ("an" finds "An" and "Anh", "ha" finds "Hà" and "Hải", "nguyen van an" finds "Nguyễn Văn An").
/// A word is a run of letters and digits; everything else separates words, in the stored text as in the query,
/// so "2026-000123" is the two words "2026" and "000123". The user's text never reaches a query language: only
/// letters and digits survive <see cref="Words"/>, and they are quoted besides.
/// <list type="bullet">
/// <item>PostgreSQL: a GIN index on <see cref="PostgresVector"/> (simple configuration, no stemming or stop words),
/// queried with prefix lexemes (<c>'an':* &amp; 'ha':*</c>).</item>
/// <item>SQLite: the FTS5 table <c>ledger_search</c> (external content over ledger_entries, rowid = sequence,
/// tokenizer unicode61 with diacritics removed, prefix indexes of 1–3 characters), kept in step by triggers,
/// queried with prefix phrases (<c>"an"* "ha"*</c>).</item>
/// </list>
/// Both indexes follow an UPDATE of search_text (a name erased), so a search never finds a name that is gone.
/// </summary>
public static class StatementSearch
{
    public const int MaxWords = 8;

    /// <summary>
    /// ASCII and common typographic punctuation, turned into spaces before PostgreSQL's parser sees the text: its
    /// parser would otherwise keep "2026-000123" or "a@b.vn" as one token (or a signed number), where FTS5 sees words.
    /// </summary>
    public const string PostgresPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~–—‐‑‒―‘’‚‛“”„…«»‹›·•′″°§¶©®™€£¥₫¡¿×÷";

    /// <summary>The indexed expression; a query must repeat it exactly for PostgreSQL to use the index.</summary>
    public static readonly string PostgresVector =
        $"to_tsvector('simple'::regconfig, translate(search_text, '{PostgresPunctuation.Replace("'", "''", StringComparison.Ordinal)}', '{new string(' ', PostgresPunctuation.Length)}'))";

    /// <summary>The folded words of a search, distinct, at most <see cref="MaxWords"/>; each must begin a word of the entry.</summary>
    public static IReadOnlyList<string> Words(string? query)
    {
        var folded = TextFolding.Fold(query);
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in folded.Append(' '))
        {
            if (IsWordChar(c)) { word.Append(c); continue; }
            if (word.Length == 0) continue;
            var w = word.ToString();
            word.Clear();
            if (!words.Contains(w)) words.Add(w);
            if (words.Count == MaxWords) break;
        }
        return words;
    }

    /// <summary>Letters and digits (and private-use characters), as SQLite's unicode61 tokenizer counts them.</summary>
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.PrivateUse;

    /// <summary>A tsquery text: each word a quoted prefix lexeme, all ANDed.</summary>
    public static string PostgresQuery(IReadOnlyList<string> words) =>
        string.Join(" & ", words.Select(w => $"'{w.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)}':*"));

    /// <summary>An FTS5 query: each word a quoted prefix phrase, all ANDed (FTS5's implicit AND).</summary>
    public static string SqliteQuery(IReadOnlyList<string> words) =>
        string.Join(' ', words.Select(w => $"\"{w.Replace("\"", "\"\"", StringComparison.Ordinal)}\"*"));
}
