using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// Statement search in the database: FTS5 table ledger_search over ledger_entries.search_text (external content,
    /// rowid = sequence; unicode61 tokenizer without diacritics; prefix indexes for 1–3 characters so short word
    /// prefixes such as "an" are one lookup), filled from the existing entries and kept in step by triggers. The ledger
    /// is append-only, but an erasure rewrites search_text, so the index follows UPDATEs of it too.
    /// </summary>
    public partial class SearchFullText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ledger_search USING fts5(search_text, content='ledger_entries', content_rowid='sequence',
                    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
                """);
            migrationBuilder.Sql("INSERT INTO ledger_search(ledger_search) VALUES ('rebuild');");
            migrationBuilder.Sql("""
                CREATE TRIGGER ledger_search_after_insert AFTER INSERT ON ledger_entries BEGIN
                    INSERT INTO ledger_search(rowid, search_text) VALUES (new.sequence, new.search_text);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ledger_search_after_update AFTER UPDATE OF search_text ON ledger_entries BEGIN
                    INSERT INTO ledger_search(ledger_search, rowid, search_text) VALUES ('delete', old.sequence, old.search_text);
                    INSERT INTO ledger_search(rowid, search_text) VALUES (new.sequence, new.search_text);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ledger_search_after_delete AFTER DELETE ON ledger_entries BEGIN
                    INSERT INTO ledger_search(ledger_search, rowid, search_text) VALUES ('delete', old.sequence, old.search_text);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_search_after_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_search_after_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_search_after_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ledger_search;");
        }
    }
}
