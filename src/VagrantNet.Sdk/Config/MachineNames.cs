using System.Text.RegularExpressions;

namespace VagrantNet.Sdk.Config;

/// <summary>
/// What a machine name may be. The name becomes a directory (<c>.vnet/machines/&lt;name&gt;</c>) and part of the
/// provider's resource names, so it is one plain path component: ASCII letters, digits, <c>-</c>, <c>_</c> and
/// <c>.</c>, starting with a letter, a digit or <c>_</c>, at most <see cref="MaxLength"/> characters.
/// </summary>
public static partial class MachineNames
{
    public const int MaxLength = 128;

    public const string Allowed = "letters, digits, '-', '_' and '.', starting with a letter, a digit or '_', at most 128 characters";

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(name);

    /// <summary>Why <paramref name="name"/> is refused, or null when it is a valid machine name.</summary>
    public static string? Problem(string? name) => name switch
    {
        null => "a machine name is required",
        "" => "the machine name is empty",
        _ when name.Any(char.IsControl) => "it contains a control character",
        _ when name.Contains('/') || name.Contains('\\') => "it contains a path separator",
        "." or ".." => "it names a directory, not a machine",
        _ when name.Length > MaxLength => $"it is {name.Length} characters long",
        _ when !IsValid(name) => name[0] is '.' or '-' ? $"it starts with '{name[0]}'" : "it contains a character other than letters, digits, '-', '_' and '.'",
        _ => null,
    };

    /// <summary>Throws a <see cref="ConfigurationException"/> naming the machine and the rule when <paramref name="name"/> is not valid.</summary>
    public static void EnsureValid(string? name)
    {
        if (Problem(name) is { } problem)
        {
            throw new ConfigurationException($"vm.define: the machine name {UserText.Quote(name)} cannot be used: {problem}. A machine name may use {Allowed}.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex Pattern();
}
