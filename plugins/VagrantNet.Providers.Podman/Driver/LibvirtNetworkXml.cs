using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Podman.Driver;

/// <summary>What a libvirt network's XML (<c>virsh net-dumpxml</c>) says the podman provider needs: its bridge and subnets.</summary>
internal sealed record LibvirtNetworkXml(string Name, string? Bridge, IReadOnlyList<IPNetwork> Subnets)
{
    /// <summary>Reads <c>&lt;name&gt;</c>, <c>&lt;bridge name=&gt;</c> and each IPv4 <c>&lt;ip address= netmask=|prefix=&gt;</c>.</summary>
    public static LibvirtNetworkXml Parse(string xml)
    {
        var network = XDocument.Parse(xml).Root ?? throw new FormatException("the network XML has no root element");
        var subnets = new List<IPNetwork>();
        foreach (var ip in network.Elements("ip"))
        {
            if ((string?)ip.Attribute("family") is { } family && family != "ipv4")
            {
                continue;
            }

            if (!IpRules.TryParse((string?)ip.Attribute("address"), out var address) || address.AddressFamily != AddressFamily.InterNetwork)
            {
                continue;
            }

            var mask = (string?)ip.Attribute("prefix") ?? (string?)ip.Attribute("netmask");
            if (mask is not null && IpRules.TryParseNetmask(mask, AddressFamily.InterNetwork, out var prefix))
            {
                subnets.Add(new IPNetwork(Masked(address, prefix), prefix));
            }
        }

        return new((string?)network.Element("name") ?? string.Empty, (string?)network.Element("bridge")?.Attribute("name"), subnets);
    }

    /// <summary>The subnet holding <paramref name="address"/>, or null.</summary>
    public IPNetwork? SubnetOf(IPAddress address) => Subnets.Cast<IPNetwork?>().FirstOrDefault(s => s!.Value.Contains(address));

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }
}
