using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// The allocations' triggers again after AllocationReversal's table rebuild, with the reversal rules: the sums count
    /// proposals and approvals only (a reversed allocation frees what it held); a new row is a proposal; a proposal changes
    /// only its state (to approved or rejected); an approval changes only to reversed, once, naming its ledger entry (kind
    /// reversal, reversing the allocation's entry, the negative amount); a rejected or reversed allocation never changes.
    /// No model change, hence no designer file.
    /// </summary>
    [DbContext(typeof(SqliteChildAidDbContext))]
    [Migration("20261202045725_AllocationReversalGuards")]
    public partial class AllocationReversalGuards : Migration
    {
        /// <summary>The triggers of migration AllocationsFourEyes.</summary>
        internal static readonly string[] OldTriggers =
        [
            "allocations_within_receipt", "allocations_within_goods_line", "allocations_receipt_not_reversed", "allocations_same_need",
            "allocations_never_over_cover", "allocations_inside_campaign", "allocations_decided_once", "allocations_refuse_delete",
        ];

        private static readonly string[] NewTriggers = [.. OldTriggers, "allocations_insert_proposed", "allocations_reversed_once", "allocations_reversal_booked"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in NewTriggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            const string Live = "state IN ('Proposed', 'Approved')";
            const string Line = "(SELECT {0} FROM need_lines WHERE id = NEW.need_line_id)";
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_insert_proposed BEFORE INSERT ON allocations
                WHEN NEW.state <> 'Proposed'
                BEGIN SELECT RAISE(ABORT, 'allocations: a new allocation is a proposal'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER allocations_within_receipt BEFORE INSERT ON allocations
                WHEN NEW.goods_line_id IS NULL AND NEW.amount_vnd + (SELECT coalesce(sum(amount_vnd), 0) FROM allocations
                        WHERE contribution_id = NEW.contribution_id AND goods_line_id IS NULL AND {Live})
                    > (SELECT CASE WHEN method = 'InKind' THEN 0 ELSE amount_vnd END FROM contributions WHERE id = NEW.contribution_id)
                BEGIN SELECT RAISE(ABORT, 'allocations: more than the receipt''s unallocated money'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER allocations_within_goods_line BEFORE INSERT ON allocations
                WHEN NEW.goods_line_id IS NOT NULL AND NEW.quantity + (SELECT coalesce(sum(quantity), 0) FROM allocations
                        WHERE goods_line_id = NEW.goods_line_id AND {Live})
                    > coalesce((SELECT quantity FROM contribution_goods_line WHERE id = NEW.goods_line_id AND contribution_id = NEW.contribution_id), 0)
                BEGIN SELECT RAISE(ABORT, 'allocations: more than the goods line''s unallocated quantity'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_receipt_not_reversed BEFORE INSERT ON allocations
                WHEN EXISTS (SELECT 1 FROM contribution_reversals WHERE contribution_id = NEW.contribution_id)
                BEGIN SELECT RAISE(ABORT, 'allocations: the receipt was reversed'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER allocations_same_need BEFORE INSERT ON allocations
                WHEN NEW.need_line_key IS NOT {string.Format(Line, "key")} OR NEW.admin_unit_id IS NOT {string.Format(Line, "admin_unit_id")}
                  OR (SELECT r.status FROM need_lines l JOIN needs_reviews r ON r.id = l.needs_review_id WHERE l.id = NEW.need_line_id) <> 'Approved'
                BEGIN SELECT RAISE(ABORT, 'allocations: the need line''s key and commune, of an approved review'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER allocations_never_over_cover BEFORE INSERT ON allocations
                WHEN (NEW.goods_line_id IS NOT NULL AND NEW.quantity + (SELECT coalesce(sum(quantity), 0) FROM allocations
                        WHERE need_line_key = NEW.need_line_key AND goods_line_id IS NOT NULL AND {Live}) > {string.Format(Line, "quantity")})
                  OR (CASE WHEN NEW.goods_line_id IS NULL THEN NEW.amount_vnd ELSE NEW.quantity * {string.Format(Line, "estimated_unit_cost_vnd")} END
                      + (SELECT coalesce(sum(amount_vnd), 0) FROM allocations WHERE need_line_key = NEW.need_line_key AND goods_line_id IS NULL AND {Live})
                      + (SELECT coalesce(sum(quantity), 0) FROM allocations WHERE need_line_key = NEW.need_line_key AND goods_line_id IS NOT NULL AND {Live})
                        * {string.Format(Line, "estimated_unit_cost_vnd")}
                      > {string.Format(Line, "quantity * estimated_unit_cost_vnd")})
                BEGIN SELECT RAISE(ABORT, 'allocations: more than the need line still lacks'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_inside_campaign BEFORE INSERT ON allocations
                WHEN (SELECT campaign_id FROM contributions WHERE id = NEW.contribution_id) IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM campaign_areas a JOIN need_lines l ON l.id = NEW.need_line_id
                      WHERE a.campaign_id = (SELECT campaign_id FROM contributions WHERE id = NEW.contribution_id)
                        AND a.admin_unit_id = l.admin_unit_id AND (a.category IS NULL OR a.category = l.category))
                BEGIN SELECT RAISE(ABORT, 'allocations: a campaign''s gift goes only to need lines inside the campaign''s areas'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_reversed_once BEFORE UPDATE ON allocations
                WHEN OLD.state = 'Reversed' OR (NEW.state = 'Reversed' AND OLD.state <> 'Approved')
                BEGIN SELECT RAISE(ABORT, 'allocations: only an approved allocation is reversed, and only once'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_decided_once BEFORE UPDATE ON allocations
                WHEN NEW.contribution_id IS NOT OLD.contribution_id OR NEW.goods_line_id IS NOT OLD.goods_line_id
                  OR NEW.need_line_id IS NOT OLD.need_line_id OR NEW.need_line_key IS NOT OLD.need_line_key OR NEW.admin_unit_id IS NOT OLD.admin_unit_id
                  OR NEW.amount_vnd IS NOT OLD.amount_vnd OR NEW.quantity IS NOT OLD.quantity OR NEW.proposed_by_id IS NOT OLD.proposed_by_id
                  OR OLD.state = 'Rejected'
                  OR (OLD.state = 'Proposed' AND NEW.state NOT IN ('Proposed', 'Approved', 'Rejected'))
                  OR (OLD.state = 'Approved' AND (NEW.state <> 'Reversed' OR NEW.decided_by_id IS NOT OLD.decided_by_id
                      OR NEW.decided_at IS NOT OLD.decided_at OR NEW.ledger_sequence IS NOT OLD.ledger_sequence
                      OR NEW.note IS NOT OLD.note OR NEW.proposed_at IS NOT OLD.proposed_at))
                BEGIN SELECT RAISE(ABORT, 'allocations: a decided allocation is never changed; a proposal changes only its state, an approval only to reversed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_reversal_booked BEFORE UPDATE ON allocations
                WHEN NEW.state = 'Reversed' AND NOT EXISTS (SELECT 1 FROM ledger_entries WHERE sequence = NEW.reversal_sequence
                    AND kind = 'Reversal' AND reverses_sequence = OLD.ledger_sequence AND amount_vnd = -OLD.amount_vnd)
                BEGIN SELECT RAISE(ABORT, 'allocations: a reversal names its ledger entry (kind reversal, reversing the allocation''s entry, the negative amount)'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_refuse_delete BEFORE DELETE ON allocations
                BEGIN SELECT RAISE(ABORT, 'allocations are never deleted: a proposal ends by rejection, an approval by a reversal'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // AllocationReversal's Down rebuilds the table again; AllocationsFourEyes' triggers are not restored by it.
            foreach (var trigger in NewTriggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
        }
    }
}
