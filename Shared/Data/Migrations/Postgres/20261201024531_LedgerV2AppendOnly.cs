using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// Canonical form v2 (format version per entry, name commitments, the fields of every declared kind) and the
    /// ledger made append-only by the database itself: a trigger refuses every UPDATE, DELETE and TRUNCATE of an
    /// entry, even by the owner, except the erasure of a v2 entry's shown name and salt (both to NULL, search_text
    /// recomputed). BackOffice runs as a login in role childaid_app: read and write on the tables it needs, on
    /// ledger_entries only SELECT, INSERT and UPDATE of those three columns, and no DDL (it owns nothing).
    /// Creating the role needs CREATEROLE: `migrate` checks that before applying anything.
    /// </summary>
    public partial class LedgerV2AppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "donor_display",
                table: "ledger_entries",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(300)",
                oldMaxLength: 300);

            migrationBuilder.AddColumn<string>(
                name: "donor_commitment",
                table: "ledger_entries",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "donor_salt",
                table: "ledger_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "format_version",
                table: "ledger_entries",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "item",
                table: "ledger_entries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "need_reference",
                table: "ledger_entries",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "quantity",
                table: "ledger_entries",
                type: "numeric(18,3)",
                precision: 18,
                scale: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "source_sequence",
                table: "ledger_entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit_code",
                table: "ledger_entries",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit_of_measure",
                table: "ledger_entries",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            // Every column but the erasable three is compared, whatever columns are added later (generated ones excepted:
            // a BEFORE trigger cannot see their new values).
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                  erasable text[] := ARRAY['donor_display', 'donor_salt', 'search_text'];
                  generated text[];
                BEGIN
                  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
                    RAISE EXCEPTION 'ledger_entries is append-only: an entry is never deleted';
                  END IF;
                  generated := ARRAY(SELECT attname::text FROM pg_attribute WHERE attrelid = TG_RELID AND attgenerated <> '');
                  IF (to_jsonb(NEW) - erasable - generated) IS DISTINCT FROM (to_jsonb(OLD) - erasable - generated) THEN
                    RAISE EXCEPTION 'ledger_entries is append-only: an entry is never changed (a reversal corrects it)';
                  END IF;
                  IF (NEW.donor_display IS DISTINCT FROM OLD.donor_display OR NEW.donor_salt IS DISTINCT FROM OLD.donor_salt)
                     AND (NEW.donor_display IS NOT NULL OR NEW.donor_salt IS NOT NULL OR OLD.format_version < 2) THEN
                    RAISE EXCEPTION 'ledger_entries is append-only: a name and its salt may only be erased together (to NULL), on a v2 entry';
                  END IF;
                  RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
                FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
                FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();
                """);

            // BackOffice's role. Roles are cluster-wide, hence IF NOT EXISTS; grants are per database.
            migrationBuilder.Sql("""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'childaid_app') THEN
                    CREATE ROLE childaid_app NOLOGIN;
                  END IF;
                END $$;
                """);
            migrationBuilder.Sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC;");
            migrationBuilder.Sql("GRANT USAGE ON SCHEMA public TO childaid_app;");
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO childaid_app;");
            migrationBuilder.Sql("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO childaid_app;");
            migrationBuilder.Sql("REVOKE INSERT, UPDATE, DELETE ON \"__EFMigrationsHistory\" FROM childaid_app;");
            migrationBuilder.Sql("REVOKE UPDATE, DELETE, TRUNCATE ON ledger_entries FROM childaid_app;");
            migrationBuilder.Sql("GRANT UPDATE (donor_display, donor_salt, search_text) ON ledger_entries TO childaid_app;");
            migrationBuilder.Sql("REVOKE DELETE, TRUNCATE ON ledger_heads, receipt_counters FROM childaid_app;");
            // Tables later migrations create (as the same owner) are BackOffice's too; a ledger-like one revokes what it must.
            migrationBuilder.Sql("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO childaid_app;");
            migrationBuilder.Sql("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO childaid_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM childaid_app;");
            migrationBuilder.Sql("ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM childaid_app;");
            migrationBuilder.Sql("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM childaid_app;");
            migrationBuilder.Sql("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM childaid_app;");
            migrationBuilder.Sql("REVOKE USAGE ON SCHEMA public FROM childaid_app;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_no_truncate ON ledger_entries;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_append_only ON ledger_entries;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS ledger_entries_append_only();");

            migrationBuilder.DropColumn(
                name: "donor_commitment",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "donor_salt",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "format_version",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "item",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "need_reference",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "quantity",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "source_sequence",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "unit_code",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "unit_of_measure",
                table: "ledger_entries");

            migrationBuilder.AlterColumn<string>(
                name: "donor_display",
                table: "ledger_entries",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(300)",
                oldMaxLength: 300,
                oldNullable: true);
        }
    }
}
