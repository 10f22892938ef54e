using System.Globalization;
using System.Net;
using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Networks;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Decides the domain's NICs: the management network first (SSH goes over it), then one per private or
/// public network, each with its MAC and device options (<see cref="NicDevice"/>): a private one joins a libvirt
/// network (an existing one with the same subnet, the one named by <c>libvirt__network_name</c>, or a new one) or is a
/// socket tunnel for a lab link (udp, TCP server or client, multicast); a public one attaches to a host device (see
/// <see cref="PublicAttachment"/>).
/// </summary>
public sealed class PlanNetworkInterfaces : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var config = context.LibvirtConfig();
        var nics = new List<PlannedNic>();
        if (config.MgmtAttach == true)
        {
            nics.Add(new PlannedNic(config.ManagementNetworkMac?.ToLowerInvariant() ?? Mac.Random(), config.ManagementNetworkName, null) { Device = NicDevice.ForManagement(config) });
        }

        var existing = ExistingSubnets(context.Driver());
        foreach (var network in context.Machine.Config.Vm.Network.Networks.Where(n => n.Kind != NetworkKind.ForwardedPort))
        {
            var options = network.OptionsFor(LibvirtConfig.Name);
            var mac = (network.Mac ?? Option(options, "mac"))?.ToLowerInvariant() ?? Mac.Random();
            var device = NicDevice.For(options, config.NicModelType!);
            if (Option(options, "tunnel_type") is { } tunnel)
            {
                nics.Add(new PlannedNic(mac, null, network, Tunnel(context, tunnel, options)) { Device = device });
                continue;
            }

            if (network.Kind == NetworkKind.Public)
            {
                nics.Add(new PlannedNic(mac, null, network, Host: PublicAttachment.For(context, network)) { Device = device });
                continue;
            }

            nics.Add(new PlannedNic(mac, NetworkName(network, options, existing), network) { Device = device });
        }

        context.Set(LibvirtKeys.Nics, nics);
        await next(context).ConfigureAwait(false);
    }

    /// <summary>A point-to-point link as vagrant-libvirt makes it: 127.0.0.1 unless said (239.255.1.1 for multicast).</summary>
    private static SocketTunnel Tunnel(ActionContext context, string type, IReadOnlyDictionary<string, object?> options)
    {
        int Port(string key) => int.Parse(Option(options, key) ?? throw Missing(context, type, key), CultureInfo.InvariantCulture);
        var address = Option(options, "tunnel_ip") ?? (type == "mcast" ? NetworkOptions.DefaultMulticastGroup : "127.0.0.1");
        return type == "udp"
            ? new SocketTunnel(type, address, Port("tunnel_port"), Option(options, "tunnel_local_ip") ?? "127.0.0.1", Port("tunnel_local_port"))
            : new SocketTunnel(type, address, Port("tunnel_port"));
    }

    /// <summary>vagrant-libvirt's network for a DHCP private network given no ip nor <c>libvirt__network_address</c>.</summary>
    public const string DhcpNetworkAddress = "172.28.128.0";

    /// <summary>
    /// The subnet a private network definition lives in (its IP with the netmask, /24 by default); for a DHCP
    /// network without an ip, <c>libvirt__network_address</c> or 172.28.128.0, as vagrant-libvirt does.
    /// </summary>
    public static IPNetwork? Subnet(NetworkDefinition network, IReadOnlyDictionary<string, object?> options)
    {
        var address = network.Ip ?? (network.Type == "dhcp" ? Option(options, "network_address") ?? DhcpNetworkAddress : null);
        string? cidrPrefix = null;
        if (address is not null && network.Ip is null && address.Split('/') is [var bare, var length])
        {
            // libvirt__network_address may carry its prefix (10.30.0.0/24), which then is the netmask.
            (address, cidrPrefix) = (bare, length);
        }

        if (address is null || !IPAddress.TryParse(address, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return null;
        }

        var netmask = Option(options, "netmask") ?? network.Netmask ?? cidrPrefix ?? "24";
        if (!IpRules.TryParseNetmask(netmask, System.Net.Sockets.AddressFamily.InterNetwork, out var prefix))
        {
            // Refused by validation; a step that still meets it knows no subnet rather than a wrong one.
            return null;
        }

        var bytes = ip.GetAddressBytes();
        var value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        var masked = value & mask;
        return new IPNetwork(new IPAddress([(byte)(masked >> 24), (byte)(masked >> 16), (byte)(masked >> 8), (byte)masked]), prefix);
    }

    internal static string? Option(IReadOnlyDictionary<string, object?> options, string key) =>
        options.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    internal static string NetworkName(NetworkDefinition network, IReadOnlyDictionary<string, object?> options, IReadOnlyDictionary<IPNetwork, string> existing)
    {
        if (Option(options, "network_name") is { } named)
        {
            return named;
        }

        var subnet = Subnet(network, options);
        if (subnet is null)
        {
            return "vagrant-private-dhcp";
        }

        if (Option(options, "forward_mode") == NetworkSpec.VeryIsolated)
        {
            // A switch without a host address: no existing network can be told apart by its subnet.
            return $"vnet-l2-{subnet.Value.BaseAddress}-{subnet.Value.PrefixLength}";
        }

        if (existing.TryGetValue(subnet.Value, out var name))
        {
            return name;
        }

        return network.Ip is null ? "vagrant-private-dhcp" : $"vnet-{subnet.Value.BaseAddress}-{subnet.Value.PrefixLength}";
    }

    internal static Dictionary<IPNetwork, string> ExistingSubnets(LibvirtDriver driver)
    {
        var subnets = new Dictionary<IPNetwork, string>();
        foreach (var network in driver.AllNetworks())
        {
            using (network)
            {
                var ip = XElement.Parse(network.GetXmlDesc()).Element("ip");
                if (ip?.Attribute("address")?.Value is { } address && IPAddress.TryParse(address, out var parsed))
                {
                    var prefix = ip.Attribute("prefix")?.Value ?? ip.Attribute("netmask")?.Value ?? "24";
                    var subnet = Subnet(new NetworkDefinition { Ip = parsed.ToString() }, new Dictionary<string, object?> { ["netmask"] = prefix });
                    if (subnet is not null)
                    {
                        subnets.TryAdd(subnet.Value, network.Name);
                    }
                }
            }
        }

        return subnets;
    }

    private static LibvirtProviderException Missing(ActionContext context, string type, string option) =>
        new($"Machine '{context.Machine.Name}': a private_network with libvirt__tunnel_type \"{type}\" needs libvirt__{option}.");
}

/// <summary>MAC addresses in QEMU's locally administered range.</summary>
public static class Mac
{
    public static string Random()
    {
        Span<byte> tail = stackalloc byte[3];
        System.Random.Shared.NextBytes(tail);
        return $"52:54:00:{tail[0]:x2}:{tail[1]:x2}:{tail[2]:x2}";
    }
}
