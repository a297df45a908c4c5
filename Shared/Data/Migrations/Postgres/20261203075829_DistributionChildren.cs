using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DistributionChildren : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "per_child_quantity",
                table: "distributions",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "distribution_children",
                columns: table => new
                {
                    distribution_id = table.Column<int>(type: "integer", nullable: false),
                    child_id = table.Column<int>(type: "integer", nullable: false),
                    received = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_distribution_children", x => new { x.distribution_id, x.child_id });
                    table.ForeignKey(
                        name: "fk_distribution_children_children_child_id",
                        column: x => x.child_id,
                        principalTable: "children",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_distribution_children_distributions_distribution_id",
                        column: x => x.distribution_id,
                        principalTable: "distributions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_distribution_children_child_id",
                table: "distribution_children",
                column: "child_id");

            // A child is named only on a draft distribution to children, once (the key), in the registry, living in the
            // distribution's commune (the commune, its villages, a commune merged into it and that one's villages); a name is
            // never moved or removed once the distribution is confirmed; the receiver's tick is set once, while it is arrived.
            // A distribution to named children: quantity = children × each one's share; confirmed only with as many names as it
            // counts; delivered only when every child is ticked, the delivered quantity following the ticks.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION distribution_children_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        RAISE EXCEPTION 'distribution_children: a child named on a confirmed distribution is never removed';
                    END IF;
                    IF TG_OP = 'DELETE' THEN
                        IF NOT EXISTS (SELECT 1 FROM distributions d WHERE d.id = OLD.distribution_id AND d.state = 'Draft') THEN
                            RAISE EXCEPTION 'distribution_children: a child named on a confirmed distribution is never removed';
                        END IF;
                        RETURN OLD;
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        IF NOT EXISTS (SELECT 1 FROM distributions d WHERE d.id = NEW.distribution_id AND d.state = 'Draft' AND d.recipient = 'Children'
                                AND d.per_child_quantity IS NOT NULL FOR UPDATE)
                            OR NOT EXISTS (SELECT 1 FROM children c JOIN distributions d ON d.id = NEW.distribution_id JOIN admin_units u ON u.id = c.admin_unit_id
                                LEFT JOIN admin_units p ON p.id = u.parent_id
                                WHERE c.id = NEW.child_id AND c.merged_into_id IS NULL AND c.erased_on IS NULL
                                AND (u.id = d.admin_unit_id OR u.parent_id = d.admin_unit_id OR u.merged_into_id = d.admin_unit_id OR p.merged_into_id = d.admin_unit_id)) THEN
                            RAISE EXCEPTION 'distribution_children: a child of the registry living in the commune, named on a draft distribution to children';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF NEW.distribution_id IS DISTINCT FROM OLD.distribution_id OR NEW.child_id IS DISTINCT FROM OLD.child_id OR OLD.received IS NOT NULL
                        OR NEW.received IS NULL OR NOT EXISTS (SELECT 1 FROM distributions d WHERE d.id = NEW.distribution_id AND d.state = 'Arrived') THEN
                        RAISE EXCEPTION 'distribution_children: only the receiver''s tick changes, once, when the goods have arrived';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER distribution_children_guard BEFORE INSERT OR UPDATE OR DELETE ON distribution_children FOR EACH ROW EXECUTE FUNCTION distribution_children_guard();
                CREATE TRIGGER distribution_children_no_truncate BEFORE TRUNCATE ON distribution_children FOR EACH STATEMENT EXECUTE FUNCTION distribution_children_guard();

                CREATE OR REPLACE FUNCTION distributions_children_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        IF NEW.per_child_quantity IS NOT NULL AND (NEW.recipient <> 'Children' OR NEW.per_child_quantity < 1
                            OR NEW.children_count IS NULL OR NEW.quantity <> NEW.children_count * NEW.per_child_quantity) THEN
                            RAISE EXCEPTION 'distributions: to named children, the quantity is the children times each one''s share';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF NEW.per_child_quantity IS DISTINCT FROM OLD.per_child_quantity OR NEW.children_count IS DISTINCT FROM OLD.children_count
                        OR (NEW.per_child_quantity IS NOT NULL AND (NEW.quantity <> NEW.children_count * NEW.per_child_quantity
                            OR (NEW.state <> 'Draft' AND (SELECT count(*) FROM distribution_children c WHERE c.distribution_id = NEW.id) <> NEW.children_count)
                            OR (NEW.state = 'Delivered' AND OLD.state = 'Arrived' AND (
                                EXISTS (SELECT 1 FROM distribution_children c WHERE c.distribution_id = NEW.id AND c.received IS NULL)
                                OR NEW.delivered_quantity <> NEW.per_child_quantity * (SELECT count(*) FROM distribution_children c WHERE c.distribution_id = NEW.id AND c.received))))) THEN
                        RAISE EXCEPTION 'distributions: named children are all there before confirmation, ticked before delivery, and the delivered quantity follows the ticks';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER distributions_children_guard BEFORE INSERT OR UPDATE ON distributions FOR EACH ROW EXECUTE FUNCTION distributions_children_guard();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS distribution_children_guard() CASCADE;
                DROP FUNCTION IF EXISTS distributions_children_guard() CASCADE;
                """);
            migrationBuilder.DropTable(
                name: "distribution_children");

            migrationBuilder.DropColumn(
                name: "per_child_quantity",
                table: "distributions");
        }
    }
}
