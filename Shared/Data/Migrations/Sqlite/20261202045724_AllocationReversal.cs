using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// Reversal of an approved allocation: its columns, the new state in the CHECK, one reversal per ledger entry. Changing
    /// the CHECK makes EF rebuild the allocations table, which drops its triggers: they are dropped here first and created
    /// again, with the reversal rules, by the next migration (AllocationReversalGuards), which runs after the rebuild.
    /// </summary>
    public partial class AllocationReversal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in AllocationReversalGuards.OldTriggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");

            migrationBuilder.DropCheckConstraint(
                name: "ck_allocations_four_eyes",
                table: "allocations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_allocations_state",
                table: "allocations");

            migrationBuilder.AddColumn<string>(
                name: "reversal_reason",
                table: "allocations",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "reversal_sequence",
                table: "allocations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "reversed_at",
                table: "allocations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversed_by_id",
                table: "allocations",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_reverses_sequence",
                table: "ledger_entries",
                column: "reverses_sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_allocations_reversal_sequence",
                table: "allocations",
                column: "reversal_sequence",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_allocations_four_eyes",
                table: "allocations",
                sql: "state NOT IN ('Approved', 'Reversed') OR decided_by_id <> proposed_by_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_allocations_state",
                table: "allocations",
                sql: "(state = 'Proposed' AND decided_by_id IS NULL AND decided_at IS NULL AND ledger_sequence IS NULL AND rejection_reason IS NULL AND reversal_reason IS NULL AND reversed_by_id IS NULL AND reversed_at IS NULL AND reversal_sequence IS NULL) OR (state = 'Approved' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NOT NULL AND rejection_reason IS NULL AND reversal_reason IS NULL AND reversed_by_id IS NULL AND reversed_at IS NULL AND reversal_sequence IS NULL) OR (state = 'Rejected' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NULL AND rejection_reason IS NOT NULL AND reversal_reason IS NULL AND reversed_by_id IS NULL AND reversed_at IS NULL AND reversal_sequence IS NULL) OR (state = 'Reversed' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NOT NULL AND rejection_reason IS NULL AND reversal_reason IS NOT NULL AND reversed_by_id IS NOT NULL AND reversed_at IS NOT NULL AND reversal_sequence IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_reverses_sequence",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_allocations_reversal_sequence",
                table: "allocations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_allocations_four_eyes",
                table: "allocations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_allocations_state",
                table: "allocations");

            migrationBuilder.DropColumn(
                name: "reversal_reason",
                table: "allocations");

            migrationBuilder.DropColumn(
                name: "reversal_sequence",
                table: "allocations");

            migrationBuilder.DropColumn(
                name: "reversed_at",
                table: "allocations");

            migrationBuilder.DropColumn(
                name: "reversed_by_id",
                table: "allocations");

            migrationBuilder.AddCheckConstraint(
                name: "ck_allocations_four_eyes",
                table: "allocations",
                sql: "state <> 'Approved' OR decided_by_id <> proposed_by_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_allocations_state",
                table: "allocations",
                sql: "(state = 'Proposed' AND decided_by_id IS NULL AND decided_at IS NULL AND ledger_sequence IS NULL AND rejection_reason IS NULL) OR (state = 'Approved' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NOT NULL AND rejection_reason IS NULL) OR (state = 'Rejected' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NULL AND rejection_reason IS NOT NULL)");
        }
    }
}
