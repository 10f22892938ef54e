namespace VagrantNet.Core.Environment;

/// <summary>Where vnet keeps its user-wide data: <c>VNET_HOME</c>, else <c>$XDG_DATA_HOME/vnet</c>, else <c>~/.local/share/vnet</c>.</summary>
public sealed class VnetPaths
{
    public VnetPaths(string home)
    {
        Home = Path.GetFullPath(home);
    }

    public string Home { get; }

    public string Boxes => Path.Combine(Home, "boxes");

    public string Plugins => Path.Combine(Home, "plugins");

    public string Temp => Path.Combine(Home, "tmp");

    public string Locks => Path.Combine(Home, "locks");

    public string ScriptCache => Path.Combine(Home, "cache", "scripts");

    /// <summary>The script compiler's multi-core JIT profile.</summary>
    public string JitProfiles => Path.Combine(Home, "cache", "jit");

    /// <summary>What is remembered about plugins between commands (see <see cref="Plugins.PluginManager"/>).</summary>
    public string PluginCache => Path.Combine(Home, "cache", "plugins");

    public string MachineIndex => Path.Combine(Home, "data", "machine-index", "index");

    /// <summary>The user-wide Vagrantfile.csx, merged before the project's.</summary>
    public string UserVagrantfile => Path.Combine(Home, "Vagrantfile.csx");

    public static VnetPaths FromEnvironment()
    {
        var home = System.Environment.GetEnvironmentVariable("VNET_HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            var xdg = System.Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (string.IsNullOrWhiteSpace(xdg))
            {
                xdg = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".local", "share");
            }

            home = Path.Combine(xdg, "vnet");
        }

        return new VnetPaths(home);
    }

    public string EnsureDirectory(string path)
    {
        Directory.CreateDirectory(path);
        return path;
    }
}
