namespace ChildAid.Tests.Infrastructure;

/// <summary>
/// `../shared`, beside the repository root: reference material that is not committed (e.g. the WHO tables under their
/// own licence). The nearest `shared` folder above the root is taken, so a fresh clone (/tmp/ci with /tmp/shared) and a
/// worktree one level deeper (/work/wt/NAME with /work/shared) both find it; CHILDAID_SHARED names it outright.
/// </summary>
public static class SharedFolder
{
    public static string Root { get; } = Find();

    /// <summary>The WHO growth tables and WHO's published sample outputs.</summary>
    public static string WhoGrowth { get; } = Path.Combine(Root, "who-growth");

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("CHILDAID_SHARED") is { Length: > 0 } configured) return Path.GetFullPath(configured);
        for (var dir = Directory.GetParent(RepositoryFolder.Root); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(shared)) return shared;
        }
        throw new InvalidOperationException($"No 'shared' folder beside {RepositoryFolder.Root} or above it (set CHILDAID_SHARED).");
    }
}
