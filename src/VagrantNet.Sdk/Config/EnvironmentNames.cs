using System.Text.RegularExpressions;

namespace VagrantNet.Sdk.Config;

/// <summary>What an environment variable's name may be: a letter or <c>_</c>, then letters, digits and <c>_</c>.</summary>
public static partial class EnvironmentNames
{
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Pattern();
}
