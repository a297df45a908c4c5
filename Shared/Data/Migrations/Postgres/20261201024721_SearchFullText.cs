using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// Statement search in the database: a GIN full-text index over the folded search text, punctuation turned into
    /// spaces first (see StatementSearch.PostgresVector, which queries must repeat exactly). An expression index
    /// follows every INSERT and UPDATE of search_text by itself; it needs no extension and no grant for the public
    /// reader, who already reads ledger_entries. Built while the table is locked for writes (seconds per million entries).
    /// </summary>
    public partial class SearchFullText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(""""
                CREATE INDEX ix_ledger_entries_search_words ON ledger_entries USING gin (to_tsvector('simple'::regconfig, translate(search_text, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~–—‐‑‒―‘’‚‛“”„…«»‹›·•′″°§¶©®™€£¥₫¡¿×÷', '                                                                    ')));
                """");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_ledger_entries_search_words;");
        }
    }
}
