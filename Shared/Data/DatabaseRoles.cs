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

    /// <summary>
    /// PublicSite's writes: INSERT on pledge_intake (and the other intake tables as they come), SELECT on the
    /// pledge_status view only. It cannot read back a name, e-mail or phone, not even one it wrote.
    /// </summary>
    public const string Intake = "childaid_intake";
}
