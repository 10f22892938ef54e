using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using VagrantNet.Providers.Libvirt.Interop;

namespace VagrantNet.Providers.Libvirt.Tests.Interop;

// Feeds hand-built native structs to the converters; the test driver cannot
// produce DHCP leases, so this is where lease marshalling is proven.
public unsafe class NativeConversionsTests
{
    private readonly List<IntPtr> _allocations = [];

    [TearDown]
    public void FreeAllocations()
    {
        foreach (var pointer in _allocations)
        {
            Marshal.FreeHGlobal(pointer);
        }

        _allocations.Clear();
    }

    [Test]
    public void ToDhcpLease_CopiesEveryField()
    {
        // Given
        var native = new VirNetworkDHCPLease
        {
            Iface = Utf8("virbr0"),
            ExpiryTime = 1_700_000_000,
            Type = 0,
            Mac = Utf8("52:54:00:aa:bb:cc"),
            Iaid = null,
            IpAddr = Utf8("192.168.122.45"),
            Prefix = 24,
            Hostname = Utf8("vagrant-box"),
            ClientId = Utf8("01:52:54:00:aa:bb:cc"),
        };

        // When
        var lease = NativeConversions.ToDhcpLease(&native);

        // Then
        Assert.That(lease, Is.EqualTo(new DhcpLease(
            "virbr0",
            DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            "52:54:00:aa:bb:cc",
            "01:52:54:00:aa:bb:cc",
            "192.168.122.45",
            24,
            "vagrant-box")));
    }

    [Test]
    public void ToDhcpLease_NullOptionalFields_BecomeNull()
    {
        // Given
        var native = new VirNetworkDHCPLease
        {
            Iface = Utf8("virbr0"),
            Mac = Utf8("52:54:00:aa:bb:cc"),
            IpAddr = Utf8("fd00::5"),
            Type = 1,
            Prefix = 64,
        };

        // When
        var lease = NativeConversions.ToDhcpLease(&native);

        // Then
        Assert.That(lease.Hostname, Is.Null);
        Assert.That(lease.ClientId, Is.Null);
        Assert.That(lease.Prefix, Is.EqualTo(64));
    }

    [Test]
    public void ToDomainInterface_MapsAddressFamiliesAndPrefixes()
    {
        // Given
        var addresses = (VirDomainIPAddress*)Allocate(2 * sizeof(VirDomainIPAddress));
        addresses[0] = new VirDomainIPAddress { Type = 0, Addr = Utf8("192.168.122.10"), Prefix = 24 };
        addresses[1] = new VirDomainIPAddress { Type = 1, Addr = Utf8("fe80::5054:ff:fe12:3456"), Prefix = 64 };
        var native = new VirDomainInterface { Name = Utf8("vnet0"), Hwaddr = null, Naddrs = 2, Addrs = addresses };

        // When
        var result = NativeConversions.ToDomainInterface(&native);

        // Then
        Assert.That(result.Name, Is.EqualTo("vnet0"));
        Assert.That(result.Mac, Is.Null);
        Assert.That(result.Addresses, Is.EqualTo(new[]
        {
            ("192.168.122.10", 24, AddressFamily.InterNetwork),
            ("fe80::5054:ff:fe12:3456", 64, AddressFamily.InterNetworkV6),
        }));
    }

    private byte* Utf8(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value + '\0');
        var pointer = (byte*)Allocate(bytes.Length);
        bytes.CopyTo(new Span<byte>(pointer, bytes.Length));
        return pointer;
    }

    private IntPtr Allocate(int bytes)
    {
        var pointer = Marshal.AllocHGlobal(bytes);
        _allocations.Add(pointer);
        return pointer;
    }
}
