using System.Runtime.InteropServices;

namespace VagrantNet.Providers.Libvirt.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NetworkHandle virNetworkLookupByName(ConnectionHandle conn, string name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NetworkHandle virNetworkLookupByUUIDString(ConnectionHandle conn, string uuid);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NetworkHandle virNetworkDefineXML(ConnectionHandle conn, string xmlDesc);

    [LibraryImport(Library)]
    internal static partial int virNetworkCreate(NetworkHandle network);

    [LibraryImport(Library)]
    internal static partial int virNetworkDestroy(NetworkHandle network);

    [LibraryImport(Library)]
    internal static partial int virNetworkUndefine(NetworkHandle network);

    [LibraryImport(Library)]
    internal static partial int virNetworkIsActive(NetworkHandle net);

    [LibraryImport(Library)]
    internal static partial int virNetworkSetAutostart(NetworkHandle network, int autostart);

    [LibraryImport(Library)]
    internal static partial int virNetworkGetAutostart(NetworkHandle network, out int autostart);

    [LibraryImport(Library)]
    internal static partial byte* virNetworkGetXMLDesc(NetworkHandle network, uint flags);

    [LibraryImport(Library)]
    internal static partial byte* virNetworkGetBridgeName(NetworkHandle network);

    // Borrowed: the name lives as long as the network object.
    [LibraryImport(Library)]
    internal static partial byte* virNetworkGetName(NetworkHandle network);

    [LibraryImport(Library)]
    internal static partial int virNetworkGetUUIDString(NetworkHandle network, byte* buf);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int virNetworkGetDHCPLeases(
        NetworkHandle network, string? mac, out VirNetworkDHCPLease** leases, uint flags);

    [LibraryImport(Library)]
    internal static partial void virNetworkDHCPLeaseFree(VirNetworkDHCPLease* lease);

    [LibraryImport(Library)]
    internal static partial int virNetworkFree(IntPtr network);
}
