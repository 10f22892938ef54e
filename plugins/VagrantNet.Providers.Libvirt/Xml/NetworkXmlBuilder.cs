using System.Net;
using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>A libvirt network vnet creates: a bridge with an address, a forward mode and an optional DHCP range.</summary>
public sealed record NetworkSpec(string Name, IPNetwork Subnet, string ForwardMode, bool Dhcp)
{
    /// <summary>The UUID vnet chose (and recorded) before defining the network; null lets libvirt choose.</summary>
    public string? Uuid { get; init; }

    /// <summary>The machine that created the network, written into its metadata.</summary>
    public OwnerTag? Owner { get; init; }

    /// <summary>The host's address on the bridge: the first address of the subnet.</summary>
    public IPAddress HostAddress => Offset(Subnet.BaseAddress, 1);

    public IPAddress DhcpStart => Offset(Subnet.BaseAddress, 2);

    public IPAddress DhcpEnd => Offset(Subnet.BaseAddress, (1L << (32 - Subnet.PrefixLength)) - 2);

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
        var network = new XElement("network", new XElement("name", spec.Name),
            spec.Uuid is null ? null : new XElement("uuid", spec.Uuid),
            spec.Owner?.ToMetadata());
        if (spec.ForwardMode is not ("none" or "isolated"))
        {
            network.Add(new XElement("forward", new XAttribute("mode", spec.ForwardMode)));
        }

        network.Add(new XElement("bridge", new XAttribute("stp", "on"), new XAttribute("delay", 0)));
        var ip = new XElement("ip", new XAttribute("address", spec.HostAddress), new XAttribute("prefix", spec.Subnet.PrefixLength));
        if (spec.Dhcp)
        {
            ip.Add(new XElement("dhcp", new XElement("range", new XAttribute("start", spec.DhcpStart), new XAttribute("end", spec.DhcpEnd))));
        }

        network.Add(ip);
        return network;
    }
}
