using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// A campaign's area is not deleted, nor moved to another campaign, commune or category, while a live allocation
    /// (proposed or approved) of the campaign's gifts lies inside it and inside no other area of the campaign: the
    /// database's word on what CampaignAreaService refuses with a message. The same rule as SQLite's triggers of the same
    /// migration. No model change, hence no designer file.
    /// </summary>
    [DbContext(typeof(PostgresChildAidDbContext))]
    [Migration("20261202053500_CampaignAreasInUse")]
    public partial class CampaignAreasInUse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION campaign_areas_in_use() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND NEW.campaign_id IS NOT DISTINCT FROM OLD.campaign_id
                        AND NEW.admin_unit_id IS NOT DISTINCT FROM OLD.admin_unit_id AND NEW.category IS NOT DISTINCT FROM OLD.category THEN
                        RETURN NEW;
                    END IF;
                    IF EXISTS (SELECT 1 FROM allocations a JOIN contributions c ON c.id = a.contribution_id JOIN need_lines l ON l.id = a.need_line_id
                            WHERE c.campaign_id = OLD.campaign_id AND a.state IN ('Proposed', 'Approved') AND l.admin_unit_id = OLD.admin_unit_id
                              AND (OLD.category IS NULL OR l.category = OLD.category)
                              AND NOT EXISTS (SELECT 1 FROM campaign_areas o WHERE o.campaign_id = OLD.campaign_id AND o.id <> OLD.id
                                  AND o.admin_unit_id = l.admin_unit_id AND (o.category IS NULL OR o.category = l.category))) THEN
                        RAISE EXCEPTION 'campaign_areas: a live allocation of the campaign depends on this area';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER campaign_areas_in_use BEFORE UPDATE OR DELETE ON campaign_areas
                    FOR EACH ROW EXECUTE FUNCTION campaign_areas_in_use();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS campaign_areas_in_use ON campaign_areas;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS campaign_areas_in_use();");
        }
    }
}
