namespace VagrantNet.Sdk.Config;

/// <summary>
/// A box version constraint as Vagrant writes it: comma-separated requirements, each an operator
/// (=, !=, &gt;, &lt;, &gt;=, &lt;=, ~&gt;; = when omitted) and a version. All must hold.
/// </summary>
public sealed class VersionConstraint
{
    private static readonly string[] Operators = ["~>", ">=", "<=", "!=", ">", "<", "="];

    private readonly IReadOnlyList<(string Op, BoxVersionNumber Version)> _requirements;

    private VersionConstraint(string text, IReadOnlyList<(string, BoxVersionNumber)> requirements)
    {
        Text = text;
        _requirements = requirements;
    }

    public string Text { get; }

    /// <summary>Matches every version.</summary>
    public static VersionConstraint Any { get; } = new(">= 0", [(">=", BoxVersionNumber.Parse("0"))]);

    public static VersionConstraint Parse(string text) =>
        TryParse(text, out var constraint, out var why) ? constraint : throw new ConfigurationException($"'{text}' is not a valid version constraint: {why}");

    public static bool TryParse(string? text, out VersionConstraint constraint, out string why)
    {
        constraint = Any;
        why = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            why = "it is empty";
            return false;
        }

        var requirements = new List<(string, BoxVersionNumber)>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var op = Operators.FirstOrDefault(o => part.StartsWith(o, StringComparison.Ordinal)) ?? "=";
            var versionText = part.StartsWith(op, StringComparison.Ordinal) ? part[op.Length..].Trim() : part;
            if (!BoxVersionNumber.TryParse(versionText, out var version))
            {
                why = $"'{part}' is not an operator (one of {string.Join(' ', Operators)}) followed by a version such as 1.2.3";
                return false;
            }

            requirements.Add((op, version));
        }

        constraint = new VersionConstraint(text.Trim(), requirements);
        return true;
    }

    public bool IsSatisfiedBy(BoxVersionNumber version) =>
        _requirements.All(r => r.Op switch
        {
            "=" => version == r.Version,
            "!=" => version != r.Version,
            ">" => version > r.Version,
            "<" => version < r.Version,
            ">=" => version >= r.Version,
            "<=" => version <= r.Version,
            // RubyGems: at least the version, and a release below the bump (so ~> 1.2 excludes 2.0.a).
            "~>" => version >= r.Version && version.Release() < r.Version.Bump(),
            _ => false,
        });

    public bool IsSatisfiedBy(string version) => BoxVersionNumber.TryParse(version, out var v) && IsSatisfiedBy(v);

    public override string ToString() => Text;
}
