namespace ChildAid.BackOffice;

/// <summary>Admin verbs run from the command line: `dotnet run --project BackOffice -- VERB [options]`.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = [];

    public static bool IsVerb(string arg) => Verbs.Contains(arg);

    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine($"Unknown verb {args[0]}");
        return Task.FromResult(2);
    }
}
