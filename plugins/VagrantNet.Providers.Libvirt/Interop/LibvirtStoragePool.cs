namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>A libvirt storage pool (<c>virStoragePoolPtr</c>).</summary>
public sealed unsafe class LibvirtStoragePool : IDisposable
{
    private readonly StoragePoolHandle _handle;

    internal LibvirtStoragePool(StoragePoolHandle handle) => _handle = handle;

    public string Name => LibvirtCall.BorrowedString(NativeMethods.virStoragePoolGetName(_handle));

    public string GetXmlDesc() => LibvirtCall.OwnedString(NativeMethods.virStoragePoolGetXMLDesc(_handle, 0));

    public bool IsActive() => LibvirtCall.Check(NativeMethods.virStoragePoolIsActive(_handle)) == 1;

    /// <summary>Prepares the pool's backing storage (e.g. creates its directory).</summary>
    public void Build(StoragePoolBuildFlags flags = StoragePoolBuildFlags.New) =>
        LibvirtCall.Check(NativeMethods.virStoragePoolBuild(_handle, (uint)flags));

    /// <summary>Starts the defined pool.</summary>
    public void Create() => LibvirtCall.Check(NativeMethods.virStoragePoolCreate(_handle, 0));

    /// <summary>Stops the pool; its volumes and definition stay.</summary>
    public void Destroy() => LibvirtCall.Check(NativeMethods.virStoragePoolDestroy(_handle));

    public void Undefine() => LibvirtCall.Check(NativeMethods.virStoragePoolUndefine(_handle));

    /// <summary>Rescans the backing storage so externally added volumes show up.</summary>
    public void Refresh() => PoolBusy.Retry(() => LibvirtCall.Check(NativeMethods.virStoragePoolRefresh(_handle, 0)));

    public void SetAutostart(bool autostart) =>
        LibvirtCall.Check(NativeMethods.virStoragePoolSetAutostart(_handle, autostart ? 1 : 0));

    public LibvirtStorageVolume? TryLookupVolume(string name) => PoolBusy.Retry(() =>
    {
        var handle = LibvirtCall.CheckFound(
            NativeMethods.virStorageVolLookupByName(_handle, name), LibvirtErrorCode.NoStorageVol);
        return handle is null ? null : new LibvirtStorageVolume(handle);
    });

    public IReadOnlyList<LibvirtStorageVolume> ListAllVolumes() => PoolBusy.Retry(() =>
    {
        var count = LibvirtCall.Check(NativeMethods.virStoragePoolListAllVolumes(_handle, out var items, 0));
        return LibvirtCall.TakeAll(items, count, p => new LibvirtStorageVolume(new StorageVolumeHandle(p)));
    });

    public LibvirtStorageVolume CreateVolume(string xml, StorageVolumeCreateFlags flags = StorageVolumeCreateFlags.None) =>
        PoolBusy.Retry(() => new LibvirtStorageVolume(LibvirtCall.Check(NativeMethods.virStorageVolCreateXML(_handle, xml, (uint)flags))));

    /// <summary>Creates a volume in this pool whose content is copied from <paramref name="source"/>.</summary>
    public LibvirtStorageVolume CreateVolumeFrom(
        string xml, LibvirtStorageVolume source, StorageVolumeCreateFlags flags = StorageVolumeCreateFlags.None)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(LibvirtCall.Check(
            NativeMethods.virStorageVolCreateXMLFrom(_handle, xml, source.Handle, (uint)flags)));
    }

    public void Dispose() => _handle.Dispose();
}
