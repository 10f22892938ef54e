using Microsoft.Extensions.Logging;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Testing;

namespace VagrantNet.Providers.Libvirt.Tests.Support;

/// <summary>
/// A machine backed by the real <see cref="LibvirtProvider"/> on libvirt's in-process test driver: a temp
/// project directory with a unique name (so domain names never clash), state files on disk, a
/// <see cref="FakeVnetHost"/> (its own unless one is shared), a recording UI and a guest that is never reachable.
/// </summary>
internal sealed class LibvirtTestMachine : IMachine, IDisposable
{
    private readonly string _root;
    private LibvirtProvider? _provider;

    public LibvirtTestMachine(string name = "default", Action<RootConfig>? configure = null, Action<LibvirtConfig>? configureProvider = null, FakeVnetHost? host = null)
    {
        Name = name;
        _root = Directory.CreateTempSubdirectory("vnet-libvirt-steps-").FullName;
        ProjectName = TestDriver.UniqueName("proj");
        ProjectDirectory = Path.Combine(_root, ProjectName);
        DataDirectory = Path.Combine(ProjectDirectory, ".vnet", "machines", name, LibvirtConfig.Name);
        Directory.CreateDirectory(DataDirectory);
        FakeHost = host ?? TestBox.InstalledOn(Path.Combine(_root, "home"));

        Config.Vm.Box = TestBox.Name;
        configure?.Invoke(Config);
        Config.FinalizeDefaults();

        LibvirtConfig = new LibvirtConfig { Uri = TestDriver.Uri, StoragePoolName = TestDriver.StockPool, Driver = "qemu" };
        configureProvider?.Invoke(LibvirtConfig);
        LibvirtConfig.FinalizeDefaults();
    }

    public string Name { get; }

    public string ProviderName => LibvirtConfig.Name;

    public RootConfig Config { get; } = new();

    public LibvirtConfig LibvirtConfig { get; }

    public ProviderConfig ProviderConfig => LibvirtConfig;

    public string DataDirectory { get; }

    public string ProjectDirectory { get; }

    public string ProjectName { get; }

    /// <summary>vagrant-libvirt's default domain name for this machine.</summary>
    public string DomainName => $"{ProjectName}_{Name}";

    public string? Id { get; set; }

    public string? IndexUuid => null;

    public RecordingUi RecordingUi { get; } = new();

    public IMachineUi Ui => RecordingUi;

    public CapturingLogger CapturingLogger { get; } = new();

    public ILogger Logger => CapturingLogger;

    /// <summary>The provider, created on first use; it opens its own connection to the test driver.</summary>
    public LibvirtProvider LibvirtProvider => _provider ??= new LibvirtProvider(this);

    public IProvider Provider => LibvirtProvider;

    public UnreachableCommunicator UnreachableCommunicator { get; } = new();

    public ICommunicator Communicator => UnreachableCommunicator;

    public FakeVnetHost FakeHost { get; }

    public IVnetHost Host => FakeHost;

    public IGuestCapabilities Guest { get; } = new UnreachableGuest();

    public string? ReadState(string name)
    {
        var path = Path.Combine(DataDirectory, name);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public void WriteState(string name, string content, UnixFileMode? mode = null) =>
        File.WriteAllText(Path.Combine(DataDirectory, name), content);

    public void DeleteState(string name) => File.Delete(Path.Combine(DataDirectory, name));

    public void DeleteAllState()
    {
        foreach (var file in Directory.Exists(DataDirectory) ? Directory.GetFiles(DataDirectory) : [])
        {
            File.Delete(file);
        }
    }

    public Task<MachineState> StateAsync(CancellationToken cancellation) =>
        Id is null && ReadState(MachineStateFiles.CreationJournal) is null ? Task.FromResult(MachineState.NotCreated) : Provider.StateAsync(cancellation);

    /// <summary>Never reachable: the test driver boots no guest.</summary>
    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation) => Task.FromResult<SshInfo?>(null);

    public void Dispose()
    {
        _provider?.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
