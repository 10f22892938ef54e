using Microsoft.Extensions.Logging;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Testing;

/// <summary>
/// A machine for step and recipe tests: state files in a temporary project directory (created on first use, removed by
/// <see cref="Dispose"/>), a <see cref="RecordingUi"/>, a <see cref="CapturingLogger"/> and a <see cref="FakeVnetHost"/>.
/// The provider, communicator and guest are whatever the test sets; using one that was not set fails, naming it.
/// </summary>
public sealed class FakeMachine : IMachine, IDisposable
{
    private readonly Lazy<string> _root = new(() => Directory.CreateTempSubdirectory("vnet-fake-machine-").FullName);
    private ProviderConfig? _providerConfig;
    private IProvider? _provider;
    private ICommunicator? _communicator;
    private IGuestCapabilities? _guest;
    private FakeVnetHost? _host;

    public string Name { get; init; } = "default";

    public string ProviderName { get; init; } = "fake";

    public string ProjectName { get; init; } = "project";

    public RootConfig Config { get; } = new();

    public ProviderConfig ProviderConfig
    {
        get => _providerConfig ?? throw NotSet(nameof(ProviderConfig));
        set => _providerConfig = value;
    }

    public string ProjectDirectory => Path.Combine(_root.Value, ProjectName);

    public string DataDirectory => Path.Combine(ProjectDirectory, ".vnet", "machines", Name, ProviderName);

    public string? Id { get; set; }

    public string? IndexUuid { get; set; }

    public RecordingUi RecordingUi { get; } = new();

    IMachineUi IMachine.Ui => RecordingUi;

    public CapturingLogger CapturingLogger { get; } = new();

    ILogger IMachine.Logger => CapturingLogger;

    public IProvider Provider
    {
        get => _provider ?? throw NotSet(nameof(Provider));
        set => _provider = value;
    }

    public ICommunicator Communicator
    {
        get => _communicator ?? throw NotSet(nameof(Communicator));
        set => _communicator = value;
    }

    public IGuestCapabilities Guest
    {
        get => _guest ?? throw NotSet(nameof(Guest));
        set => _guest = value;
    }

    /// <summary>The host, by default one whose VNET_HOME is <c>home/</c> beside the project; set one to share it between machines.</summary>
    public FakeVnetHost FakeHost
    {
        get => _host ??= new FakeVnetHost(Path.Combine(_root.Value, "home"));
        set => _host = value;
    }

    IVnetHost IMachine.Host => FakeHost;

    /// <summary>What <see cref="StateAsync"/> answers; while null, the provider's state if one is set, else not created.</summary>
    public MachineState? State { get; set; }

    /// <summary>What <see cref="SshInfoAsync"/> answers; while null, the provider's answer if one is set, else unreachable.</summary>
    public SshInfo? SshInfo { get; set; }

    public string? ReadState(string name)
    {
        var path = Path.Combine(DataDirectory, name);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public void WriteState(string name, string content, UnixFileMode? mode = null) =>
        FakeHost.WriteFileAtomically(Path.Combine(DataDirectory, name), content, mode);

    public void DeleteState(string name) => File.Delete(Path.Combine(DataDirectory, name));

    public void DeleteAllState()
    {
        foreach (var file in Directory.Exists(DataDirectory) ? Directory.GetFiles(DataDirectory) : [])
        {
            File.Delete(file);
        }
    }

    public Task<MachineState> StateAsync(CancellationToken cancellation) =>
        State is { } state ? Task.FromResult(state)
        : _provider is { } provider ? provider.StateAsync(cancellation)
        : Task.FromResult(MachineState.NotCreated);

    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation) =>
        SshInfo is { } info ? Task.FromResult<SshInfo?>(info)
        : _provider is { } provider ? provider.SshInfoAsync(cancellation)
        : Task.FromResult<SshInfo?>(null);

    /// <summary>Removes the project directory and the default host's home; what the test set is the test's to dispose.</summary>
    public void Dispose()
    {
        if (_root.IsValueCreated)
        {
            Directory.Delete(_root.Value, recursive: true);
        }
    }

    private InvalidOperationException NotSet(string property) =>
        new($"FakeMachine '{Name}' has no {property}: set {nameof(FakeMachine)}.{property} in the test.");
}
