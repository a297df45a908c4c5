namespace ChildAid.Shared.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Section "Database": which engine and where. Defaults to an SQLite file in the user's data folder.</summary>
public class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty: the default SQLite file <see cref="DefaultSqlitePath"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// PublicSite's writes to the intake tables (Stripe's inbox): on PostgreSQL a login in role childaid_intake, which may
    /// only insert there. Empty: <see cref="ConnectionString"/> (SQLite, development).
    /// </summary>
    public string? IntakeConnectionString { get; set; }

    public static string DefaultSqlitePath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "ChildAid", "childaid.db");

    public string ResolvedConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString)) return ConnectionString;
        if (Provider == DatabaseProvider.Postgres)
            throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL.");
        Directory.CreateDirectory(Path.GetDirectoryName(DefaultSqlitePath)!);
        return $"Data Source={DefaultSqlitePath}";
    }
}
