namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>A libvirt virtual network (<c>virNetworkPtr</c>).</summary>
public sealed unsafe class LibvirtNetwork : IDisposable
{
    private readonly NetworkHandle _handle;

    internal LibvirtNetwork(NetworkHandle handle) => _handle = handle;

    public string Name => LibvirtCall.BorrowedString(NativeMethods.virNetworkGetName(_handle));

    public string Uuid
    {
        get
        {
            var buffer = stackalloc byte[NativeMethods.UuidStringBufferLength];
            LibvirtCall.Check(NativeMethods.virNetworkGetUUIDString(_handle, buffer));
            return NativeString.Borrow(buffer)!;
        }
    }

    public string GetBridgeName() => LibvirtCall.OwnedString(NativeMethods.virNetworkGetBridgeName(_handle));

    public string GetXmlDesc() => LibvirtCall.OwnedString(NativeMethods.virNetworkGetXMLDesc(_handle, 0));

    public bool IsActive() => LibvirtCall.Check(NativeMethods.virNetworkIsActive(_handle)) == 1;

    /// <summary>Starts the defined network.</summary>
    public void Create() => LibvirtCall.Check(NativeMethods.virNetworkCreate(_handle));

    /// <summary>Stops the network; the definition stays.</summary>
    public void Destroy() => LibvirtCall.Check(NativeMethods.virNetworkDestroy(_handle));

    public void Undefine() => LibvirtCall.Check(NativeMethods.virNetworkUndefine(_handle));

    public void SetAutostart(bool autostart) =>
        LibvirtCall.Check(NativeMethods.virNetworkSetAutostart(_handle, autostart ? 1 : 0));

    /// <summary>Whether libvirt starts the network when it starts.</summary>
    public bool GetAutostart()
    {
        LibvirtCall.Check(NativeMethods.virNetworkGetAutostart(_handle, out var autostart));
        return autostart != 0;
    }

    /// <summary>Current leases, optionally only those for one MAC address.</summary>
    public IReadOnlyList<DhcpLease> GetDhcpLeases(string? mac = null)
    {
        var count = LibvirtCall.Check(NativeMethods.virNetworkGetDHCPLeases(_handle, mac, out var leases, 0));
        var result = new List<DhcpLease>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                result.Add(NativeConversions.ToDhcpLease(leases[i]));
            }
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                NativeMethods.virNetworkDHCPLeaseFree(leases[i]);
            }

            NativeMethods.Free(leases);
        }

        return result;
    }

    public void Dispose() => _handle.Dispose();
}
