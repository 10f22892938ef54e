using System.Net.Sockets;

namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>Copies libvirt result structs into managed records; never frees.</summary>
internal static unsafe class NativeConversions
{
    // virIPAddrType: VIR_IP_ADDR_TYPE_IPV4 = 0, VIR_IP_ADDR_TYPE_IPV6 = 1.
    internal static AddressFamily ToAddressFamily(int ipAddrType) => ipAddrType switch
    {
        0 => AddressFamily.InterNetwork,
        1 => AddressFamily.InterNetworkV6,
        _ => AddressFamily.Unknown,
    };

    internal static DomainInterface ToDomainInterface(VirDomainInterface* native)
    {
        var addresses = new List<(string, int, AddressFamily)>((int)native->Naddrs);
        for (var i = 0; i < native->Naddrs; i++)
        {
            var address = &native->Addrs[i];
            addresses.Add((
                NativeString.Borrow(address->Addr) ?? string.Empty,
                (int)address->Prefix,
                ToAddressFamily(address->Type)));
        }

        return new DomainInterface(
            NativeString.Borrow(native->Name) ?? string.Empty,
            NativeString.Borrow(native->Hwaddr),
            addresses);
    }

    internal static DhcpLease ToDhcpLease(VirNetworkDHCPLease* native) => new(
        NativeString.Borrow(native->Iface) ?? string.Empty,
        DateTimeOffset.FromUnixTimeSeconds(native->ExpiryTime),
        NativeString.Borrow(native->Mac) ?? string.Empty,
        NativeString.Borrow(native->ClientId),
        NativeString.Borrow(native->IpAddr) ?? string.Empty,
        (int)native->Prefix,
        NativeString.Borrow(native->Hostname));
}
