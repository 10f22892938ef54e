using Microsoft.Extensions.Logging;
using VagrantNet.Core.Configuration;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Environment;

/// <summary>What a <see cref="VnetEnvironment"/> is built from; tests set each piece.</summary>
public sealed record EnvironmentOptions
{
    public required string WorkingDirectory { get; init; }

    public required VnetPaths Paths { get; init; }

    public required IUserInterface Ui { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Makes the script evaluator once plugins are loaded, since scripts compile against them.</summary>
    public required Func<IReadOnlyList<System.Reflection.Assembly>, IVagrantfileEvaluator> CreateEvaluator { get; init; }

    /// <summary>Directories whose subdirectories are plugins (beside the binary, then VNET_HOME/plugins).</summary>
    public IReadOnlyList<string> PluginDirectories { get; init; } = [];

    /// <summary>Parts that ship with vnet and register like any plugin.</summary>
    public IReadOnlyList<IVagrantPlugin> BuiltinPlugins { get; init; } = [];

    /// <summary>The host's own command names, which no plugin command may take.</summary>
    public IReadOnlySet<string> ReservedCommands { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Plugins the caller already loaded (to list their commands) and the environment reuses instead of loading them again.</summary>
    public Plugins.LoadedPlugins? Plugins { get; init; }

    public IBoxLookup? BoxLookup { get; init; }

    public IBoxResolver? BoxResolver { get; init; }

    public bool DryRun { get; init; }

    /// <summary>Whether a project (a Vagrantfile.csx) is required; commands such as <c>box list</c> run without one.</summary>
    public bool RequireProject { get; init; } = true;
}
