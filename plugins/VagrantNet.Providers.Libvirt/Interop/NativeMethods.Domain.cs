using System.Runtime.InteropServices;

namespace VagrantNet.Providers.Libvirt.Interop;

internal static unsafe partial class NativeMethods
{
    // libvirt's VIR_UUID_STRING_BUFLEN: 36 characters plus the terminator.
    internal const int UuidStringBufferLength = 37;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DomainHandle virDomainLookupByName(ConnectionHandle conn, string name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DomainHandle virDomainLookupByUUIDString(ConnectionHandle conn, string uuid);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DomainHandle virDomainDefineXMLFlags(ConnectionHandle conn, string xml, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainCreateWithFlags(DomainHandle domain, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainDestroyFlags(DomainHandle domain, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainShutdownFlags(DomainHandle domain, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainReboot(DomainHandle domain, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainSuspend(DomainHandle domain);

    [LibraryImport(Library)]
    internal static partial int virDomainResume(DomainHandle domain);

    [LibraryImport(Library)]
    internal static partial int virDomainManagedSave(DomainHandle dom, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainHasManagedSaveImage(DomainHandle dom, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainManagedSaveRemove(DomainHandle dom, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainGetAutostart(DomainHandle domain, out int autostart);

    [LibraryImport(Library)]
    internal static partial int virDomainSetAutostart(DomainHandle domain, int autostart);

    [LibraryImport(Library)]
    internal static partial int virDomainUndefineFlags(DomainHandle domain, uint flags);

    [LibraryImport(Library)]
    internal static partial int virDomainGetState(DomainHandle domain, out int state, out int reason, uint flags);

    // Borrowed: the name lives as long as the domain object.
    [LibraryImport(Library)]
    internal static partial byte* virDomainGetName(DomainHandle domain);

    [LibraryImport(Library)]
    internal static partial int virDomainGetUUIDString(DomainHandle domain, byte* buf);

    [LibraryImport(Library)]
    internal static partial byte* virDomainGetXMLDesc(DomainHandle domain, uint flags);

    [LibraryImport(Library)]
    internal static partial uint virDomainGetID(DomainHandle domain);

    [LibraryImport(Library)]
    internal static partial int virDomainIsActive(DomainHandle dom);

    [LibraryImport(Library)]
    internal static partial int virDomainInterfaceAddresses(
        DomainHandle dom, out VirDomainInterface** ifaces, uint source, uint flags);

    [LibraryImport(Library)]
    internal static partial void virDomainInterfaceFree(VirDomainInterface* iface);

    [LibraryImport(Library)]
    internal static partial int virDomainFree(IntPtr domain);
}
