using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Guests;

/// <summary>One NIC to configure: the guest's name for it and its <c>vm.network</c> settings.</summary>
public sealed record GuestNetwork(string Interface, NetworkDefinition Definition);

/// <summary>
/// Builds the one script (run with sudo) that configures private and public network NICs with
/// whatever the guest uses: systemd-networkd when it runs, else netplan, else ifupdown
/// (/etc/network/interfaces, between marker lines), else NetworkManager.
/// </summary>
public static partial class NetworkScript
{
    public static string Build(IReadOnlyList<GuestNetwork> networks)
    {
        var configured = networks.Where(n => n.Definition.AutoConfig && n.Definition.Kind != NetworkKind.ForwardedPort).ToList();
        foreach (var network in configured)
        {
            if (!InterfacePattern().IsMatch(network.Interface))
            {
                throw new VnetException($"'{network.Interface}' is not a network interface name.");
            }
        }

        var script = new StringBuilder();
        script.Append("""
            set -e
            if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet systemd-networkd 2>/dev/null; then tool=networkd
            elif command -v netplan >/dev/null 2>&1 && [ -d /etc/netplan ]; then tool=netplan
            elif [ -f /etc/network/interfaces ] && command -v ifup >/dev/null 2>&1; then tool=ifupdown
            elif command -v nmcli >/dev/null 2>&1 && nmcli -t general status >/dev/null 2>&1; then tool=nm
            else echo 'vnet: the guest uses none of systemd-networkd, netplan, ifupdown or NetworkManager; configure its network yourself (auto_config: false)' >&2; exit 3
            fi
            echo "configuring with $tool"

            """);
        if (configured.Count == 0)
        {
            return script.ToString();
        }

        // systemd-networkd: one .network file per NIC, named to sort before distribution files.
        script.Append("if [ \"$tool\" = networkd ]; then\n  mkdir -p /etc/systemd/network\n");
        foreach (var network in configured)
        {
            var body = new StringBuilder($"[Match]\nName={network.Interface}\n\n[Network]\n");
            body.Append(IsDhcp(network.Definition) ? "DHCP=yes\n" : $"Address={Cidr(network.Definition)}\n");
            script.Append(WriteFile($"/etc/systemd/network/05-vnet-{network.Interface}.network", body.ToString(), "  "));
        }

        script.Append("  if networkctl reload 2>/dev/null; then networkctl reconfigure");
        foreach (var network in configured)
        {
            script.Append(' ').Append(network.Interface);
        }

        script.Append("; else systemctl restart systemd-networkd; fi\nfi\n");

        // netplan: one file for all of vnet's NICs.
        var plan = new StringBuilder("network:\n  version: 2\n  ethernets:\n");
        foreach (var network in configured)
        {
            plan.Append($"    {network.Interface}:\n");
            plan.Append(IsDhcp(network.Definition)
                ? (IsV6(network.Definition) ? "      dhcp6: true\n" : "      dhcp4: true\n")
                : $"      addresses: [\"{Cidr(network.Definition)}\"]\n");
        }

        script.Append("if [ \"$tool\" = netplan ]; then\n");
        script.Append(WriteFile("/etc/netplan/60-vnet.yaml", plan.ToString(), "  "));
        script.Append("  chmod 600 /etc/netplan/60-vnet.yaml\n  netplan apply\nfi\n");

        // ifupdown: a marked block per NIC in /etc/network/interfaces.
        script.Append("if [ \"$tool\" = ifupdown ]; then\n");
        foreach (var network in configured)
        {
            var name = network.Interface;
            var definition = network.Definition;
            var family = IsV6(definition) ? "inet6" : "inet";
            var block = new StringBuilder($"# VNET-BEGIN {name}\nauto {name}\n");
            if (IsDhcp(definition))
            {
                block.Append($"iface {name} {family} dhcp\n");
            }
            else
            {
                block.Append($"iface {name} {family} static\n    address {definition.Ip}\n    netmask {(IsV6(definition) ? Prefix(definition).ToString(System.Globalization.CultureInfo.InvariantCulture) : Netmask(definition))}\n");
            }

            block.Append($"# VNET-END {name}\n");
            script.Append($"  ifdown {name} >/dev/null 2>&1 || true\n");
            script.Append($"  awk '/^# VNET-BEGIN {name}$/ {{ skip = 1 }} !skip {{ print }} /^# VNET-END {name}$/ {{ skip = 0 }}' /etc/network/interfaces > /etc/network/interfaces.vnet\n");
            script.Append("  cat /etc/network/interfaces.vnet > /etc/network/interfaces\n  rm -f /etc/network/interfaces.vnet\n");
            script.Append(AppendFile("/etc/network/interfaces", block.ToString(), "  "));
            script.Append($"  ip addr flush dev {name} >/dev/null 2>&1 || true\n  ifup {name}\n");
        }

        script.Append("fi\n");

        // NetworkManager: one connection per NIC.
        script.Append("if [ \"$tool\" = nm ]; then\n");
        foreach (var network in configured)
        {
            var name = network.Interface;
            var definition = network.Definition;
            var settings = IsDhcp(definition)
                ? (IsV6(definition) ? "ipv6.method auto" : "ipv4.method auto")
                : IsV6(definition) ? $"ipv6.method manual ipv6.addresses {Cidr(definition)}" : $"ipv4.method manual ipv4.addresses {Cidr(definition)}";
            script.Append($"  nmcli connection delete vnet-{name} >/dev/null 2>&1 || true\n");
            script.Append($"  nmcli connection add type ethernet con-name vnet-{name} ifname {name} {settings} connection.autoconnect yes\n");
            script.Append($"  nmcli connection up vnet-{name}\n");
        }

        script.Append("fi\n");
        return script.ToString();
    }

