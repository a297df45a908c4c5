namespace ChildAid.Shared.Data;

/// <summary>
/// PostgreSQL roles the migrations create (NOLOGIN; logins are made members with the CLI). The owner that runs
/// `migrate` owns every table; the sites never connect as it.
/// </summary>
public static class DatabaseRoles
{
    /// <summary>PublicSite: SELECT on the public tables only (<see cref="PublicTables"/>).</summary>
    public const string PublicReader = PublicTables.ReaderRole;

    /// <summary>
    /// BackOffice: reads and writes what it needs; on ledger_entries only SELECT, INSERT and UPDATE of the erasable
    /// columns (donor_display, donor_salt, search_text); owns nothing, so no DDL.
    /// </summary>
    public const string App = "childaid_app";
}
