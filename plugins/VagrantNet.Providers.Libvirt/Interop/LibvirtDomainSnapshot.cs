namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>A snapshot of a domain (<c>virDomainSnapshotPtr</c>): its disks and, taken while running, its memory.</summary>
public sealed unsafe class LibvirtDomainSnapshot : IDisposable
{
    private readonly DomainSnapshotHandle _handle;

    internal LibvirtDomainSnapshot(DomainSnapshotHandle handle) => _handle = handle;

    public string Name => LibvirtCall.BorrowedString(NativeMethods.virDomainSnapshotGetName(_handle));

    public string GetXmlDesc() => LibvirtCall.OwnedString(NativeMethods.virDomainSnapshotGetXMLDesc(_handle, 0));

    /// <summary>Returns the domain to this snapshot, running or not as it was then.</summary>
    public void Revert(SnapshotRevertFlags flags = SnapshotRevertFlags.None) =>
        LibvirtCall.Check(NativeMethods.virDomainRevertToSnapshot(_handle, (uint)flags));

    public void Delete() => LibvirtCall.Check(NativeMethods.virDomainSnapshotDelete(_handle, 0));

    public void Dispose() => _handle.Dispose();
}
