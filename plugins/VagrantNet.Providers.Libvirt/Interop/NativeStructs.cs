using System.Runtime.InteropServices;

namespace VagrantNet.Providers.Libvirt.Interop;

// Blittable mirrors of libvirt structs (LP64 layouts; sizes are pinned by tests).
// Pointer fields stay raw: these are only ever read in place, never copied out.

/// <summary><c>struct _virError</c> (virterror.h), 80 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VirError
{
    public int Code;
    public int Domain;
    public byte* Message;
    public int Level;
    public IntPtr Conn;
    public IntPtr Dom;
    public byte* Str1;
    public byte* Str2;
    public byte* Str3;
    public int Int1;
    public int Int2;
    public IntPtr Net;
}

/// <summary><c>struct _virDomainInterfaceIPAddress</c> (libvirt-domain.h), 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VirDomainIPAddress
{
    public int Type;
    public byte* Addr;
    public uint Prefix;
}

/// <summary><c>struct _virDomainInterface</c> (libvirt-domain.h), 32 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VirDomainInterface
{
    public byte* Name;
    public byte* Hwaddr;
    public uint Naddrs;
    public VirDomainIPAddress* Addrs;
}

/// <summary><c>struct _virNetworkDHCPLease</c> (libvirt-network.h), 72 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VirNetworkDHCPLease
{
    public byte* Iface;
    public long ExpiryTime;
    public int Type;
    public byte* Mac;
    public byte* Iaid;
    public byte* IpAddr;
    public uint Prefix;
    public byte* Hostname;
    public byte* ClientId;
}

/// <summary><c>struct _virStorageVolInfo</c> (libvirt-storage.h), 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirStorageVolInfo
{
    public int Type;
    public ulong Capacity;
    public ulong Allocation;
}
