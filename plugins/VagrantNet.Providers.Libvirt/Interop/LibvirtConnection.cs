namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>An open libvirt connection (<c>virConnectPtr</c>).</summary>
public sealed unsafe class LibvirtConnection : IDisposable
{
    private readonly ConnectionHandle _handle;

    private LibvirtConnection(ConnectionHandle handle) => _handle = handle;

    /// <summary>Opens a read-write connection, e.g. <c>qemu:///system</c> or <c>test:///default</c>.</summary>
    public static LibvirtConnection Open(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        LibvirtRuntime.EnsureInitialized();
        return new LibvirtConnection(LibvirtCall.Check(NativeMethods.virConnectOpen(uri)));
    }

    public string GetCapabilities() =>
        LibvirtCall.OwnedString(NativeMethods.virConnectGetCapabilities(_handle));

    /// <summary>Any argument may be null to let libvirt pick its default.</summary>
    public string GetDomainCapabilities(string? emulator, string? arch, string? machine, string? virtType) =>
        LibvirtCall.OwnedString(
            NativeMethods.virConnectGetDomainCapabilities(_handle, emulator, arch, machine, virtType, 0));

    /// <summary>Version of the libvirt library serving this connection.</summary>
    public Version GetLibVersion()
    {
        LibvirtCall.Check(NativeMethods.virConnectGetLibVersion(_handle, out var version));
        return LibvirtVersion.Decode(version.Value);
    }

    /// <summary>Version of the hypervisor behind the connection.</summary>
    public Version GetHypervisorVersion()
    {
        LibvirtCall.Check(NativeMethods.virConnectGetVersion(_handle, out var version));
        return LibvirtVersion.Decode(version.Value);
    }

    public string GetHostname() => LibvirtCall.OwnedString(NativeMethods.virConnectGetHostname(_handle));

    /// <summary>The canonical URI libvirt actually connected to.</summary>
    public string GetUri() => LibvirtCall.OwnedString(NativeMethods.virConnectGetURI(_handle));

    public LibvirtDomain? TryLookupDomain(string name)
    {
        var handle = LibvirtCall.CheckFound(NativeMethods.virDomainLookupByName(_handle, name), LibvirtErrorCode.NoDomain);
        return handle is null ? null : new LibvirtDomain(handle);
    }

    public LibvirtDomain? TryLookupDomainByUuid(string uuid)
    {
        var handle = LibvirtCall.CheckFound(
            NativeMethods.virDomainLookupByUUIDString(_handle, uuid), LibvirtErrorCode.NoDomain);
        return handle is null ? null : new LibvirtDomain(handle);
    }

    /// <summary>Defines (or redefines) a persistent domain from libvirt domain XML.</summary>
    public LibvirtDomain DefineDomain(string xml, DomainDefineFlags flags = DomainDefineFlags.None) =>
        new(LibvirtCall.Check(NativeMethods.virDomainDefineXMLFlags(_handle, xml, (uint)flags)));

    /// <summary>All domains, active and inactive.</summary>
    public IReadOnlyList<LibvirtDomain> ListAllDomains()
    {
        var count = LibvirtCall.Check(NativeMethods.virConnectListAllDomains(_handle, out var items, 0));
        return LibvirtCall.TakeAll(items, count, p => new LibvirtDomain(new DomainHandle(p)));
    }

    public LibvirtNetwork? TryLookupNetwork(string name)
    {
        var handle = LibvirtCall.CheckFound(NativeMethods.virNetworkLookupByName(_handle, name), LibvirtErrorCode.NoNetwork);
        return handle is null ? null : new LibvirtNetwork(handle);
    }

    public LibvirtNetwork? TryLookupNetworkByUuid(string uuid)
    {
        var handle = LibvirtCall.CheckFound(NativeMethods.virNetworkLookupByUUIDString(_handle, uuid), LibvirtErrorCode.NoNetwork);
        return handle is null ? null : new LibvirtNetwork(handle);
    }

    public LibvirtNetwork DefineNetwork(string xml) =>
        new(LibvirtCall.Check(NativeMethods.virNetworkDefineXML(_handle, xml)));

    public IReadOnlyList<LibvirtNetwork> ListAllNetworks()
    {
        var count = LibvirtCall.Check(NativeMethods.virConnectListAllNetworks(_handle, out var items, 0));
        return LibvirtCall.TakeAll(items, count, p => new LibvirtNetwork(new NetworkHandle(p)));
    }

    public LibvirtStoragePool? TryLookupStoragePool(string name)
    {
        var handle = LibvirtCall.CheckFound(
            NativeMethods.virStoragePoolLookupByName(_handle, name), LibvirtErrorCode.NoStoragePool);
        return handle is null ? null : new LibvirtStoragePool(handle);
    }

    public LibvirtStoragePool DefineStoragePool(string xml) =>
        new(LibvirtCall.Check(NativeMethods.virStoragePoolDefineXML(_handle, xml, 0)));

    public IReadOnlyList<LibvirtStoragePool> ListAllStoragePools()
    {
        var count = LibvirtCall.Check(NativeMethods.virConnectListAllStoragePools(_handle, out var items, 0));
        return LibvirtCall.TakeAll(items, count, p => new LibvirtStoragePool(new StoragePoolHandle(p)));
    }

    /// <summary>
    /// Drops this reference; objects obtained from the connection stay usable because
    /// libvirt keeps the underlying connection alive until they are disposed too.
    /// </summary>
    public void Dispose() => _handle.Dispose();
}
