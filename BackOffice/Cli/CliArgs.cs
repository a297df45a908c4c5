namespace ChildAid.BackOffice;

/// <summary>
/// The arguments of one verb: <c>--name value</c>, <c>--name=value</c> and bare flags the verb knows, plus configuration
/// arguments (<c>--Database:ConnectionString=…</c>, <c>--Database__Provider Postgres</c>), which go to the configuration as
/// they would for the web app. Anything else is an error, so a mistyped option is not silently ignored.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<KeyValuePair<string, string>> _all = [];

    public required string Verb { get; init; }
    public List<string> ConfigArgs { get; } = [];
    /// <summary>Bare arguments, for a verb that takes them (<c>import needs … FILE</c>).</summary>
    public List<string> Positional { get; } = [];
    public List<string> Errors { get; } = [];

    public string? this[string name] => _values.GetValueOrDefault(name);
    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>Every value of a repeatable option, in the order given (<c>--add A --add B</c>); the indexer gives the last.</summary>
    public IReadOnlyList<string> All(string name) =>
        _all.Where(kv => kv.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(kv => kv.Value).ToList();

    /// <param name="valueOptions">Options of this verb that take a value (without the leading dashes).</param>
    /// <param name="flagOptions">Options of this verb that take none.</param>
    /// <param name="positional">How many bare arguments the verb takes.</param>
    public static CliArgs Parse(string[] args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions, int positional = 0)
    {
        var result = new CliArgs { Verb = args[0] };
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') && !arg.Contains('=', StringComparison.Ordinal) && result.Positional.Count < positional)
            {
                result.Positional.Add(arg);
                continue;
            }
            if (!arg.StartsWith('-') && !arg.Contains('=', StringComparison.Ordinal))
            {
                result.Errors.Add($"Unexpected argument '{arg}'.");
                continue;
            }
            var body = arg.TrimStart('-', '/');
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            var name = eq >= 0 ? body[..eq] : body;
            if (name.Contains(':', StringComparison.Ordinal) || name.Contains("__", StringComparison.Ordinal))
            {
                var key = name.Replace("__", ":", StringComparison.Ordinal);
                if (eq >= 0) result.ConfigArgs.Add($"--{key}={body[(eq + 1)..]}");
                else if (i + 1 < args.Length) result.ConfigArgs.Add($"--{key}={args[++i]}");
                else result.Errors.Add($"Option {arg} needs a value.");
            }
            else if (flagOptions.Contains(name, StringComparer.OrdinalIgnoreCase) && eq < 0)
                result._flags.Add(name);
            else if (valueOptions.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                if (eq >= 0) result._values[name] = body[(eq + 1)..];
                else if (i + 1 < args.Length) result._values[name] = args[++i];
                else { result.Errors.Add($"Option --{name} needs a value."); continue; }
                result._all.Add(new(name, result._values[name]));
            }
            else result.Errors.Add($"Unknown option '{arg}' for {result.Verb}.");
        }
        return result;
    }
}
