using System.Runtime.InteropServices;

namespace VagrantNet.Providers.Libvirt.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ConnectionHandle virConnectOpen(string? name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ConnectionHandle virConnectOpenAuth(string? name, void* auth, uint flags);

    [LibraryImport(Library)]
    internal static partial int virConnectClose(IntPtr conn);

    [LibraryImport(Library)]
    internal static partial byte* virConnectGetCapabilities(ConnectionHandle conn);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial byte* virConnectGetDomainCapabilities(
        ConnectionHandle conn, string? emulatorbin, string? arch, string? machine, string? virttype, uint flags);

    [LibraryImport(Library)]
    internal static partial int virConnectGetLibVersion(ConnectionHandle conn, out CULong libVer);

    [LibraryImport(Library)]
    internal static partial int virConnectGetVersion(ConnectionHandle conn, out CULong hvVer);

    [LibraryImport(Library)]
    internal static partial byte* virConnectGetHostname(ConnectionHandle conn);

    [LibraryImport(Library)]
    internal static partial byte* virConnectGetURI(ConnectionHandle conn);

    // The out arrays are malloc'd by libvirt; every element is an owned reference.
    [LibraryImport(Library)]
    internal static partial int virConnectListAllDomains(ConnectionHandle conn, out IntPtr* domains, uint flags);

    [LibraryImport(Library)]
    internal static partial int virConnectListAllNetworks(ConnectionHandle conn, out IntPtr* nets, uint flags);

    [LibraryImport(Library)]
    internal static partial int virConnectListAllStoragePools(ConnectionHandle conn, out IntPtr* pools, uint flags);
}
