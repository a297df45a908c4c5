namespace ChildAid.BackOffice;

/// <summary>
/// `ChildAid.BackOffice` with no arguments serves the staff site; with a verb (migrate, seed, verify-ledger,
/// create-admin, run …) it does that job and exits. See Cli/CommandLine.cs.
/// </summary>
public class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && CommandLine.IsVerb(args[0]))
            return await CommandLine.RunAsync(args);
        await BackOfficeApp.Build(args).RunAsync();
        return 0;
    }
}
