using System.Runtime.InteropServices;

namespace VagrantNet.Providers.Libvirt.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DomainSnapshotHandle virDomainSnapshotCreateXML(DomainHandle domain, string xmlDesc, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DomainSnapshotHandle virDomainSnapshotLookupByName(DomainHandle domain, string name, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainListAllSnapshots(DomainHandle domain, out IntPtr* snaps, uint flags);

    // Borrowed: the name lives as long as the snapshot object.
    [LibraryImport(Library)]
    internal static partial byte* virDomainSnapshotGetName(DomainSnapshotHandle snapshot);

    [LibraryImport(Library)]
    internal static partial byte* virDomainSnapshotGetXMLDesc(DomainSnapshotHandle snapshot, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainRevertToSnapshot(DomainSnapshotHandle snapshot, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainSnapshotDelete(DomainSnapshotHandle snapshot, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainSnapshotFree(IntPtr snapshot);
}