    /// <summary>Address with prefix length, such as <c>10.20.30.10/24</c>.</summary>
    public static string Cidr(NetworkDefinition network) =>
        $"{Address(network)}/{Prefix(network)}";

    /// <summary>The prefix length from <c>netmask</c> (dotted or a length); /24 for IPv4 and /64 for IPv6 when unset.</summary>
    public static int Prefix(NetworkDefinition network)
    {
        if (network.Netmask is null)
        {
            return IsV6(network) ? 64 : 24;
        }

        if (int.TryParse(network.Netmask, out var length))
        {
            return length;
        }

        var bytes = IPAddress.Parse(network.Netmask).GetAddressBytes();
        return bytes.Sum(b => System.Numerics.BitOperations.PopCount(b));
    }

    /// <summary>The dotted IPv4 netmask.</summary>
    public static string Netmask(NetworkDefinition network)
    {
        var prefix = Prefix(network);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return string.Join('.', new[] { mask >> 24, (mask >> 16) & 255, (mask >> 8) & 255, mask & 255 });
    }

    private static string Address(NetworkDefinition network) =>
        network.Ip is { } ip && IPAddress.TryParse(ip, out var address)
            ? address.ToString()
            : throw new VnetException($"The static network needs an IP address, got '{network.Ip}'.");

    private static bool IsDhcp(NetworkDefinition network) => network.Type == "dhcp" || network.Ip is null;

    private static bool IsV6(NetworkDefinition network) =>
        network.Ip is { } ip && IPAddress.TryParse(ip, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static string WriteFile(string path, string content, string indent) =>
        $"{indent}cat > {path} <<'VNET_EOF'\n{content}VNET_EOF\n";

    private static string AppendFile(string path, string content, string indent) =>
        $"{indent}cat >> {path} <<'VNET_EOF'\n{content}VNET_EOF\n";

    [GeneratedRegex("^[A-Za-z0-9_.:@-]{1,15}$")]
    private static partial Regex InterfacePattern();
}
