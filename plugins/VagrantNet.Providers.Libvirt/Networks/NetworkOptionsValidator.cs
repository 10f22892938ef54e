using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt.Networks;

/// <summary>
/// Checks the <c>libvirt__</c> options of one <c>vm.network</c> line: each key is one vnet knows for that kind of
/// network (an unknown one is refused naming the known ones, with the nearest as a suggestion), each value has the
/// type the option needs, and no option is given where it would do nothing (a DHCP range with DHCP off, a network
/// option on a tunnel, a host address on a <c>veryisolated</c> network).
/// </summary>
internal sealed partial class NetworkOptionsValidator(NetworkDefinition network, ValidationErrors errors, string defaultModel)
{
    private readonly IReadOnlyDictionary<string, object?> _options = network.OptionsFor(LibvirtConfig.Name);

    private readonly string _setting = Describe(network);

    public void Validate()
    {
        var tunnel = _options.ContainsKey("tunnel_type");
        var known = network.Kind == NetworkKind.Public ? NetworkOptions.PublicNetworkKeys.ToList() : [.. NetworkOptions.PrivateKeys];
        foreach (var (key, value) in _options)
        {
            if (NetworkOptions.Refused.TryGetValue(key, out var why))
            {
                Error(key, $"is not supported: {why}");
            }
            else if (!known.Contains(key, StringComparer.Ordinal))
            {
                var suggestion = Spelling.Closest(key, known);
                var kind = network.Kind == NetworkKind.Public ? "a public_network" : "a private_network";
                Error(key, $"is not an option of {kind}." +
                    (suggestion is null ? string.Empty : $" Did you mean {LibvirtConfig.Name}__{suggestion}?") +
                    $" Known options: {string.Join(", ", known.Order(StringComparer.Ordinal).Select(k => LibvirtConfig.Name + "__" + k))}");
            }
            else
            {
                CheckValue(key, value);
            }
        }

        if (network.Kind == NetworkKind.Public)
        {
            CheckPublic();
        }
        else if (tunnel)
        {
            CheckTunnel();
        }
        else
        {
            CheckPrivate();
        }

        Together("bus", "slot", "a PCI address needs both");
        var model = NetworkOptions.Text(_options, "model_type") ?? defaultModel;
        if (model != "virtio")
        {
            foreach (var key in new[] { "driver_name", "driver_queues", "driver_iommu" }.Where(_options.ContainsKey))
            {
                Error(key, $"is a virtio driver option, and this NIC's model is {model}: libvirt would drop it (set libvirt__model_type virtio, or remove it)");
            }
        }
    }

