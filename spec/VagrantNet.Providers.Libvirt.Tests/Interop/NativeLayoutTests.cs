using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VagrantNet.Providers.Libvirt.Interop;

namespace VagrantNet.Providers.Libvirt.Tests.Interop;

// Expected numbers come from compiling sizeof/offsetof against the libvirt 9.0 headers on x86_64.
public class NativeLayoutTests
{
    [Test]
    public void VirError_MatchesHeaderLayout()
    {
        Assert.That(Unsafe.SizeOf<VirError>(), Is.EqualTo(80));
        Assert.That(Offset<VirError>(nameof(VirError.Message)), Is.EqualTo(8));
        Assert.That(Offset<VirError>(nameof(VirError.Level)), Is.EqualTo(16));
        Assert.That(Offset<VirError>(nameof(VirError.Str1)), Is.EqualTo(40));
        Assert.That(Offset<VirError>(nameof(VirError.Int1)), Is.EqualTo(64));
        Assert.That(Offset<VirError>(nameof(VirError.Net)), Is.EqualTo(72));
    }

    [Test]
    public void VirDomainInterface_MatchesHeaderLayout()
    {
        Assert.That(Unsafe.SizeOf<VirDomainInterface>(), Is.EqualTo(32));
        Assert.That(Offset<VirDomainInterface>(nameof(VirDomainInterface.Naddrs)), Is.EqualTo(16));
        Assert.That(Offset<VirDomainInterface>(nameof(VirDomainInterface.Addrs)), Is.EqualTo(24));
    }

    [Test]
    public void VirDomainIPAddress_MatchesHeaderLayout()
    {
        Assert.That(Unsafe.SizeOf<VirDomainIPAddress>(), Is.EqualTo(24));
        Assert.That(Offset<VirDomainIPAddress>(nameof(VirDomainIPAddress.Addr)), Is.EqualTo(8));
        Assert.That(Offset<VirDomainIPAddress>(nameof(VirDomainIPAddress.Prefix)), Is.EqualTo(16));
    }

    [Test]
    public void VirNetworkDHCPLease_MatchesHeaderLayout()
    {
        Assert.That(Unsafe.SizeOf<VirNetworkDHCPLease>(), Is.EqualTo(72));
        Assert.That(Offset<VirNetworkDHCPLease>(nameof(VirNetworkDHCPLease.ExpiryTime)), Is.EqualTo(8));
        Assert.That(Offset<VirNetworkDHCPLease>(nameof(VirNetworkDHCPLease.Type)), Is.EqualTo(16));
        Assert.That(Offset<VirNetworkDHCPLease>(nameof(VirNetworkDHCPLease.Mac)), Is.EqualTo(24));
        Assert.That(Offset<VirNetworkDHCPLease>(nameof(VirNetworkDHCPLease.Prefix)), Is.EqualTo(48));
        Assert.That(Offset<VirNetworkDHCPLease>(nameof(VirNetworkDHCPLease.Hostname)), Is.EqualTo(56));
        Assert.That(Offset<VirNetworkDHCPLease>(nameof(VirNetworkDHCPLease.ClientId)), Is.EqualTo(64));
    }

    [Test]
    public void VirStorageVolInfo_MatchesHeaderLayout()
    {
        Assert.That(Unsafe.SizeOf<VirStorageVolInfo>(), Is.EqualTo(24));
        Assert.That(Offset<VirStorageVolInfo>(nameof(VirStorageVolInfo.Capacity)), Is.EqualTo(8));
        Assert.That(Offset<VirStorageVolInfo>(nameof(VirStorageVolInfo.Allocation)), Is.EqualTo(16));
    }

    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);
}
