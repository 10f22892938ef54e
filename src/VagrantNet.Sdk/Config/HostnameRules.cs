using System.Text.RegularExpressions;

namespace VagrantNet.Sdk.Config;

internal static partial class HostnameRules
{
    public static bool IsValid(string hostname) =>
        hostname.Length <= 253 && hostname.Split('.').All(label => Label().IsMatch(label));

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex Label();
}
