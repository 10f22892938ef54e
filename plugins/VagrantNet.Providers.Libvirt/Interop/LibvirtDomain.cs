namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>A libvirt domain (<c>virDomainPtr</c>).</summary>
public sealed unsafe class LibvirtDomain : IDisposable
{
    private readonly DomainHandle _handle;

    internal LibvirtDomain(DomainHandle handle) => _handle = handle;

    public string Name => LibvirtCall.BorrowedString(NativeMethods.virDomainGetName(_handle));

    public string Uuid
    {
        get
        {
            var buffer = stackalloc byte[NativeMethods.UuidStringBufferLength];
            LibvirtCall.Check(NativeMethods.virDomainGetUUIDString(_handle, buffer));
            return NativeString.Borrow(buffer)!;
        }
    }

    /// <summary>The hypervisor id while running; null for an inactive domain.</summary>
    public int? Id
    {
        get
        {
            // (unsigned)-1 is both "inactive" and "error"; inactive is the only case with a valid handle.
            var id = NativeMethods.virDomainGetID(_handle);
            return id == uint.MaxValue ? null : (int)id;
        }
    }

    public bool IsActive() => LibvirtCall.Check(NativeMethods.virDomainIsActive(_handle)) == 1;

    public (DomainState State, int Reason) GetState()
    {
        LibvirtCall.Check(NativeMethods.virDomainGetState(_handle, out var state, out var reason, 0));
        return ((DomainState)state, reason);
    }

    public string GetXmlDesc(DomainXmlFlags flags = DomainXmlFlags.None) =>
        LibvirtCall.OwnedString(NativeMethods.virDomainGetXMLDesc(_handle, (uint)flags));

    /// <summary>Starts the defined domain (virsh start).</summary>
    public void Create() => LibvirtCall.Check(NativeMethods.virDomainCreateWithFlags(_handle, 0));

    /// <summary>Hard power-off (virsh destroy); the definition stays.</summary>
    public void Destroy() => LibvirtCall.Check(NativeMethods.virDomainDestroyFlags(_handle, 0));

    /// <summary>Asks the guest to shut down; returns before it has.</summary>
    public void Shutdown() => LibvirtCall.Check(NativeMethods.virDomainShutdownFlags(_handle, 0));

    public void Reboot() => LibvirtCall.Check(NativeMethods.virDomainReboot(_handle, 0));

    public void Suspend() => LibvirtCall.Check(NativeMethods.virDomainSuspend(_handle));

    public void Resume() => LibvirtCall.Check(NativeMethods.virDomainResume(_handle));

    /// <summary>Saves memory state and stops the domain; the next <see cref="Create"/> restores it.</summary>
    public void ManagedSave() => LibvirtCall.Check(NativeMethods.virDomainManagedSave(_handle, 0));

    public bool HasManagedSaveImage() =>
        LibvirtCall.Check(NativeMethods.virDomainHasManagedSaveImage(_handle, 0)) == 1;

    public void ManagedSaveRemove() => LibvirtCall.Check(NativeMethods.virDomainManagedSaveRemove(_handle, 0));

    /// <summary>Whether libvirt starts the domain when its daemon starts.</summary>
    public bool GetAutostart()
    {
        LibvirtCall.Check(NativeMethods.virDomainGetAutostart(_handle, out var autostart));
        return autostart != 0;
    }

    public void SetAutostart(bool autostart) =>
        LibvirtCall.Check(NativeMethods.virDomainSetAutostart(_handle, autostart ? 1 : 0));

    public void Undefine(DomainUndefineFlags flags = DomainUndefineFlags.None) =>
        LibvirtCall.Check(NativeMethods.virDomainUndefineFlags(_handle, (uint)flags));

    /// <summary>Takes a snapshot described by <paramref name="xml"/> (a <c>domainsnapshot</c> element).</summary>
    public LibvirtDomainSnapshot CreateSnapshot(string xml) =>
        new(LibvirtCall.Check(NativeMethods.virDomainSnapshotCreateXML(_handle, xml, 0)));

    public LibvirtDomainSnapshot? TryLookupSnapshot(string name)
    {
        var handle = LibvirtCall.CheckFound(NativeMethods.virDomainSnapshotLookupByName(_handle, name, 0), LibvirtErrorCode.NoDomainSnapshot);
        return handle is null ? null : new LibvirtDomainSnapshot(handle);
    }

    public IReadOnlyList<LibvirtDomainSnapshot> ListAllSnapshots()
    {
        var count = LibvirtCall.Check(NativeMethods.virDomainListAllSnapshots(_handle, out var items, 0));
        return LibvirtCall.TakeAll(items, count, p => new LibvirtDomainSnapshot(new DomainSnapshotHandle(p)));
    }

    public IReadOnlyList<DomainInterface> GetInterfaceAddresses(InterfaceAddressSource source)
    {
        var count = LibvirtCall.Check(
            NativeMethods.virDomainInterfaceAddresses(_handle, out var interfaces, (uint)source, 0));
        var result = new List<DomainInterface>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                result.Add(NativeConversions.ToDomainInterface(interfaces[i]));
            }
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                NativeMethods.virDomainInterfaceFree(interfaces[i]);
            }

            NativeMethods.Free(interfaces);
        }

        return result;
    }

    public void Dispose() => _handle.Dispose();
}
