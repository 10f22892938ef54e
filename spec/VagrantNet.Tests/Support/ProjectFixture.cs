using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using VagrantNet.Core.Configuration;
using VagrantNet.Core.Environment;
using VagrantNet.Core.Plugins;
using VagrantNet.Scripting;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Testing;

namespace VagrantNet.Tests.Support;

/// <summary>
/// A throw-away project and VNET_HOME on disk. Set the pieces (Vagrantfile, extra files, plugins),
/// then ask for an evaluator, a project config or a whole environment.
/// </summary>
internal sealed class ProjectFixture : IDisposable
{
    public ProjectFixture()
    {
        Root = Directory.CreateTempSubdirectory("vnet-test-").FullName;
        ProjectDirectory = Directory.CreateDirectory(Path.Combine(Root, "project")).FullName;
        Home = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;
    }

    public string Root { get; }

    public string ProjectDirectory { get; }

    public string Home { get; }

    public string VagrantfilePath => Path.Combine(ProjectDirectory, "Vagrantfile.csx");

    public VnetPaths Paths => new(Home);

    public List<string> PluginDirectories { get; } = [];

    /// <summary>vnet's own parts (SSH communicator, rsync and NFS folders, ...), registered as the CLI registers them.</summary>
    public List<IVagrantPlugin> BuiltinPlugins { get; } = [new CorePlugin()];

    /// <summary>Copies a fixture from Fixtures/Vagrantfiles as the project's Vagrantfile.csx (or as <paramref name="as"/>).</summary>
    public ProjectFixture WithVagrantfile(string fixture, string @as = "Vagrantfile.csx")
    {
        File.Copy(TestPaths.Vagrantfile(fixture), Path.Combine(ProjectDirectory, @as), overwrite: true);
        return this;
    }

    public ProjectFixture WithVagrantfileText(string text) => WithFile("Vagrantfile.csx", text);

    public ProjectFixture WithFile(string relativePath, string text)
    {
        var path = Path.Combine(ProjectDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary>Installs the sample plugin under VNET_HOME/plugins, where vnet looks for user plugins.</summary>
    public ProjectFixture WithSamplePlugin()
    {
        TestPaths.InstallSamplePlugin(Paths.Plugins);
        if (!PluginDirectories.Contains(Paths.Plugins))
        {
            PluginDirectories.Add(Paths.Plugins);
        }

        return this;
    }

    /// <summary>Installs the libvirt provider plugin under VNET_HOME/plugins, as a user-installed plugin.</summary>
    public ProjectFixture WithLibvirtPlugin()
    {
        TestPaths.InstallLibvirtPlugin(Paths.Plugins);
        if (!PluginDirectories.Contains(Paths.Plugins))
        {
            PluginDirectories.Add(Paths.Plugins);
        }

        return this;
    }

    public ScriptEvaluator CreateEvaluator(IReadOnlyList<Assembly>? plugins = null) =>
        new(new CompiledScriptCache(Paths.ScriptCache), new ScriptReferences(plugins ?? []), NullLogger.Instance);

    /// <summary>Evaluates the project's Vagrantfile.csx (and VNET_HOME's, when present) without plugins.</summary>
    public Task<ProjectConfig> LoadProjectAsync(IVagrantfileEvaluator? evaluator = null) =>
        new ConfigLoader(evaluator ?? CreateEvaluator()).LoadAsync(Paths.UserVagrantfile, VagrantfilePath, CancellationToken.None);

    public EnvironmentOptions Options() => new()
    {
        WorkingDirectory = ProjectDirectory,
        Paths = Paths,
        Ui = new RecordingUserInterface(),
        LoggerFactory = NullLoggerFactory.Instance,
        CreateEvaluator = plugins => CreateEvaluator(plugins),
        PluginDirectories = PluginDirectories,
        BuiltinPlugins = BuiltinPlugins,
    };

    public Task<VnetEnvironment> LoadEnvironmentAsync() => VnetEnvironment.LoadAsync(Options(), CancellationToken.None);

    /// <summary>Loads only the plugins, for tests of the plugin host.</summary>
    public (PluginManager Manager, PluginRegistry Registry) LoadPlugins(Version? hostSdkVersion = null, string? cacheDirectory = null)
    {
        var manager = new PluginManager(NullLogger.Instance, hostSdkVersion, cacheDirectory);
        var registry = new PluginRegistry();
        manager.LoadAll(PluginDirectories, registry);
        return (manager, registry);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test over.
        }
    }
}

internal sealed class RecordingUserInterface : IUserInterface
{
    public RecordingUi Recording { get; } = new();

    public IMachineUi Global => Recording;

    public IMachineUi ForMachine(string machine) => Recording;
}
