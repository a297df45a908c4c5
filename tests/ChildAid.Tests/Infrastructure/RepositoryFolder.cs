namespace ChildAid.Tests.Infrastructure;

/// <summary>The folder holding ChildAid.slnx, found by walking up from the test binaries.</summary>
public static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChildAid.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"ChildAid.slnx not found above {AppContext.BaseDirectory}.");
    }
}
