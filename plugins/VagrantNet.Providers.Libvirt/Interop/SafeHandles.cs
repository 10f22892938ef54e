using Microsoft.Win32.SafeHandles;

namespace VagrantNet.Providers.Libvirt.Interop;

// One SafeHandle per libvirt object type so each release calls its own *Free.
// libvirt reference-counts internally (a domain keeps its connection alive), so
// releasing in any order is safe. Public parameterless constructors are what the
// LibraryImport generator uses to wrap returned pointers; the IntPtr ones adopt
// elements of the arrays that virConnectListAll* and friends hand back.

internal sealed class ConnectionHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ConnectionHandle() : base(ownsHandle: true) { }

    // virConnectClose returns the remaining reference count, or -1 on failure.
    protected override bool ReleaseHandle() => NativeMethods.virConnectClose(handle) >= 0;
}

internal sealed class DomainHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DomainHandle() : base(ownsHandle: true) { }

    internal DomainHandle(IntPtr existing) : this() => SetHandle(existing);

    protected override bool ReleaseHandle() => NativeMethods.virDomainFree(handle) == 0;
}

internal sealed class NetworkHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public NetworkHandle() : base(ownsHandle: true) { }

    internal NetworkHandle(IntPtr existing) : this() => SetHandle(existing);

    protected override bool ReleaseHandle() => NativeMethods.virNetworkFree(handle) == 0;
}

internal sealed class StoragePoolHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public StoragePoolHandle() : base(ownsHandle: true) { }

    internal StoragePoolHandle(IntPtr existing) : this() => SetHandle(existing);

    protected override bool ReleaseHandle() => NativeMethods.virStoragePoolFree(handle) == 0;
}

internal sealed class StorageVolumeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public StorageVolumeHandle() : base(ownsHandle: true) { }

    internal StorageVolumeHandle(IntPtr existing) : this() => SetHandle(existing);

    protected override bool ReleaseHandle() => NativeMethods.virStorageVolFree(handle) == 0;
}

internal sealed class StreamHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public StreamHandle() : base(ownsHandle: true) { }

    protected override bool ReleaseHandle() => NativeMethods.virStreamFree(handle) == 0;
}

internal sealed class DomainSnapshotHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DomainSnapshotHandle() : base(ownsHandle: true) { }

    internal DomainSnapshotHandle(IntPtr existing) : this() => SetHandle(existing);

    protected override bool ReleaseHandle() => NativeMethods.virDomainSnapshotFree(handle) == 0;
}
