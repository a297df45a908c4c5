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
/// <item>PostgreSQL: the stored column <c>search_words</c> (a tsvector generated from search_text by the SQL function
/// <c>childaid_search_words</c>: every word and each of its first <see cref="PostgresStoredPrefix"/> prefixes, so
/// "nguyen" is stored as n, ng, ngu, nguy, nguye, nguyen), GIN-indexed. A query word of up to
/// <see cref="PostgresStoredPrefix"/> characters is an exact lexeme (<c>'an' &amp; 'ha'</c>); only a longer one is a
/// prefix lexeme (<c>'internat':*</c>). Exact lexemes keep the GIN scan to the posting lists of the query's own words
/// (a prefix lexeme first collects every entry of every word it begins), and when the planner walks the newest entries
/// instead it tests the stored vector, never recomputing one.</item>
/// <item>SQLite: the FTS5 table <c>ledger_search</c> (external content over ledger_entries, rowid = sequence,
/// tokenizer unicode61 with diacritics removed, prefix indexes of 1–3 characters), kept in step by triggers,
/// queried with prefix phrases (<c>"an"* "ha"*</c>).</item>
/// </list>
/// Both follow an UPDATE of search_text (a name erased: the generated column is recomputed, the FTS5 triggers re-index),
/// so a search never finds a name that is gone.
/// </summary>
public static class StatementSearch
{
    public const int MaxWords = 8;

    /// <summary>
    /// ASCII and common typographic punctuation, turned into spaces by <c>childaid_search_words</c> before PostgreSQL's
    /// parser sees the text (the function repeats this list; a migration that changes one changes both): its
    /// parser would otherwise keep "2026-000123" or "a@b.vn" as one token (or a signed number), where FTS5 sees words.
    /// </summary>
    public const string PostgresPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~–—‐‑‒―‘’‚‛“”„…«»‹›·•′″°§¶©®™€£¥₫¡¿×÷";

    /// <summary>
    /// How many leading characters of each word <c>childaid_search_words</c> stores as lexemes of their own (every
    /// prefix up to this length, and the whole word). Vietnamese syllables have at most 7 letters ("nghiêng"), so a
    /// Vietnamese query word is always an exact lexeme. Changing it means a migration that regenerates the column.
    /// </summary>
    public const int PostgresStoredPrefix = 7;

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

    /// <summary>
    /// A tsquery text over the stored <c>search_words</c>, all words ANDed: a word of up to <see cref="PostgresStoredPrefix"/>
    /// characters (counted as PostgreSQL counts them, by code point) is an exact quoted lexeme; a longer one a prefix lexeme.
    /// </summary>
    public static string PostgresQuery(IReadOnlyList<string> words) =>
        string.Join(" & ", words.Select(w =>
            $"'{w.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)}'{(w.EnumerateRunes().Count() <= PostgresStoredPrefix ? "" : ":*")}"));

    /// <summary>An FTS5 query: each word a quoted prefix phrase, all ANDed (FTS5's implicit AND).</summary>
    public static string SqliteQuery(IReadOnlyList<string> words) =>
        string.Join(' ', words.Select(w => $"\"{w.Replace("\"", "\"\"", StringComparison.Ordinal)}\"*"));
}
