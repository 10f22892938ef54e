using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Interop;

namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>
/// Talks to libvirt for one machine: a connection opened on first use and the calls the actions need.
/// Orchestration lives in the actions; this class only translates to the binding.
/// </summary>
public sealed class LibvirtDriver(string uri) : IDisposable
{
    private LibvirtConnection? _connection;

    public string Uri { get; } = uri;

    public LibvirtConnection Connection => _connection ??= Open();

    /// <summary>Whether the connection is to this host (so files in a pool can be written directly).</summary>
    public bool IsLocal => !Uri.Contains("://", StringComparison.Ordinal) || new Uri(Uri).Host.Length == 0;

    public LibvirtDomain? FindDomain(string uuid) => Connection.TryLookupDomainByUuid(uuid);

    public LibvirtDomain? FindDomainByName(string name) => Connection.TryLookupDomain(name);

    public DomainState State(LibvirtDomain domain) => domain.GetState().State;

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

    public LibvirtNetwork? FindNetwork(string name) => Connection.TryLookupNetwork(name);

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
                if (domain.Name == exceptDomain)
                {
                    continue;
                }

                var xml = XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive));
                foreach (var source in xml.Descendants("interface").Elements("source"))
                {
                    if (source.Attribute("network")?.Value is { } network)
                    {
                        used.Add(network);
                    }
                }
            }
        }

        return used;
    }

    /// <summary>
    /// Removes a domain's definition with its managed-save image, snapshots metadata and NVRAM. A driver that
    /// does not know the NVRAM or checkpoint flags (libvirt before 5.6, the test driver) rejects the whole
    /// call as an invalid argument, so it is asked again with only the flags every driver knows.
    /// </summary>
    public static void Undefine(LibvirtDomain domain)
    {
        try
        {
            domain.Undefine(DomainUndefineFlags.ManagedSave | DomainUndefineFlags.SnapshotsMetadata | DomainUndefineFlags.Nvram | DomainUndefineFlags.CheckpointsMetadata);
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
