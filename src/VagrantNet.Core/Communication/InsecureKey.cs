namespace VagrantNet.Core.Communication;

/// <summary>
/// Finds Vagrant's well-known insecure private key, which boxes authorize until vnet replaces it:
/// <c>$VNET_INSECURE_KEY</c> (one or more paths), then <c>$VNET_HOME/insecure_private_key</c>, then the
/// keys Debian's <c>vagrant</c> package installs.
/// </summary>
public static class InsecureKey
{
    /// <summary>Where Debian's vagrant package keeps its gems (the key sits in <c>vagrant-&lt;version&gt;/keys/</c>).</summary>
    public const string DebianGemsDirectory = "/usr/share/rubygems-integration/all/gems";

    private static readonly string[] PackagedKeyNames = ["vagrant.key.ed25519", "vagrant.key.rsa", "vagrant"];

    /// <summary>The existing insecure keys, in lookup order.</summary>
    public static IReadOnlyList<string> Find(string vnetHome, Func<string, string?>? environment = null, string gemsDirectory = DebianGemsDirectory)
    {
        environment ??= System.Environment.GetEnvironmentVariable;
        var candidates = new List<string>();
        if (environment("VNET_INSECURE_KEY") is { Length: > 0 } configured)
        {
            candidates.AddRange(configured.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        candidates.Add(Path.Combine(vnetHome, "insecure_private_key"));
        if (Directory.Exists(gemsDirectory))
        {
            foreach (var gem in Directory.GetDirectories(gemsDirectory, "vagrant-*").Order(StringComparer.Ordinal).Reverse())
            {
                candidates.AddRange(PackagedKeyNames.Select(name => Path.Combine(gem, "keys", name)));
            }
        }

        return [.. candidates.Select(Path.GetFullPath).Where(File.Exists).Distinct().Select(key => Private(key, vnetHome))];
    }

    /// <summary>
    /// OpenSSH refuses a key others can read, and packages install theirs 0644: such a key is used
    /// through a 0600 copy under VNET_HOME, as Vagrant copies its own.
    /// </summary>
    private static string Private(string key, string vnetHome)
    {
        if (OperatingSystem.IsWindows() || (File.GetUnixFileMode(key) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) == 0)
        {
            return key;
        }

        var directory = Path.Combine(vnetHome, "insecure_private_keys");
        var copy = Path.Combine(directory, $"{Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(key)))}-{Path.GetFileName(key)}");
        var content = File.ReadAllBytes(key);
        if (!File.Exists(copy) || !File.ReadAllBytes(copy).AsSpan().SequenceEqual(content))
        {
            Directory.CreateDirectory(directory);
            var temp = copy + ".tmp-" + System.Environment.ProcessId;
            using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            {
                stream.Write(content);
            }

            File.Move(temp, copy, overwrite: true);
        }

        return copy;
    }
}
