using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// A distribution called off before delivery (state Cancelled, who, when, why). Changing the CHECKs makes EF rebuild the
    /// distributions table, which drops its triggers and would stop on those of other tables that read it: they are dropped
    /// here first and made again, with the rules for a cancellation, by DistributionCancelGuards, which runs after the rebuild
    /// (EF runs a migration's SQL before its pending rebuilds).
    /// </summary>
    public partial class DistributionCancel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in PurchasedGoodsGuards.DistributionTriggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_stock_movements",
                table: "distributions");

            migrationBuilder.AddColumn<string>(
                name: "cancel_reason",
                table: "distributions",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "cancelled_at",
                table: "distributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cancelled_by_id",
                table: "distributions",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_cancelled",
                table: "distributions",
                sql: "(state = 'Cancelled') = (cancelled_by_id IS NOT NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions",
                sql: "(state = 'Draft' AND confirmed_by_id IS NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Confirmed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Departed' AND confirmed_by_id IS NOT NULL AND departed_by_id IS NOT NULL AND arrived_by_id IS NULL AND delivered_quantity IS NULL) OR (state = 'Arrived' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NULL) OR (state = 'Delivered' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NOT NULL AND delivered_quantity >= 0 AND delivered_quantity <= quantity AND receiver_name IS NOT NULL AND receiver_role IS NOT NULL AND proof_sha256 IS NOT NULL AND delivery_confirmed_by_id IS NOT NULL AND (delivered_quantity = 0 OR distribution_sequence IS NOT NULL) AND (delivered_quantity = quantity OR return_sequence IS NOT NULL OR stock_lot_id IS NULL)) OR (state = 'Cancelled' AND cancelled_by_id IS NOT NULL AND cancel_reason IS NOT NULL AND delivered_quantity IS NULL AND distribution_sequence IS NULL AND (departure_sequence IS NULL) = (return_sequence IS NULL))");

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_stock_movements",
                table: "distributions",
                sql: "(stock_lot_id IS NULL AND departure_sequence IS NULL AND return_sequence IS NULL) OR (stock_lot_id IS NOT NULL AND (state IN ('Draft', 'Confirmed', 'Cancelled') OR departure_sequence IS NOT NULL))");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in DistributionCancelGuards.Triggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_cancelled",
                table: "distributions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_stock_movements",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "cancel_reason",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "cancelled_at",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "cancelled_by_id",
                table: "distributions");

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions",
                sql: "(state = 'Draft' AND confirmed_by_id IS NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Confirmed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Departed' AND confirmed_by_id IS NOT NULL AND departed_by_id IS NOT NULL AND arrived_by_id IS NULL AND delivered_quantity IS NULL) OR (state = 'Arrived' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NULL) OR (state = 'Delivered' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NOT NULL AND delivered_quantity >= 0 AND delivered_quantity <= quantity AND receiver_name IS NOT NULL AND receiver_role IS NOT NULL AND proof_sha256 IS NOT NULL AND delivery_confirmed_by_id IS NOT NULL AND (delivered_quantity = 0 OR distribution_sequence IS NOT NULL) AND (delivered_quantity = quantity OR return_sequence IS NOT NULL OR stock_lot_id IS NULL))");

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_stock_movements",
                table: "distributions",
                sql: "(stock_lot_id IS NULL AND departure_sequence IS NULL AND return_sequence IS NULL) OR (stock_lot_id IS NOT NULL AND (state IN ('Draft', 'Confirmed') OR departure_sequence IS NOT NULL))");
        }
    }
}
