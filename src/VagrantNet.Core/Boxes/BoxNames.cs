using System.Text.RegularExpressions;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// The rules for the names that become directories in the box store: box names (<c>org/name</c>),
/// versions, providers and architectures. Anything else is refused before it touches the disk.
/// </summary>
public static partial class BoxNames
{
    /// <summary>How a <c>/</c> in a box name is written in the store, as Vagrant does.</summary>
    public const string SlashEscape = "-VAGRANTSLASH-";

    /// <summary>The architecture used when none is named.</summary>
    public const string DefaultArchitecture = "amd64";

    /// <summary>The version a box added straight from a file or URL gets.</summary>
    public const string DirectVersion = "0";

    public static bool IsValidName(string? name, out string why)
    {
        why = string.Empty;
        if (string.IsNullOrWhiteSpace(name))
        {
            why = "it is empty";
            return false;
        }

        if (name.Length > 200)
        {
            why = "it is longer than 200 characters";
            return false;
        }

        if (name.Contains(SlashEscape, StringComparison.Ordinal))
        {
            why = $"it contains '{SlashEscape}', which vnet uses to store '/'";
            return false;
        }

        if (!NamePattern().IsMatch(name))
        {
            why = "use letters, digits, '.', '_', '-' and '+', in one or more parts separated by '/', each starting with a letter or digit";
            return false;
        }

        return true;
    }

    public static void ValidateName(string? name)
    {
        if (!IsValidName(name, out var why))
        {
            throw new VnetException($"'{name}' is not a valid box name: {why}.");
        }
    }

    public static void ValidateVersion(string? version, string box)
    {
        if (version is null || !SegmentPattern().IsMatch(version) || !BoxVersionNumber.TryParse(version, out _))
        {
            throw new VnetException($"Box '{box}': '{version}' is not a valid version (use numbers separated by dots, such as 1.2.3).");
        }
    }

    public static void ValidateProvider(string? provider, string box)
    {
        if (provider is null || !SegmentPattern().IsMatch(provider))
        {
            throw new VnetException($"Box '{box}': '{provider}' is not a valid provider name.");
        }
    }

    public static void ValidateArchitecture(string? architecture, string box)
    {
        if (architecture is null || !SegmentPattern().IsMatch(architecture))
        {
            throw new VnetException($"Box '{box}': '{architecture}' is not a valid architecture name.");
        }
    }

    /// <summary>The directory name of a box: <c>org/name</c> becomes <c>org-VAGRANTSLASH-name</c>.</summary>
    public static string Escape(string name) => name.Replace("/", SlashEscape, StringComparison.Ordinal);

    public static string Unescape(string directoryName) => directoryName.Replace(SlashEscape, "/", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="text"/> looks like the <c>org/name</c> shorthand of a catalog server.</summary>
    public static bool IsShorthand(string text) => ShorthandPattern().IsMatch(text);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._+-]*(/[A-Za-z0-9][A-Za-z0-9._+-]*)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$")]
    private static partial Regex SegmentPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._+-]*/[A-Za-z0-9][A-Za-z0-9._+-]*$")]
    private static partial Regex ShorthandPattern();
}
