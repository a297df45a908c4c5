using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildAid.Shared.Data;

/// <summary>Used by `dotnet ef migrations add … --context SqliteChildAidDbContext`.</summary>
public class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteChildAidDbContext>
{
    public SqliteChildAidDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqliteChildAidDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(o, "Data Source=design-time.db");
        return new SqliteChildAidDbContext(o.Options);
    }
}

/// <summary>Used by `dotnet ef migrations add … --context PostgresChildAidDbContext`.</summary>
public class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresChildAidDbContext>
{
    public PostgresChildAidDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgresChildAidDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(o, "Host=localhost;Database=design_time");
        return new PostgresChildAidDbContext(o.Options);
    }
}
