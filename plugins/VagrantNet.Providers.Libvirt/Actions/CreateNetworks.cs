using System.Net;
using Microsoft.Extensions.Logging;
using VagrantNet.Providers.Libvirt.Networks;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Makes sure every network the NICs join exists and is active: the management network
/// (vagrant-libvirt's NAT + DHCP one) and the private networks. Each network it creates is recorded, with the UUID vnet
/// gives it, in the creation journal and in the host's <see cref="Driver.CreatedNetworks"/> before it is defined, and
/// carries the machine's tag: a failed or killed <c>up</c> removes it and nothing else, and destroy removes it once no
/// domain uses it.
/// </summary>
public sealed class CreateNetworks : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var config = context.LibvirtConfig();
        var driver = context.Driver();

        // Machines of one project come up in parallel and share networks: create each once.
        await using (await context.Machine.Host.LockAsync("libvirt-networks", TimeSpan.FromMinutes(2), context.Cancellation).ConfigureAwait(false))
        {
            foreach (var nic in context.Get(LibvirtKeys.Nics).Where(n => n.Network is not null).DistinctBy(n => n.Network))
            {
                using var existing = driver.FindNetwork(nic.Network!);
                if (existing is not null)
                {
                    if (CreationOptions(nic) is { Count: > 0 } unused)
                    {
                        context.Ui.Warn($"Network '{nic.Network}' exists, so {string.Join(", ", unused)} (used when vnet creates a network) are not applied to it.");
                    }

                    if (!existing.IsActive())
                    {
                        existing.Create();
                    }

                    continue;
                }

                var uuid = Guid.NewGuid().ToString();
                var spec = Spec(context, config, nic) with { Uuid = uuid, Owner = OwnerOf(context) };
                context.Ui.Info($"Creating network '{spec.Name}' ({(spec.IsLayer2 ? "no host address" : spec.Subnet.ToString())}, {spec.ForwardMode}).");
                context.Get(LibvirtKeys.Journal).RecordNetwork(spec.Name, uuid);
                driver.CreatedNetworks.Add(uuid);
                var xml = NetworkXmlBuilder.Build(spec);
                context.Machine.Logger.LogDebug("Defining network {Network}:\n{Xml}", spec.Name, xml);
                using var created = driver.CreateNetwork(xml, autostart: Autostart(config, nic));
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private static NetworkSpec Spec(ActionContext context, LibvirtConfig config, PlannedNic nic)
    {
        if (nic.IsManagement)
        {
            return new NetworkSpec(nic.Network!, IPNetwork.Parse(config.ManagementNetworkAddress!), config.ManagementNetworkMode!, Dhcp: true)
            {
                DomainName = config.ManagementNetworkDomain,
                Mtu = config.ManagementNetworkMtu,
                GuestIpv6 = config.ManagementNetworkGuestIpv6 != "no",
            };
        }

        var network = nic.Definition!;
        var options = network.OptionsFor(LibvirtConfig.Name);
        var forward = NetworkOptions.Text(options, "forward_mode") ?? "nat";
        var subnet = PlanNetworkInterfaces.Subnet(network, options);
        if (subnet is null && forward != NetworkSpec.VeryIsolated)
        {
            throw new LibvirtProviderException($"Machine '{context.Machine.Name}': the private network '{nic.Network}' does not exist and cannot be created without an ip (set ip:, libvirt__network_name of an existing network, or libvirt__forward_mode \"veryisolated\" for a switch with no address on the host).");
        }

        IPAddress? Address(string key) => NetworkOptions.Text(options, key) is { } text ? IPAddress.Parse(text) : null;
        return new NetworkSpec(nic.Network!, forward == NetworkSpec.VeryIsolated ? null : subnet, forward, Dhcp: NetworkOptions.Flag(options, "dhcp_enabled") != false)
        {
            HostIp = Address("host_ip"),
            DhcpFirst = Address("dhcp_start"),
            DhcpLast = Address("dhcp_stop"),
            DomainName = NetworkOptions.Text(options, "domain_name"),
            Mtu = (int?)NetworkOptions.Integer(options, "mtu"),
            GuestIpv6 = NetworkOptions.Flag(options, "guest_ipv6") != false,
            Ipv6 = NetworkOptions.Text(options, "ipv6_address") is { } v6 && NetworkOptions.Integer(options, "ipv6_prefix") is { } prefix ? (IPAddress.Parse(v6), (int)prefix) : null,
            ForwardDevice = NetworkOptions.Text(options, "forward_device"),
            BridgeStp = NetworkOptions.Flag(options, "bridge_stp") != false,
            BridgeDelay = (int)(NetworkOptions.Integer(options, "bridge_delay") ?? 0),
            TftpRoot = NetworkOptions.Text(options, "tftp_root"),
            BootpFile = NetworkOptions.Text(options, "dhcp_bootp_file"),
            BootpServer = NetworkOptions.Text(options, "dhcp_bootp_server"),
        };
    }

    /// <summary>Whether the NIC's network starts with the host (management_network_autostart, or the network's <c>libvirt__autostart</c>).</summary>
    private static bool Autostart(LibvirtConfig config, PlannedNic nic) =>
        nic.IsManagement ? config.ManagementNetworkAutostart == true : NetworkOptions.Flag(nic.Definition!.OptionsFor(LibvirtConfig.Name), "autostart") == true;

    /// <summary>
    /// The options that shape a network vnet creates, given on a NIC whose network already exists: they are not applied
    /// to it (vagrant-libvirt uses them only when creating), which the user is told.
    /// </summary>
    private static IReadOnlyList<string> CreationOptions(PlannedNic nic)
    {
        if (nic.IsManagement)
        {
            return [];
        }

        var options = nic.Definition!.OptionsFor(LibvirtConfig.Name);
        return [.. NetworkOptions.NetworkKeys.Where(k => k is not ("network_name" or "netmask" or "network_address" or "always_destroy") && options.ContainsKey(k))
            .Append(options.ContainsKey("mtu") ? "mtu" : null).OfType<string>().Select(k => LibvirtConfig.Name + "__" + k)];
    }

    /// <summary>The tag vnet writes into what it makes for this machine.</summary>
    internal static OwnerTag OwnerOf(ActionContext context) => new(context.Machine.ProjectDirectory, context.Machine.Name);
}
