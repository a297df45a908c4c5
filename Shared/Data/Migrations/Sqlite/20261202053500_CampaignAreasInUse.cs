using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// A campaign's area is not deleted, nor moved to another campaign, commune or category, while a live allocation
    /// (proposed or approved) of the campaign's gifts lies inside it and inside no other area of the campaign: the
    /// database's word on what CampaignAreaService refuses with a message. No model change, hence no designer file.
    /// </summary>
    [DbContext(typeof(SqliteChildAidDbContext))]
    [Migration("20261202053500_CampaignAreasInUse")]
    public partial class CampaignAreasInUse : Migration
    {
        private const string InUse = """
            EXISTS (SELECT 1 FROM allocations a JOIN contributions c ON c.id = a.contribution_id JOIN need_lines l ON l.id = a.need_line_id
                WHERE c.campaign_id = OLD.campaign_id AND a.state IN ('Proposed', 'Approved') AND l.admin_unit_id = OLD.admin_unit_id
                  AND (OLD.category IS NULL OR l.category = OLD.category)
                  AND NOT EXISTS (SELECT 1 FROM campaign_areas o WHERE o.campaign_id = OLD.campaign_id AND o.id <> OLD.id
                      AND o.admin_unit_id = l.admin_unit_id AND (o.category IS NULL OR o.category = l.category)))
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER campaign_areas_in_use_delete BEFORE DELETE ON campaign_areas
                WHEN {InUse}
                BEGIN SELECT RAISE(ABORT, 'campaign_areas: a live allocation of the campaign depends on this area'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER campaign_areas_in_use_update BEFORE UPDATE OF campaign_id, admin_unit_id, category ON campaign_areas
                WHEN (NEW.campaign_id IS NOT OLD.campaign_id OR NEW.admin_unit_id IS NOT OLD.admin_unit_id OR NEW.category IS NOT OLD.category)
                  AND {InUse}
                BEGIN SELECT RAISE(ABORT, 'campaign_areas: a live allocation of the campaign depends on this area'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS campaign_areas_in_use_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS campaign_areas_in_use_update;");
        }
    }
}
