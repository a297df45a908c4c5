using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ChildAid.Shared.Hosting;

/// <summary>
/// Serilog for both sites and the CLI: structured events to the console, one JSON object per line (compact JSON,
/// for a log collector) or readable lines for people. "Logging:Console:Format" = json | text decides; by default
/// json, and text in the Development environment. Levels come from the usual "Logging:LogLevel" keys, so the
/// same settings work with or without Serilog.
/// </summary>
public static class ChildAidLogging
{
    public const string FormatKey = "Logging:Console:Format";

    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, string environment,
        string application, bool toStandardError = false, LogEventLevel? floor = null)
    {
        var levels = configuration.GetSection("Logging:LogLevel");
        // floor: the CLI shows warnings and errors only, whatever the sites' appsettings.json say for "Default".
        logger.MinimumLevel.Is(floor ?? Level(levels["Default"]) ?? LogEventLevel.Information);
        foreach (var category in levels.GetChildren().Where(c => c.Key != "Default"))
            if (Level(category.Value) is { } level) logger.MinimumLevel.Override(category.Key, floor is { } f && f > level ? f : level);

        logger.Enrich.FromLogContext().Enrich.WithProperty("Application", application);
        var json = configuration[FormatKey] is { } format
            ? string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)
            : !string.Equals(environment, "Development", StringComparison.OrdinalIgnoreCase);
        var standardErrorFrom = toStandardError ? LogEventLevel.Verbose : (LogEventLevel?)null;
        return json
            ? logger.WriteTo.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: standardErrorFrom)
            : logger.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: standardErrorFrom, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Serilog as the web host's only logger, and one event per request (method, path, status, time).</summary>
    public static void AddChildAidLogging(this WebApplicationBuilder builder, string application) =>
        builder.Services.AddSerilog((_, logger) => Configure(logger, builder.Configuration, builder.Environment.EnvironmentName, application));

    private static LogEventLevel? Level(string? value) => value switch
    {
        null => null,
        _ when value.Equals("Trace", StringComparison.OrdinalIgnoreCase) => LogEventLevel.Verbose,
        _ when value.Equals("Critical", StringComparison.OrdinalIgnoreCase) => LogEventLevel.Fatal,
        _ when value.Equals("None", StringComparison.OrdinalIgnoreCase) => LogEventLevel.Fatal,
        _ => Enum.TryParse<LogEventLevel>(value, ignoreCase: true, out var level) ? level : null,
    };
}
