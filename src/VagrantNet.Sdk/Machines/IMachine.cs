using Microsoft.Extensions.Logging;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Sdk.Machines;

/// <summary>One machine of the project, bound to one provider, as plugins see it.</summary>
public interface IMachine
{
    string Name { get; }

    string ProviderName { get; }

    /// <summary>The finalized, merged configuration of this machine.</summary>
    RootConfig Config { get; }

    /// <summary>The provider's finalized settings (for libvirt, a <c>LibvirtConfig</c>).</summary>
    ProviderConfig ProviderConfig { get; }

    /// <summary><c>.vnet/machines/&lt;name&gt;/&lt;provider&gt;/</c>: state files with Vagrant's names.</summary>
    string DataDirectory { get; }

    /// <summary>The project root: the directory holding Vagrantfile.csx.</summary>
    string ProjectDirectory { get; }

    /// <summary>The project's name, used to prefix resource names (the root directory's name).</summary>
    string ProjectName { get; }

    /// <summary>The provider's id for the machine (persisted in <c>id</c>); null when not created.</summary>
    string? Id { get; set; }

    /// <summary>The machine's entry in the global machine index.</summary>
    string? IndexUuid { get; }

    IMachineUi Ui { get; }

    ILogger Logger { get; }

    IProvider Provider { get; }

    /// <summary>The communicator (SSH by default), created on first use and reused by every step of a command.</summary>
    ICommunicator Communicator { get; }

    /// <summary>Host-side services: the box collection, the plugin registry, VNET_HOME.</summary>
    IVnetHost Host { get; }

    /// <summary>Guest capabilities (<c>change_host_name</c>, ...), detected on first use.</summary>
    IGuestCapabilities Guest { get; }

    /// <summary>Reads <c>DataDirectory/name</c>, or null.</summary>
    string? ReadState(string name);

    /// <summary>Writes <c>DataDirectory/name</c> atomically (temp file + rename).</summary>
    void WriteState(string name, string content, UnixFileMode? mode = null);

    void DeleteState(string name);

    /// <summary>Removes every state file of the machine (id, keys, sentinels...) but the lock of the running command.</summary>
    void DeleteAllState();

    /// <summary>The provider's live state.</summary>
    Task<MachineState> StateAsync(CancellationToken cancellation);

    /// <summary>SSH info with the config's overrides applied, or null while unreachable.</summary>
    Task<SshInfo?> SshInfoAsync(CancellationToken cancellation);
}

/// <summary>An installed box: where its files are and what it is.</summary>
public sealed record BoxInfo(string Name, string Version, string Provider, string Architecture, string Directory)
{
    /// <summary>The box's metadata.json, parsed as key/value (format, virtual_size, disks...).</summary>
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement> Metadata { get; init; } = new Dictionary<string, System.Text.Json.JsonElement>();
}
