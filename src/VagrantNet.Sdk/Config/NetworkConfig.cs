using System.Net.Sockets;

namespace VagrantNet.Sdk.Config;

/// <summary><c>config.Vm.Network</c>: private and public networks and forwarded ports, in the order written.</summary>
public sealed class NetworkConfig : ConfigSection
{
    public List<NetworkDefinition> Networks { get; } = [];

    /// <summary>
    /// A host-only network. Give <paramref name="ip"/> for a static address or <c>type: "dhcp"</c>.
    /// <paramref name="options"/> carries provider-scoped settings such as <c>libvirt__network_name</c>.
    /// </summary>
    public void PrivateNetwork(
        string? ip = null,
        string? type = null,
        string? netmask = null,
        string? mac = null,
        bool autoConfig = true,
        Dictionary<string, object?>? options = null) =>
        Networks.Add(new NetworkDefinition
        {
            Kind = NetworkKind.Private,
            Ip = ip,
            Type = type ?? (ip is null ? "dhcp" : "static"),
            Netmask = netmask,
            Mac = mac,
            AutoConfig = autoConfig,
            Options = options ?? [],
        });

    /// <summary>A bridged network on a host device (<paramref name="bridge"/>, for example <c>eth0</c>).</summary>
    public void PublicNetwork(
        string? ip = null,
        string? bridge = null,
        string? netmask = null,
        string? mac = null,
        bool autoConfig = true,
        Dictionary<string, object?>? options = null) =>
        Networks.Add(new NetworkDefinition
        {
            Kind = NetworkKind.Public,
            Ip = ip,
            Type = ip is null ? "dhcp" : "static",
            Bridge = bridge,
            Netmask = netmask,
            Mac = mac,
            AutoConfig = autoConfig,
            Options = options ?? [],
        });

    /// <summary>Forwards <paramref name="host"/> on the host to <paramref name="guest"/> in the guest.</summary>
    public void ForwardedPort(
        int guest,
        int host,
        string protocol = "tcp",
        string? hostIp = null,
        string? guestIp = null,
        string? id = null,
        bool autoCorrect = false) =>
        Networks.Add(new NetworkDefinition
        {
            Kind = NetworkKind.ForwardedPort,
            GuestPort = guest,
            HostPort = host,
            Protocol = protocol,
            HostIp = hostIp,
            GuestIp = guestIp,
            Id = id ?? $"{protocol}{guest}",
            AutoCorrect = autoCorrect,
        });

