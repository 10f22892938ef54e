using System.Net;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Makes sure every network the NICs join exists and is active: the management network
/// (vagrant-libvirt's NAT + DHCP one) and the private networks. Networks it creates are recorded in
/// <c>created_networks</c>, so destroy removes them once nothing else uses them.
/// </summary>
public sealed class CreateNetworks : IAction, IRecoverable
{
    private readonly List<string> _createdNow = [];

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

                var spec = Spec(context, config, nic);
                context.Ui.Info($"Creating network '{spec.Name}' ({spec.Subnet}, {spec.ForwardMode}).");
                using var created = driver.CreateNetwork(NetworkXmlBuilder.Build(spec), autostart: nic.IsManagement && config.ManagementNetworkAutostart == true);
                _createdNow.Add(spec.Name);
                context.Provider().CreatedNetworks.Add(spec.Name);
            }
        }

        if (_createdNow.Count > 0)
        {
            var recorded = (context.Machine.ReadState("created_networks") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            context.Machine.WriteState("created_networks", string.Join('\n', recorded.Concat(_createdNow).Distinct()) + "\n");
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

    public Task RecoverAsync(ActionContext context, Exception error)
    {
        if (_createdNow.Count == 0 || !context.GetOrDefault(CommandKeys.DestroyOnError, true))
        {
            return Task.CompletedTask;
        }

        var driver = context.Driver();
        var inUse = driver.NetworksInUse(context.GetOrDefault(LibvirtKeys.DomainName));
        foreach (var name in _createdNow.Where(n => !inUse.Contains(n)))
        {
            using var network = driver.FindNetwork(name);
            if (network is not null)
            {
                if (network.IsActive())
                {
                    network.Destroy();
                }

                network.Undefine();
            }

            context.Provider().CreatedNetworks.Remove(name);
        }

        var left = (context.Machine.ReadState("created_networks") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries).Except(_createdNow).ToList();
        if (left.Count == 0)
        {
            context.Machine.DeleteState("created_networks");
        }
        else
        {
            context.Machine.WriteState("created_networks", string.Join('\n', left) + "\n");
        }

        return Task.CompletedTask;
    }
}
