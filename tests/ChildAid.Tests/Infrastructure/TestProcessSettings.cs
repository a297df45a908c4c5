using System.Runtime.CompilerServices;

namespace ChildAid.Tests.Infrastructure;

/// <summary>
/// The suite starts hundreds of in-process hosts (WebApplicationFactory, the CLI). Each would watch its appsettings
/// files through inotify, and Linux allows a user 128 inotify instances by default: past that, hosts fail to start
/// ("The configured user limit (128) on the number of inotify instances has been reached"). Tests never edit
/// configuration files while a host runs, so no host reloads them, and any file watching that remains polls.
/// </summary>
internal static class TestProcessSettings
{
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "1");
    }
}