    public override void Validate(ValidationErrors errors)
    {
        foreach (var network in Networks)
        {
            var setting = network.Kind switch
            {
                NetworkKind.Private => "vm.network \"private_network\"",
                NetworkKind.Public => "vm.network \"public_network\"",
                _ => "vm.network \"forwarded_port\"",
            };
            AddressFamily? family = null;
            if (network.Ip is not null)
            {
                if (!IpRules.TryParse(network.Ip, out var ip))
                {
                    errors.Add("vm", setting, $"{UserText.Quote(network.Ip)} is not an IP address: ip must be four numbers 0-255 separated by dots, such as 10.20.30.10, or an IPv6 address");
                }
                else if (IpRules.NotAHostAddress(ip) is { } why)
                {
                    errors.Add("vm", setting, $"{UserText.Quote(network.Ip)} cannot be a machine's ip: {why}");
                }
                else
                {
                    family = ip.AddressFamily;
                }
            }

            if (network.Netmask is not null && !IpRules.TryParseNetmask(network.Netmask, family, out _))
            {
                var lengths = family == AddressFamily.InterNetworkV6 ? "1-128" : "1-32";
                errors.Add("vm", setting, $"netmask: {UserText.Quote(network.Netmask)} is neither a prefix length ({lengths}) nor a dotted mask of contiguous ones such as 255.255.255.0");
            }

            if (network.Type is not ("dhcp" or "static"))
            {
                errors.Add("vm", setting, $"type must be \"dhcp\" or \"static\", got {UserText.Quote(network.Type)}");
            }

            if (network.Mac is not null && !MacAddressRules.IsValid(network.Mac))
            {
                errors.Add("vm", setting, $"mac: {UserText.Quote(network.Mac)} is not a MAC address (12 hex digits, optionally separated by ':' or '-')");
            }

            if (network.Kind == NetworkKind.ForwardedPort)
            {
                ValidateForwardedPort(network, setting, errors);
            }
        }

        // Vagrant's rule: one host address, port and protocol can be forwarded once. A forward on every address
        // (no host_ip, 0.0.0.0 or ::) takes the port on each one, so it collides with a forward on any single address too.
        var forwards = Networks.Where(n => n.Kind == NetworkKind.ForwardedPort && n.HostPort is >= 1 and <= 65535).ToList();
        var reported = new HashSet<(int, string)>();
        for (var i = 0; i < forwards.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var (earlier, later) = (forwards[j], forwards[i]);
                if (earlier.HostPort != later.HostPort || earlier.Protocol != later.Protocol || !HostAddressesOverlap(earlier.HostIp, later.HostIp))
                {
                    continue;
                }

                if (reported.Add((later.HostPort, later.Protocol)))
                {
                    errors.Add("vm", "vm.network \"forwarded_port\"", $"host: port {later.HostPort}/{later.Protocol} on {HostAddress(later.HostIp)} is forwarded more than once (to guest ports {earlier.GuestPort} and {later.GuestPort}); each host address, port and protocol can be forwarded once");
                }
            }
        }
    }

    private static void ValidateForwardedPort(NetworkDefinition network, string setting, ValidationErrors errors)
    {
        if (network.GuestPort is < 1 or > 65535)
        {
            errors.Add("vm", setting, $"guest: port {network.GuestPort} must be between 1 and 65535");
        }

        if (network.HostPort is < 1 or > 65535)
        {
            errors.Add("vm", setting, $"host: port {network.HostPort} must be between 1 and 65535");
        }

        if (network.Protocol is not ("tcp" or "udp"))
        {
            errors.Add("vm", setting, $"protocol must be tcp or udp, got {UserText.Quote(network.Protocol)}");
        }

        foreach (var (name, value) in new[] { ("host_ip", network.HostIp), ("guest_ip", network.GuestIp) })
        {
            if (value is not null && !IpRules.TryParse(value, out _))
            {
                errors.Add("vm", setting, $"{name} {UserText.Quote(value)} is not an IP address: it must be four numbers 0-255 separated by dots, such as 127.0.0.1, or an IPv6 address");
            }
        }
    }

    private static bool IsEveryAddress(string? hostIp) => hostIp is null or "" or "0.0.0.0" or "::";

    private static bool HostAddressesOverlap(string? first, string? second) =>
        IsEveryAddress(first) || IsEveryAddress(second) || string.Equals(first, second, StringComparison.OrdinalIgnoreCase);

    private static string HostAddress(string? hostIp) => IsEveryAddress(hostIp) ? "every host address" : UserText.Quote(hostIp);
}

public enum NetworkKind
{
    Private,
    Public,
    ForwardedPort,
}

/// <summary>One <c>vm.network</c> line.</summary>
public sealed class NetworkDefinition
{
    public NetworkKind Kind { get; init; }

    public string? Ip { get; init; }

    /// <summary>"static" or "dhcp".</summary>
    public string Type { get; init; } = "static";

    public string? Netmask { get; init; }

    public string? Mac { get; init; }

    public bool AutoConfig { get; init; } = true;

    public string? Bridge { get; init; }

    public int GuestPort { get; init; }

    public int HostPort { get; init; }

    public string Protocol { get; init; } = "tcp";

    public string? HostIp { get; init; }

    public string? GuestIp { get; init; }

    public string? Id { get; init; }

    public bool AutoCorrect { get; init; }

    /// <summary>Provider-scoped settings, <c>provider__option</c> keys as in Vagrant.</summary>
    public IReadOnlyDictionary<string, object?> Options { get; init; } = new Dictionary<string, object?>();

    /// <summary>The options scoped to <paramref name="provider"/>, with the <c>provider__</c> prefix removed.</summary>
    public IReadOnlyDictionary<string, object?> OptionsFor(string provider)
    {
        var prefix = provider + "__";
        return Options.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(o => o.Key[prefix.Length..], o => o.Value);
    }
}

internal static class MacAddressRules
{
    public static bool IsValid(string mac)
    {
        var hex = mac.Replace(":", string.Empty).Replace("-", string.Empty);
        return hex.Length == 12 && hex.All(Uri.IsHexDigit);
    }
}
