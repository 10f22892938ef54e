namespace VagrantNet.Sdk.Config;

/// <summary>The checksum types Vagrant accepts for box downloads.</summary>
public static class ChecksumTypes
{
    public static IReadOnlyList<string> All { get; } = ["md5", "sha1", "sha256", "sha384", "sha512"];

    public static bool IsKnown(string type) => All.Contains(type.ToLowerInvariant());
}
