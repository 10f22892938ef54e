namespace VagrantNet.Core.Environment;

/// <summary>
/// Finds Vagrant's well-known insecure private key, which boxes authorize until vnet swaps in a key of the
/// machine's own: <c>$VNET_INSECURE_KEY</c>, <c>$VNET_HOME/insecure_private_key</c>, then the copy Debian's
/// <c>vagrant</c> package installs. vnet does not ship the key itself.
/// </summary>
public static class InsecureKeys
{
    private const string DebianGems = "/usr/share/rubygems-integration/all/gems";

    public static IReadOnlyList<string> Find(VnetPaths paths)
    {
        var candidates = new List<string>();
        if (System.Environment.GetEnvironmentVariable("VNET_INSECURE_KEY") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.Add(Path.Combine(paths.Home, "insecure_private_key"));
        if (Directory.Exists(DebianGems))
        {
            candidates.AddRange(Directory.GetDirectories(DebianGems, "vagrant-*")
                .Select(d => Path.Combine(d, "keys", "vagrant"))
                .Order(StringComparer.Ordinal));
        }

        return [.. candidates.Where(File.Exists)];
    }
}
