using System.Net;
using Microsoft.Extensions.Logging;
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
                    if (!existing.IsActive())
                    {
                        existing.Create();
                    }

                    continue;
                }

                var uuid = Guid.NewGuid().ToString();
                var spec = Spec(context, config, nic) with { Uuid = uuid, Owner = OwnerOf(context) };
                context.Ui.Info($"Creating network '{spec.Name}' ({spec.Subnet}, {spec.ForwardMode}).");
                context.Get(LibvirtKeys.Journal).RecordNetwork(spec.Name, uuid);
                driver.CreatedNetworks.Add(uuid);
                var xml = NetworkXmlBuilder.Build(spec);
                context.Machine.Logger.LogDebug("Defining network {Network}:\n{Xml}", spec.Name, xml);
                using var created = driver.CreateNetwork(xml, autostart: nic.IsManagement && config.ManagementNetworkAutostart == true);
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private static NetworkSpec Spec(ActionContext context, LibvirtConfig config, PlannedNic nic)
    {
        if (nic.IsManagement)
        {
            return new NetworkSpec(nic.Network!, IPNetwork.Parse(config.ManagementNetworkAddress!), config.ManagementNetworkMode!, Dhcp: true);
        }

        var network = nic.Definition!;
        var options = network.OptionsFor(LibvirtConfig.Name);
        var subnet = PlanNetworkInterfaces.Subnet(network, options)
            ?? throw new LibvirtProviderException($"Machine '{context.Machine.Name}': the private network '{nic.Network}' does not exist and cannot be created without an ip (set ip:, or libvirt__network_name of an existing network).");
        var forward = PlanNetworkInterfaces.Option(options, "forward_mode") ?? "nat";
        var dhcp = PlanNetworkInterfaces.Option(options, "dhcp_enabled") is not ("false" or "False");
        return new NetworkSpec(nic.Network!, subnet, forward, dhcp);
    }

    /// <summary>The tag vnet writes into what it makes for this machine.</summary>
    internal static OwnerTag OwnerOf(ActionContext context) => new(context.Machine.ProjectDirectory, context.Machine.Name);
}
