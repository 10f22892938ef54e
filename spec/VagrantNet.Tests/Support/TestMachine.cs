using Microsoft.Extensions.Logging;
using VagrantNet.Core.Machines;
using VagrantNet.Core.Plugins;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Testing;

namespace VagrantNet.Tests.Support;

/// <summary>
/// A machine for communicator, provisioner and step tests: a real state directory, a plugin registry
/// with vnet's built-in parts, settable SSH info, state and communicator; SSH info prefers
/// <c>DataDirectory/private_key</c> as the real machine does.
/// </summary>
internal sealed class TestMachine : IMachine, IDisposable
{
    private readonly string _root;
    private ICommunicator? _communicator;
    private GuestCapabilities? _guest;

    public TestMachine(Action<RootConfig>? configure = null, PluginRegistry? registry = null)
    {
        _root = Directory.CreateTempSubdirectory("vnet-machine-").FullName;
        ProjectDirectory = Path.Combine(_root, "project");
        DataDirectory = Path.Combine(ProjectDirectory, ".vnet", "machines", Name, ProviderName);
        Directory.CreateDirectory(DataDirectory);
        Registry = registry ?? new PluginRegistry();
        if (registry is null)
        {
            new CorePlugin().Register(Registry);
        }

        configure?.Invoke(Config);
        Config.FinalizeDefaults();
        TestHost = new TestHost(Registry, Path.Combine(_root, "home"));
    }

    public string Name { get; init; } = "default";

    public string ProviderName => "test";

    public RootConfig Config { get; } = new();

    public ProviderConfig ProviderConfig => throw new NotSupportedException();

    public string DataDirectory { get; }

    public string ProjectDirectory { get; }

    public string ProjectName => "project";

    public string? Id { get; set; } = "machine-1";

    public string? IndexUuid => null;

    public PluginRegistry Registry { get; }

    public RecordingUi RecordingUi { get; } = new();

    public IMachineUi Ui => RecordingUi;

    public CapturingLogger CapturingLogger { get; } = new();

    public ILogger Logger => CapturingLogger;

    public IProvider Provider => throw new NotSupportedException();

    /// <summary>The communicator; by default the registry's for <c>vm.communicator</c>, created once.</summary>
    public ICommunicator Communicator
    {
        get => _communicator ??= Registry.Communicators[Config.Vm.Communicator ?? "ssh"](this);
        set => _communicator = value;
    }

    public TestHost TestHost { get; }

    public IVnetHost Host => TestHost;

    public IGuestCapabilities Guest => _guest ??= new GuestCapabilities(this, Registry);

    /// <summary>What the provider would answer; null while unreachable.</summary>
    public SshInfo? BaseSshInfo { get; set; }

    public MachineState State { get; set; } = new("running", "running", "The machine is running.");

    public List<string> StateQueries { get; } = [];

    public string? ReadState(string name)
    {
        var path = Path.Combine(DataDirectory, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public void WriteState(string name, string content, UnixFileMode? mode = null)
    {
        var path = Path.Combine(DataDirectory, name);
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode ?? (UnixFileMode)0b110_100_100 });
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }

    public void DeleteState(string name) => File.Delete(Path.Combine(DataDirectory, name));

    public void DeleteAllState()
    {
        foreach (var file in Directory.Exists(DataDirectory) ? Directory.GetFiles(DataDirectory) : [])
        {
            File.Delete(file);
        }
    }

    public Task<MachineState> StateAsync(CancellationToken cancellation)
    {
        StateQueries.Add(State.Id);
        return Task.FromResult(State);
    }

    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation)
    {
        if (BaseSshInfo is not { } info)
        {
            return Task.FromResult<SshInfo?>(null);
        }

        var generated = Path.Combine(DataDirectory, "private_key");
        var keys = Config.Ssh.PrivateKeyPath is { Length: > 0 } configured ? configured : info.PrivateKeyPaths;
        if (Config.Ssh.PrivateKeyPath is null && File.Exists(generated))
        {
            keys = [generated];
        }

        return Task.FromResult<SshInfo?>(info with { PrivateKeyPaths = keys, KnownHostsFile = info.KnownHostsFile ?? Path.Combine(DataDirectory, "known_hosts") });
    }

    public void Dispose()
    {
        _communicator?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_root, recursive: true);
    }
}

/// <summary>Host services backed by a registry, with settable insecure keys.</summary>
internal sealed class TestHost(PluginRegistry registry, string home) : IVnetHost
{
    private readonly Core.Environment.VnetHost _host = new(new Core.Environment.VnetPaths(home), null, false, registry);

    public string Home => home;

    public string TempDirectory => _host.TempDirectory;

    public bool DryRun => false;

    public List<string> InsecureKeys { get; } = [];

    public IReadOnlyList<string> InsecurePrivateKeyPaths => InsecureKeys;

    public IReadOnlyList<SyncedFolderType> SyncedFolderTypes => _host.SyncedFolderTypes;

    public IProvisioner CreateProvisioner(string type) => _host.CreateProvisioner(type);

    public Task<BoxInfo> ResolveBoxAsync(IMachine machine, CancellationToken cancellation) => throw new NotSupportedException();

    public Task<IAsyncDisposable> LockAsync(string name, TimeSpan timeout, CancellationToken cancellation) => _host.LockAsync(name, timeout, cancellation);

    public IPortForwarder PortForwarder => _host.PortForwarder;

    public IProcessRunner Processes => _host.Processes;

    public void WriteFileAtomically(string path, string content, UnixFileMode? mode = null) => _host.WriteFileAtomically(path, content, mode);

    public string SanitizeName(string text) => _host.SanitizeName(text);
}
