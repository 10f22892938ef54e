using System.Globalization;

namespace VagrantNet.Providers.Libvirt.Networks;

/// <summary>
/// The <c>libvirt__</c> options of <c>config.Vm.Network(...)</c> that vnet knows, as vagrant-libvirt 0.12 documents
/// them, and how their values read: vagrant-libvirt writes them into XML as text, so a number may come as digits and a
/// flag as "yes". Every key listed works; any other is refused by <see cref="NetworkOptionsValidator"/>.
/// <list type="bullet">
/// <item>NIC (<see cref="NicDevice"/>): <c>mac</c>; <c>iface_name</c>, the host-side tap (<c>&lt;target dev&gt;</c>);
/// <c>mtu</c> (<c>&lt;mtu size&gt;</c> on the NIC, and on the network vnet creates); <c>model_type</c> (default
/// nic_model_type); <c>driver_name</c> vhost or qemu, <c>driver_queues</c>, <c>driver_iommu</c> (virtio only);
/// <c>bus</c> + <c>slot</c>, its PCI address.</item>
/// <item>Network, used when vnet creates it (<see cref="Xml.NetworkSpec"/>): <c>network_name</c>; <c>netmask</c>;
/// <c>network_address</c> (DHCP networks without ip, default 172.28.128.0); <c>host_ip</c>, the bridge's address
/// (default the first); <c>domain_name</c>, dnsmasq's local DNS domain; <c>dhcp_enabled</c> (true);
/// <c>dhcp_start</c>/<c>dhcp_stop</c>, the range; <c>dhcp_bootp_file</c>/<c>dhcp_bootp_server</c> and
/// <c>tftp_root</c> for network boot; <c>forward_mode</c> (<see cref="ForwardModes"/>, nat by default;
/// <c>veryisolated</c>: no forward and no address on the host); <c>forward_device</c>; <c>guest_ipv6</c> (yes);
/// <c>ipv6_address</c> + <c>ipv6_prefix</c>; <c>autostart</c>; <c>bridge_stp</c> (on), <c>bridge_delay</c> (0);
/// <c>always_destroy</c> (true: whichever machine leaves the network last removes it; false: only its creator).</item>
/// <item>Tunnel (a point-to-point link, no network): <c>tunnel_type</c> udp, server, client or mcast;
/// <c>tunnel_ip</c> (127.0.0.1; 239.255.1.1 for mcast) and <c>tunnel_port</c>; udp also <c>tunnel_local_ip</c>
/// (127.0.0.1) and <c>tunnel_local_port</c>.</item>
/// <item>Public network (<see cref="Actions.PublicAttachment"/>): <c>dev</c>, <c>mode</c>, <c>type</c>,
/// <c>network_name</c>, <c>portgroup</c>, <c>ovs</c>, <c>ovs_interfaceid</c>, <c>trust_guest_rx_filters</c>.</item>
/// </list>
/// </summary>
public static class NetworkOptions
{
    /// <summary>Options of the NIC itself, on any kind of network.</summary>
    public static readonly string[] NicKeys = ["mac", "iface_name", "mtu", "model_type", "driver_name", "driver_queues", "driver_iommu", "bus", "slot"];

    /// <summary>Options of a private network that joins (or creates) a libvirt network.</summary>
    public static readonly string[] NetworkKeys =
    [
        "network_name", "netmask", "network_address", "host_ip", "domain_name", "dhcp_enabled", "dhcp_start", "dhcp_stop",
        "dhcp_bootp_file", "dhcp_bootp_server", "tftp_root", "forward_mode", "forward_device", "guest_ipv6", "ipv6_address",
        "ipv6_prefix", "autostart", "always_destroy", "bridge_stp", "bridge_delay",
    ];

    /// <summary>Options of a private network that is a point-to-point socket tunnel (<c>tunnel_type</c> set).</summary>
    public static readonly string[] TunnelKeys = ["tunnel_type", "tunnel_ip", "tunnel_port", "tunnel_local_ip", "tunnel_local_port"];

    /// <summary>Options of a public network (also accepted without the prefix, as vagrant-libvirt does).</summary>
    public static readonly string[] PublicKeys = ["dev", "mode", "type", "network_name", "portgroup", "ovs", "ovs_interfaceid", "trust_guest_rx_filters"];

    /// <summary>Known to vagrant-libvirt and refused by vnet, with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["adapter"] = "vnet does not place NICs in chosen slots: they take the order written, the management NIC first",
    };

    /// <summary>The forward modes vnet creates a network with (vagrant-libvirt's documented ones).</summary>
    public static readonly string[] ForwardModes = ["nat", "route", "open", "none", Xml.NetworkSpec.VeryIsolated];

    public static readonly string[] TunnelTypes = ["udp", "server", "client", "mcast"];

    /// <summary>vagrant-libvirt's default group for a multicast tunnel (239.255.0.0/16 is for local use).</summary>
    public const string DefaultMulticastGroup = "239.255.1.1";

    public static IEnumerable<string> PrivateKeys => NicKeys.Concat(NetworkKeys).Concat(TunnelKeys);

    public static IEnumerable<string> PublicNetworkKeys => NicKeys.Concat(PublicKeys);

    public static string? Text(IReadOnlyDictionary<string, object?> options, string key) =>
        options.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    /// <summary>A flag written as a bool or as true/false/yes/no; null when absent or not a flag.</summary>
    public static bool? Flag(IReadOnlyDictionary<string, object?> options, string key) =>
        options.TryGetValue(key, out var value) ? ReadFlag(value) : null;

    public static bool? ReadFlag(object? value) => value switch
    {
        bool b => b,
        string text => text.ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => null,
        },
        _ => null,
    };

    /// <summary>A whole number written as a number or as digits; null when absent or not one.</summary>
    public static long? Integer(IReadOnlyDictionary<string, object?> options, string key) =>
        options.TryGetValue(key, out var value) && TryInteger(value, out var number) ? number : null;

    public static bool TryInteger(object? value, out long number)
    {
        number = 0;
        return value switch
        {
            int i => (number = i) == i,
            long l => (number = l) == l,
            short s => (number = s) == s,
            string text => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }

    /// <summary>A PCI bus or slot number, decimal or 0x-hex as libvirt reads it.</summary>
    public static bool TryPciNumber(object? value, out long number)
    {
        if (value is string text && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out number);
        }

        return TryInteger(value, out number);
    }
}