    private void CheckValue(string key, object? value)
    {
        switch (key)
        {
            case "tunnel_port" or "tunnel_local_port":
                Require(NetworkOptions.TryInteger(value, out var port) && port is >= 1 and <= 65535, key, value, "is not a port: give a whole number between 1 and 65535");
                break;
            case "tunnel_ip" or "tunnel_local_ip" or "dhcp_start" or "dhcp_stop" or "host_ip":
                Require(value is string text && IpRules.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork, key, value, "is not an IPv4 address such as 127.0.0.1");
                break;
            case "ipv6_address":
                Require(value is string v6 && IpRules.TryParse(v6, out var six) && six.AddressFamily == AddressFamily.InterNetworkV6, key, value, "is not an IPv6 address such as fd00:10::1");
                break;
            case "ipv6_prefix":
                Require(NetworkOptions.TryInteger(value, out var prefix) && prefix is >= 1 and <= 128, key, value, "is not an IPv6 prefix length: give a whole number between 1 and 128");
                break;
            case "dhcp_enabled" or "ovs" or "trust_guest_rx_filters" or "guest_ipv6" or "autostart" or "always_destroy" or "bridge_stp" or "driver_iommu":
                Require(NetworkOptions.ReadFlag(value) is not null, key, value, "is not true or false (or yes or no)");
                break;
            case "netmask":
                Require(value is string mask && IpRules.TryParseNetmask(mask, AddressFamily.InterNetwork, out _), key, value, "is neither a prefix length (1-32) nor a dotted mask such as 255.255.255.0");
                break;
            case "network_address":
                Require(value is string cidr && (IPNetwork.TryParse(cidr, out _) || IpRules.TryParse(cidr, out _)), key, value, "is not a network in CIDR form such as 192.168.100.0/24");
                break;
            case "forward_mode":
                Require(value is string mode && NetworkOptions.ForwardModes.Contains(mode, StringComparer.Ordinal), key, value,
                    $"is not a forward mode vnet creates a network with; use one of {string.Join(", ", NetworkOptions.ForwardModes)} (a network on a host device is a public_network)");
                break;
            case "tunnel_type":
                Require(value is string type && NetworkOptions.TunnelTypes.Contains(type, StringComparer.Ordinal), key, value, $"is not a tunnel type; use one of {string.Join(", ", NetworkOptions.TunnelTypes)}");
                break;
            case "mtu":
                Require(NetworkOptions.TryInteger(value, out var mtu) && mtu is >= MinMtu and <= MaxMtu, key, value, $"is not an MTU: give a whole number between {MinMtu} and {MaxMtu}");
                break;
            case "driver_queues":
                Require(NetworkOptions.TryInteger(value, out var queues) && queues is >= 1 and <= MaxQueues, key, value, $"is not a number of queues: give a whole number between 1 and {MaxQueues}");
                break;
            case "bridge_delay":
                Require(NetworkOptions.TryInteger(value, out var delay) && delay is >= 0 and <= 30, key, value, "is not a forward delay: give a whole number of seconds between 0 and 30");
                break;
            case "bus":
                Require(NetworkOptions.TryPciNumber(value, out var bus) && bus is >= 0 and <= 255, key, value, "is not a PCI bus: give a number between 0 and 255 (0x-hex or decimal)");
                break;
            case "slot":
                Require(NetworkOptions.TryPciNumber(value, out var slot) && slot is >= 0 and <= 31, key, value, "is not a PCI slot: give a number between 0 and 31 (0x-hex or decimal)");
                break;
            case "iface_name":
                Require(value is string name && IfaceNameProblem(name) is null, key, value, IfaceNameProblem(value as string) ?? "is not a device name");
                break;
            case "forward_device" or "dev":
                Require(value is string device && DeviceName().IsMatch(device), key, value, "is not a host device name (up to 15 letters, digits, '.', '_' or '-')");
                break;
            case "domain_name":
                Require(value is string domain && DomainName().IsMatch(domain), key, value, "is not a DNS domain such as lab.local");
                break;
            case "model_type":
                Require(value is string model && ModelType().IsMatch(model), key, value, "is not a NIC model such as virtio, e1000 or rtl8139");
                break;
            case "driver_name":
                Require(value is "vhost" or "qemu", key, value, "must be \"vhost\" (in-kernel virtio backend) or \"qemu\" (user space)");
                break;
            case "mode":
                Require(value is "bridge" or "vepa" or "private" or "passthrough", key, value, "must be bridge, vepa, private or passthrough");
                break;
            case "type":
                Require(value is "direct" or "bridge", key, value, "must be \"direct\" (macvtap) or \"bridge\"");
                break;
            case "ovs_interfaceid":
                Require(value is string id && Guid.TryParse(id, out _), key, value, "is not a UUID, which Open vSwitch's interfaceid is");
                break;
            case "tftp_root":
                Require(value is string root && Path.IsPathRooted(root), key, value, "must be an absolute path on the libvirt host");
                break;
            case "mac":
                Require(value is string mac && LibvirtConfig.IsMac(mac), key, value, "is not a MAC address");
                break;
            default:
                Require(value is string { Length: > 0 } word && !word.Any(char.IsWhiteSpace), key, value, "must be a name without spaces");
                break;
        }
    }

    private void CheckPublic()
    {
        string? Get(string key) => NetworkOptions.Text(_options, key) ?? NetworkOptions.Text(network.Options, key);
        if (_options.ContainsKey("mtu") && Get("network_name") is null && (Get("type") ?? "direct") == "direct")
        {
            Error("mtu", "QEMU cannot set the MTU of a macvtap (type direct) NIC, the public_network default: use type bridge, or set the MTU in the guest");
        }

        if (_options.ContainsKey("ovs_interfaceid") && NetworkOptions.Flag(_options, "ovs") != true)
        {
            Error("ovs_interfaceid", "is used only with an Open vSwitch bridge: set libvirt__ovs true too");
        }
    }

