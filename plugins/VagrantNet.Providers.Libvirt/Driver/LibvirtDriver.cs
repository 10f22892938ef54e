using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>
/// The only way the provider and its steps talk to libvirt, for one machine: a connection opened on first use, the
/// machine's domain found by its id, and the calls the actions need. Orchestration lives in the actions; this class
/// only translates to the binding.
/// </summary>
public sealed class LibvirtDriver : IDisposable
{
    private readonly IMachine _machine;
    private readonly LibvirtConfig _config;
    private LibvirtConnection? _connection;

    public LibvirtDriver(IMachine machine)
    {
        _machine = machine;
        _config = (LibvirtConfig)machine.ProviderConfig;
        Uri = _config.Uri!;
        CreatedNetworks = new CreatedNetworks(machine.Host.Home, Uri);
    }

    public string Uri { get; }

    /// <summary>The networks vnet created on this libvirt, shared by every machine.</summary>
    public CreatedNetworks CreatedNetworks { get; }

    /// <summary>Whether the connection is to this host (so files in a pool can be written directly).</summary>
    public bool IsLocal => !Uri.Contains("://", StringComparison.Ordinal) || new Uri(Uri).Host.Length == 0;

    private LibvirtConnection Connection => _connection ??= Open();

    /// <summary>The machine's domain, or null when it has no id or libvirt no longer has it.</summary>
    public LibvirtDomain? FindDomain() => _machine.Id is { } id ? FindDomain(id) : null;

    public LibvirtDomain RequireDomain() =>
        FindDomain() ?? throw new LibvirtProviderException($"Machine '{_machine.Name}': its libvirt domain ({_machine.Id}) no longer exists. Run `vnet destroy` to clear the machine's state, then `vnet up`.");

    public LibvirtDomain? FindDomain(string uuid) => Connection.TryLookupDomainByUuid(uuid);

    public LibvirtDomain? FindDomainByName(string name) => Connection.TryLookupDomain(name);

    /// <summary>The machine's domain's state, or null when it has none.</summary>
    public DomainState? CurrentState()
    {
        using var domain = FindDomain();
        return domain?.GetState().State;
    }

    /// <summary>The machine's domain's name once it exists.</summary>
    public string? DomainName()
    {
        using var domain = FindDomain();
        return domain?.Name;
    }

    public LibvirtDomain DefineDomain(XElement xml) => Connection.DefineDomain(xml.ToString());

    /// <summary>The management NIC's address from DHCP leases, or null.</summary>
    public string? ManagementAddress()
    {
        using var domain = FindDomain();
        if (domain is null)
        {
            return null;
        }

        var interfaces = XElement.Parse(domain.GetXmlDesc()).Descendants("interface").ToList();
        var nic = interfaces.FirstOrDefault(i => i.Element("source")?.Attribute("network")?.Value == _config.ManagementNetworkName)
            ?? interfaces.FirstOrDefault();
        var mac = nic?.Element("mac")?.Attribute("address")?.Value;
        if (mac is null)
        {
            return null;
        }

        // vagrant-libvirt's qemu_use_agent: a guest whose address no DHCP lease shows (a static one) tells it itself.
        return LeaseFinder.Find(this, domain, mac, nic?.Element("source")?.Attribute("network")?.Value)
            ?? (_config.QemuUseAgent == true ? LeaseFinder.FromAgent(domain, mac) : null);
    }

    /// <summary>The files of the domain's disks.</summary>
    public static IReadOnlyList<string> DiskPaths(LibvirtDomain domain) =>
        [.. XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive)).Descendants("disk")
            .Select(d => d.Element("source")?.Attribute("file")?.Value)
            .OfType<string>()];

    /// <summary>The libvirt networks the domain's NICs are on.</summary>
    public static IReadOnlyList<string> NetworkNames(LibvirtDomain domain) =>
        [.. XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive)).Descendants("interface")
            .Select(i => i.Element("source")?.Attribute("network")?.Value)
            .OfType<string>()
            .Distinct()];

    /// <summary>The storage pool, created as a directory pool at <paramref name="path"/> when missing, and started.</summary>
    public LibvirtStoragePool EnsurePool(string name, string path)
    {
        var pool = Connection.TryLookupStoragePool(name);
        if (pool is null)
        {
            pool = Connection.DefineStoragePool(Xml.VolumeXmlBuilder.DirectoryPool(name, path).ToString());
            pool.Build(StoragePoolBuildFlags.New);
            pool.SetAutostart(true);
        }

        if (!pool.IsActive())
        {
            pool.Create();
        }

        return pool;
    }

    public LibvirtStoragePool? FindPool(string name) => Connection.TryLookupStoragePool(name);

    public LibvirtNetwork? FindNetwork(string name) => Connection.TryLookupNetwork(name);

    public LibvirtNetwork? FindNetworkByUuid(string uuid) => Connection.TryLookupNetworkByUuid(uuid);

    /// <summary>Every network libvirt has, active or not; the caller disposes them.</summary>
    public IReadOnlyList<LibvirtNetwork> AllNetworks() => Connection.ListAllNetworks();

    /// <summary>Defines and starts a network from XML; returns it.</summary>
    public LibvirtNetwork CreateNetwork(XElement xml, bool autostart)
    {
        var network = Connection.DefineNetwork(xml.ToString());
        try
        {
            network.Create();
            if (autostart)
            {
                network.SetAutostart(true);
            }
        }
        catch
        {
            network.Undefine();
            throw;
        }

        return network;
    }

    /// <summary>The networks any defined domain other than <paramref name="exceptDomain"/> uses.</summary>
    public IReadOnlySet<string> NetworksInUse(string? exceptDomain)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var domain in Connection.ListAllDomains())
        {
            using (domain)
            {
                if (domain.Name != exceptDomain)
                {
                    used.UnionWith(NetworkNames(domain));
                }
            }
        }

        return used;
    }

    /// <summary>
    /// Removes a domain's definition with its managed-save image, snapshots metadata and NVRAM (or keeping the NVRAM
    /// file, when it is the user's: <paramref name="keepNvram"/>). A driver that does not know the NVRAM or checkpoint
    /// flags (libvirt before 5.6, the test driver) rejects the whole call as an invalid argument, so it is asked again
    /// with only the flags every driver knows.
    /// </summary>
    public static void Undefine(LibvirtDomain domain, bool keepNvram = false)
    {
        try
        {
            var nvram = keepNvram ? DomainUndefineFlags.KeepNvram : DomainUndefineFlags.Nvram;
            domain.Undefine(DomainUndefineFlags.ManagedSave | DomainUndefineFlags.SnapshotsMetadata | nvram | DomainUndefineFlags.CheckpointsMetadata);
        }
        catch (LibvirtException e) when (e.Code is LibvirtErrorCode.InvalidArg or LibvirtErrorCode.NoSupport)
        {
            domain.Undefine(DomainUndefineFlags.ManagedSave | DomainUndefineFlags.SnapshotsMetadata);
        }
    }

    private LibvirtConnection Open()
    {
        try
        {
            return LibvirtConnection.Open(Uri);
        }
        catch (LibvirtException e)
        {
            throw new LibvirtProviderException($"Cannot connect to libvirt at {Uri}: {e.Message}. Is libvirtd running, and may this user use it?", e);
        }
    }

    public void Dispose() => _connection?.Dispose();
}
