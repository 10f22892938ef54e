using System.Net;

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
            if (network.Ip is not null && !IPAddress.TryParse(network.Ip, out _))
            {
                errors.Add("vm", setting, $"'{network.Ip}' is not an IP address");
            }

            if (network.Netmask is not null && !IsNetmask(network.Netmask))
            {
                errors.Add("vm", setting, $"netmask '{network.Netmask}' is neither a dotted mask nor a prefix length");
            }

            if (network.Type is not ("dhcp" or "static"))
            {
                errors.Add("vm", setting, $"type must be \"dhcp\" or \"static\", got \"{network.Type}\"");
            }

            if (network.Mac is not null && !MacAddressRules.IsValid(network.Mac))
            {
                errors.Add("vm", setting, $"'{network.Mac}' is not a MAC address");
            }

            if (network.Kind == NetworkKind.ForwardedPort)
            {
                if (network.GuestPort is < 1 or > 65535 || network.HostPort is < 1 or > 65535)
                {
                    errors.Add("vm", setting, $"ports must be between 1 and 65535 (guest {network.GuestPort}, host {network.HostPort})");
                }

                if (network.Protocol is not ("tcp" or "udp"))
                {
                    errors.Add("vm", setting, $"protocol must be tcp or udp, got '{network.Protocol}'");
                }
            }
        }

        foreach (var duplicate in Networks.Where(n => n.Kind == NetworkKind.ForwardedPort).GroupBy(n => (n.HostIp, n.HostPort, n.Protocol)).Where(g => g.Count() > 1))
        {
            errors.Add("vm", "vm.network \"forwarded_port\"", $"host port {duplicate.Key.HostPort}/{duplicate.Key.Protocol} is forwarded more than once");
        }
    }

    private static bool IsNetmask(string value) =>
        (int.TryParse(value, out var prefix) && prefix is >= 0 and <= 128) || IPAddress.TryParse(value, out _);
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
