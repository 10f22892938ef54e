using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Libvirt;

/// <summary>The libvirt provider for one machine: its recipes, its live state and how to reach it.</summary>
public sealed class LibvirtProvider : IProvider, IDisposable
{
    private readonly IMachine _machine;

    public LibvirtProvider(IMachine machine)
    {
        _machine = machine;
        Config = (LibvirtConfig)machine.ProviderConfig;
        Driver = new LibvirtDriver(Config.Uri!);
        KvmProbe = new KvmProbe(machine.Host);
        CreatedNetworks = new CreatedNetworks(machine.Host.Home, Config.Uri!);
    }

    /// <summary>The networks vnet created on this libvirt, shared by every machine.</summary>
    public CreatedNetworks CreatedNetworks { get; }

    public LibvirtConfig Config { get; }

    public LibvirtDriver Driver { get; }

    public KvmProbe KvmProbe { get; }

    /// <summary>The domain's name once it exists.</summary>
    public string? DomainName
    {
        get
        {
            using var domain = FindDomain();
            return domain?.Name;
        }
    }

    public ActionBuilder? Action(string name) => name switch
    {
        ActionNamesWellKnown.Up => LibvirtRecipes.Up(),
        ActionNamesWellKnown.Halt => LibvirtRecipes.Halt(),
        ActionNamesWellKnown.Suspend => LibvirtRecipes.Suspend(),
        ActionNamesWellKnown.Resume => LibvirtRecipes.Resume(),
        ActionNamesWellKnown.Reload => LibvirtRecipes.Reload(),
        ActionNamesWellKnown.Destroy => LibvirtRecipes.Destroy(),
        ActionNamesWellKnown.Provision => LibvirtRecipes.Provision(),
        ActionNamesWellKnown.SnapshotSave => LibvirtRecipes.SnapshotSave(),
        ActionNamesWellKnown.SnapshotRestore => LibvirtRecipes.SnapshotRestore(),
        ActionNamesWellKnown.SnapshotDelete => LibvirtRecipes.SnapshotDelete(),
        ActionNamesWellKnown.SnapshotList => LibvirtRecipes.SnapshotList(),
        _ => null,
    };

    public Task<MachineState> StateAsync(CancellationToken cancellation)
    {
        using var domain = FindDomain();
        if (domain is null)
        {
            return Task.FromResult(_machine.ReadState(CreationJournal.FileName) is null ? MachineState.NotCreated : MachineState.Interrupted);
        }

        var state = domain.GetState().State;
        if (state == DomainState.Shutoff && domain.HasManagedSaveImage())
        {
            return Task.FromResult(new MachineState("saved", "saved", "The domain's state is saved to disk (suspended). Run `vnet resume` or `vnet up` to restore it."));
        }

        return Task.FromResult(Describe(state));
    }

    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation)
    {
        if (CurrentState() != DomainState.Running || ManagementAddress() is not { } address)
        {
            return Task.FromResult<SshInfo?>(null);
        }

        return Task.FromResult<SshInfo?>(new SshInfo(address, 22, "vagrant") { PrivateKeyPaths = _machine.Host.InsecurePrivateKeyPaths });
    }

    public LibvirtDomain? FindDomain() => _machine.Id is { } id ? Driver.FindDomain(id) : null;

    public LibvirtDomain RequireDomain() =>
        FindDomain() ?? throw new LibvirtProviderException($"Machine '{_machine.Name}': its libvirt domain ({_machine.Id}) no longer exists. Run `vnet destroy` to clear the machine's state, then `vnet up`.");

    public DomainState? CurrentState()
    {
        using var domain = FindDomain();
        return domain?.GetState().State;
    }

    /// <summary>The management NIC's address from DHCP leases, or null.</summary>
    public string? ManagementAddress()
    {
        using var domain = FindDomain();
        if (domain is null)
        {
            return null;
        }

        var interfaces = XElement.Parse(domain.GetXmlDesc()).Descendants("interface").ToList();
        var nic = interfaces.FirstOrDefault(i => i.Element("source")?.Attribute("network")?.Value == Config.ManagementNetworkName)
            ?? interfaces.FirstOrDefault();
        var mac = nic?.Element("mac")?.Attribute("address")?.Value;
        return mac is null ? null : LeaseFinder.Find(Driver, domain, mac, nic?.Element("source")?.Attribute("network")?.Value);
    }

    /// <summary>The files of the domain's disks.</summary>
    public IReadOnlyList<string> DiskPaths(LibvirtDomain domain) =>
        [.. XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive)).Descendants("disk")
            .Select(d => d.Element("source")?.Attribute("file")?.Value)
            .OfType<string>()];

    /// <summary>The libvirt networks the domain's NICs are on.</summary>
    public IReadOnlyList<string> NetworkNames(LibvirtDomain domain) =>
        [.. XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive)).Descendants("interface")
            .Select(i => i.Element("source")?.Attribute("network")?.Value)
            .OfType<string>()
            .Distinct()];

    private static MachineState Describe(DomainState state) => state switch
    {
        DomainState.Running => new("running", "running", "The domain is running. To stop it, run `vnet halt`; to destroy it, `vnet destroy`."),
        DomainState.Paused => new("paused", "paused", "The domain is paused (suspended). Run `vnet resume` to continue it."),
        DomainState.Shutoff => new("shutoff", "shutoff", "The domain is not running. Run `vnet up` to start it."),
        DomainState.Shutdown => new("shutdown", "shutting down", "The domain is shutting down."),
        DomainState.Crashed => new("crashed", "crashed", "The domain crashed. Run `vnet reload` or `vnet destroy` and `vnet up`."),
        DomainState.PMSuspended => new("pmsuspended", "pmsuspended", "The guest suspended itself (power management)."),
        DomainState.Blocked => new("blocked", "blocked", "The domain is blocked on a resource."),
        _ => new("nostate", "no state", "libvirt reports no state for the domain."),
    };

    public void Dispose() => Driver.Dispose();
}
