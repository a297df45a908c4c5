using System.Globalization;
using System.Text;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>One witness the log asks for cosignatures (section TransparencyLog:Witnesses).</summary>
public sealed class WitnessOptions
{
    /// <summary>The witness's name in the policy (letters, digits, '-', e.g. <c>so-tttt-quang-ngai</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>Its Ed25519 cosigner verifier key, <c>name+id+base64(0x04 ‖ key)</c>, as its operator publishes it.</summary>
    public string Key { get; set; } = "";

    /// <summary>Its submission prefix: the log POSTs to <c>{Url}/add-checkpoint</c>.</summary>
    public string Url { get; set; } = "";
}

/// <summary>
/// A C2SP tlog-policy: the log, the witnesses and the quorum a checkpoint must meet to be trusted. The log writes its own
/// from configuration and archives it with each checkpoint (<see cref="LogCheckpoint.WitnessPolicy"/>); PublicSite serves
/// the latest at <c>/log/policy</c>; <c>verify-log --policy</c> reads one back and says whether a checkpoint's
/// cosignatures meet it. Groups nest as the spec allows (a group names witnesses or groups defined above it).
/// </summary>
public sealed class WitnessPolicy
{
    private readonly Dictionary<string, WitnessKey> _witnesses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Threshold, string[] Members)> _groups = new(StringComparer.Ordinal);

    public IReadOnlyList<NoteVerifier> Logs { get; private init; } = [];
    public IReadOnlyDictionary<string, WitnessKey> Witnesses => _witnesses;
    public string Quorum { get; private set; } = "none";

    /// <summary>The policy text for this log and these witnesses. <paramref name="quorum"/>: "none", "any", "all", or a number 1…n.</summary>
    public static string Format(NoteVerifier log, string logUrl, IReadOnlyList<WitnessOptions> witnesses, string? quorum)
    {
        var sb = new StringBuilder("# ChildAid transparency log: witnesses and quorum (C2SP tlog-policy)\n");
        sb.Append("log ").Append(log.VerifierKey).Append(' ').Append(logUrl).Append('\n');
        foreach (var w in witnesses) sb.Append("witness ").Append(w.Name).Append(' ').Append(w.Key.Trim()).Append(' ').Append(w.Url.Trim()).Append('\n');
        var rule = QuorumRule(witnesses.Count, quorum);
        if (rule is null) return sb.Append("quorum none\n").ToString();
        sb.Append("group witnesses ").Append(rule).Append(' ').AppendJoin(' ', witnesses.Select(w => w.Name)).Append('\n');
        return sb.Append("quorum witnesses\n").ToString();
    }

    /// <summary>"any", "all" or k for a group of <paramref name="count"/>; null for no quorum (no witnesses, or "none").</summary>
    public static string? QuorumRule(int count, string? quorum)
    {
        var q = (quorum ?? "").Trim().ToLowerInvariant();
        if (count == 0 || q is "none") return null;
        if (q is "" or "all") return "all";
        if (q is "any") return "any";
        return int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 && k <= count
            ? k.ToString(CultureInfo.InvariantCulture)
            : throw new FormatException($"TransparencyLog:WitnessQuorum \"{quorum}\" is not none, any, all or a number from 1 to {count}.");
    }

    /// <summary>Parses a policy; throws <see cref="FormatException"/> saying which line is wrong.</summary>
    public static WitnessPolicy Parse(string text)
    {
        var logs = new List<NoteVerifier>();
        var policy = new WitnessPolicy { Logs = logs };
        string? quorum = null;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var fields = raw.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#')) continue;
            try
            {
                switch (fields[0])
                {
                    case "log" when fields.Length is 2 or 3:
                        logs.Add(NoteVerifier.Parse(fields[1]));
                        break;
                    case "witness" when fields.Length is 3 or 4:
                        policy.Define(fields[1]);
                        policy._witnesses[fields[1]] = WitnessKey.Parse(fields[2]);
                        break;
                    case "group" when fields.Length >= 4:
                        policy.Define(fields[1]);
                        var members = fields[3..];
                        if (members.Any(m => m == "none" || !policy.IsDefined(m))) throw new FormatException("a member is not a witness or group defined above");
                        var threshold = fields[2] switch
                        {
                            "all" => members.Length,
                            "any" => 1,
                            var k when int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= members.Length => n,
                            _ => throw new FormatException("the threshold is all, any or a number from 1 to the number of members"),
                        };
                        policy._groups[fields[1]] = (threshold, members);
                        break;
                    case "quorum" when fields.Length == 2:
                        if (quorum is not null) throw new FormatException("a policy has exactly one quorum line");
                        if (fields[1] != "none" && !policy.IsDefined(fields[1])) throw new FormatException("the quorum names no witness or group defined above");
                        quorum = fields[1];
                        break;
                    default:
                        throw new FormatException("not a log, witness, group or quorum line");
                }
            }
            catch (FormatException e)
            {
                throw new FormatException($"policy line {number}: {e.Message}");
            }
        }
        policy.Quorum = quorum ?? throw new FormatException("the policy has no quorum line");
        return policy;
    }

    private bool IsDefined(string name) => _witnesses.ContainsKey(name) || _groups.ContainsKey(name);

    private void Define(string name)
    {
        if (name == "none" || IsDefined(name)) throw new FormatException($"\"{name}\" is reserved or defined twice");
    }

    /// <summary>The policy's witnesses whose valid cosignature is on the note (a checkpoint with its signature lines).</summary>
    public IReadOnlySet<string> CosignedBy(string note)
    {
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0) return new HashSet<string>();
        var text = note[..(split + 1)];
        var lines = note[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return _witnesses.Where(w => lines.Any(l => Cosignature.Verify(l, text, w.Value) is not null)).Select(w => w.Key).ToHashSet();
    }

    /// <summary>How many of a group's members must witness, and how many it has; null when the name is not a group.</summary>
    public (int Threshold, int Members)? Group(string name) =>
        _groups.TryGetValue(name, out var g) ? (g.Threshold, g.Members.Length) : null;

    /// <summary>Whether witnesses <paramref name="cosigned"/> meet the quorum ("none" is always met).</summary>
    public bool IsMet(IReadOnlySet<string> cosigned) => Quorum == "none" || Witnessed(Quorum, cosigned);

    private bool Witnessed(string name, IReadOnlySet<string> cosigned) =>
        _groups.TryGetValue(name, out var group)
            ? group.Members.Count(m => Witnessed(m, cosigned)) >= group.Threshold
            : cosigned.Contains(name);
}
