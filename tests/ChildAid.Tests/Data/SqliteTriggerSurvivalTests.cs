using System.Text.RegularExpressions;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ChildAid.Tests.Data;

/// <summary>
/// On SQLite, EF rebuilds a table (ef_temp_…) for some changes, e.g. a foreign key added to an existing table, and the
/// rebuild silently drops the table's triggers — the append-only and CHECK triggers that make the database refuse what
/// must never happen. Every trigger any migration creates (and none drops) must still be there once all have run.
/// </summary>
public sealed class SqliteTriggerSurvivalTests
{
    [Fact]
    public async Task No_migration_loses_a_trigger_to_a_table_rebuild()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();
        var script = db.GetService<IMigrator>().GenerateScript();
        var expected = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        // Walk the script in order: a later DROP TRIGGER (a migration replacing its trigger) removes an earlier CREATE.
        foreach (Match m in Regex.Matches(script, @"(CREATE|DROP)\s+TRIGGER\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?""?(\w+)""?", RegexOptions.IgnoreCase))
        {
            if (m.Groups[1].Value.Equals("CREATE", StringComparison.OrdinalIgnoreCase)) expected.Add(m.Groups[2].Value);
            else expected.Remove(m.Groups[2].Value);
        }

        var present = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger'").ToListAsync();

        Assert.NotEmpty(expected);
        Assert.Empty(expected.Except(present, StringComparer.OrdinalIgnoreCase));
    }
}
