using System.Net;
using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>
/// A libvirt network vnet creates: a bridge with an address, a forward mode and an optional DHCP range, with
/// vagrant-libvirt's network options. A <c>veryisolated</c> network (or one with no <see cref="Subnet"/>) is a plain
/// layer-2 switch: no forward, no host address, hence no DHCP or DNS either.
/// </summary>
public sealed record NetworkSpec(string Name, IPNetwork? Subnet, string ForwardMode, bool Dhcp)
{
    /// <summary>The UUID vnet chose (and recorded) before defining the network; null lets libvirt choose.</summary>
    public string? Uuid { get; init; }

    /// <summary>The machine that created the network, written into its metadata.</summary>
    public OwnerTag? Owner { get; init; }

    /// <summary>The host's address on the bridge (<c>libvirt__host_ip</c>); null: the first address of the subnet.</summary>
    public IPAddress? HostIp { get; init; }

    /// <summary>The first address DHCP gives (<c>libvirt__dhcp_start</c>); null: the one after the host's.</summary>
    public IPAddress? DhcpFirst { get; init; }

    /// <summary>The last address DHCP gives (<c>libvirt__dhcp_stop</c>); null: the one before the broadcast.</summary>
    public IPAddress? DhcpLast { get; init; }

    /// <summary>The DNS domain of the network's dnsmasq (<c>libvirt__domain_name</c>), answered locally only.</summary>
    public string? DomainName { get; init; }

    /// <summary>The bridge's MTU (<c>libvirt__mtu</c>); null: libvirt's default, 1500.</summary>
    public int? Mtu { get; init; }

    /// <summary>Guests may talk IPv6 to each other without an IPv6 address on the host (<c>libvirt__guest_ipv6</c>, default yes).</summary>
    public bool GuestIpv6 { get; init; } = true;

    /// <summary>An IPv6 address and prefix for the host on the bridge (<c>libvirt__ipv6_address</c>, <c>libvirt__ipv6_prefix</c>).</summary>
    public (IPAddress Address, int Prefix)? Ipv6 { get; init; }

    /// <summary>The host device NAT or routing goes out of (<c>libvirt__forward_device</c>); null: any.</summary>
    public string? ForwardDevice { get; init; }

    public bool BridgeStp { get; init; } = true;

    public int BridgeDelay { get; init; }

    /// <summary>The directory libvirt's dnsmasq serves over TFTP (<c>libvirt__tftp_root</c>).</summary>
    public string? TftpRoot { get; init; }

    /// <summary>The boot file DHCP hands out (<c>libvirt__dhcp_bootp_file</c>), and the server holding it.</summary>
    public string? BootpFile { get; init; }

    public string? BootpServer { get; init; }

    /// <summary>A layer-2 network: no forward and no address on the host.</summary>
    public bool IsLayer2 => ForwardMode == VeryIsolated || Subnet is null;

    /// <summary>vagrant-libvirt's forward mode for a network with neither forward nor host address.</summary>
    public const string VeryIsolated = "veryisolated";

    public IPAddress HostAddress => HostIp ?? Offset(Subnet!.Value.BaseAddress, 1);

    public IPAddress DhcpStart => DhcpFirst ?? Offset(Subnet!.Value.BaseAddress, 2);

    public IPAddress DhcpEnd => DhcpLast ?? Offset(Subnet!.Value.BaseAddress, (1L << (32 - Subnet!.Value.PrefixLength)) - 2);

    public static IPAddress Offset(IPAddress address, long offset)
    {
        var bytes = address.GetAddressBytes();
        var value = ((long)bytes[0] << 24 | (long)bytes[1] << 16 | (long)bytes[2] << 8 | bytes[3]) + offset;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }
}

/// <summary>Renders a <see cref="NetworkSpec"/> as libvirt network XML.</summary>
public static class NetworkXmlBuilder
{
    public static XElement Build(NetworkSpec spec)
    {
        var network = new XElement("network", new XAttribute("ipv6", spec.GuestIpv6 ? "yes" : "no"),
            new XElement("name", spec.Name),
            spec.Uuid is null ? null : new XElement("uuid", spec.Uuid),
            spec.Owner?.ToMetadata());
        if (!spec.IsLayer2 && spec.ForwardMode is not ("none" or "isolated"))
        {
            network.Add(new XElement("forward", new XAttribute("mode", spec.ForwardMode),
                spec.ForwardDevice is null ? null : new XAttribute("dev", spec.ForwardDevice)));
        }

        network.Add(new XElement("bridge", new XAttribute("stp", spec.BridgeStp ? "on" : "off"), new XAttribute("delay", spec.BridgeDelay)));
        if (spec.Mtu is { } mtu)
        {
            network.Add(new XElement("mtu", new XAttribute("size", mtu)));
        }

        if (spec.DomainName is not null)
        {
            network.Add(new XElement("domain", new XAttribute("name", spec.DomainName), new XAttribute("localOnly", "yes")));
        }

        if (!spec.IsLayer2)
        {
            network.Add(Ipv4(spec));
        }

        if (spec.Ipv6 is { } ipv6)
        {
            network.Add(new XElement("ip", new XAttribute("family", "ipv6"), new XAttribute("address", ipv6.Address), new XAttribute("prefix", ipv6.Prefix)));
        }

        return network;
    }

    private static XElement Ipv4(NetworkSpec spec)
    {
        var ip = new XElement("ip", new XAttribute("address", spec.HostAddress), new XAttribute("prefix", spec.Subnet!.Value.PrefixLength));
        if (spec.TftpRoot is not null)
        {
            ip.Add(new XElement("tftp", new XAttribute("root", spec.TftpRoot)));
        }

        if (spec.Dhcp)
        {
            var dhcp = new XElement("dhcp", new XElement("range", new XAttribute("start", spec.DhcpStart), new XAttribute("end", spec.DhcpEnd)));
            if (spec.BootpFile is not null)
            {
                dhcp.Add(new XElement("bootp", new XAttribute("file", spec.BootpFile), spec.BootpServer is null ? null : new XAttribute("server", spec.BootpServer)));
            }

            ip.Add(dhcp);
        }

        return ip;
    }
}