    private void CheckTunnel()
    {
        var type = NetworkOptions.Text(_options, "tunnel_type");
        foreach (var key in _options.Keys.Where(k => NetworkOptions.NetworkKeys.Contains(k, StringComparer.Ordinal) || k is "iface_name" or "mtu"))
        {
            Error(key, $"has no effect on a tunnel (libvirt__tunnel_type {type}), which joins no libvirt network and has no host device: remove it");
        }

        if (!_options.ContainsKey("tunnel_port"))
        {
            Error("tunnel_port", $"a {type} tunnel needs it: give the port as a whole number between 1 and 65535");
        }

        if (type == "udp")
        {
            if (!_options.ContainsKey("tunnel_local_port"))
            {
                Error("tunnel_local_port", "a udp tunnel needs it: give the port as a whole number between 1 and 65535");
            }
        }
        else
        {
            foreach (var key in new[] { "tunnel_local_ip", "tunnel_local_port" }.Where(_options.ContainsKey))
            {
                Error(key, $"is used only by a udp tunnel, not by a {type} one");
            }
        }

        if (type == "mcast" && NetworkOptions.Text(_options, "tunnel_ip") is { } group && IpRules.TryParse(group, out var address)
            && address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] is < 224 or > 239)
        {
            Error("tunnel_ip", $"{UserText.Quote(group)} is not a multicast group: an mcast tunnel needs one in 224.0.0.0/4 (default {NetworkOptions.DefaultMulticastGroup})");
        }
    }

    private void CheckPrivate()
    {
        foreach (var key in NetworkOptions.TunnelKeys.Where(_options.ContainsKey))
        {
            Error(key, "is used only by a tunnel: set libvirt__tunnel_type (udp, server, client or mcast) too");
        }

        Together("ipv6_address", "ipv6_prefix", "an IPv6 address on the network needs both");
        if (NetworkOptions.Text(_options, "forward_mode") == NetworkSpec.VeryIsolated)
        {
            CheckVeryIsolated();
            return;
        }

        if (_options.ContainsKey("forward_device") && NetworkOptions.Text(_options, "forward_mode") == "none")
        {
            Error("forward_device", "a network with forward_mode none forwards nowhere: remove it, or use nat or route");
        }

        var dhcp = NetworkOptions.Flag(_options, "dhcp_enabled") != false;
        foreach (var key in new[] { "dhcp_start", "dhcp_stop", "dhcp_bootp_file", "dhcp_bootp_server" }.Where(_options.ContainsKey))
        {
            if (!dhcp)
            {
                Error(key, "is a DHCP setting, and libvirt__dhcp_enabled is false: remove one of them");
            }
        }

        if (_options.ContainsKey("dhcp_bootp_server") && !_options.ContainsKey("dhcp_bootp_file"))
        {
            Error("dhcp_bootp_server", "names the server of the boot file: set libvirt__dhcp_bootp_file too");
        }

        if (Actions.PlanNetworkInterfaces.Subnet(network, _options) is not { } subnet)
        {
            return;
        }

        foreach (var key in new[] { "host_ip", "dhcp_start", "dhcp_stop" })
        {
            if (NetworkOptions.Text(_options, key) is { } text && IpRules.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork)
            {
                if (!subnet.Contains(address) || address.Equals(subnet.BaseAddress) || address.Equals(NetworkSpec.Offset(subnet.BaseAddress, (1L << (32 - subnet.PrefixLength)) - 1)))
                {
                    Error(key, $"{text} is not a host address of the network {subnet}");
                }
            }
        }

        if (NetworkOptions.Text(_options, "dhcp_start") is { } start && NetworkOptions.Text(_options, "dhcp_stop") is { } stop
            && IPAddress.TryParse(start, out var first) && IPAddress.TryParse(stop, out var last)
            && first.AddressFamily == AddressFamily.InterNetwork && last.AddressFamily == AddressFamily.InterNetwork
            && Number(first) > Number(last))
        {
            Error("dhcp_stop", $"{stop} comes before libvirt__dhcp_start {start}: the range would be empty");
        }
    }

    private void CheckVeryIsolated()
    {
        foreach (var key in new[] { "host_ip", "dhcp_start", "dhcp_stop", "dhcp_bootp_file", "dhcp_bootp_server", "tftp_root", "domain_name", "forward_device", "ipv6_address", "ipv6_prefix" }.Where(_options.ContainsKey))
        {
            Error(key, "has no effect on a veryisolated network, which has no address on the host (no DHCP, DNS or forward): remove it");
        }

        if (network.Ip is null)
        {
            if (!_options.ContainsKey("network_name"))
            {
                Error("forward_mode", "a veryisolated network without an ip needs libvirt__network_name, the name of the switch its machines share");
            }

            if (network.AutoConfig)
            {
                Error("forward_mode", "a veryisolated network has no DHCP server, so the guest cannot configure it by DHCP: give an ip, or auto_config: false");
            }
        }
    }

    private void Together(string first, string second, string why)
    {
        if (_options.ContainsKey(first) != _options.ContainsKey(second))
        {
            var missing = _options.ContainsKey(first) ? second : first;
            Error(missing, $"{why}: set libvirt__{first} and libvirt__{second}");
        }
    }

    private void Require(bool ok, string key, object? value, string problem)
    {
        if (!ok)
        {
            Error(key, $"{Show(value)} {problem}");
        }
    }

    private void Error(string key, string message) => errors.Add("libvirt provider", _setting, $"{LibvirtConfig.Name}__{key}: {message}");

    /// <summary>Names the network line in messages: its kind, and its ip or network name when it has one.</summary>
    private static string Describe(NetworkDefinition network)
    {
        var kind = network.Kind == NetworkKind.Private ? "vm.network \"private_network\"" : "vm.network \"public_network\"";
        var options = network.OptionsFor(LibvirtConfig.Name);
        var name = network.Ip is not null ? $"ip {network.Ip}"
            : NetworkOptions.Text(options, "network_name") is { } named ? $"libvirt__network_name {named}"
            : network.Bridge is not null ? $"bridge {network.Bridge}"
            : null;
        return name is null ? kind : $"{kind} ({name})";
    }

    private static long Number(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return (long)bytes[0] << 24 | (long)bytes[1] << 16 | (long)bytes[2] << 8 | bytes[3];
    }

    public const int MinMtu = 68;

    public const int MaxMtu = 65535;

    /// <summary>QEMU's limit on virtio-net queue pairs.</summary>
    public const int MaxQueues = 256;

    /// <summary>vagrant-libvirt's <c>nic_adapter_count</c>: the machine's NICs, the management NIC included, must fit in its slots.</summary>
    public static void ValidateAdapterCount(int nics, LibvirtConfig config, ValidationErrors errors)
    {
        if (config.NicAdapterCount is { } slots and >= 1 && nics > slots)
        {
            errors.Add("libvirt provider", "libvirt.nic_adapter_count", $"the machine has {nics} NICs (management included) and nic_adapter_count is {slots}: raise it or remove networks");
        }
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot be a host-side NIC name, or null. Linux names are at most 15 bytes without
    /// '/', ':' or spaces; libvirt discards a name starting with a prefix it generates (vnet, vif, macvtap, macvlan) and
    /// makes its own, so such a name would be accepted and then not used.
    /// </summary>
    public static string? IfaceNameProblem(string? name)
    {
        if (name is null || !DeviceName().IsMatch(name))
        {
            return "is not a host device name: up to 15 letters, digits, '.', '_' or '-'";
        }

        return ReservedPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal)) is { } prefix
            ? $"starts with '{prefix}', which libvirt keeps for the names it generates: it would drop the name and make its own; choose another prefix"
            : null;
    }

    private static readonly string[] ReservedPrefixes = ["vnet", "vif", "macvtap", "macvlan"];

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => UserText.Quote(text),
        bool b => b ? "true" : "false",
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => UserText.Quote(value.ToString()),
    };

    [GeneratedRegex("^[A-Za-z0-9._-]{1,15}$")]
    internal static partial Regex DeviceName();

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    internal static partial Regex DomainName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    internal static partial Regex ModelType();
}
