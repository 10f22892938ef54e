using System.Runtime.InteropServices;

namespace VagrantNet.Providers.Libvirt.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial StoragePoolHandle virStoragePoolLookupByName(ConnectionHandle conn, string name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial StoragePoolHandle virStoragePoolDefineXML(ConnectionHandle conn, string xmlDesc, uint flags);

    [LibraryImport(Library)]
    internal static partial int virStoragePoolBuild(StoragePoolHandle pool, uint flags);

    [LibraryImport(Library)]
    internal static partial int virStoragePoolCreate(StoragePoolHandle pool, uint flags);

    [LibraryImport(Library)]
    internal static partial int virStoragePoolDestroy(StoragePoolHandle pool);

    [LibraryImport(Library)]
    internal static partial int virStoragePoolUndefine(StoragePoolHandle pool);

    [LibraryImport(Library)]
    internal static partial int virStoragePoolRefresh(StoragePoolHandle pool, uint flags);

    [LibraryImport(Library)]
    internal static partial int virStoragePoolSetAutostart(StoragePoolHandle pool, int autostart);

    [LibraryImport(Library)]
    internal static partial int virStoragePoolIsActive(StoragePoolHandle pool);

    [LibraryImport(Library)]
    internal static partial byte* virStoragePoolGetXMLDesc(StoragePoolHandle pool, uint flags);

    // Borrowed: the name lives as long as the pool object.
    [LibraryImport(Library)]
    internal static partial byte* virStoragePoolGetName(StoragePoolHandle pool);

    [LibraryImport(Library)]
    internal static partial int virStoragePoolListAllVolumes(StoragePoolHandle pool, out IntPtr* vols, uint flags);

    [LibraryImport(Library)]
    internal static partial int virStoragePoolFree(IntPtr pool);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial StorageVolumeHandle virStorageVolLookupByName(StoragePoolHandle pool, string name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial StorageVolumeHandle virStorageVolCreateXML(StoragePoolHandle pool, string xmldesc, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial StorageVolumeHandle virStorageVolCreateXMLFrom(
        StoragePoolHandle pool, string xmldesc, StorageVolumeHandle clonevol, uint flags);

    [LibraryImport(Library)]
    internal static partial int virStorageVolDelete(StorageVolumeHandle vol, uint flags);

    [LibraryImport(Library)]
    internal static partial byte* virStorageVolGetPath(StorageVolumeHandle vol);

    // Borrowed: the name lives as long as the volume object.
    [LibraryImport(Library)]
    internal static partial byte* virStorageVolGetName(StorageVolumeHandle vol);

    [LibraryImport(Library)]
    internal static partial byte* virStorageVolGetXMLDesc(StorageVolumeHandle vol, uint flags);

    [LibraryImport(Library)]
    internal static partial int virStorageVolGetInfo(StorageVolumeHandle vol, out VirStorageVolInfo info);

    // Borrowed: no extra reference is taken, so it is valid only while the volume is.
    [LibraryImport(Library)]
    internal static partial IntPtr virStorageVolGetConnect(StorageVolumeHandle vol);

    [LibraryImport(Library)]
    internal static partial int virStorageVolUpload(
        StorageVolumeHandle vol, StreamHandle stream, ulong offset, ulong length, uint flags);

    [LibraryImport(Library)]
    internal static partial int virStorageVolResize(StorageVolumeHandle vol, ulong capacity, uint flags);

    [LibraryImport(Library)]
    internal static partial int virStorageVolFree(IntPtr vol);
}
