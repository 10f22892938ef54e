using Microsoft.Extensions.Logging;
using VagrantNet.Core.Configuration;
using VagrantNet.Core.Environment;
using VagrantNet.Core.IO;
using VagrantNet.Core.Plugins;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Machines;

/// <summary>One machine of the project bound to one provider, with its state directory.</summary>
public sealed class Machine : IMachine, IAsyncDisposable
{
    private readonly ProviderRegistration _provider;
    private readonly PluginRegistry _registry;
    private readonly MachineIndex _index;
    private IProvider? _providerInstance;
    private ICommunicator? _communicator;
    private GuestCapabilities? _guest;

    internal Machine(MachineConfiguration configuration, ProviderRegistration provider, PluginRegistry registry, VnetProject project, IMachineUi ui, ILogger logger, VnetHost host, MachineIndex index)
    {
        Name = configuration.Name;
        Configuration = configuration;
        _provider = provider;
        _registry = registry;
        _index = index;
        Project = project;
        Ui = ui;
        Logger = logger;
        Host = host;
        DataDirectory = Path.Combine(project.DataDirectory, "machines", Name, provider.Name);
    }

    public string Name { get; }

    public MachineConfiguration Configuration { get; }

    public VnetProject Project { get; }

    public string ProviderName => _provider.Name;

    public ProviderOptions ProviderOptions => _provider.Options;

    public RootConfig Config => Configuration.Config;

    public ProviderConfig ProviderConfig => Configuration.ProviderConfig;

    public string DataDirectory { get; }

    public string ProjectDirectory => Project.RootDirectory;

    public string ProjectName => Project.Name;

    public string? Id
    {
        get => ReadId();
        set
        {
            if (value is null)
            {
                DeleteState("id");
                if (IndexUuid is { } uuid)
                {
                    _index.Remove(uuid);
                    DeleteState("index_uuid");
                }
            }
            else
            {
                WriteState("id", value);
                var uuid = _index.Set(IndexUuid, new MachineIndexEntry(Name, ProviderName, "created", Project.VagrantfilePath, Project.DataDirectory));
                WriteState("index_uuid", uuid);
            }
        }
    }

    public string? IndexUuid => ReadState("index_uuid");

    /// <summary>
    /// The provider's id of the machine, from <c>id</c>: one line of printable text. Anything else (an empty file, a
    /// binary or multi-line one) is refused here, naming the file, before a provider fails on it with its own words.
    /// </summary>
    private string? ReadId()
    {
        var id = ReadState("id");
        if (id is null || (id.Length is > 0 and <= 512 && !id.Any(c => char.IsControl(c) || c == '\uFFFD')))
        {
            return id;
        }

        throw new VnetException(
            $"Machine '{Name}': its id file {DisplayPath.Of(Path.Combine(DataDirectory, "id"))} is corrupt (it should hold one line, the {ProviderName} provider's id for the machine). " +
            $"If the machine still exists, write its id there; otherwise delete {DisplayPath.Of(DataDirectory)} and run `vnet up` to create it again.");
    }

    public IMachineUi Ui { get; }

    public ILogger Logger { get; }

    public IProvider Provider => _providerInstance ??= _provider.Factory(this);

    public ICommunicator Communicator => _communicator ??= CreateCommunicator();

    IVnetHost IMachine.Host => Host;

    public VnetHost Host { get; }

    public IGuestCapabilities Guest => _guest ??= new GuestCapabilities(this, _registry);

    public string? ReadState(string name)
    {
        var path = Path.Combine(DataDirectory, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public void WriteState(string name, string content, UnixFileMode? mode = null) =>
        AtomicFile.WriteAllText(Path.Combine(DataDirectory, name), content, mode);

    public void DeleteState(string name) => File.Delete(Path.Combine(DataDirectory, name));

    public async Task<MachineState> StateAsync(CancellationToken cancellation)
    {
        if (Id is null && ReadState(MachineStateFiles.CreationJournal) is null)
        {
            return MachineState.NotCreated;
        }

        var state = await Provider.StateAsync(cancellation).ConfigureAwait(false);
        if (!state.IsCreated && Id is not null)
        {
            // The machine was removed behind vnet's back: forget its id, as Vagrant does.
            Id = null;
        }

        return state;
    }

    public async Task<SshInfo?> SshInfoAsync(CancellationToken cancellation)
    {
        var info = await Provider.SshInfoAsync(cancellation).ConfigureAwait(false);
        if (info is null)
        {
            return null;
        }

        var ssh = Config.Ssh;
        var keys = ssh.PrivateKeyPath is { Length: > 0 } configured
            ? configured.Select(Path.GetFullPath).ToList()
            : info.PrivateKeyPaths.ToList();
        var generated = Path.Combine(DataDirectory, "private_key");
        if (ssh.PrivateKeyPath is null && File.Exists(generated))
        {
            // After vnet replaced the insecure key, only the machine's own key works.
            keys = [generated];
        }

        return info with
        {
            Host = ssh.Host ?? info.Host,
            Port = ssh.Port ?? info.Port,
            Username = ssh.Username ?? info.Username,
            Password = ssh.Password ?? info.Password,
            PrivateKeyPaths = keys,
            ForwardAgent = ssh.ForwardAgent ?? info.ForwardAgent,
            ForwardX11 = ssh.ForwardX11 ?? info.ForwardX11,
            ExtraArgs = ssh.ExtraArgs ?? info.ExtraArgs,
            KnownHostsFile = info.KnownHostsFile ?? Path.Combine(DataDirectory, "known_hosts"),
        };
    }

    /// <summary>Removes every state file of this machine but the lock the running command holds.</summary>
    public void DeleteAllState()
    {
        if (!Directory.Exists(DataDirectory))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(DataDirectory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo directory && directory.LinkTarget is null)
            {
                directory.Delete(recursive: true);
            }
            else if (entry.Name != LockFileName)
            {
                entry.Delete();
            }
        }
    }

    /// <summary>Removes the whole state directory of this machine (after destroy, once its lock is released).</summary>
    public void RemoveStateDirectory()
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Removes the state directory (and the machine's directory above it, when empty) once nothing but the lock file
    /// is in it: what a first <c>up</c> that failed and undid itself, or a destroy, leaves.
    /// </summary>
    public void RemoveStateDirectoryIfOnlyTheLockIsLeft()
    {
        try
        {
            if (!Directory.Exists(DataDirectory) || Directory.EnumerateFileSystemEntries(DataDirectory).Any(e => Path.GetFileName(e) != LockFileName))
            {
                return;
            }

            RemoveStateDirectory();
            var machineDirectory = Path.GetDirectoryName(DataDirectory)!;
            if (!Directory.EnumerateFileSystemEntries(machineDirectory).Any())
            {
                Directory.Delete(machineDirectory);
            }
        }
        catch (IOException)
        {
            // Only tidiness: another vnet may be using the machine right now.
        }
    }

    /// <summary>The file a command locks while it works on this machine.</summary>
    public const string LockFileName = "action.lock";

    /// <summary>The communicator's name: <c>vm.communicator</c>, which the config builder set to the provider's default when the Vagrantfile named none.</summary>
    public string CommunicatorName => Config.Vm.Communicator ?? "ssh";

    private ICommunicator CreateCommunicator()
    {
        var name = CommunicatorName;
        return _registry.Communicators.TryGetValue(name, out var factory)
            ? factory(this)
            : throw new VnetException($"Machine '{Name}': vm.communicator is '{name}', but no installed plugin provides that communicator.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_communicator is not null)
        {
            await _communicator.DisposeAsync().ConfigureAwait(false);
            _communicator = null;
        }
    }
}
